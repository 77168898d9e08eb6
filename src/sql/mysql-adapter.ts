/**
 * The only module that touches node-sql-parser. It parses the rewritten text with the MySQL
 * grammar and converts the untyped AST into our IR at once, rejecting every construct we do not
 * implement (never silently dropping a clause). Errors point at the user's original text.
 */
import { createRequire } from 'node:module';
import type { ColumnType, Value } from '../catalog/types.js';
import { PlanError, SqlSyntaxError } from '../errors.js';
import type { AggregateName, ComparisonOp, Expr, FrameBound, FromClause, Join, JoinType, OrderItem, WindowFrame, WindowFunctionName, QueryExpr, SelectItem, SelectStatement, SetOperator, Statement, TableRef } from './ir.js';
import { TUPLE_FUNCTION } from './ir.js';
import { CAST_TYPE_OF_SPELLING, DISTINCT_AGGREGATE_PREFIX, NULLS_FIRST_FN, NULLS_LAST_FN, type RewrittenStatement } from './dialect-rewrite.js';
import { DATE_PART_FUNCTIONS, DATE_PART_SPELLINGS } from './date-part-names.js';
import { positionOf } from './position.js';
import { buildChain, type ChainItem, type InfixOp } from './precedence.js';
import type { Token } from './tokenizer.js';

// node-sql-parser's AST is untyped; `Ast` never leaves this file.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ast = any;

interface MySqlParser {
  astify(sql: string, options?: { parseOptions?: { includeLocations?: boolean } }): Ast;
}

let parser: MySqlParser | undefined;
function getParser(): MySqlParser {
  // The per-dialect build loads in ~16 ms instead of ~80 ms for every dialect.
  if (parser === undefined) {
    const require = createRequire(import.meta.url);
    const { Parser } = require('node-sql-parser/build/mysql') as { Parser: new () => MySqlParser };
    parser = new Parser();
  }
  return parser;
}

let grammarRuns = 0;
/** How many statements the grammar has parsed in this process (tests count it to prove a cache hit). */
export function grammarRunCount(): number {
  return grammarRuns;
}

export function parseWithMySqlGrammar(sql: string, rewritten: RewrittenStatement): Statement {
  const converter = new AstConverter(sql, rewritten);
  let ast: Ast;
  grammarRuns++;
  try {
    ast = getParser().astify(rewritten.text, { parseOptions: { includeLocations: true } });
  } catch (error) {
    if (error instanceof RangeError) throw new PlanError('The statement is nested too deeply to parse; simplify it (see README, SQL limits)');
    const offset: unknown = (error as Ast)?.location?.start?.offset;
    if (typeof offset !== 'number') {
      // Some checks in the grammar throw plain errors without a location.
      const message = String((error as Error)?.message ?? error).replace(/^Error: /, '');
      throw converter.syntaxError(`Syntax error: ${message}`, rewritten.pieces[0]?.token ?? rewritten.endToken);
    }
    const token = converter.tokenAt(offset);
    const found = token.kind === 'eof' || token.text === ';' ? 'end of statement' : `"${token.text}"`;
    throw converter.syntaxError(`Syntax error: unexpected ${found}`, token);
  }
  const statements: Ast[] = Array.isArray(ast) ? ast : [ast];
  if (statements.length !== 1) throw converter.syntaxError('Expected one statement', rewritten.endToken);
  return converter.statement(statements[0]);
}

const WINDOW_FUNCTIONS = new Set<WindowFunctionName>(['ROW_NUMBER', 'RANK', 'DENSE_RANK', 'NTILE', 'LAG', 'LEAD', 'FIRST_VALUE', 'LAST_VALUE', 'SUM', 'COUNT', 'AVG', 'MIN', 'MAX']);

/** Grammar operators that are infix operators of a chain, with our spelling. */
const CHAIN_INFIX: Record<string, InfixOp> = {
  AND: 'AND', OR: 'OR', '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
  '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', MOD: '%', '||': '||',
};
const POSTFIX_OPS = new Set(['LIKE', 'NOT LIKE', 'IN', 'NOT IN', 'BETWEEN', 'NOT BETWEEN', 'IS', 'IS NOT']);

const JOIN_TYPES: Record<string, JoinType> = { JOIN: 'Inner', 'INNER JOIN': 'Inner', 'LEFT JOIN': 'Left', 'RIGHT JOIN': 'Right', 'FULL JOIN': 'Full' };

