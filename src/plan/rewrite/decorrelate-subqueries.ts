/**
 * A rewrite pass for correlated scalar subqueries (in SELECT, WHERE, ORDER BY) and correlated
 * `IN (SELECT …)` conjuncts of WHERE: the subquery is grouped by its correlation keys once, and
 * joined to the outer query, instead of running once per outer row.
 *   (SELECT agg(x) FROM u WHERE u.b = t.a AND rest)
 *     → LEFT JOIN (SELECT u.b AS k1, agg(x) AS v FROM u WHERE rest GROUP BY u.b) s ON s.k1 = t.a, and s.v
 *   t.c IN (SELECT u.x FROM u WHERE u.b = t.a AND rest)
 *     → JOIN (SELECT DISTINCT u.b AS k1, u.x AS v FROM u WHERE rest) s ON s.k1 = t.a AND s.v = t.c
 * An outer row with no group gets what the aggregate gives over no rows: COUNT → 0, a bare
 * SUM/AVG/MIN/MAX → NULL, any other expression → the subquery's own value over no rows.
 */
import { PlanError } from '../../errors.js';
import { formatExpr } from '../../sql/format.js';
import type { ColumnRefExpr, Expr, Join, SelectItem, SelectStatement } from '../../sql/ir.js';
import { mapExpr } from '../../sql/transform.js';
import { containsAggregate, someNode, splitConjuncts } from '../conjuncts.js';
import type { Binding, SourceScope } from '../scope.js';

/** The alias prefix of the joined groups (never a name a user query can see through `*`). */
const ALIAS = '__correlated_';

interface Correlation {
  readonly outer: Expr;
  readonly inner: Expr;
}

export function hasSubquery(select: SelectStatement): boolean {
  const exprs = [...select.items.flatMap((i) => (i.kind === 'SelectExpr' ? [i.expr] : [])), ...(select.where ? [select.where] : []), ...select.orderBy.map((o) => o.expr)];
  return exprs.some((e) => someNode(e, (x) => x.kind === 'ScalarSubquery' || x.kind === 'InSubquery'));
}

