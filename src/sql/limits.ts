/**
 * The documented limits on one statement (README "SQL limits"). They keep parsing and planning
 * near-linear and within the JS stack; past one, the statement fails with a PlanError that names
 * the limit, before any API call.
 */
import { PlanError } from '../errors.js';
import type { Expr, SelectStatement, Statement } from './ir.js';

export const SQL_LIMITS = {
  /** Characters in the whole SQL text handed to one query() call. */
  statementLength: 262_144,
  /** Nesting of an expression tree (a chain `1+1+…` of n terms nests n deep; AND/OR runs are balanced and nest log n). */
  expressionDepth: 1_000,
  /** Open parentheses inside one another. */
  parenthesesDepth: 200,
  /** Tables joined in one SELECT (the FROM table plus its JOINs), subqueries counted separately. */
  joins: 64,
  /** Table references in the whole statement: every FROM and JOIN of every block, subquery and CTE. Bounds planning. */
  tableReferences: 256,
  /** Items in one select list. */
  selectItems: 4_096,
  /** Values in one IN (...) list. */
  inValues: 10_000,
} as const;

export function limitError(what: string, found: number, limit: number): PlanError {
  return new PlanError(`${what}: ${found} is more than the limit of ${limit} (see README, SQL limits)`);
}

export function checkStatementLength(sql: string): void {
  if (sql.length > SQL_LIMITS.statementLength) throw limitError('SQL text too long (characters)', sql.length, SQL_LIMITS.statementLength);
}

/**
 * Walks a statement iteratively (no recursion: it runs before anything that recurses) and checks
 * expression depth, joins, select items and IN lists.
 */
export function checkStatementLimits(statement: Statement): void {
  const stack: { node: unknown; depth: number }[] = [{ node: statement, depth: 0 }];
  let tableReferences = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const child of node) stack.push({ node: child, depth });
      continue;
    }
    const kind = (node as { kind?: unknown }).kind;
    const own = isExpr(kind) ? depth + 1 : depth;
    if (own > SQL_LIMITS.expressionDepth) throw limitError('Expression nested too deeply', own, SQL_LIMITS.expressionDepth);
    if (kind === 'Select') {
      tableReferences += checkSelect(node as SelectStatement);
      if (tableReferences > SQL_LIMITS.tableReferences) throw limitError('Too many table references in one statement', tableReferences, SQL_LIMITS.tableReferences);
    }
    if (kind === 'InList') {
      const items = (node as Extract<Expr, { kind: 'InList' }>).items.length;
      if (items > SQL_LIMITS.inValues) throw limitError('Too many values in IN (...)', items, SQL_LIMITS.inValues);
    }
    // Subqueries are planned on the same JS stack, so their depth adds to the outer one.
    for (const child of Object.values(node)) stack.push({ node: child, depth: own });
  }
}

/** Checks one SELECT block; answers how many tables its FROM names. */
function checkSelect(select: SelectStatement): number {
  if (select.items.length > SQL_LIMITS.selectItems) throw limitError('Too many select-list items', select.items.length, SQL_LIMITS.selectItems);
  const tables = select.from ? 1 + select.from.joins.length : 0;
  if (tables > SQL_LIMITS.joins) throw limitError('Too many tables joined', tables, SQL_LIMITS.joins);
  return tables;
}

const EXPR_KINDS = new Set<string>([
  'Literal', 'Param', 'ColumnRef', 'Unary', 'Binary', 'Like', 'InList', 'InSubquery', 'Between', 'IsNull', 'Case', 'Cast', 'Function',
  'Aggregate', 'ScalarSubquery',
] satisfies Expr['kind'][]);

function isExpr(kind: unknown): boolean {
  return typeof kind === 'string' && EXPR_KINDS.has(kind);
}