/** The name a set operation's result goes by when it is wrapped as `SELECT * FROM (...)`. */
export const SET_RESULT_NAME = 'set_result';

const COMPARISONS: Record<string, ComparisonOp> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const AGGREGATES = new Set<AggregateName>(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);

class AstConverter {
  constructor(
    private readonly sql: string,
    private readonly rewritten: RewrittenStatement,
  ) {}

  /** The user's token at an offset of the rewritten text. */
  tokenAt(offset: number): Token {
    for (const piece of this.rewritten.pieces) if (piece.outEnd > offset) return piece.token;
    return this.rewritten.endToken;
  }

  syntaxError(message: string, token: Token): SqlSyntaxError {
    const { line, column } = positionOf(this.sql, token.start);
    return new SqlSyntaxError(message, line, column);
  }

  private fail(message: string, node?: Ast): never {
    const offset: unknown = node?.loc?.start?.offset;
    const token = typeof offset === 'number' ? this.tokenAt(offset) : (this.rewritten.pieces[0]?.token ?? this.rewritten.endToken);
    throw this.syntaxError(message, token);
  }

  statement(ast: Ast): Statement {
    switch (ast?.type) {
      case 'select':
        return this.select(ast);
      case 'insert':
        return this.insert(ast);
      case 'update':
        return this.update(ast);
      case 'delete':
        return this.delete(ast);
      default:
        return this.fail(`Unsupported statement ${String(ast?.type ?? '').toUpperCase()}`, ast);
    }
  }

  /** WITH queries in scope, innermost last; a name refers to the latest definition. */
  private readonly ctes: Map<string, { name: string; query: QueryExpr }>[] = [];

  /** A SELECT, a set operation (wrapped in `SELECT * FROM (...)` so it reads like one) or a WITH query. */
  select(ast: Ast): SelectStatement {
    const query = this.query(ast);
    return query.kind === 'Select' ? query : this.wrapQuery(query, {});
  }

  /** Like select(), but keeps a bare set operation as such. */
  private query(ast: Ast): QueryExpr {
    if (!ast.with) return this.setOperation(ast);
    const scope = new Map<string, { name: string; query: QueryExpr }>();
    this.ctes.push(scope);
    try {
      for (const cte of ast.with as Ast[]) {
        if (cte.recursive) this.fail('WITH RECURSIVE is not supported', cte);
        const name = this.name(cte.name) ?? this.fail('Expected a name for the WITH query', cte);
        let query = this.query(cte.stmt?.ast ?? cte.stmt);
        const columns = ((cte.columns ?? []) as Ast[]).map((c) => this.name(c.column ?? c) ?? this.fail('Expected a column name', cte));
        if (columns.length > 0) query = this.renameOutputs(query, columns, cte);
        scope.set(name.toLowerCase(), { name, query });
      }
      return this.setOperation({ ...ast, with: null });
    } finally {
      this.ctes.pop();
    }
  }

  /** `a UNION b EXCEPT c ORDER BY 1 LIMIT 5`: left-associative; the last operand's ORDER BY and LIMIT apply to the whole. */
  private setOperation(ast: Ast): QueryExpr {
    if (!ast._next) return this.selectCore(ast);
    const operands: Ast[] = [];
    const ops: string[] = [];
    for (let node: Ast = ast; node; node = node._next) {
      operands.push(node);
      if (node._next) ops.push(String(node.set_op ?? 'union').toUpperCase());
    }
    const last = operands[operands.length - 1];
    const trailing = { orderby: last.orderby, limit: last.limit };
    operands[operands.length - 1] = { ...last, orderby: null, limit: null };
    for (const operand of operands.slice(0, -1)) {
      if (operand.orderby || operand.limit?.value?.length) this.fail('ORDER BY and LIMIT of a set operation go after its last SELECT', operand);
    }
    let query: QueryExpr = this.selectCore({ ...operands[0], _next: null, set_op: null });
    ops.forEach((spelled, i) => {
      const match = /^(UNION|INTERSECT|EXCEPT|MINUS)( ALL| DISTINCT)?$/.exec(spelled);
      if (match === null) this.fail(`${spelled} is not supported`, operands[i + 1]);
      const op: SetOperator = match![1] === 'UNION' ? 'Union' : match![1] === 'INTERSECT' ? 'Intersect' : 'Except';
      const right = this.selectCore({ ...operands[i + 1], _next: null, set_op: null });
      const all = match![2] === ' ALL' || (op !== 'Union' && this.allBefore(operands[i + 1]));
      query = { kind: 'SetOperation', op, all, left: query, right };
    });
    if (!trailing.orderby && !trailing.limit?.value?.length) return query;
    return this.wrapQuery(query, trailing);
  }

