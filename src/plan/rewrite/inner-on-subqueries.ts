/**
 * A rewrite: the conditions of an INNER join's ON that hold a subquery move to WHERE, where
 * correlated subqueries are decorrelated or run as an Apply. For an INNER join, ON and WHERE filter
 * the same rows, unless a later RIGHT or FULL join brings rows back after it: then ON stays as written.
 */
import type { Expr, Join, SelectStatement } from '../../sql/ir.js';
import { someNode, splitConjuncts } from '../conjuncts.js';

export function innerOnSubqueriesToWhere(select: SelectStatement): SelectStatement {
  const joins = select.from?.joins;
  if (joins === undefined || !joins.some((j) => j.on !== undefined && hasSubquery(j.on))) return select;
  const moved: Expr[] = [];
  const rewritten = joins.map((join, i): Join => {
    if (join.on === undefined || (join.type !== 'Inner' && join.type !== 'Cross')) return join;
    if (joins.slice(i + 1).some((later) => later.type === 'Right' || later.type === 'Full')) return join;
    const conjuncts = splitConjuncts(join.on);
    const [withSubquery, rest] = [conjuncts.filter(hasSubquery), conjuncts.filter((c) => !hasSubquery(c))];
    if (withSubquery.length === 0) return join;
    moved.push(...withSubquery);
    const { on: _on, ...withoutOn } = join;
    return rest.length === 0 ? withoutOn : { ...join, on: andAll(rest) };
  });
  if (moved.length === 0) return select;
  const where = andAll(select.where === undefined ? moved : [select.where, ...moved]);
  return { ...select, from: { ...select.from!, joins: rewritten }, where };
}

function hasSubquery(e: Expr): boolean {
  return someNode(e, (x) => x.kind === 'Exists' || x.kind === 'ScalarSubquery' || x.kind === 'InSubquery');
}

function andAll(exprs: readonly Expr[]): Expr {
  return exprs.reduce((left, right) => ({ kind: 'Binary', op: 'AND', left, right }));
}
