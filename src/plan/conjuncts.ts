/** Helpers that look at the shape of WHERE/ON conditions. None of them descends into subqueries (they are uncorrelated). */
import type { Expr } from '../sql/ir.js';
import type { SourceScope } from './scope.js';

/** `a AND (b AND c)` → [a, b, c]; `x BETWEEN l AND h` → [x >= l, x <= h] (same meaning, and each half can be pushed). */
export function splitConjuncts(expr: Expr | undefined): Expr[] {
  if (expr === undefined) return [];
  if (expr.kind === 'Binary' && expr.op === 'AND') return [...splitConjuncts(expr.left), ...splitConjuncts(expr.right)];
  if (expr.kind === 'Between' && !expr.negated) {
    return [
      { kind: 'Binary', op: '>=', left: expr.operand, right: expr.low },
      { kind: 'Binary', op: '<=', left: expr.operand, right: expr.high },
    ];
  }
  return [expr];
}

/** Direct children, without entering subqueries. */
export function childrenOf(e: Expr): Expr[] {
  switch (e.kind) {
    case 'Literal':
    case 'Param':
    case 'ColumnRef':
    case 'ScalarSubquery':
    case 'Exists':
      return [];
    case 'Unary':
    case 'IsNull':
    case 'Cast':
    case 'InSubquery':
      return [e.operand];
    case 'Binary':
      return [e.left, e.right];
    case 'Like':
      return [e.operand, e.pattern, ...(e.escape ? [e.escape] : [])];
    case 'InList':
      return [e.operand, ...e.items];
    case 'Between':
      return [e.operand, e.low, e.high];
    case 'Case':
      return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'Function':
      return [...e.args];
    case 'Aggregate':
      return e.arg ? [e.arg] : [];
    case 'Window':
      return [...e.args, ...e.partitionBy, ...e.orderBy.map((o) => o.expr)];
  }
}

export function someNode(e: Expr, test: (e: Expr) => boolean): boolean {
  return test(e) || childrenOf(e).some((c) => someNode(c, test));
}

export function containsAggregate(e: Expr): boolean {
  return someNode(e, (x) => x.kind === 'Aggregate');
}

/** Bindings (table indexes) an expression reads. Aggregate arguments count too. */
export function bindingsOf(e: Expr, scope: SourceScope): Set<number> {
  const out = new Set<number>();
  const visit = (x: Expr): void => {
    if (x.kind === 'ColumnRef') out.add(scope.resolve(x).binding);
    childrenOf(x).forEach(visit);
  };
  visit(e);
  return out;
}

/** A key equal for expressions that mean the same thing (`c.Name` and `Name` when they resolve alike). */
const subqueryIds = new WeakMap<object, number>();
let subqueryCount = 0;

export function exprKey(e: Expr, scope: SourceScope): string {
  return JSON.stringify(e, (k, v: unknown) => {
    // A subquery has its own scope: identify it by identity instead of resolving its columns here.
    if (k === 'query' && v !== null && typeof v === 'object') {
      if (!subqueryIds.has(v)) subqueryIds.set(v, ++subqueryCount);
      return `#subquery${subqueryIds.get(v)}`;
    }
    if (v !== null && typeof v === 'object' && (v as Expr).kind === 'ColumnRef') return `#col${scope.resolve(v as Expr & { kind: 'ColumnRef' }).slot}`;
    if (v instanceof Date) return `#date${v.getTime()}`;
    return v;
  });
}