  /** Whether the user wrote ALL right after the set operator that precedes this operand (the rewrite drops it for INTERSECT/EXCEPT). */
  private allBefore(operand: Ast): boolean {
    const offset: unknown = operand?.loc?.start?.offset;
    if (typeof offset !== 'number') return false;
    const at = this.rewritten.pieces.findIndex((p) => p.outEnd > offset);
    const operator = at > 0 ? this.rewritten.pieces[at - 1]!.token : undefined;
    if (operator === undefined || !/^(INTERSECT|EXCEPT)$/i.test(operator.text)) return false;
    return /^\s*ALL\b/i.test(this.sql.slice(operator.end));
  }

  /** `SELECT * FROM (query) [ORDER BY ... LIMIT ...]`. */
  private wrapQuery(query: QueryExpr, trailing: { orderby?: Ast; limit?: Ast }): SelectStatement {
    const { limit, offset } = this.limit(trailing.limit);
    return {
      kind: 'Select',
      distinct: false,
      items: [{ kind: 'Star' }],
      from: { kind: 'From', table: { kind: 'TableRef', name: SET_RESULT_NAME, query }, joins: [] },
      groupBy: [],
      orderBy: ((trailing.orderby ?? []) as Ast[]).map((item) => this.orderItem(item)),
      ...(limit ? { limit } : {}),
      ...(offset ? { offset } : {}),
    };
  }

  /** `WITH q (a, b) AS (...)`: the column list names the outputs. */
  private renameOutputs(query: QueryExpr, columns: readonly string[], node: Ast): QueryExpr {
    if (query.kind === 'SetOperation') return { ...query, left: this.renameOutputs(query.left, columns, node) };
    if (query.items.some((i) => i.kind === 'Star') || query.items.length !== columns.length) {
      this.fail(`The column list of a WITH query needs one name per selected expression (no *)`, node);
    }
    return { ...query, items: query.items.map((item, i) => (item.kind === 'SelectExpr' ? { ...item, alias: columns[i]! } : item)) };
  }

  private selectCore(ast: Ast): SelectStatement {
    if (ast.with) {
      const query = this.query(ast);
      return query.kind === 'Select' ? query : this.wrapQuery(query, {});
    }
    if (ast._next || ast.set_op) this.fail(`${String(ast.set_op ?? 'UNION').toUpperCase()} is not supported here`, ast);
    if (ast.into?.position || ast.into?.expr) this.fail('SELECT INTO is not supported', ast);
    if (ast.locking_read) this.fail(`${ast.locking_read} is not supported`, ast);
    if (ast.window) this.fail('WINDOW is not supported', ast);
    if (ast.options && ast.options.length > 0) this.fail('SELECT options are not supported', ast);
    if (ast.groupby?.modifiers?.some((m: Ast) => m !== null)) this.fail('GROUP BY modifiers (WITH ROLLUP) are not supported', ast);
    const items: SelectItem[] = (ast.columns as Ast[]).map((column) => this.selectItem(column));
    const from = ast.from ? this.from(ast.from as Ast[]) : undefined;
    const orderBy: OrderItem[] = ((ast.orderby ?? []) as Ast[]).map((item) => this.orderItem(item));
    const { limit, offset } = this.limit(ast.limit);
    return {
      kind: 'Select',
      distinct: ast.distinct === 'DISTINCT',
      items,
      ...(from ? { from } : {}),
      ...(ast.where ? { where: this.expr(ast.where) } : {}),
      groupBy: ((ast.groupby?.columns ?? []) as Ast[]).map((e) => this.expr(e)),
      ...(ast.having ? { having: this.expr(ast.having) } : {}),
      orderBy,
      ...(limit ? { limit } : {}),
      ...(offset ? { offset } : {}),
    };
  }