export function decorrelateSubqueries(
  select: SelectStatement,
  outer: SourceScope,
  bindings: readonly Binding[],
  innerScope: (query: SelectStatement) => SourceScope,
): SelectStatement {
  if (select.from === undefined) return select;
  const joins: Join[] = [];
  const alias = (): string => `${ALIAS}${joins.length + 1}`;

  /** The correlated conjuncts of a subquery's WHERE as outer = inner pairs, or undefined when it is not correlated. */
  const correlationsOf = (query: SelectStatement, what: string): { correlations: Correlation[]; rest: Expr[] } | undefined => {
    const inner = innerScope(query);
    const isOuter = (ref: ColumnRefExpr): boolean => {
      try {
        inner.resolve(ref);
        return false;
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        outer.resolve(ref); // an unknown column stays an error
        return true;
      }
    };
    const readsOuter = (e: Expr): boolean => someNode(e, (x) => x.kind === 'ColumnRef' && isOuter(x));
    const readsInner = (e: Expr): boolean => someNode(e, (x) => x.kind === 'ColumnRef' && !isOuter(x));
    const conjuncts = splitConjuncts(query.where);
    const correlated = conjuncts.filter(readsOuter);
    const elsewhere = [...query.items.flatMap((i) => (i.kind === 'SelectExpr' ? [i.expr] : [])), ...query.groupBy, ...(query.having ? [query.having] : [])];
    if (correlated.length === 0 && !elsewhere.some(readsOuter)) return undefined;
    const unsupported = (why: string): never => {
      throw new PlanError(`This correlated ${what} is not supported (${why}); correlate through equalities such as u.Id = t.Id in its WHERE`);
    };
    if (elsewhere.some(readsOuter)) unsupported('it reads the outer query outside its WHERE');
    if (query.from?.joins.some((j) => j.on && readsOuter(j.on))) unsupported('it reads the outer query in ON');
    if (query.limit || query.offset) unsupported('it limits its rows');
    const correlations = correlated.map((c): Correlation => {
      if (c.kind !== 'Binary' || c.op !== '=') return unsupported(`${formatExpr(c)} does not compare with =`);
      if (!readsInner(c.left) && readsOuter(c.left) && !readsOuter(c.right)) return { outer: c.left, inner: c.right };
      if (!readsInner(c.right) && readsOuter(c.right) && !readsOuter(c.left)) return { outer: c.right, inner: c.left };
      return unsupported(`one side of ${formatExpr(c)} must read only the outer query and the other only the subquery`);
    });
    return { correlations, rest: conjuncts.filter((c) => !correlated.includes(c)) };
  };
  const and = (conjuncts: readonly Expr[]): Expr | undefined =>
    conjuncts.length === 0 ? undefined : conjuncts.reduce((a, b) => ({ kind: 'Binary', op: 'AND', left: a, right: b }));
  const keyItems = (correlations: readonly Correlation[]): SelectItem[] => correlations.map((c, i) => ({ kind: 'SelectExpr', expr: c.inner, alias: `k${i + 1}` }));
  const ref = (table: string, column: string): ColumnRefExpr => ({ kind: 'ColumnRef', table, column });
  const joinOn = (name: string, correlations: readonly Correlation[], extra: readonly Expr[] = []): Expr =>
    and([...correlations.map((c, i): Expr => ({ kind: 'Binary', op: '=', left: ref(name, `k${i + 1}`), right: c.outer })), ...extra])!;

  const scalar = (e: Expr): Expr => {
    if (e.kind !== 'ScalarSubquery') return e;
    const query = e.query;
    const found = correlationsOf(query, 'scalar subquery');
    if (found === undefined) return e;
    const item = query.items[0];
    if (query.items.length !== 1 || item?.kind !== 'SelectExpr') throw new PlanError('A subquery used as a value must return one column');
    if (query.groupBy.length > 0 || query.having || query.distinct || !containsAggregate(item.expr)) {
      throw new PlanError(
        `This correlated scalar subquery is not supported (it must compute one aggregate over the matching rows, without GROUP BY or DISTINCT); write e.g. (SELECT MAX(x) FROM … WHERE u.Id = t.Id)`,
      );
    }
    const name = alias();
    const grouped: SelectStatement = {
      ...query,
      items: [...keyItems(found.correlations), { kind: 'SelectExpr', expr: item.expr, alias: 'v' }],
      ...(found.rest.length > 0 ? { where: and(found.rest)! } : { where: undefined }),
      groupBy: found.correlations.map((c) => c.inner),
      orderBy: [],
    };
    joins.push({ kind: 'Join', type: 'Left', table: { kind: 'TableRef', name, query: grouped }, on: joinOn(name, found.correlations) } as Join);
    const v = ref(name, 'v');
    if (item.expr.kind === 'Aggregate' && item.expr.name === 'COUNT') return { kind: 'Function', name: 'COALESCE', args: [v, { kind: 'Literal', value: 0 }] };
    if (item.expr.kind === 'Aggregate') return v;
    // The value over no rows, from the subquery itself with nothing matching.
    const none: SelectStatement = { ...query, where: { kind: 'Binary', op: '=', left: { kind: 'Literal', value: 1 }, right: { kind: 'Literal', value: 0 } }, orderBy: [] };
    return { kind: 'Case', whens: [{ when: { kind: 'IsNull', operand: ref(name, 'k1'), negated: false }, then: { kind: 'ScalarSubquery', query: none } }], else: v };
  };
  const withScalars = (e: Expr): Expr => mapExpr(e, scalar);

  const inConjunct = (c: Expr): Expr | undefined => {
    if (c.kind !== 'InSubquery') return c;
    const found = correlationsOf(c.query, 'IN (SELECT …)');
    if (found === undefined) return c;
    if (c.negated) throw new PlanError('A correlated NOT IN (SELECT …) is not supported; write NOT EXISTS (SELECT 1 FROM … WHERE u.x = t.y) if NULLs cannot occur');
    const item = c.query.items[0];
    if (c.query.items.length !== 1 || item?.kind !== 'SelectExpr') throw new PlanError('A subquery used as a value must return one column');
    if (c.query.groupBy.length > 0 || c.query.having || containsAggregate(item.expr)) throw new PlanError('A correlated IN (SELECT …) that groups its rows is not supported');
    const name = alias();
    const pairs: SelectStatement = {
      ...c.query,
      distinct: true,
      items: [...keyItems(found.correlations), { kind: 'SelectExpr', expr: item.expr, alias: 'v' }],
      ...(found.rest.length > 0 ? { where: and(found.rest)! } : { where: undefined }),
      orderBy: [],
    };
    const match: Expr = { kind: 'Binary', op: '=', left: ref(name, 'v'), right: c.operand };
    joins.push({ kind: 'Join', type: 'Inner', table: { kind: 'TableRef', name, query: pairs }, on: joinOn(name, found.correlations, [match]) } as Join);
    return undefined;
  };

  const before = splitConjuncts(select.where);
  const conjuncts = before.map(inConjunct).filter((c): c is Expr => c !== undefined).map(withScalars);
  // `IN (SELECT …)` elsewhere than as a WHERE conjunct stays as it is; a correlated one fails when planned.
  const items = select.items.flatMap((i): SelectItem[] => {
    if (i.kind === 'Star') {
      // Spelled out now, so `*` does not pick up the joined groups.
      const targets = i.table === undefined ? bindings : bindings.filter((b) => b.name.toLowerCase() === i.table!.toLowerCase());
      return targets.flatMap((b) => b.info.columns.filter((col) => !col.pseudo).map((col): SelectItem => ({ kind: 'SelectExpr', expr: ref(b.name, col.name), alias: col.name })));
    }
    const expr = withScalars(i.expr);
    return [expr === i.expr ? i : { ...i, expr, alias: i.alias ?? (i.expr.kind === 'ColumnRef' ? i.expr.column : formatExpr(i.expr)) }];
  });
  const orderBy = select.orderBy.map((o) => ({ ...o, expr: withScalars(o.expr) }));
  if (joins.length === 0) return select;
  if (select.groupBy.length > 0 || select.having || items.some((i) => i.kind === 'SelectExpr' && containsAggregate(i.expr))) {
    throw new PlanError('A correlated subquery in a query that groups its rows is not supported; group in a derived table first');
  }
  return {
    ...select,
    items,
    from: { ...select.from, joins: [...select.from.joins, ...joins] },
    ...(conjuncts.length > 0 ? { where: and(conjuncts)! } : { where: undefined }),
    orderBy,
  };
}
