/**
 * Compiles IR expressions into closures over tuples, with their result types.
 * Three-valued logic: a condition is true, false or null (UNKNOWN); callers keep rows only on true.
 */
import type { ColumnType, Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import { parseDateLiteral } from '../sql/date-literal.js';
import type { BinaryOp, ColumnRefExpr, ComparisonOp, ExistsExpr, Expr, InSubqueryExpr, ScalarSubqueryExpr } from '../sql/ir.js';
import { SINGLE_ROW_FUNCTION, TUPLE_FUNCTION } from '../sql/ir.js';
import { didYouMean } from '../text/closest-match.js';
import type { RunEnv, SubqueryResult, Tuple } from './env.js';
import { SCALAR_FUNCTIONS } from './functions.js';
import { TUPLE_OF } from './tuple-function.js';
import { SINGLE_ROW } from './single-row-function.js';
import { OUTER_REF, OUTER_REF_FUNCTION } from './outer-ref-function.js';
import { likeMatcher, type LikeMatcher } from './like.js';
import { ValueMap } from './value-map.js';
import { castValue, coerceForKey, compareValues, toNumber, toText, truth, typeOfValue } from './values.js';

export type Evaluator = (tuple: Tuple, env: RunEnv) => Value;

export interface Compiled {
  readonly evaluate: Evaluator;
  readonly type: ColumnType;
}

export interface CompileScope {
  column(ref: ColumnRefExpr): { slot: number; type: ColumnType };
  /** A slot computed upstream for this whole expression (a GROUP BY key or an aggregate). */
  lookup?(expr: Expr): { slot: number; type: ColumnType } | undefined;
  subquery(expr: InSubqueryExpr | ScalarSubqueryExpr | ExistsExpr): { index: number; type: ColumnType };
  /** Why aggregates are not allowed here (`WHERE`), when they are not. */
  readonly aggregateContext: string;
}

const numericTypes = new Set<ColumnType>(['Int', 'Long', 'Double']);

export function compileExpr(expr: Expr, scope: CompileScope): Compiled {
  const found = scope.lookup?.(expr);
  if (found !== undefined) {
    const slot = found.slot;
    return { evaluate: (t) => t[slot] ?? null, type: found.type };
  }
  const c = (e: Expr): Compiled => compileExpr(e, scope);
  switch (expr.kind) {
    case 'Literal': {
      const value = expr.value;
      return { evaluate: () => value, type: typeOfValue(value) };
    }
    case 'Param':
      throw new PlanError(`Parameter ${expr.ref.kind === 'Named' ? '@' + expr.ref.name : '?'} has no value: bind parameters before planning`);
    case 'ColumnRef': {
      const { slot, type } = scope.column(expr);
      return { evaluate: (t) => t[slot] ?? null, type };
    }
    case 'Unary': {
      const operand = c(expr.operand);
      const f = operand.evaluate;
      if (expr.op === 'NOT') {
        return {
          evaluate: (t, env) => {
            const v = truth(f(t, env));
            return v === null ? null : !v;
          },
          type: 'Boolean',
        };
      }
      const negate = expr.op === '-';
      return {
        evaluate: (t, env) => {
          const v = f(t, env);
          if (v === null) return null;
          const n = toNumber(v, `${expr.op}${toText(v)}`);
          return negate ? -n : n;
        },
        type: numericTypes.has(operand.type) ? operand.type : 'Double',
      };
    }
    case 'Binary':
      return compileBinary(expr.op, expr.left, expr.right, scope);
    case 'Like': {
      const operand = c(expr.operand).evaluate;
      const pattern = c(expr.pattern).evaluate;
      const escape = expr.escape ? c(expr.escape).evaluate : undefined;
      const negated = expr.negated;
      // A literal pattern is compiled on first use (not at plan time: a bad one fails only if a row is tested).
      const constant = expr.pattern.kind === 'Literal' && (expr.escape === undefined || expr.escape.kind === 'Literal');
      let compiled: LikeMatcher | undefined;
      return {
        evaluate: (t, env) => {
          const v = operand(t, env);
          const p = pattern(t, env);
          const e = escape ? escape(t, env) : undefined;
          if (v === null || p === null || e === null) return null;
          const matches = compiled ?? likeMatcher(toText(p), e === undefined ? undefined : toText(e));
          if (constant) compiled = matches;
          return matches(toText(v)) !== negated;
        },
        type: 'Boolean',
      };
    }
    case 'InList': {
      const operand = c(expr.operand).evaluate;
      const items = expr.items.map((i) => c(i).evaluate);
      const negated = expr.negated;
      return {
        evaluate: (t, env) => {
          const v = operand(t, env);
          if (v === null) return null;
          let unknown = false;
          for (const item of items) {
            const w = item(t, env);
            const cmp = w === null ? null : compareValues(v, w);
            if (cmp === 0) return !negated;
            if (cmp === null) unknown = true;
          }
          return unknown ? null : negated;
        },
        type: 'Boolean',
      };
    }
    case 'InSubquery': {
      const operand = c(expr.operand);
      const { index } = scope.subquery(expr);
      const negated = expr.negated;
      const f = operand.evaluate;
      const keysFor = keySetCache(operand.type);
      return {
        evaluate: (t, env) => {
          const result = env.subqueries[index]!;
          if (result.values.length === 0) return negated;
          const v = f(t, env);
          if (v === null) return null;
          if (keysFor(result).has(coerceForKey(v, operand.type))) return !negated;
          return result.hasNull ? null : negated;
        },
        type: 'Boolean',
      };
    }
    case 'Between': {
      const operand = c(expr.operand).evaluate;
      const low = c(expr.low).evaluate;
      const high = c(expr.high).evaluate;
      const negated = expr.negated;
      return {
        evaluate: (t, env) => {
          const v = operand(t, env);
          const a = kleeneAnd(ge(v, low(t, env)), ge(high(t, env), v));
          return a === null ? null : a !== negated;
        },
        type: 'Boolean',
      };
    }
    case 'IsNull': {
      const f = c(expr.operand).evaluate;
      const negated = expr.negated;
      return { evaluate: (t, env) => (f(t, env) === null) !== negated, type: 'Boolean' };
    }
    case 'Case': {
      const operand = expr.operand ? c(expr.operand).evaluate : undefined;
      const whens = expr.whens.map((w) => ({ when: c(w.when).evaluate, then: c(w.then) }));
      const otherwise = expr.else ? c(expr.else) : undefined;
      const branchExprs = [...expr.whens.map((w) => w.then), ...(expr.else ? [expr.else] : [])];
      const type = branchType(branchExprs, [...whens.map((w) => w.then), ...(otherwise ? [otherwise] : [])]);
      const thens = whens.map((w) => coerceBranch(w.then, type));
      const elseBranch = otherwise ? coerceBranch(otherwise, type) : undefined;
      return {
        evaluate: (t, env) => {
          const subject = operand?.(t, env);
          for (let i = 0; i < whens.length; i++) {
            const cond = whens[i]!.when(t, env);
            const hit = operand ? subject !== null && cond !== null && compareValues(subject!, cond) === 0 : truth(cond) === true;
            if (hit) return thens[i]!(t, env);
          }
          return elseBranch ? elseBranch(t, env) : null;
        },
        type,
      };
    }
    case 'Cast': {
      const f = c(expr.operand).evaluate;
      const type = expr.type;
      return { evaluate: (t, env) => castValue(f(t, env), type), type };
    }
    case 'Function': {
      const fn = expr.name === TUPLE_FUNCTION ? TUPLE_OF : expr.name === SINGLE_ROW_FUNCTION ? SINGLE_ROW : expr.name === OUTER_REF_FUNCTION ? OUTER_REF : SCALAR_FUNCTIONS[expr.name];
      if (fn === undefined) {
        throw new PlanError(`Unknown function ${expr.name}.${didYouMean(expr.name, Object.keys(SCALAR_FUNCTIONS))}`);
      }
      if (expr.args.length < fn.minArgs || expr.args.length > fn.maxArgs) {
        const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
        throw new PlanError(`${expr.name} takes ${expected} argument(s), not ${expr.args.length}`);
      }
      const args = expr.args.map(c);
      const branches = BRANCH_ARGS[expr.name];
      const type = branches === undefined ? fn.resultType(args.map((a) => a.type)) : branchType(branches(expr.args), branches(args));
      const branchIndexes = new Set(branches?.(args.map((_a, i) => i)) ?? []);
      const fs = args.map((a, i) => (branchIndexes.has(i) ? coerceBranch(a, type) : a.evaluate));
      return {
        evaluate: (t, env) => {
          const values: Value[] = new Array<Value>(fs.length);
          for (let i = 0; i < fs.length; i++) values[i] = fs[i]!(t, env);
          return fn.call(values, env);
        },
        type,
      };
    }
    case 'Aggregate':
      throw new PlanError(`Aggregate ${expr.name}() is not allowed in ${scope.aggregateContext}`);
    case 'Window':
      throw new PlanError(`Window function ${expr.name}() is not allowed in ${scope.aggregateContext}; use it in the select list or ORDER BY`);
    case 'Exists': {
      // Planned with LIMIT 1: one row is enough to know.
      const { index } = scope.subquery(expr);
      return { evaluate: (_t, env) => env.subqueries[index]!.values.length > 0, type: 'Boolean' };
    }
    case 'ScalarSubquery': {
      const { index, type } = scope.subquery(expr);
      return { evaluate: (_t, env) => env.subqueries[index]!.values[0] ?? null, type };
    }
  }
}

/** The arguments of each branching function that can be its result. */
const BRANCH_ARGS: Readonly<Record<string, <T>(args: readonly T[]) => readonly T[]>> = {
  COALESCE: (args) => args,
  IFNULL: (args) => args,
  ISNULL: (args) => args,
  NULLIF: (args) => args.slice(0, 1),
  IIF: (args) => args.slice(1),
};

/**
 * The type of CASE, COALESCE, ISNULL, IFNULL, NULLIF and IIF: that of the first branch that is
 * not a NULL or string literal (String when there is none). Literal strings in the other
 * branches are read as that type, so `COALESCE(EndTime, '2030-01-01')` is a Datetime.
 */
function branchType(exprs: readonly Expr[], compiled: readonly Compiled[]): ColumnType {
  for (let i = 0; i < exprs.length; i++) {
    const e = exprs[i]!;
    if (e.kind === 'Literal' && (e.value === null || typeof e.value === 'string')) continue;
    return compiled[i]!.type;
  }
  return 'String';
}

/** A branch's values as the result type: strings become dates or numbers when they read as one. */
function coerceBranch(branch: Compiled, type: ColumnType): Evaluator {
  const f = branch.evaluate;
  if (branch.type === type || type === 'String') return f;
  return (t, env) => {
    const v = f(t, env);
    if (typeof v !== 'string') return v;
    const coerced = coerceForKey(v, type);
    return coerced === null ? v : coerced;
  };
}

function ge(a: Value, b: Value): boolean | null {
  if (a === null || b === null) return null;
  const cmp = compareValues(a, b);
  return cmp === null ? null : cmp >= 0;
}

export function kleeneAnd(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}

/** The subquery's values coerced to the operand's type, built once per run. */
function keySetCache(type: ColumnType): (result: SubqueryResult) => ValueMap<true> {
  const cache = new WeakMap<SubqueryResult, ValueMap<true>>();
  return (result) => {
    let keys = cache.get(result);
    if (keys === undefined) {
      keys = new ValueMap<true>();
      for (const v of result.values) if (v !== null) keys.set(coerceForKey(v, type), true);
      cache.set(result, keys);
    }
    return keys;
  };
}

const COMPARE: Record<ComparisonOp, (cmp: number) => boolean> = {
  '=': (x) => x === 0,
  '<>': (x) => x !== 0,
  '<': (x) => x < 0,
  '<=': (x) => x <= 0,
  '>': (x) => x > 0,
  '>=': (x) => x >= 0,
};

function compileBinary(op: BinaryOp, leftExpr: Expr, rightExpr: Expr, scope: CompileScope): Compiled {
  const left = compileExpr(leftExpr, scope);
  const right = compileExpr(rightExpr, scope);
  const l = left.evaluate;
  const r = right.evaluate;
  switch (op) {
    case 'AND':
      return {
        evaluate: (t, env) => {
          const a = truth(l(t, env));
          if (a === false) return false;
          return kleeneAnd(a, truth(r(t, env)));
        },
        type: 'Boolean',
      };
    case 'OR':
      return {
        evaluate: (t, env) => {
          const a = truth(l(t, env));
          if (a === true) return true;
          const b = truth(r(t, env));
          if (b === true) return true;
          return a === null || b === null ? null : false;
        },
        type: 'Boolean',
      };
    case '||':
      return {
        evaluate: (t, env) => {
          const a = l(t, env);
          const b = r(t, env);
          return a === null || b === null ? null : toText(a) + toText(b);
        },
        type: 'String',
      };
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      checkDateLiteral(left, leftExpr, right, rightExpr);
      checkDateLiteral(right, rightExpr, left, leftExpr);
      const test = COMPARE[op];
      return {
        evaluate: (t, env) => {
          const a = l(t, env);
          const b = r(t, env);
          if (a === null || b === null) return null;
          const cmp = compareValues(a, b);
          return cmp === null ? null : test(cmp);
        },
        type: 'Boolean',
      };
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      const label = `${op}`;
      const type: ColumnType =
        op === '/' ? 'Double' : left.type === 'Double' || right.type === 'Double' || !numericTypes.has(left.type) || !numericTypes.has(right.type) ? 'Double' : left.type === 'Long' || right.type === 'Long' ? 'Long' : 'Int';
      return {
        evaluate: (t, env) => {
          const a = l(t, env);
          const b = r(t, env);
          if (a === null || b === null) return null;
          const x = toNumber(a, `arithmetic (${label})`);
          const y = toNumber(b, `arithmetic (${label})`);
          switch (op) {
            case '+':
              return x + y;
            case '-':
              return x - y;
            case '*':
              return x * y;
            case '/':
              // Division by zero gives NULL rather than failing the whole query.
              return y === 0 ? null : x / y;
            case '%':
              return y === 0 ? null : x % y;
          }
        },
        type,
      };
    }
  }
}

/** `DatetimeColumn > 'not a date'` is a mistake worth reporting at plan time. */
function checkDateLiteral(column: Compiled, columnExpr: Expr, other: Compiled, otherExpr: Expr): void {
  if (column.type !== 'Datetime' || columnExpr.kind !== 'ColumnRef' || otherExpr.kind !== 'Literal') return;
  const value = otherExpr.value;
  if (typeof value === 'string' && parseDateLiteral(value) === null) {
    throw new PlanError(`'${value}' is not a date for ${columnExpr.column}; write 'YYYY-MM-DD' or ISO 8601 such as '2024-05-01T12:00:00Z'`);
  }
  void other;
}