  private selectItem(column: Ast): SelectItem {
    const expr = column.expr;
    if (expr?.type === 'column_ref' && expr.column === '*') {
      if (expr.db || expr.schema) this.fail('Qualified names (a.b.*) are not supported; write table.*', expr);
      if (column.as) this.fail('* cannot have an alias', expr);
      const table = this.name(expr.table);
      return table === undefined ? { kind: 'Star' } : { kind: 'Star', table };
    }
    const alias = this.name(column.as);
    return alias === undefined ? { kind: 'SelectExpr', expr: this.expr(expr) } : { kind: 'SelectExpr', expr: this.expr(expr), alias };
  }

  private from(items: Ast[]): FromClause {
    const [first, ...rest] = items;
    if (first.join) this.fail('FROM must start with a table', first);
    const joins: Join[] = rest.map((item) => {
      const table = this.tableRef(item);
      const kind: string | undefined = item.join;
      if (item.using) this.fail('JOIN ... USING is not supported; use ON', item);
      if (kind === undefined || kind === 'CROSS JOIN') {
        if (item.on) this.fail('CROSS JOIN cannot have ON', item);
        return { kind: 'Join', type: 'Cross', table };
      }
      const type = JOIN_TYPES[kind.replace(/ OUTER /, ' ')];
      if (type === undefined) this.fail(`${kind} is not supported`, item);
      if (!item.on) this.fail(`${kind} needs an ON condition`, item);
      return { kind: 'Join', type: type!, table, on: this.expr(item.on) };
    });
    return { kind: 'From', table: this.tableRef(first), joins };
  }

  private tableRef(item: Ast): TableRef {
    if (item.expr) return this.derivedTable(item);
    if (item.db) this.fail(`Qualified table names (${item.db}.${item.table}) are not supported; write the table name alone`, item);
    const name = this.name(item.table);
    if (name === undefined) this.fail('Expected a table name', item);
    const alias = this.name(item.as);
    const cte = this.cteNamed(name!);
    if (cte) return { kind: 'TableRef', name: cte.name, ...(alias !== undefined ? { alias } : {}), query: cte.query };
    return alias === undefined ? { kind: 'TableRef', name: name! } : { kind: 'TableRef', name: name!, alias };
  }

  private cteNamed(name: string): { name: string; query: QueryExpr } | undefined {
    for (let i = this.ctes.length - 1; i >= 0; i--) {
      const found = this.ctes[i]!.get(name.toLowerCase());
      if (found) return found;
    }
    return undefined;
  }

  /** `(SELECT ...) AS d` in FROM. */
  private derivedTable(item: Ast): TableRef {
    const ast = item.expr?.ast;
    if (ast?.type !== 'select') this.fail('Expected a SELECT subquery in FROM', item);
    const alias = this.name(item.as);
    if (alias === undefined) this.fail('A subquery in FROM needs an alias: (SELECT ...) AS name', item);
    return { kind: 'TableRef', name: alias!, query: this.query(ast) };
  }

  private orderItem(item: Ast): OrderItem {
    let expr = item.expr;
    let nulls: 'First' | 'Last' | undefined;
    const fn = this.functionName(expr);
    if (fn === NULLS_FIRST_FN || fn === NULLS_LAST_FN) {
      nulls = fn === NULLS_FIRST_FN ? 'First' : 'Last';
      expr = expr.args.value[0];
    }
    const converted: OrderItem = { kind: 'OrderItem', expr: this.expr(expr), desc: item.type === 'DESC' };
    return nulls ? { ...converted, nulls } : converted;
  }

  private limit(limit: Ast): { limit?: Expr; offset?: Expr } {
    const values: Ast[] = limit?.value ?? [];
    if (values.length === 0) return {};
    if (values.length === 1) return { limit: this.expr(values[0]) };
    // MySQL's `LIMIT offset, count` puts the offset first.
    if (limit.seperator === ',') return { offset: this.expr(values[0]), limit: this.expr(values[1]) };
    return { limit: this.expr(values[0]), offset: this.expr(values[1]) };
  }

  private insert(ast: Ast): Statement {
    if (ast.on_duplicate_update) this.fail('ON DUPLICATE KEY UPDATE is not supported', ast);
    if (ast.partition) this.fail('PARTITION is not supported', ast);
    const table = this.tableRef(ast.table[0]);
    const columns: string[] = ((ast.columns ?? []) as Ast[]).map((c) => this.name(c) ?? this.fail('Expected a column name', ast));
    if (columns.length === 0) this.fail('INSERT needs a column list: INSERT INTO t (a, b) VALUES (...)', ast);
    if (ast.values?.type === 'select') return { kind: 'Insert', table, columns, rows: [], select: this.select(ast.values) };
    if (ast.values?.type !== 'values') this.fail('INSERT supports VALUES and SELECT', ast);
    const rows = (ast.values.values as Ast[]).map((row) => {
      const values = (row.value as Ast[]).map((e) => this.expr(e));
      if (values.length !== columns.length) this.fail(`INSERT has ${columns.length} columns but a row has ${values.length} values`, row);
      return values;
    });
    return { kind: 'Insert', table, columns, rows };
  }

