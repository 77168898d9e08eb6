/**
 * How the expressions of one plan node read their input tuple, as data: the slot of every column
 * reference and of every expression computed upstream (a GROUP BY key, an aggregate), and the
 * subquery each subquery expression reads. Keys are the IR nodes themselves (by identity), so the
 * planner binds once and the compiler in exec/ needs no name resolution.
 */
import type { ColumnType } from '../catalog/types.js';
import type { Expr } from '../sql/ir.js';

export interface SlotRef {
  readonly slot: number;
  readonly type: ColumnType;
}

export interface SubqueryRef {
  /** Index into the statement's subquery results. */
  readonly index: number;
  readonly type: ColumnType;
}

export interface ExprScope {
  readonly slots: ReadonlyMap<Expr, SlotRef>;
  readonly subqueries: ReadonlyMap<Expr, SubqueryRef>;
  /** Why aggregates are not allowed here (`WHERE`), for the error message. */
  readonly context: string;
}

/** An expression together with the scope it was bound in. */
export interface BoundExpr {
  readonly expr: Expr;
  readonly scope: ExprScope;
  readonly type: ColumnType;
  /** SQL text, for EXPLAIN. */
  readonly text: string;
}

/** `a AND b AND …` of conditions bound separately, read through the union of their scopes. */
export function conjunction(parts: readonly [BoundExpr, ...BoundExpr[]]): BoundExpr {
  if (parts.length === 1) return parts[0];
  const expr = parts.map((p) => p.expr).reduce((left, right) => ({ kind: 'Binary', op: 'AND', left, right }));
  const scope: ExprScope = {
    slots: new Map(parts.flatMap((p) => [...p.scope.slots])),
    subqueries: new Map(parts.flatMap((p) => [...p.scope.subqueries])),
    context: parts[0].scope.context,
  };
  return { expr, scope, type: 'Boolean', text: conjunctText(parts) };
}

/** The text of `a AND b AND …`, an OR among them in parentheses (it binds looser than AND). */
export function conjunctText(parts: readonly BoundExpr[]): string {
  return parts.map((p) => (p.expr.kind === 'Binary' && p.expr.op === 'OR' ? `(${p.text})` : p.text)).join(' AND ');
}
