/**
 * A rewrite pass for correlated EXISTS in WHERE: a semi-join on one equality becomes an IN subquery,
 * which then runs once (and is offered to the outer scan as an IN list) instead of once per row:
 *   EXISTS (SELECT … FROM u WHERE u.b = t.a AND rest)     → t.a IN (SELECT u.b FROM u WHERE rest AND u.b IS NOT NULL)
 *   NOT EXISTS (SELECT … FROM u WHERE u.b = t.a AND rest) → t.a IS NULL OR NOT t.a IN (SELECT u.b …)
 * The IS NOT NULL keeps NOT IN's NULL rule out of it, so the result is exactly EXISTS's. Any other
 * correlated EXISTS (several correlations, TOP/LIMIT, inside OR) is left to decorrelate-subqueries.
 */
import { PlanError } from '../../errors.js';
import { nestedOuterRefs } from '../outer-refs.js';
import type { ColumnRefExpr, Expr, SelectStatement } from '../../sql/ir.js';
import { containsAggregate, someNode, splitConjuncts } from '../conjuncts.js';
import type { SourceScope } from '../scope.js';

export function decorrelateExists(conjunct: Expr, outer: SourceScope, innerScope: (query: SelectStatement) => SourceScope): Expr {
  const negated = conjunct.kind === 'Unary' && conjunct.op === 'NOT' && conjunct.operand.kind === 'Exists';
  const exists = negated ? (conjunct as Expr & { kind: 'Unary' }).operand : conjunct;
  if (exists.kind !== 'Exists') return conjunct;
  const query = exists.query;
  const inner = innerScope(query);
  const isOuter = (ref: ColumnRefExpr): boolean => {
    try {
      inner.resolve(ref);
      return false;
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      // An unknown column stays an error: from the point of view of the query whose table it names
      // (`x.Nme` with x inside: Campaigns has no Nme), else of the inner query when neither has it.
      if (ref.table !== undefined && inner.bindingNamed(ref.table) !== undefined) throw error;
      try {
        outer.resolve(ref);
      } catch (outerError) {
        throw ref.table !== undefined && outer.bindingNamed(ref.table) !== undefined ? outerError : error;
      }
      return true;
    }
  };
  const readsOuter = (e: Expr): boolean => someNode(e, (x) => x.kind === 'ColumnRef' && isOuter(x));
  const conjuncts = splitConjuncts(query.where);
  const correlated = conjuncts.filter(readsOuter);
  if (correlated.length === 0) return conjunct;
  // A subquery inside it that reads the outer query leaves it to an Apply (decorrelate-subqueries).
  if (nestedOuterRefs(query, outer, innerScope).length > 0) return conjunct;

  // Anything else is left to decorrelate-subqueries (a LEFT JOIN of the matching keys), or its error.
  if (correlated.length > 1) return conjunct;
  if (query.groupBy.length > 0 || query.having || query.limit || query.offset || query.items.some((i) => i.kind === 'SelectExpr' && containsAggregate(i.expr))) return conjunct;
  const c = correlated[0]!;
  if (c.kind !== 'Binary' || c.op !== '=') return conjunct;
  const [outerRef, innerSide] =
    c.left.kind === 'ColumnRef' && isOuter(c.left) && !readsOuter(c.right) ? [c.left, c.right] : c.right.kind === 'ColumnRef' && isOuter(c.right) && !readsOuter(c.left) ? [c.right, c.left] : [undefined, undefined];
  if (outerRef === undefined || innerSide === undefined) return conjunct;
  // The select list and ORDER BY are replaced below; ON must not read the outer query.
  if (query.from?.joins.some((j) => j.on && readsOuter(j.on))) return conjunct;

  const rest = conjuncts.filter((x) => x !== c);
  const notNull: Expr = { kind: 'IsNull', operand: innerSide, negated: true };
  const semi: SelectStatement = {
    ...query,
    distinct: false,
    items: [{ kind: 'SelectExpr', expr: innerSide }],
    where: [...rest, notNull].reduce((a, b) => ({ kind: 'Binary', op: 'AND', left: a, right: b })),
    orderBy: [],
  };
  const isIn: Expr = { kind: 'InSubquery', operand: outerRef, query: semi, negated: false };
  if (!negated) return isIn;
  return { kind: 'Binary', op: 'OR', left: { kind: 'IsNull', operand: outerRef, negated: false }, right: { kind: 'Unary', op: 'NOT', operand: isIn } };
}