  private update(ast: Ast): Statement {
    if (ast.orderby || ast.limit) this.fail('UPDATE with ORDER BY/LIMIT is not supported', ast);
    if (ast.from) this.fail('UPDATE ... FROM is not supported', ast);
    if (ast.table.length !== 1 || ast.table[0].join) this.fail('UPDATE takes one table', ast);
    const assignments = (ast.set as Ast[]).map((s) => ({ column: this.name(s.column) ?? this.fail('Expected a column', s), value: this.expr(s.value) }));
    const table = this.tableRef(ast.table[0]);
    return { kind: 'Update', table, assignments, ...(ast.where ? { where: this.expr(ast.where) } : {}) };
  }

  private delete(ast: Ast): Statement {
    if (ast.orderby || ast.limit) this.fail('DELETE with ORDER BY/LIMIT is not supported', ast);
    const from: Ast[] = ast.from ?? [];
    if (from.length !== 1 || from[0].join) this.fail('DELETE takes one table', ast);
    const table = this.tableRef(from[0]);
    return { kind: 'Delete', table, ...(ast.where ? { where: this.expr(ast.where) } : {}) };
  }

  /** Identifier text from the several shapes the grammar produces. */
  private name(node: Ast): string | undefined {
    if (node === null || node === undefined) return undefined;
    // Identifiers reach the grammar backtick-quoted with `` for `; the grammar keeps them raw.
    if (typeof node === 'string') return node.replace(/``/g, '`');
    if (typeof node.value === 'string') return node.value.replace(/``/g, '`');
    if (node.expr && typeof node.expr.value === 'string') return node.expr.value.replace(/``/g, '`');
    return undefined;
  }

  private functionName(node: Ast): string | undefined {
    if (node?.type !== 'function') return undefined;
    const parts: Ast[] = node.name?.name ?? [];
    return parts.map((p) => String(p.value)).join('.').toUpperCase();
  }

  private marker(name: string, node: Ast): Expr {
    const literal = /^__L(\d+)$/.exec(name);
    if (literal) return { kind: 'Literal', value: this.rewritten.literals[Number(literal[1])] as Value };
    const param = /^__P(\d+)$/.exec(name);
    if (param) return { kind: 'Param', ref: this.rewritten.params[Number(param[1])]! };
    return this.fail(`Unexpected :${name}`, node);
  }

  expr(node: Ast): Expr {
    if (node === null || node === undefined) return this.fail('Expected an expression');
    if (node.ast) {
      if (node.ast.type !== 'select') this.fail('Expected a SELECT subquery', node.ast);
      return { kind: 'ScalarSubquery', query: this.select(node.ast) };
    }
    switch (node.type) {
      case 'param':
        return this.marker(String(node.value), node);
      case 'single_quote_string':
        // Only ESCAPE strings reach the grammar as strings; their text is a literal index.
        return { kind: 'Literal', value: this.rewritten.literals[Number(node.value)] as Value };
      case 'number':
        return { kind: 'Literal', value: Number(node.value) };
      case 'bool':
        return { kind: 'Literal', value: Boolean(node.value) };
      case 'null':
        return { kind: 'Literal', value: null };
      case 'column_ref': {
        if (node.db || node.schema) this.fail('Qualified column names (a.b.c) are not supported; write table.column', node);
        const column = this.name(node.column);
        if (column === undefined || column === '*') return this.fail('* is not allowed here', node);
        const table = this.name(node.table);
        return table === undefined ? { kind: 'ColumnRef', column } : { kind: 'ColumnRef', table, column };
      }
      case 'unary_expr':
        if (String(node.operator).toUpperCase() === 'NOT EXISTS') return this.notExists(node);
        return this.operatorChain(node);
      case 'binary_expr':
        return this.operatorChain(node);
      case 'function':
        return this.function(node);
      case 'aggr_func':
        return this.aggregate(node);
      case 'case': {
        const whens: { when: Expr; then: Expr }[] = [];
        let elseExpr: Expr | undefined;
        for (const arg of node.args as Ast[]) {
          if (arg.type === 'when') whens.push({ when: this.expr(arg.cond), then: this.expr(arg.result) });
          else elseExpr = this.expr(arg.result);
        }
        return {
          kind: 'Case',
          ...(node.expr ? { operand: this.expr(node.expr) } : {}),
          whens,
          ...(elseExpr ? { else: elseExpr } : {}),
        };
      }
      case 'cast': {
        const spelled = String(node.target?.[0]?.dataType ?? '').toUpperCase();
        if (spelled === 'DATE') return { kind: 'Function', name: 'DATE', args: [this.expr(node.expr)] };
        const type: ColumnType | undefined = CAST_TYPE_OF_SPELLING[spelled];
        if (type === undefined) return this.fail(`Unknown type ${spelled}`, node);
        return { kind: 'Cast', operand: this.expr(node.expr), type };
      }
      case 'expr_list':
        return this.fail('Row values (a, b) are not supported', node);
      default:
        if (node.type === undefined && node.expr?.column === '*') return this.fail('* is not allowed here; write a condition or a column', node);
        if (node.type === undefined) return this.fail('Expected an expression', node);
        return this.fail(`Unsupported expression ${String(node.type)}`, node);
    }
  }

