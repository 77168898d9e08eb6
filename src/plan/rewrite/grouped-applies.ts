/**
 * A rewrite for grouped queries: a correlated subquery read after grouping (in SELECT, HAVING or
 * ORDER BY; a scalar, EXISTS, or `x [NOT] IN` with x made of GROUP BY keys) that no join form covers, and whose outer columns are all GROUP BY keys, becomes
 * `MIN(subquery)`. Its answer depends on the group's keys only, so it is the same on every row of a
 * group: the subquery runs as an Apply before grouping (once per distinct key), and MIN takes that
 * one value (NULL when it is NULL). An output column keeps the name it had.
 */
import { formatExpr } from '../../sql/format.js';
import type { Expr, SelectItem, SelectStatement } from '../../sql/ir.js';
import { containsAggregate, someNode } from '../conjuncts.js';
import { isSubqueryExpr, outerRefsOf } from '../outer-refs.js';
import type { SourceScope } from '../scope.js';
import { mapChildren } from '../../sql/transform.js';

export function groupedSubqueriesAsAggregates(select: SelectStatement, scope: SourceScope, innerScope: (query: SelectStatement) => SourceScope): SelectStatement {
  if (select.groupBy.length === 0) return select;
  const columnOf = (e: Expr): string | undefined => {
    if (e.kind !== 'ColumnRef') return undefined;
    try {
      const r = scope.resolve(e);
      return `${r.binding}.${r.column}`;
    } catch {
      return undefined; // an output alias or ordinal: not a key this can match
    }
  };
  const keys = new Set(select.groupBy.map(columnOf).filter((k): k is string => k !== undefined));
  if (keys.size === 0) return select;
  const m = (e: Expr): Expr => {
    // Inside an aggregate a subquery is read before grouping already.
    if (e.kind === 'Aggregate') return e;
    if (e.kind === 'ScalarSubquery' || e.kind === 'Exists' || e.kind === 'InSubquery') {
      const refs = outerRefsOf(e.query, [innerScope(e.query)], scope, innerScope);
      // `x IN (…)` is read per row too: x must be made of GROUP BY keys alone.
      const operandOk = e.kind !== 'InSubquery' || (!containsAggregate(e.operand) && !someNode(e.operand, (x) => isSubqueryExpr(x) || (x.kind === 'ColumnRef' && !keys.has(columnOf(x) ?? ''))));
      const onKeys = refs.length > 0 && refs.every((r) => keys.has(columnOf(r) ?? '')) && operandOk;
      return onKeys ? { kind: 'Aggregate', name: 'MIN', arg: e, distinct: false } : e.kind === 'InSubquery' ? { ...e, operand: m(e.operand) } : e;
    }
    return mapChildren(e, m);
  };
  const items = select.items.map((i): SelectItem => {
    if (i.kind !== 'SelectExpr') return i;
    const expr = m(i.expr);
    return expr === i.expr ? i : { ...i, expr, alias: i.alias ?? formatExpr(i.expr) };
  });
  const having = select.having === undefined ? undefined : m(select.having);
  const orderBy = select.orderBy.map((o) => ({ ...o, expr: m(o.expr) }));
  return { ...select, items, ...(having !== undefined ? { having } : {}), orderBy };
}
