/**
 * Plans one SELECT into a logical plan:
 *   FROM/WHERE (plan-from) → Aggregate → HAVING → Project → Distinct → Sort → Limit.
 * Every name is resolved and every type inferred here, before any I/O.
 */
import type { ColumnType, Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import { aggregateType } from '../exec/aggregates.js';
import type { RunEnv } from '../exec/env.js';
import { compileExpr, type CompileScope } from '../exec/evaluate.js';
import { formatExpr } from '../sql/format.js';
import type { ColumnRefExpr, ExistsExpr, Expr, InSubqueryExpr, ScalarSubqueryExpr, SelectStatement, WindowExpr, WindowFunctionName } from '../sql/ir.js';
import { didYouMean } from '../text/closest-match.js';
import { ExprBinder } from './bind-expr.js';
import { childrenOf, containsAggregate, exprKey, someNode, splitConjuncts } from './conjuncts.js';
import type { AggregateCall } from '../logical/aggregate-node.js';
import type { BoundExpr } from '../logical/expr-scope.js';
import type { LogicalNode } from '../logical/logical-node.js';
import type { SelectPlan, SubqueryPlan } from '../logical/select-plan.js';
import type { SortKey as SortKeySpec } from '../logical/sort-node.js';
import type { WindowCall } from '../logical/window-node.js';
import { planFrom } from './plan-from.js';
import { planQueryExpr } from './plan-query.js';
import type { PushdownContext } from './pushdown.js';
import type { Catalog } from './scan.js';
import { applyNumbersIn, isSubqueryExpr } from './outer-refs.js';
import { groupedSubqueriesAsAggregates } from './rewrite/grouped-applies.js';
import { innerOnSubqueriesToWhere } from './rewrite/inner-on-subqueries.js';
import { rewriteDateLiteralRanges } from './rewrite/date-literal-ranges.js';
import { decorrelateExists } from './rewrite/decorrelate-exists.js';
import { decorrelateSubqueries, hasSubquery, queryKey } from './rewrite/decorrelate-subqueries.js';
import { applyOver, findCorrelated, planApplies, type PlannedApply } from './plan-apply.js';
import type { ApplyLimits } from '../logical/apply-node.js';
import { SourceScope, type Binding } from './scope.js';

export type { SelectPlan, SubqueryPlan } from '../logical/select-plan.js';

export interface PlanOptions {
  /** CURRENT_TIMESTAMP for the statement (also used to fold constants at plan time). */
  readonly now: Date;
  /** Called at every planning step; throws (CancelledError, TimeoutError) to stop a long planning. */
  readonly checkpoint?: () => void;
  /** Bounds of a correlated subquery run as an Apply (default DEFAULT_APPLY_LIMITS). */
  readonly applyLimits?: ApplyLimits;
}

interface OutputItem {
  readonly expr: Expr;
  readonly name: string;
}

export function planSelect(select: SelectStatement, catalog: Catalog, options: PlanOptions): SelectPlan {
  const checkpoint = options.checkpoint ?? noCheck;
  checkpoint();
  select = innerOnSubqueriesToWhere(rewriteDateLiteralRanges(select, options.now));
  let bindings = resolveBindings(select, catalog, options);
  let scope = new SourceScope(bindings);
  const innerScope = (q: SelectStatement) => new SourceScope(resolveBindings(q, catalog, options));
  if (select.where && someNode(select.where, (x) => x.kind === 'Exists')) {
    const conjuncts = splitConjuncts(select.where).map((c) => decorrelateExists(c, scope, innerScope));
    select = { ...select, where: conjuncts.reduce((a, b) => ({ kind: 'Binary', op: 'AND', left: a, right: b })) };
  }
  // Correlated subqueries no join form covers stay as written, with why, and run as Apply nodes.
  const notDecorrelated = new Map<string, string>();
  // Whether any subquery work is needed, decided once: a 1,000-value IN list is most of a statement's nodes.
  const inClauses = hasSubquery(select);
  const anySubquery = inClauses || (select.from?.joins.some((j) => j.on !== undefined && someNode(j.on, isSubqueryExpr)) ?? false);
  if (inClauses) {
    const decorrelated = decorrelateSubqueries(select, scope, bindings, innerScope, notDecorrelated);
    if (decorrelated !== select) {
      // The subqueries became joined groups: new bindings.
      select = decorrelated;
      bindings = resolveBindings(select, catalog, options);
      scope = new SourceScope(bindings);
    }
    // What is left after grouping and reads only GROUP BY keys runs as an Apply before grouping.
    if (notDecorrelated.size > 0) select = groupedSubqueriesAsAggregates(select, scope, innerScope);
  }

  // Subqueries: planned now (so EXPLAIN needs no I/O), run before the main scan opens.
  const subqueries: SubqueryPlan[] = [];
  const subqueryOf = new Map<Expr, SubqueryPlan>();
  const correlated = select.from !== undefined && anySubquery ? findCorrelated(select, scope, innerScope) : [];
  let applies: PlannedApply[] = [];
  const registerSubquery = (e: InSubqueryExpr | ScalarSubqueryExpr | ExistsExpr): SubqueryPlan => {
    let sub = subqueryOf.get(e);
    if (sub === undefined) {
      if (correlated.some((c) => c.expr === e)) {
        throw new PlanError(`The correlated subquery ${formatExpr(e)} can be used after GROUP BY only when it is correlated through equalities (${notDecorrelated.get(queryKey(e.query)) ?? 'it is not'})`);
      }
      let plan: SelectPlan;
      try {
        // EXISTS needs one row at most.
        const query = e.kind === 'Exists' && e.query.limit === undefined && e.query.offset === undefined ? { ...e.query, limit: { kind: 'Literal', value: 1 } as const } : e.query;
        plan = planSelect(query, catalog, options);
      } catch (error) {
        if (error instanceof PlanError && /^Unknown (column|table)/.test(error.message)) {
          throw new PlanError(`${error.message} (in a subquery; a subquery may refer to the columns of the queries outside it)`);
        }
        throw error;
      }
      if (e.kind !== 'Exists' && plan.fields.length !== 1) throw new PlanError(`A subquery used as a value must return one column, not ${plan.fields.length}`);
      const index = subqueries.length;
      sub = { index, paramId: `subquery:${index + 1}`, kind: e.kind === 'InSubquery' ? 'In' : e.kind === 'Exists' ? 'Exists' : 'Scalar', plan };
      subqueries.push(sub);
      subqueryOf.set(e, sub);
    }
    return sub;
  };
  const names: Omit<CompileScope, 'aggregateContext'> = {
    column: (ref) => scope.resolve(ref),
    // An Apply's answer is in its slot.
    lookup: (e) => {
      const a = applies.length > 0 ? applies[correlated.findIndex((c) => c.expr === e)] : undefined;
      return a ? { slot: a.slot, type: a.type } : undefined;
    },
    subquery: (e) => {
      const sub = registerSubquery(e);
      return { index: sub.index, type: e.kind === 'ScalarSubquery' ? sub.plan.fields[0]!.type : 'Boolean' };
    },
  };
  const source = new ExprBinder(names);
  const bindSource = (e: Expr, context: string): BoundExpr => source.bind(e, context);

  // Plain columns are named as the catalog spells them (`id` → `Id`), so row keys are predictable.
  const items = expandItems(select, bindings).map((i) => (i.expr.kind === 'ColumnRef' && i.name === i.expr.column ? { ...i, name: scope.resolve(i.expr).column } : i));
  const outputNames = uniqueNames(items.map((i) => i.name));
  const aggregating = select.groupBy.length > 0 || select.having !== undefined || items.some((i) => containsAggregate(i.expr));

  // ORDER BY items that name an output column or position refer to it; others are expressions.
  const orderTargets = select.orderBy.map((o) => orderTarget(o.expr, items, outputNames));

  // Resolve every column up front: it fixes the tuple layout and each scan's column list.
  const resolveAll = (e: Expr): void => {
    someNode(e, (x) => {
      if (x.kind === 'ColumnRef') scope.resolve(x);
      return false;
    });
  };
  items.forEach((i) => {
    checkpoint();
    resolveAll(i.expr);
  });
  if (select.where) resolveAll(select.where);
  select.from?.joins.forEach((j) => j.on && resolveAll(j.on));
  const groupBy = select.groupBy.map((g) => groupTarget(g, items, outputNames, scope));
  groupBy.forEach(resolveAll);
  if (select.having) resolveAll(select.having);
  orderTargets.forEach((t) => t.kind === 'Expr' && resolveAll(t.expr));

  const applyIds = new Set<Expr>(correlated.map((c) => c.expr));
  const readsApply = (c: Expr): boolean => applyIds.size > 0 && someNode(c, (x) => applyIds.has(x));
  const allWhere = splitConjuncts(select.where);
  const where = allWhere.filter((c) => !readsApply(c));
  // Before the scans are planned: the Applies' outer columns and answers take their slots now.
  applies = planApplies(correlated, { scope, plan: (q) => planSelect(q, catalog, options), bind: bindSource, reasons: notDecorrelated, taken: correlated.length > 0 ? applyNumbersIn(select) : new Set(), ...(options.applyLimits ? { limits: options.applyLimits } : {}) });
  const applyWhere = allWhere.filter(readsApply);
  // A correlated subquery in a LEFT join's ON that reads only the joined table is answered per row
  // of that table, by an Apply over its scan; anywhere else in an outer join's ON it would need the
  // pair of rows, which no operator here gives it.
  const onApplies = new Map<number, PlannedApply[]>();
  (select.from?.joins ?? []).forEach((j, i) => {
    if (!j.on || !readsApply(j.on)) return;
    const table = i + 1;
    const inOn = correlated.flatMap((c, k) => (someNode(j.on!, (x) => x === c.expr) ? [k] : []));
    const joinedOnly = j.type === 'Left' && inOn.every((k) => correlated[k]!.outerRefs.every((r) => scope.resolve(r).binding === table));
    if (!joinedOnly) {
      throw new PlanError(
        'A correlated subquery in the ON of an outer join (LEFT, RIGHT or FULL, or an INNER join before one) is supported only in a LEFT join and reading the joined table alone; move it to WHERE, or join a derived table that computes it',
      );
    }
    onApplies.set(table, inOn.map((k) => applies[k]!));
  });
  const inOns = new Set([...onApplies.values()].flat());
  for (const c of allWhere) if (containsAggregate(c)) throw new PlanError(`Aggregate functions are not allowed in WHERE (${formatExpr(c)}); use HAVING`);
  for (const j of select.from?.joins ?? []) if (j.on && containsAggregate(j.on)) throw new PlanError('Aggregate functions are not allowed in ON');

  const limit = constantCount(select.limit, 'LIMIT');
  const offset = constantCount(select.offset, 'OFFSET') ?? 0;

  const windowed = items.some((i) => containsWindow(i.expr)) || orderTargets.some((t) => t.kind === 'Expr' && containsWindow(t.expr));

  const constantOf = (e: Expr): { value: Value } | undefined => {
    // Most constants are literals (every item of a long IN list): no walk, no compile, no AbortSignal each.
    if (e.kind === 'Literal') return { value: e.value };
    if (someNode(e, (x) => x.kind === 'ColumnRef' || x.kind === 'Aggregate' || x.kind === 'Param')) return undefined;
    if (someNode(e, (x) => x.kind === 'ScalarSubquery' || x.kind === 'InSubquery')) return undefined;
    try {
      const env: RunEnv = { signal: new AbortController().signal, params: new Map(), subqueries: [], now: options.now };
      return { value: compileExpr(e, { ...names, aggregateContext: 'a constant' }).evaluate([], env) };
    } catch {
      return undefined;
    }
  };
  const pushdownContext = (binding: number): PushdownContext => ({
    scope,
    binding,
    constant: constantOf,
    // A correlated IN runs as an Apply: it is no list a scan could take.
    subqueryParam: (e) => (e.kind === 'InSubquery' && !applyIds.has(e) ? registerSubquery(e).paramId : undefined),
  });

  let root: LogicalNode;
  if (bindings.length === 0) {
    root = { kind: 'Values', width: scope.width };
    if (where.length > 0) root = { kind: 'Filter', input: root, conditions: where.map((c) => bindSource(c, 'WHERE')) };
  } else {
    const from = planFrom({
      scope,
      joins: select.from?.joins ?? [],
      where,
      bind: bindSource,
      pushdownContext,
      scanApplies: onApplies,
      checkpoint,
    });
    root = from.root;
  }
  const overFrom = applies.filter((a) => !inOns.has(a));
  if (overFrom.length > 0 || applyWhere.length > 0) root = applyOver(root, overFrom, applyWhere.map((c) => bindSource(c, 'WHERE')));
  // Scans were given the tuple width; nothing after this point may add a column slot.
  const width = scope.width;

  // After GROUP BY, expressions may read only group keys and aggregates.
  let outputScope: Omit<CompileScope, 'aggregateContext'> = names;
  let output = source;
  let outputContext = 'WHERE';
  let outputWidth = width;
  if (aggregating) {
    const groupKeys = groupBy.map((g) => ({ key: exprKey(g, scope), bound: bindSource(g, 'GROUP BY') }));
    const aggregates: { key: string; call: AggregateCall; type: ColumnType }[] = [];
    const collect = (e: Expr): void => {
      if (e.kind === 'Aggregate') {
        if (e.arg && containsAggregate(e.arg)) throw new PlanError(`Aggregate functions cannot be nested: ${formatExpr(e)}`);
        const key = exprKey(e, scope);
        if (!aggregates.some((a) => a.key === key)) {
          const arg = e.arg ? bindSource(e.arg, 'an aggregate argument') : undefined;
          aggregates.push({
            key,
            call: { name: e.name, distinct: e.distinct, ...(arg ? { arg } : {}), text: formatExpr(e) },
            type: aggregateType(e.name, arg?.type),
          });
        }
        return;
      }
      childrenOf(e).forEach(collect);
    };
    items.forEach((i) => collect(i.expr));
    if (select.having) collect(select.having);
    orderTargets.forEach((t) => t.kind === 'Expr' && collect(t.expr));
    root = { kind: 'Aggregate', input: root, groups: groupKeys.map((g) => g.bound), aggregates: aggregates.map((a) => a.call) };
    const g = groupKeys.length;
    outputScope = {
      ...names,
      lookup: (e) => {
        if (e.kind === 'Literal') return undefined;
        const key = exprKey(e, scope);
        const gi = groupKeys.findIndex((k) => k.key === key);
        if (gi >= 0) return { slot: gi, type: groupKeys[gi]!.bound.type };
        const ai = aggregates.findIndex((a) => a.key === key);
        return ai >= 0 ? { slot: g + ai, type: aggregates[ai]!.type } : undefined;
      },
      column: (ref: ColumnRefExpr) => {
        const resolved = scope.resolve(ref);
        throw new PlanError(
          `Column ${ref.table ? ref.table + '.' : ''}${resolved.column} must appear in GROUP BY or be used in an aggregate function`,
        );
      },
    };
    output = new ExprBinder(outputScope);
    outputWidth = g + aggregates.length;
    outputContext = 'GROUP BY';
    if (select.having) root = { kind: 'Filter', input: root, conditions: [output.bind(select.having, 'HAVING')] };
  }

  // Window functions run after grouping and HAVING, on what the select list sees; their results follow the input's values.
  if (windowed) {
    const windows: { key: string; call: WindowCall; type: ColumnType }[] = [];
    const collectWindows = (e: Expr): void => {
      if (e.kind !== 'Window') return childrenOf(e).forEach(collectWindows);
      if (childrenOf(e).some(containsWindow)) throw new PlanError(`Window functions cannot be nested: ${formatExpr(e)}`);
      const key = exprKey(e, scope);
      if (windows.some((w) => w.key === key)) return;
      const call = windowCall(e, (x) => output.bind(x, `the window function ${e.name}`));
      windows.push({ key, call, type: windowType(e.name, call.args[0]?.type) });
    };
    items.forEach((i) => collectWindows(i.expr));
    orderTargets.forEach((t) => t.kind === 'Expr' && collectWindows(t.expr));
    root = { kind: 'Window', input: root, calls: windows.map((w) => w.call), width: outputWidth };
    const base = outputWidth;
    const below = outputScope;
    outputScope = {
      ...below,
      lookup: (e) => {
        if (e.kind !== 'Window') return below.lookup?.(e);
        const key = exprKey(e, scope);
        const i = windows.findIndex((w) => w.key === key);
        return i >= 0 ? { slot: base + i, type: windows[i]!.type } : undefined;
      },
    };
    output = new ExprBinder(outputScope);
  }

  const outputs = items.map((i) => {
    checkpoint();
    return output.bind(i.expr, outputContext);
  });
  const projected: BoundExpr[] = [...outputs];
  const sortKeys: SortKeySpec[] = [];
  select.orderBy.forEach((o, i) => {
    const target = orderTargets[i]!;
    let slot: number;
    if (target.kind === 'Output') slot = target.index;
    else {
      const key = exprKey(target.expr, scope);
      const same = items.findIndex((it) => exprKey(it.expr, scope) === key);
      if (same >= 0) slot = same;
      else {
        if (select.distinct) throw new PlanError(`ORDER BY ${formatExpr(o.expr)} must appear in the select list when SELECT DISTINCT is used`);
        slot = projected.push(output.bind(target.expr, 'ORDER BY')) - 1;
      }
    }
    const nullsFirst = o.nulls ? o.nulls === 'First' : !o.desc;
    const label = target.kind === 'Output' ? outputNames[target.index]! : formatExpr(o.expr);
    sortKeys.push({ slot, desc: o.desc, nullsFirst, text: `${label}${o.desc ? ' DESC' : ''}${o.nulls ? ` NULLS ${o.nulls.toUpperCase()}` : ''}` });
  });
  if (scope.width !== width) throw new PlanError('Internal planner error: a column was resolved after the scans were planned');

  root = { kind: 'Project', input: root, outputs: projected, names: outputNames };
  if (select.distinct) root = { kind: 'Distinct', input: root, width: outputs.length };
  // Where the order and the limit can be applied earlier (the TOP-N sort, the source) is the push-limit pass's decision.
  if (sortKeys.length > 0) root = { kind: 'Sort', input: root, keys: sortKeys };
  if (limit !== undefined || offset > 0) root = { kind: 'Limit', input: root, ...(limit !== undefined ? { limit } : {}), offset };

  return {
    fields: outputs.map((c, i) => ({ name: outputNames[i]!, type: c.type })),
    root,
    subqueries,
  };
}

const noCheck = (): void => {};

function containsWindow(e: Expr): boolean {
  return someNode(e, (x) => x.kind === 'Window');
}

const WINDOW_ARITY: Record<WindowFunctionName, [number, number]> = {
  ROW_NUMBER: [0, 0], RANK: [0, 0], DENSE_RANK: [0, 0], NTILE: [1, 1], LAG: [1, 3], LEAD: [1, 3],
  FIRST_VALUE: [1, 1], LAST_VALUE: [1, 1], SUM: [1, 1], AVG: [1, 1], MIN: [1, 1], MAX: [1, 1], COUNT: [0, 1],
};

function windowCall(e: WindowExpr, bind: (x: Expr) => BoundExpr): WindowCall {
  const [min, max] = WINDOW_ARITY[e.name];
  if (e.args.length < min || e.args.length > max) throw new PlanError(`${e.name}() OVER takes ${min === max ? min : `${min} to ${max}`} argument(s), not ${e.args.length}`);
  if (e.name === 'NTILE' && !(e.args[0]!.kind === 'Literal' && Number.isInteger(e.args[0].value) && (e.args[0].value as number) > 0)) {
    throw new PlanError('NTILE takes a positive whole number of buckets');
  }
  if ((e.name === 'LAG' || e.name === 'LEAD') && e.args[1] !== undefined && !(e.args[1].kind === 'Literal' && Number.isInteger(e.args[1].value) && (e.args[1].value as number) >= 0)) {
    throw new PlanError(`${e.name}'s offset must be a non-negative whole number`);
  }
  return {
    name: e.name,
    args: e.args.map(bind),
    partitionBy: e.partitionBy.map(bind),
    orderBy: e.orderBy.map((o) => ({ key: bind(o.expr), desc: o.desc, nullsFirst: o.nulls ? o.nulls === 'First' : !o.desc })),
    ...(e.frame ? { frame: e.frame } : {}),
    text: formatExpr(e),
  };
}

function windowType(name: WindowFunctionName, argType: ColumnType | undefined): ColumnType {
  switch (name) {
    case 'ROW_NUMBER':
    case 'RANK':
    case 'DENSE_RANK':
    case 'NTILE':
    case 'COUNT':
      return 'Long';
    case 'LAG':
    case 'LEAD':
    case 'FIRST_VALUE':
    case 'LAST_VALUE':
      return argType ?? 'String';
    default:
      return aggregateType(name, argType);
  }
}

function resolveBindings(select: SelectStatement, catalog: Catalog, options: PlanOptions): Binding[] {
  if (select.from === undefined) return [];
  const refs = [select.from.table, ...select.from.joins.map((j) => j.table)];
  const bindings: Binding[] = [];
  refs.forEach((ref, index) => {
    const name = ref.alias ?? ref.name;
    if (bindings.some((b) => b.name.toLowerCase() === name.toLowerCase())) {
      throw new PlanError(`Table name ${name} is used twice in FROM; give one of them an alias`);
    }
    if (ref.query !== undefined) {
      const plan = planQueryExpr(ref.query, catalog, options);
      const info = { name, aliases: [], columns: plan.fields.map((f) => ({ name: f.name, type: f.type })) };
      bindings.push({ index, name, derived: { plan, ...(ref.decorrelated !== undefined ? { decorrelated: ref.decorrelated } : {}) }, info });
      return;
    }
    const source = catalog.lookup(ref.name);
    if (source === undefined) {
      const names = catalog.tables().flatMap((t) => [t.name, ...t.aliases]);
      throw new PlanError(`Unknown table ${ref.name}.${didYouMean(ref.name, names)}`);
    }
    bindings.push({ index, name, source, info: source.info });
  });
  return bindings;
}

function expandItems(select: SelectStatement, bindings: readonly Binding[]): OutputItem[] {
  const out: OutputItem[] = [];
  for (const item of select.items) {
    if (item.kind === 'Star') {
      const targets = item.table === undefined ? bindings : bindings.filter((b) => b.name.toLowerCase() === item.table!.toLowerCase());
      if (item.table !== undefined && targets.length === 0) {
        throw new PlanError(`Unknown table or alias ${item.table} in ${item.table}.*.${didYouMean(item.table, bindings.map((b) => b.name))}`);
      }
      if (targets.length === 0) throw new PlanError('SELECT * needs a FROM clause');
      for (const b of targets) {
        // Pseudo-columns are filters, not data: only selected by name.
        for (const c of b.info.columns) if (!c.pseudo) out.push({ expr: { kind: 'ColumnRef', table: b.name, column: c.name }, name: c.name });
      }
      continue;
    }
    out.push({ expr: item.expr, name: item.alias ?? defaultName(item.expr) });
  }
  return out;
}

function defaultName(e: Expr): string {
  return e.kind === 'ColumnRef' ? e.column : formatExpr(e);
}

/** `Name, Name` → `Name, Name_2` (case-insensitive). */
function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let k = 2; used.has(candidate.toLowerCase()); k++) candidate = `${name}_${k}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

type OrderTarget = { readonly kind: 'Output'; readonly index: number } | { readonly kind: 'Expr'; readonly expr: Expr };

function orderTarget(e: Expr, items: readonly OutputItem[], names: readonly string[]): OrderTarget {
  if (e.kind === 'Literal' && typeof e.value === 'number') {
    if (!Number.isInteger(e.value) || e.value < 1 || e.value > items.length) {
      throw new PlanError(`ORDER BY position ${e.value} is out of range: the select list has ${items.length} column(s)`);
    }
    return { kind: 'Output', index: e.value - 1 };
  }
  if (e.kind === 'ColumnRef' && e.table === undefined) {
    const lower = e.column.toLowerCase();
    const index = names.findIndex((n) => n.toLowerCase() === lower);
    if (index >= 0) return { kind: 'Output', index };
  }
  return { kind: 'Expr', expr: e };
}

/** GROUP BY accepts a select-list position or alias too (when it is not also a column). */
function groupTarget(e: Expr, items: readonly OutputItem[], names: readonly string[], scope: SourceScope): Expr {
  if (e.kind === 'Literal' && typeof e.value === 'number') {
    const item = items[e.value - 1];
    if (!Number.isInteger(e.value) || item === undefined) throw new PlanError(`GROUP BY position ${e.value} is out of range`);
    return item.expr;
  }
  if (e.kind === 'ColumnRef' && e.table === undefined) {
    try {
      scope.resolve(e);
      return e;
    } catch (error) {
      const index = names.findIndex((n) => n.toLowerCase() === e.column.toLowerCase());
      if (index >= 0 && !containsAggregate(items[index]!.expr)) return items[index]!.expr;
      throw error;
    }
  }
  return e;
}

function constantCount(e: Expr | undefined, clause: string): number | undefined {
  if (e === undefined) return undefined;
  let value: Value | undefined;
  if (e.kind === 'Literal') value = e.value;
  // PostgreSQL clients bind `LIMIT $1` as text ('7'): a whole-number string counts as that number.
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) value = Number(value);
  if (e.kind === 'Param') throw new PlanError(`${clause} parameter has no value: bind parameters before planning`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new PlanError(`${clause} must be a non-negative integer, not ${formatExpr(e)}`);
  }
  return value;
}