  /**
   * An operator expression: flatten the grammar's tree back into text order (stopping at
   * parentheses) and rebuild it with SQL Server's precedence (see precedence.ts).
   */
  private operatorChain(root: Ast): Expr {
    const items: ChainItem<Ast, Ast>[] = [];
    // Iterative in-order walk: a flat chain of thousands of terms must not use the JS stack.
    const work: ({ node: Ast } | { item: ChainItem<Ast, Ast> })[] = [{ node: root }];
    while (work.length > 0) {
      const next = work.pop()!;
      if ('item' in next) {
        items.push(next.item);
        continue;
      }
      const node = next.node;
      const open = node === root || node?.parentheses !== true;
      const op = String(node?.operator ?? '').toUpperCase();
      if (open && node?.type === 'unary_expr' && (op === 'NOT' || op === '!' || op === '-' || op === '+')) {
        items.push({ kind: 'prefix', op: op === '!' ? 'NOT' : (op as '-' | '+') });
        work.push({ node: node.expr });
      } else if (open && node?.type === 'binary_expr' && CHAIN_INFIX[op] !== undefined) {
        work.push({ node: node.right }, { item: { kind: 'infix', op: CHAIN_INFIX[op]! } }, { node: node.left });
      } else if (open && this.functionName(node) === 'NOT' && node.args?.value?.length === 1 && !node.over) {
        // `NOT (x) = 1` reaches us as the call NOT(x) = 1; SQL reads it as NOT ((x) = 1).
        work.push({ item: { kind: 'operand', value: node.args.value[0] } });
        items.push({ kind: 'prefix', op: 'NOT' });
      } else if (open && node?.type === 'binary_expr' && POSTFIX_OPS.has(op)) {
        work.push({ item: { kind: 'postfix', value: node } }, { node: node.left });
      } else {
        items.push({ kind: 'operand', value: node });
      }
    }
    return buildChain<Ast, Ast, Expr>(items, {
      operand: (node) => (node?.type === 'unary_expr' || node?.type === 'binary_expr' ? this.operatorOperand(node) : this.expr(node)),
      prefix: (op, operand) => ({ kind: 'Unary', op, operand }),
      infix: (op, left, right) => ({ kind: 'Binary', op, left, right }),
      postfix: (node, left) => this.predicate(node, left),
      malformed: () => this.fail('Malformed expression', root),
    });
  }

  /** `NOT EXISTS (SELECT ...)`, which the grammar reads as one unary operator. */
  private notExists(node: Ast): Expr {
    if (node.expr?.ast?.type !== 'select') this.fail('NOT EXISTS takes a SELECT subquery', node);
    return { kind: 'Unary', op: 'NOT', operand: { kind: 'Exists', query: this.select(node.expr.ast) } };
  }

  /** A parenthesised operator expression, or one with an operator we do not support. */
  private operatorOperand(node: Ast): Expr {
    const op = String(node.operator).toUpperCase();
    if (node.type === 'unary_expr' && op === 'NOT EXISTS') return this.notExists(node);
    if (node.type === 'unary_expr' ? !['NOT', '!', '-', '+'].includes(op) : CHAIN_INFIX[op] === undefined && !POSTFIX_OPS.has(op)) {
      return this.fail(`Operator ${op} is not supported`, node);
    }
    return this.operatorChain(node);
  }

