/**
 * A rewrite pass for correlated subqueries anywhere in a query block (SELECT, WHERE, GROUP BY,
 * HAVING, ORDER BY): each is computed once for all outer rows, grouped by its correlation keys, and
 * LEFT JOINed to the outer rows (one row per key, so no outer row is duplicated), instead of running
 * once per outer row. With u.b = t.a the correlation and `rest` the other conditions of its WHERE:
 *   (SELECT agg(x) FROM u …)   → g = (SELECT u.b AS k1, agg(x) AS v FROM u WHERE rest GROUP BY u.b); g.v
 *                                 (COUNT over no rows is 0; another expression over aggregates takes its value over no rows)
 *   (SELECT x FROM u …)        → g = (SELECT k1, MIN(v) AS v, COUNT(*) AS n FROM (SELECT u.b AS k1, x AS v …) GROUP BY k1);
 *                                 SINGLE ROW(g.n, g.v): NULL for no row, an error for more than one (as SQL Server);
 *                                 with TOP n / LIMIT n [OFFSET m], the pairs carry ROW_NUMBER() per key in its ORDER BY, cut to m+1…m+n
 *   EXISTS (SELECT … FROM u …) → g = (SELECT DISTINCT u.b AS k1 FROM u WHERE rest); g.k1 IS NOT NULL (TOP/LIMIT n ≥ 1 changes nothing)
 *   e [NOT] IN (SELECT x …)    → g = counts (n rows, nn non-NULL x) per key, m = DISTINCT (key, x) pairs joined on x = e;
 *                                 TRUE when m matched, FALSE for no rows, NULL when e or some x is NULL, else FALSE
 *                                 (NOT IN negates that, so NULL stays NULL: SQL's rule)
 * A plain `e IN (SELECT …)` WHERE conjunct keeps its faster form: an inner join on the DISTINCT pairs.
 * In a grouped block, a subquery used after grouping must be correlated through GROUP BY keys; the
 * joined columns then become GROUP BY keys too (they depend on those keys only, so groups do not change).
 * A correlated subquery none of these forms covers (correlation other than =, grouping or limiting
 * inside) is left in place, with the reason in `leftToApply`: the planner runs it as an Apply.
 */
import { PlanError } from '../../errors.js';
import { nestedOuterRefs } from '../outer-refs.js';
import { formatExpr } from '../../sql/format.js';
import { mapChildren } from '../../sql/transform.js';
import { SINGLE_ROW_FUNCTION, type ColumnRefExpr, type Expr, type Join, type SelectItem, type SelectStatement } from '../../sql/ir.js';
import { containsAggregate, exprKey, someNode, splitConjuncts } from '../conjuncts.js';
import type { Binding, SourceScope } from '../scope.js';

/** The alias prefix of the joined groups (never a name a user query can see through `*`). */
const ALIAS = '__correlated_';

interface Correlation {
  readonly outer: Expr;
  readonly inner: Expr;
}

/** Thrown inside the rewrite of one subquery that no join form covers: it stays as written and runs as an Apply. */
class LeaveToApply extends Error {}

/** A correlated subquery replaced: the expression over joined columns, and what it reads. */
interface Replacement {
  readonly expr: Expr;
  /** Joined columns the expression reads (GROUP BY keys when it is used after grouping). */
  readonly joined: readonly ColumnRefExpr[];
  /** Outer expressions it depends on (must be GROUP BY keys when it is used after grouping). */
  readonly outer: readonly Expr[];
}

export function hasSubquery(select: SelectStatement): boolean {
  const exprs = [
    ...select.items.flatMap((i) => (i.kind === 'SelectExpr' ? [i.expr] : [])),
    ...(select.where ? [select.where] : []),
    ...select.groupBy,
    ...(select.having ? [select.having] : []),
    ...select.orderBy.map((o) => o.expr),
  ];
  return exprs.some((e) => someNode(e, (x) => x.kind === 'ScalarSubquery' || x.kind === 'InSubquery' || x.kind === 'Exists'));
}

