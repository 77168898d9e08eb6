/**
 * Plans FROM ... JOIN ... WHERE into its canonical tree: the join order, each join's keys, and the
 * conditions that must wait above a join. Every join is a hash Join here; the choose-dependent-joins
 * pass picks the dependent strategy. It does not ask
 * any source: conjuncts that one table's scan may take wait in Filters marked `candidates` for the
 * place-predicates pass, scans are UnplannedScans for negotiate-scans (src/plan/passes/).
 */
import type { ColumnType } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { ColumnRefExpr, Expr, Join, JoinType } from '../sql/ir.js';
import { bindingsOf, splitConjuncts } from './conjuncts.js';
import type { BoundExpr } from '../logical/expr-scope.js';
import type { EquiJoinKey, JoinCondition } from '../logical/join-node.js';
import type { LogicalNode } from '../logical/logical-node.js';
import type { UnplannedScanNode } from '../logical/unplanned-scan-node.js';
import type { SubqueryScanNode } from '../logical/subquery-scan-node.js';
import { toPushdown, type PushdownContext } from './pushdown.js';
import type { PushdownPredicate } from '../source/contract.js';
import { acceptsParams, type KeyColumn } from '../source/key-column.js';
import type { Binding, SourceScope } from './scope.js';

export interface FromInput {
  readonly scope: SourceScope;
  readonly joins: readonly Join[];
  readonly where: readonly Expr[];
  /** Binds a condition in the source scope. */
  bind(e: Expr, context: string): BoundExpr;
  pushdownContext(binding: number): PushdownContext;
  /** Plans the read of a derived table, pushing `candidates` into it where it can. */
  planDerived(binding: number, candidates: readonly Expr[], localOnly: readonly Expr[]): SubqueryScanNode;
  /** Called once per table planned; throws to stop planning. */
  readonly checkpoint?: () => void;
}

export interface FromPlan {
  readonly root: LogicalNode;
}

export interface Conjunct {
  readonly expr: Expr;
  readonly refs: ReadonlySet<number>;
}

export interface EquiKey {
  readonly conjunct: Conjunct;
  /** The side on tables already joined. */
  readonly outer: ColumnRefExpr;
  /** The side on the table being added. */
  readonly inner: ColumnRefExpr;
  readonly innerColumn: string;
}