  /** LIKE, IN, BETWEEN and IS NULL applied to an already converted left operand. */
  private predicate(node: Ast, operand: Expr): Expr {
    const op = String(node.operator).toUpperCase();
    if (op === 'LIKE' || op === 'NOT LIKE') {
      const escape = node.right?.escape?.value;
      const pattern = this.expr({ ...node.right, escape: undefined });
      return { kind: 'Like', operand, pattern, ...(escape ? { escape: this.expr(escape) } : {}), negated: op === 'NOT LIKE' };
    }
    if (op === 'IN' || op === 'NOT IN') {
      const negated = op === 'NOT IN';
      const values: Ast[] = node.right?.type === 'expr_list' ? node.right.value : [node.right];
      if (values.length === 1 && values[0]?.ast) {
        if (values[0].ast.type !== 'select') this.fail('Expected a SELECT subquery', values[0].ast);
        return { kind: 'InSubquery', operand, query: this.select(values[0].ast), negated };
      }
      const collapsed = values.length === 1 && values[0]?.type === 'param' ? /^__V(\d+)$/.exec(String(values[0].value)) : null;
      if (collapsed) return { kind: 'InList', operand, items: this.rewritten.valueLists[Number(collapsed[1])]!, negated };
      return { kind: 'InList', operand, items: values.map((v) => this.expr(v)), negated };
    }
    if (op === 'BETWEEN' || op === 'NOT BETWEEN') {
      const [low, high] = node.right.value as Ast[];
      return { kind: 'Between', operand, low: this.expr(low), high: this.expr(high), negated: op === 'NOT BETWEEN' };
    }
    // IS / IS NOT
    if (node.right?.type !== 'null') this.fail(`${op} supports NULL only`, node);
    return { kind: 'IsNull', operand, negated: op === 'IS NOT' };
  }

  private function(node: Ast): Expr {
    const name = this.functionName(node) ?? '';
    if (node.over) return this.window(name, ((node.args?.value ?? []) as Ast[]).map((a) => this.expr(a)), node);
    const args: Ast[] = node.args?.value ?? [];
    if (name === NULLS_FIRST_FN || name === NULLS_LAST_FN) return this.fail('NULLS FIRST/LAST is only allowed in ORDER BY', node);
    if (name === 'NOT' && args.length === 1) return { kind: 'Unary', op: 'NOT', operand: this.expr(args[0]) };
    if (name === 'EXISTS') {
      const query = args[0]?.ast;
      if (args.length !== 1 || query?.type !== 'select') this.fail('EXISTS takes a SELECT subquery', node);
      return { kind: 'Exists', query: this.select(query) };
    }
    if (name.startsWith(DISTINCT_AGGREGATE_PREFIX)) {
      const aggregate = name.slice(DISTINCT_AGGREGATE_PREFIX.length) as AggregateName;
      if (args.length !== 1) this.fail(`${aggregate} takes one argument`, node);
      return { kind: 'Aggregate', name: aggregate, arg: this.expr(args[0]), distinct: true };
    }
    if (args.some((a) => a?.type === 'origin')) this.fail(`Unsupported syntax in ${name}(...)`, node);
    if (DATE_PART_FUNCTIONS.has(name) && args.length > 0) return { kind: 'Function', name, args: [this.datePart(name, args[0]), ...args.slice(1).map((a) => this.expr(a))] };
    return { kind: 'Function', name, args: args.map((a) => this.expr(a)) };
  }

  /** `f(...) OVER (PARTITION BY ... ORDER BY ... [ROWS frame])`. */
  private window(name: string, args: Expr[], node: Ast): Expr {
    if (!WINDOW_FUNCTIONS.has(name as WindowFunctionName)) this.fail(`${name} is not a window function`, node);
    const spec = node.over?.as_window_specification?.window_specification;
    if (spec === undefined) this.fail('Named windows (OVER w) are not supported; write OVER (...)', node);
    const partitionBy = ((spec.partitionby ?? []) as Ast[]).map((p) => this.expr(p.expr));
    const orderBy = ((spec.orderby ?? []) as Ast[]).map((o) => this.orderItem(o));
    const frame = spec.window_frame_clause ? this.windowFrame(spec.window_frame_clause) : undefined;
    return { kind: 'Window', name: name as WindowFunctionName, args, partitionBy, orderBy, ...(frame ? { frame } : {}) };
  }