export function decorrelateSubqueries(
  select: SelectStatement,
  outer: SourceScope,
  bindings: readonly Binding[],
  innerScope: (query: SelectStatement) => SourceScope,
  /** Receives each correlated subquery left as written (by queryKey of its query), with why. */
  leftToApply: Map<string, string> = new Map(),
): SelectStatement {
  if (select.from === undefined) return select;
  const joins: Join[] = [];
  let aliases = 0;
  const alias = (): string => `${ALIAS}${++aliases}`;

  /** The correlated conjuncts of a subquery's WHERE as outer = inner pairs, or undefined when it is not correlated. */
  const correlationsOf = (query: SelectStatement, what: string, limitHandled = false): { correlations: Correlation[]; rest: Expr[] } | undefined => {
    const inner = innerScope(query);
    const isOuter = (ref: ColumnRefExpr): boolean => {
      try {
        inner.resolve(ref);
        return false;
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        try {
          outer.resolve(ref);
        } catch {
          return false; // an output alias (ORDER BY n), or an unknown column: the subquery's planning says which
        }
        return true;
      }
    };
    const readsOuter = (e: Expr): boolean => someNode(e, (x) => x.kind === 'ColumnRef' && isOuter(x));
    const readsInner = (e: Expr): boolean => someNode(e, (x) => x.kind === 'ColumnRef' && !isOuter(x));
    const conjuncts = splitConjuncts(query.where);
    const correlated = conjuncts.filter(readsOuter);
    const elsewhere = [...query.items.flatMap((i) => (i.kind === 'SelectExpr' ? [i.expr] : [])), ...query.groupBy, ...(query.having ? [query.having] : []), ...query.orderBy.map((o) => o.expr)];
    const unsupported = (why: string): never => {
      leftToApply.set(queryKey(query), why);
      throw new LeaveToApply(why);
    };
    // Its own planning would not know the outer query's columns.
    if (nestedOuterRefs(query, outer, innerScope).length > 0) unsupported('a subquery inside it reads the outer query');
    if (correlated.length === 0 && !elsewhere.some(readsOuter) && !query.from?.joins.some((j) => j.on && readsOuter(j.on))) return undefined;
    if (elsewhere.some(readsOuter)) unsupported('it reads the outer query outside its WHERE');
    if (query.from?.joins.some((j) => j.on && readsOuter(j.on))) unsupported('it reads the outer query in ON');
    if ((query.limit || query.offset) && !limitHandled) unsupported('it limits its rows');
    const correlations = correlated.map((c): Correlation => {
      if (c.kind !== 'Binary' || c.op !== '=') return unsupported(`${formatExpr(c)} does not compare with =`);
      if (!readsInner(c.left) && readsOuter(c.left) && !readsOuter(c.right)) return { outer: c.left, inner: c.right };
      if (!readsInner(c.right) && readsOuter(c.right) && !readsOuter(c.left)) return { outer: c.right, inner: c.left };
      return unsupported(`one side of ${formatExpr(c)} must read only the outer query and the other only the subquery`);
    });
    return { correlations, rest: conjuncts.filter((c) => !correlated.includes(c)) };
  };
  const leaveToApply = (query: SelectStatement, why: string): never => {
    leftToApply.set(queryKey(query), why);
    throw new LeaveToApply(why);
  };
  const and = (conjuncts: readonly Expr[]): Expr | undefined =>
    conjuncts.length === 0 ? undefined : conjuncts.reduce((a, b) => ({ kind: 'Binary', op: 'AND', left: a, right: b }));
  const whereOf = (rest: readonly Expr[]): { where: Expr | undefined } => ({ where: and(rest) });
  const keyItems = (correlations: readonly Correlation[], key: (c: Correlation, i: number) => Expr = (c) => c.inner): SelectItem[] =>
    correlations.map((c, i) => ({ kind: 'SelectExpr', expr: key(c, i), alias: `k${i + 1}` }));
  const ref = (table: string, column: string): ColumnRefExpr => ({ kind: 'ColumnRef', table, column });
  const keyRefs = (name: string, correlations: readonly Correlation[]): ColumnRefExpr[] => correlations.map((_c, i) => ref(name, `k${i + 1}`));
  const joinOn = (name: string, correlations: readonly Correlation[], extra: readonly Expr[] = []): Expr =>
    and([...correlations.map((c, i): Expr => ({ kind: 'Binary', op: '=', left: ref(name, `k${i + 1}`), right: c.outer })), ...extra])!;
  /** The text of the subquery being rewritten, recorded on the blocks it becomes (EXPLAIN shows it). */
  let origin = '';
  const leftJoin = (name: string, query: SelectStatement, on: Expr): void => {
    joins.push({ kind: 'Join', type: 'Left', table: { kind: 'TableRef', name, query, decorrelated: origin }, on });
  };
  const isNull = (operand: Expr, negated = false): Expr => ({ kind: 'IsNull', operand, negated });
  const literal = (value: boolean | number | null): Expr => ({ kind: 'Literal', value });
  const singleItem = (query: SelectStatement): Expr => {
    const item = query.items[0];
    if (query.items.length !== 1 || item?.kind !== 'SelectExpr') throw new PlanError('A subquery used as a value must return one column');
    return item.expr;
  };

  const scalar = (query: SelectStatement): Replacement | undefined => {
    const found = correlationsOf(query, 'scalar subquery', true);
    if (found === undefined) return undefined;
    const value = singleItem(query);
    const outerExprs = found.correlations.map((c) => c.outer);
    const name = alias();
    if (query.groupBy.length > 0 || query.having) leaveToApply(query, 'it groups its rows');
    if (!containsAggregate(value)) {
      // One value per outer row: count the rows each key has, so more than one is an error.
      // TOP n / LIMIT n [OFFSET m] with ORDER BY: the rows numbered per key in that order, then cut.
      const window = rowWindow(query, found.correlations);
      const pairs: SelectStatement = {
        ...query,
        items: [...keyItems(found.correlations), { kind: 'SelectExpr', expr: value, alias: 'v' }, ...(window ? [{ kind: 'SelectExpr' as const, expr: window.rowNumber, alias: 'rn' }] : [])],
        ...whereOf(found.rest),
        orderBy: [],
        limit: undefined,
        offset: undefined,
      };
      const keys = keyRefs('d', found.correlations);
      const counted: SelectStatement = {
        kind: 'Select',
        distinct: false,
        items: [...keyItems(found.correlations, (_c, i) => keys[i]!), { kind: 'SelectExpr', expr: { kind: 'Aggregate', name: 'MIN', arg: ref('d', 'v'), distinct: false }, alias: 'v' }, { kind: 'SelectExpr', expr: { kind: 'Aggregate', name: 'COUNT', distinct: false }, alias: 'n' }],
        from: { kind: 'From', table: { kind: 'TableRef', name: 'd', query: pairs }, joins: [] },
        ...(window ? { where: window.kept(ref('d', 'rn')) } : {}),
        groupBy: keys,
        orderBy: [],
      };
      leftJoin(name, counted, joinOn(name, found.correlations));
      return { expr: { kind: 'Function', name: SINGLE_ROW_FUNCTION, args: [ref(name, 'n'), ref(name, 'v')] }, joined: [ref(name, 'n'), ref(name, 'v')], outer: outerExprs };
    }
    if (query.limit || query.offset) leaveToApply(query, 'it limits an aggregate');
    if (query.distinct) leaveToApply(query, 'SELECT DISTINCT over an aggregate');
    const grouped: SelectStatement = {
      ...query,
      items: [...keyItems(found.correlations), { kind: 'SelectExpr', expr: value, alias: 'v' }],
      ...whereOf(found.rest),
      groupBy: found.correlations.map((c) => c.inner),
      orderBy: [],
    };
    leftJoin(name, grouped, joinOn(name, found.correlations));
    const v = ref(name, 'v');
    const joined = [ref(name, 'k1'), v];
    if (value.kind === 'Aggregate' && value.name === 'COUNT') return { expr: { kind: 'Function', name: 'COALESCE', args: [v, literal(0)] }, joined, outer: outerExprs };
    if (value.kind === 'Aggregate') return { expr: v, joined, outer: outerExprs };
    // The value over no rows, from the subquery itself with nothing matching.
    const none: SelectStatement = { ...query, where: { kind: 'Binary', op: '=', left: literal(1), right: literal(0) }, orderBy: [] };
    return { expr: { kind: 'Case', whens: [{ when: isNull(ref(name, 'k1')), then: { kind: 'ScalarSubquery', query: none } }], else: v }, joined, outer: outerExprs };
  };

  const exists = (query: SelectStatement): Replacement | undefined => {
    // `EXISTS (SELECT TOP 1 …)`: a limit of one row or more does not change whether a row exists.
    const keepsOne = query.offset === undefined && query.limit?.kind === 'Literal' && typeof query.limit.value === 'number' && query.limit.value >= 1;
    const found = correlationsOf(query, 'EXISTS', keepsOne);
    if (found === undefined) return undefined;
    if (query.groupBy.length > 0 || query.having || query.items.some((i) => i.kind === 'SelectExpr' && containsAggregate(i.expr))) leaveToApply(query, 'it groups its rows');
    const name = alias();
    leftJoin(name, { ...query, distinct: true, items: keyItems(found.correlations), ...whereOf(found.rest), orderBy: [], limit: undefined, offset: undefined }, joinOn(name, found.correlations));
    return { expr: isNull(ref(name, 'k1'), true), joined: [ref(name, 'k1')], outer: found.correlations.map((c) => c.outer) };
  };

  const inSubquery = (e: Expr & { kind: 'InSubquery' }): Replacement | undefined => {
    const found = correlationsOf(e.query, 'IN (SELECT …)');
    if (found === undefined) return undefined;
    const value = singleItem(e.query);
    if (e.query.groupBy.length > 0 || e.query.having || containsAggregate(value)) leaveToApply(e.query, 'it groups its rows');
    const counts = alias();
    const pairs = alias();
    leftJoin(
      counts,
      {
        ...e.query,
        distinct: false,
        items: [...keyItems(found.correlations), { kind: 'SelectExpr', expr: { kind: 'Aggregate', name: 'COUNT', distinct: false }, alias: 'n' }, { kind: 'SelectExpr', expr: { kind: 'Aggregate', name: 'COUNT', arg: value, distinct: false }, alias: 'nn' }],
        ...whereOf(found.rest),
        groupBy: found.correlations.map((c) => c.inner),
        orderBy: [],
      },
      joinOn(counts, found.correlations),
    );
    const match: Expr = { kind: 'Binary', op: '=', left: ref(pairs, 'v'), right: e.operand };
    leftJoin(pairs, { ...e.query, distinct: true, items: [...keyItems(found.correlations), { kind: 'SelectExpr', expr: value, alias: 'v' }], ...whereOf(found.rest), orderBy: [] }, joinOn(pairs, found.correlations, [match]));
    const someNull: Expr = { kind: 'Binary', op: 'OR', left: isNull(e.operand), right: { kind: 'Binary', op: '<', left: ref(counts, 'nn'), right: ref(counts, 'n') } };
    const isIn: Expr = {
      kind: 'Case',
      whens: [
        { when: isNull(ref(pairs, 'k1'), true), then: literal(true) },
        { when: isNull(ref(counts, 'k1')), then: literal(false) },
        { when: someNull, then: literal(null) },
      ],
      else: literal(false),
    };
    return {
      expr: e.negated ? { kind: 'Unary', op: 'NOT', operand: isIn } : isIn,
      joined: [ref(pairs, 'k1'), ref(counts, 'k1'), ref(counts, 'n'), ref(counts, 'nn')],
      outer: [...found.correlations.map((c) => c.outer), e.operand],
    };
  };

  // The same subquery written twice (in SELECT and GROUP BY, say) is joined once and reads the same columns.
  const memo = new Map<string, Replacement | null>();
  const replace = (e: Expr): Replacement | undefined => {
    if (e.kind !== 'ScalarSubquery' && e.kind !== 'Exists' && e.kind !== 'InSubquery') return undefined;
    const key = formatExpr(e);
    origin = key;
    if (!memo.has(key)) {
      try {
        memo.set(key, (e.kind === 'ScalarSubquery' ? scalar(e.query) : e.kind === 'Exists' ? exists(e.query) : inSubquery(e)) ?? null);
      } catch (error) {
        if (!(error instanceof LeaveToApply)) throw error;
        memo.set(key, null);
      }
    }
    return memo.get(key) ?? undefined;
  };

  // What GROUP BY names (positions and aliases read as the select-list expression they name).
  const keyExprs = select.groupBy.map((g) => {
    if (g.kind === 'Literal' && typeof g.value === 'number') return select.items[g.value - 1]?.kind === 'SelectExpr' ? (select.items[g.value - 1] as SelectItem & { kind: 'SelectExpr' }).expr : g;
    if (g.kind === 'ColumnRef' && g.table === undefined) {
      const named = select.items.find((i) => i.kind === 'SelectExpr' && i.alias?.toLowerCase() === g.column.toLowerCase());
      try {
        outer.resolve(g);
      } catch {
        if (named?.kind === 'SelectExpr') return named.expr;
      }
    }
    return g;
  });
  const keyText = new Set(keyExprs.map((g) => formatExpr(g)));
  // Replacements read after grouping (outside aggregate arguments).
  const afterGrouping: { readonly original: Expr; readonly replacement: Replacement }[] = [];
  /** Rewrites top-down; `grouped` says whether this position is evaluated after grouping. */
  const rewrite = (e: Expr, grouped: boolean): Expr => {
    // A GROUP BY key is computed before grouping, whatever it contains.
    if (grouped && keyText.has(formatExpr(e))) return rewrite(e, false);
    const r = replace(e);
    if (r !== undefined) {
      if (grouped) afterGrouping.push({ original: e, replacement: r });
      return r.expr;
    }
    return mapChildren(e, (x) => rewrite(x, grouped && e.kind !== 'Aggregate'));
  };

  // A plain correlated `e IN (SELECT …)` WHERE conjunct: an inner join on the DISTINCT (key, value) pairs.
  const inConjunct = (c: Expr): Expr | undefined => {
    try {
      return inJoin(c);
    } catch (error) {
      if (!(error instanceof LeaveToApply)) throw error;
      return c;
    }
  };
  const inJoin = (c: Expr): Expr | undefined => {
    if (c.kind !== 'InSubquery' || c.negated) return c;
    const found = correlationsOf(c.query, 'IN (SELECT …)');
    if (found === undefined) return c;
    const value = singleItem(c.query);
    if (c.query.groupBy.length > 0 || c.query.having || containsAggregate(value)) leaveToApply(c.query, 'it groups its rows');
    const name = alias();
    const pairs: SelectStatement = { ...c.query, distinct: true, items: [...keyItems(found.correlations), { kind: 'SelectExpr', expr: value, alias: 'v' }], ...whereOf(found.rest), orderBy: [] };
    const match: Expr = { kind: 'Binary', op: '=', left: ref(name, 'v'), right: c.operand };
    joins.push({ kind: 'Join', type: 'Inner', table: { kind: 'TableRef', name, query: pairs, decorrelated: formatExpr(c) }, on: joinOn(name, found.correlations, [match]) });
    return undefined;
  };

  const grouping = select.groupBy.length > 0 || select.having !== undefined || select.items.some((i) => i.kind === 'SelectExpr' && containsAggregate(i.expr));
  const conjuncts = splitConjuncts(select.where)
    .map(inConjunct)
    .filter((c): c is Expr => c !== undefined)
    .map((c) => rewrite(c, false));
  const items = select.items.flatMap((i): SelectItem[] => {
    if (i.kind === 'Star') {
      // Spelled out now, so `*` does not pick up the joined groups.
      const targets = i.table === undefined ? bindings : bindings.filter((b) => b.name.toLowerCase() === i.table!.toLowerCase());
      return targets.flatMap((b) => b.info.columns.filter((col) => !col.pseudo).map((col): SelectItem => ({ kind: 'SelectExpr', expr: ref(b.name, col.name), alias: col.name })));
    }
    const expr = rewrite(i.expr, grouping);
    return [expr === i.expr ? i : { ...i, expr, alias: i.alias ?? (i.expr.kind === 'ColumnRef' ? i.expr.column : formatExpr(i.expr)) }];
  });
  const groupBy = select.groupBy.map((g) => rewrite(g, false));
  const having = select.having ? rewrite(select.having, true) : undefined;
  const orderBy = select.orderBy.map((o) => ({ ...o, expr: rewrite(o.expr, grouping) }));
  if (joins.length === 0) return select;

  const extraKeys: Expr[] = [];
  if (grouping) {
    const keyOf = (e: Expr): string | undefined => {
      try {
        return exprKey(e, outer);
      } catch {
        return undefined;
      }
    };
    const keys = new Set(keyExprs.map(keyOf));
    const isKey = (e: Expr): boolean => keys.has(keyOf(e)) || (!containsAggregate(e) && !someNode(e, (x) => x.kind === 'ColumnRef' && !keys.has(keyOf(x))));
    for (const { original, replacement } of afterGrouping) {
      const loose = replacement.outer.find((o) => !isKey(o));
      if (loose !== undefined) {
        throw new PlanError(`Column ${formatExpr(loose)} must appear in GROUP BY or be used in an aggregate function (the subquery ${formatExpr(original)} reads it after grouping)`);
      }
      for (const col of replacement.joined) if (!extraKeys.some((k) => formatExpr(k) === formatExpr(col))) extraKeys.push(col);
    }
  }
  return {
    ...select,
    items,
    from: { ...select.from, joins: [...select.from.joins, ...joins] },
    where: and(conjuncts),
    groupBy: [...groupBy, ...extraKeys],
    ...(having ? { having } : {}),
    orderBy,
  };
}