export function planFrom(input: FromInput): FromPlan {
  const { scope } = input;
  const n = scope.bindings.length;
  const conjunct = (expr: Expr): Conjunct => ({ expr, refs: bindingsOf(expr, scope) });
  const writtenOn = input.joins.map((join) => splitConjuncts(join.on).map(conjunct));
  const isOuter = (type: JoinType): boolean => type === 'Left' || type === 'Right' || type === 'Full';

  // The join order comes first: when the first two tables swap, a RIGHT join becomes a LEFT one (and
  // LEFT a RIGHT one), and the first join's ON belongs to table 0, the one it now adds.
  const writtenPreserving = input.joins.some((j) => j.type === 'Right' || j.type === 'Full');
  const firstJoinKeys = (): Conjunct[] => {
    const first = input.joins[0];
    if (first === undefined) return [];
    if (isOuter(first.type)) return writtenOn[0]!;
    const innerOn = input.joins.flatMap((j, i) => (isOuter(j.type) ? [] : writtenOn[i]!));
    return writtenPreserving ? innerOn : [...input.where.map(conjunct), ...innerOn];
  };
  const order = n < 2 ? [...Array(n).keys()] : chooseJoinOrder({ tables: scope.bindings, joinTypes: input.joins.map((j) => j.type), joinNeed: (b, from) => joinNeedOf(firstJoinKeys(), b, from) });
  const swapped = order[0] === 1;
  /** The type of the join that adds table `b` (undefined for the table read first). */
  const joinTypeOf = (b: number): JoinType | undefined => {
    if (b === order[0]) return undefined;
    const written = b === 0 ? input.joins[0]!.type : input.joins[b - 1]!.type;
    if (!swapped || b !== 0) return written;
    return written === 'Right' ? 'Left' : written === 'Left' ? 'Right' : written;
  };
  const onOf = (b: number): readonly Conjunct[] => writtenOn[swapped && b === 0 ? 0 : b - 1] ?? [];
  const preservesInner = (b: number): boolean => joinTypeOf(b) === 'Right' || joinTypeOf(b) === 'Full';
  /** The table of the last RIGHT/FULL join after table `b` (in join order): until it is done, rows of `b` may still be NULL-extended. */
  const settledAt = (b: number): number => {
    let last = b;
    for (const j of order.slice(order.indexOf(b) + 1)) if (preservesInner(j)) last = j;
    return last;
  };
  const nullable = (b: number): boolean => joinTypeOf(b) === 'Left' || joinTypeOf(b) === 'Full' || settledAt(b) !== b;
  const anyPreserving = [...Array(n).keys()].some(preservesInner);

  // WHERE, and ON of INNER joins, filter the joined rows alike; ON of an outer join only decides matches.
  // With a RIGHT/FULL join, WHERE must see the NULL-extended rows: it never becomes a join key and waits until its tables are settled.
  let pool: Conjunct[] = anyPreserving ? [] : input.where.map(conjunct);
  const lateWhere: Conjunct[] = anyPreserving ? input.where.map(conjunct) : [];
  const outerOn = new Map<number, readonly Conjunct[]>();
  for (let b = 0; b < n; b++) {
    const type = joinTypeOf(b);
    if (type === undefined) continue;
    if (isOuter(type)) outerOn.set(b, onOf(b));
    else pool.push(...onOf(b));
  }

  // Conjuncts that one table's scan may take. WHERE conjuncts on the NULL-extended side of a LEFT join must stay above it.
  const whereCandidates = (b: number): Conjunct[] => (nullable(b) ? [] : [...pool, ...lateWhere].filter((c) => c.refs.size === 1 && c.refs.has(b)));
  // A LEFT join's ON may narrow the NULL-supplying side's scan; a RIGHT/FULL join's inner side is preserved.
  const onCandidates = (b: number): Conjunct[] => (joinTypeOf(b) === 'Left' ? (outerOn.get(b) ?? []).filter((c) => c.refs.size === 1 && c.refs.has(b)) : []);
  const scanCandidates = (b: number): Conjunct[] => [...whereCandidates(b), ...onCandidates(b)];
  // Constant conditions go to the first scan, unless a RIGHT/FULL join would bring rows back after it.
  const constants = anyPreserving ? [] : pool.filter((c) => c.refs.size === 0);
  const consumed = new Set<Conjunct>([...constants]);
  for (let b = 0; b < n; b++) scanCandidates(b).forEach((c) => consumed.add(c));

  /**
   * Table `b`'s scan, not yet negotiated. Its WHERE (and INNER ON) candidates wait in `placeable`, a
   * Filter above the joins; a LEFT join's ON candidates in a Filter over the scan. The place-predicates
   * pass moves both into the scan's offers.
   */
  const placeable: { condition: BoundExpr; predicate: PushdownPredicate | null }[] = [];
  const planScan = (b: number, extraLocal: readonly Conjunct[] = []): LogicalNode => {
    input.checkpoint?.();
    const binding = scope.bindings[b]!;
    if (binding.source === undefined) return input.planDerived(b, scanCandidates(b).map((c) => c.expr), extraLocal.map((c) => c.expr));
    const ctx = input.pushdownContext(b);
    const where = whereCandidates(b);
    const on = onCandidates(b);
    // Bound in this order so that subqueries are numbered as they always were: IN lists first.
    const predicates = [...where, ...on].map((c) => toPushdown(c.expr, ctx) ?? null);
    const bound = new Map<Conjunct, BoundExpr>();
    [...where, ...on].forEach((c, i) => predicates[i] && bound.set(c, input.bind(c.expr, 'WHERE')));
    const local = extraLocal.map((c) => input.bind(c.expr, 'WHERE'));
    [...where, ...on].forEach((c, i) => predicates[i] || bound.set(c, input.bind(c.expr, 'WHERE')));
    where.forEach((c, i) => placeable.push({ condition: bound.get(c)!, predicate: predicates[i]! }));
    const scan: UnplannedScanNode = {
      kind: 'UnplannedScan',
      label: binding.name.toLowerCase() === binding.info.name.toLowerCase() ? binding.info.name : `${binding.info.name} ${binding.name}`,
      binding: binding.name,
      source: binding.source,
      columns: scope.columnsOf(b).map((c) => ({ column: c.column, slot: c.slot })),
      width: scope.width,
      offers: [],
      local,
    };
    if (on.length === 0) return scan;
    return { kind: 'Filter', input: scan, conditions: on.map((c) => bound.get(c)!), candidates: on.map((_c, i) => predicates[where.length + i]!) };
  };

  /** The key column of table `b` that takes a join's values for `column`, if it declares one. */
  function joinKeyColumn(b: number, column: string): KeyColumn | undefined {
    return scope.bindings[b]!.source?.keyColumns.find((k) => k.column === column && acceptsParams(k) && k.operators.includes('IN'));
  }

  /** Whether some key among `candidates` can give table `b` its values from table `from`, and whether `b` requires them (a required key column, defaulted or not). */
  function joinNeedOf(candidates: readonly Conjunct[], b: number, from: number): JoinNeed {
    const columns = equiKeys(candidates, new Set([from]), b).map((k) => joinKeyColumn(b, k.innerColumn));
    if (columns.some((k) => k?.require === 'required')) return 'requires';
    return columns.some((k) => k !== undefined) ? 'takes' : 'none';
  }

  function equiKeys(candidates: readonly Conjunct[], joined: ReadonlySet<number>, b: number): EquiKey[] {
    const keys: EquiKey[] = [];
    for (const c of candidates) {
      const e = c.expr;
      if (e.kind !== 'Binary' || e.op !== '=' || e.left.kind !== 'ColumnRef' || e.right.kind !== 'ColumnRef') continue;
      const l = scope.resolve(e.left);
      const r = scope.resolve(e.right);
      if (l.binding === b && joined.has(r.binding)) keys.push({ conjunct: c, outer: e.right, inner: e.left, innerColumn: l.column });
      else if (r.binding === b && joined.has(l.binding)) keys.push({ conjunct: c, outer: e.left, inner: e.right, innerColumn: r.column });
    }
    return keys;
  }

  const first = order[0]!;
  const firstScan = planScan(first, constants);
  let root: LogicalNode = firstScan;
  const joined = new Set<number>([first]);
  const applyReadyFilters = (): void => {
    const settled = (r: number): boolean => joined.has(r) && joined.has(settledAt(r));
    const ready = [...pool, ...lateWhere].filter((c) => !consumed.has(c) && (c.refs.size === 0 ? settled(0) : [...c.refs].every(settled)));
    if (ready.length === 0) return;
    ready.forEach((c) => consumed.add(c));
    root = { kind: 'Filter', input: root, conditions: ready.map((c) => input.bind(c.expr, 'WHERE')) };
  };
  applyReadyFilters();

  for (const b of order.slice(1)) {
    input.checkpoint?.();
    const written = joinTypeOf(b)!;
    const type = written === 'Cross' ? 'Inner' : written;
    // Outer joins: keys come from their ON (a LEFT join's inner-only conditions went to its scan); INNER/CROSS: from the shared pool.
    const on = outerOn.get(b) ?? [];
    const source = type === 'Inner' ? pool.filter((c) => !consumed.has(c)) : type === 'Left' ? on.filter((c) => !(c.refs.size === 1 && c.refs.has(b))) : on;
    const keys = equiKeys(source, joined, b);
    const scan = planScan(b);
    keys.forEach((k) => consumed.add(k.conjunct));
    const residual = type === 'Inner' ? [] : source.filter((c) => !keys.some((k) => k.conjunct === c));
    const condition: JoinCondition = {
      type,
      keys: keys.map((k) => joinKey(k)),
      ...(residual.length > 0 ? { residual: residualOf(residual) } : {}),
      innerSlots: scope.columnsOf(b).map((c) => c.slot),
    };
    // The strategy (hash or dependent) is the choose-dependent-joins pass's.
    root = { kind: 'Join', outer: root, inner: scan, ...condition };
    joined.add(b);
    applyReadyFilters();
  }
  if (placeable.length > 0) root = { kind: 'Filter', input: root, conditions: placeable.map((p) => p.condition), candidates: placeable.map((p) => p.predicate) };
  return { root };

  function joinKey(k: EquiKey): EquiJoinKey {
    const outer = input.bind(k.outer, 'ON');
    const inner = input.bind(k.inner, 'ON');
    return { outer, inner, type: keyType(outer.type, inner.type), text: `${outer.text} = ${inner.text}` };
  }

  function residualOf(conjuncts: readonly Conjunct[]): BoundExpr {
    const bound = input.bind(andAll(conjuncts.map((c) => c.expr)), 'ON');
    return { ...bound, text: conjuncts.map((c) => input.bind(c.expr, 'ON').text).join(' AND ') };
  }
}