  private windowFrame(clause: Ast): WindowFrame {
    const bound = (b: Ast): FrameBound => {
      const text = String(b?.value ?? '').trim().toUpperCase();
      if (text === 'UNBOUNDED PRECEDING') return { kind: 'UnboundedPreceding' };
      if (text === 'UNBOUNDED FOLLOWING') return { kind: 'UnboundedFollowing' };
      if (text === 'CURRENT ROW') return { kind: 'CurrentRow' };
      const m = /^(\d+) (PRECEDING|FOLLOWING)$/.exec(text);
      if (m === null) return this.fail(`Unsupported window frame bound ${text}`, clause);
      return { kind: m[2] === 'PRECEDING' ? 'Preceding' : 'Following', offset: Number(m[1]) };
    };
    if (clause.type === 'rows') return { unit: 'Rows', start: bound(clause.expr), end: { kind: 'CurrentRow' } };
    const unit = String(clause.left?.value ?? '').toUpperCase();
    if (clause.operator !== 'BETWEEN' || unit !== 'ROWS') this.fail('Unsupported window frame; use ROWS BETWEEN ... AND ...', clause);
    const [start, end] = (clause.right.value as Ast[]).map(bound) as [FrameBound, FrameBound];
    const offset: unknown = clause.loc?.start?.offset;
    if (typeof offset === 'number' && this.tokenAt(offset).text.toUpperCase() === 'RANGE') {
      if (start.kind === 'Preceding' || start.kind === 'Following' || end.kind === 'Preceding' || end.kind === 'Following') {
        this.fail('RANGE frames take UNBOUNDED PRECEDING, CURRENT ROW or UNBOUNDED FOLLOWING; use ROWS for row offsets', clause);
      }
      return { unit: 'Range', start, end };
    }
    return { unit: 'Rows', start, end };
  }

  /** `DATEADD(day, ...)`: a bare word in first place names a date part, never a column. */
  private datePart(fn: string, node: Ast): Expr {
    if (node?.type !== 'column_ref' || node.table) return this.expr(node);
    const word = this.name(node.column) ?? '';
    if (!Object.hasOwn(DATE_PART_SPELLINGS, word.toLowerCase())) {
      this.fail(`${fn}: unknown date part ${word}; use year, quarter, month, week, day, hour, minute or second`, node);
    }
    return { kind: 'Literal', value: word.toLowerCase() };
  }

  private aggregate(node: Ast): Expr {
    const name = String(node.name).toUpperCase() as AggregateName;
    if (node.over) {
      if (node.args?.distinct === 'DISTINCT') this.fail(`${name}(DISTINCT ...) OVER is not supported`, node);
      const arg = node.args?.expr;
      const star = arg?.type === 'star' || (arg?.expr?.type === 'column_ref' && arg.expr.column === '*');
      if (star && name !== 'COUNT') this.fail(`${name}(*) is not valid; only COUNT(*)`, node);
      return this.window(name, star ? [] : [this.expr(arg)], node);
    }
    if (!AGGREGATES.has(name)) return this.fail(`Aggregate ${name} is not supported`, node);
    const arg = node.args?.expr;
    const distinct = node.args?.distinct === 'DISTINCT';
    if (node.args?.orderby || node.args?.separator) this.fail(`${name} options are not supported`, node);
    if (arg?.type === 'star' || (arg?.expr?.type === 'column_ref' && arg.expr.column === '*')) {
      if (name !== 'COUNT' || distinct) this.fail(`${name}(*) is not valid; only COUNT(*)`, node);
      return { kind: 'Aggregate', name, distinct: false };
    }
    if (arg?.type === 'expr_list') {
      const items: Ast[] = arg.value ?? [];
      if (name !== 'COUNT' || !distinct || items.length < 2) return this.fail(`${name} takes one argument${name === 'COUNT' ? ' (several only as COUNT(DISTINCT a, b))' : ''}`, node);
      return { kind: 'Aggregate', name, arg: { kind: 'Function', name: TUPLE_FUNCTION, args: items.map((a) => this.expr(a)) }, distinct };
    }
    return { kind: 'Aggregate', name, arg: this.expr(arg), distinct };
  }
}