/** A subquery's identity by its text (the same subquery written twice is one key). */
export function queryKey(query: SelectStatement): string {
  return formatExpr({ kind: 'ScalarSubquery', query });
}


/**
 * For a correlated subquery with TOP n / LIMIT n [OFFSET m]: ROW_NUMBER() per correlation key in
 * the subquery's ORDER BY, and the condition that keeps rows m+1 … m+n. Undefined without a limit.
 */
function rowWindow(query: SelectStatement, correlations: readonly Correlation[]): { rowNumber: Expr; kept: (rn: Expr) => Expr } | undefined {
  if (query.limit === undefined && query.offset === undefined) return undefined;
  const count = (e: Expr | undefined, clause: string): number | undefined => {
    if (e === undefined) return undefined;
    if (e.kind === 'Literal' && typeof e.value === 'number' && Number.isInteger(e.value) && e.value >= 0) return e.value;
    throw new PlanError(`${clause} of a correlated subquery must be a non-negative whole number`);
  };
  const limit = count(query.limit, 'LIMIT');
  const offset = count(query.offset, 'OFFSET') ?? 0;
  // ORDER BY 1 or an output alias names a select-list expression.
  const items = query.items.flatMap((i) => (i.kind === 'SelectExpr' ? [i] : []));
  const orderBy = query.orderBy.map((o) => {
    if (o.expr.kind === 'Literal' && typeof o.expr.value === 'number') {
      const item = items[o.expr.value - 1];
      if (item === undefined) throw new PlanError(`ORDER BY position ${o.expr.value} is out of range in a correlated subquery`);
      return { ...o, expr: item.expr };
    }
    const ref = o.expr;
    const named = ref.kind === 'ColumnRef' && ref.table === undefined ? items.find((i) => i.alias?.toLowerCase() === ref.column.toLowerCase()) : undefined;
    return named ? { ...o, expr: named.expr } : o;
  });
  const rowNumber: Expr = { kind: 'Window', name: 'ROW_NUMBER', args: [], partitionBy: correlations.map((c) => c.inner), orderBy };
  const literal = (value: number): Expr => ({ kind: 'Literal', value });
  return {
    rowNumber,
    kept: (rn) => {
      const after: Expr = { kind: 'Binary', op: '>', left: rn, right: literal(offset) };
      return limit === undefined ? after : { kind: 'Binary', op: 'AND', left: after, right: { kind: 'Binary', op: '<=', left: rn, right: literal(offset + limit) } };
    },
  };
}