export interface JoinOrderInput {
  readonly tables: readonly Binding[];
  /** The type of the join that adds table i + 1. */
  readonly joinTypes: readonly JoinType[];
  /** Whether table `b` can take its key values from table `from` through the join keys, and whether it requires them. */
  joinNeed(b: number, from: number): JoinNeed;
}

/** `requires`: a required key column (such as a defaulted AccountId) can be filled by the join; `takes`: an optional one can. */
export type JoinNeed = 'requires' | 'takes' | 'none';

/**
 * The order in which tables are joined (README, "Join order"): as written, except that the first
 * two tables swap when the first has a required key column (such as a defaulted AccountId) that the
 * join can fill from the second and not the other way round (for every join kind: a swapped RIGHT
 * join becomes a LEFT one and a LEFT join a RIGHT one), or, in an inner join, when only the first
 * can take the join's values at all. A join thus gives the same rows whichever order it is written in.
 */
export function chooseJoinOrder(input: JoinOrderInput): number[] {
  const n = input.tables.length;
  const order = [...Array(n).keys()];
  if (n >= 2) {
    const firstNeeds = input.joinNeed(0, 1);
    const secondNeeds = input.joinNeed(1, 0);
    // A decorrelated subquery is a join the user did not write: it never fills a required key, so it never
    // changes which rows (which accounts) the outer table covers.
    const written = input.tables[1]!.derived?.decorrelated === undefined;
    // An optional key is worth a swap only in an inner join: a preserved side of an outer join is read whole anyway.
    const inner = input.joinTypes[0] === 'Inner';
    if ((written && firstNeeds === 'requires' && secondNeeds !== 'requires') || (inner && firstNeeds === 'takes' && secondNeeds === 'none')) {
      order[0] = 1;
      order[1] = 0;
    }
  }
  return order;
}

function keyType(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b) return a;
  if (a === 'String') return b;
  if (b === 'String') return a;
  const numeric = ['Int', 'Long', 'Double'];
  if (numeric.includes(a) && numeric.includes(b)) return 'Double';
  return b;
}

function andAll(exprs: readonly Expr[]): Expr {
  return exprs.reduce((a, b) => ({ kind: 'Binary', op: 'AND', left: a, right: b }));
}
