/**
 * Plans FROM ... JOIN ... WHERE into its canonical tree, the tables joined as written: each join's
 * keys and, for outer joins, the rest of its ON. Every join is a hash Join here; the
 * choose-join-order pass may swap the first two tables, choose-dependent-joins picks the dependent
 * strategy. It does not ask any source: conjuncts that one table's scan may take wait in Filters
 * marked `candidates` for the place-predicates pass, scans are UnplannedScans for negotiate-scans
 * (src/plan/passes/).
 */
import type { ColumnType } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { ColumnRefExpr, Expr, Join, JoinType } from '../sql/ir.js';
import { bindingsOf, splitConjuncts } from './conjuncts.js';
import { conjunctText, type BoundExpr } from '../logical/expr-scope.js';
import type { EquiJoinKey, JoinCondition } from '../logical/join-node.js';
import type { LogicalNode } from '../logical/logical-node.js';
import type { UnplannedScanNode } from '../logical/unplanned-scan-node.js';
import type { SubqueryScanNode } from '../logical/subquery-scan-node.js';
import { applyOver, type PlannedApply } from './plan-apply.js';
import { toPushdown, type PushdownContext } from './pushdown.js';
import type { PushdownPredicate } from '../source/contract.js';
import type { SourceScope } from './scope.js';

export interface FromInput {
  readonly scope: SourceScope;
  readonly joins: readonly Join[];
  readonly where: readonly Expr[];
  /** Binds a condition in the source scope. */
  bind(e: Expr, context: string): BoundExpr;
  pushdownContext(binding: number): PushdownContext;
  /** Correlated subqueries of a LEFT join's ON that read only the joined table: Applies over its scan, by binding. */
  readonly scanApplies?: ReadonlyMap<number, readonly PlannedApply[]>;
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
}

export function planFrom(input: FromInput): FromPlan {
  const { scope } = input;
  const n = scope.bindings.length;
  const conjunct = (expr: Expr): Conjunct => ({ expr, refs: bindingsOf(expr, scope) });
  const writtenOn = input.joins.map((join) => splitConjuncts(join.on).map(conjunct));
  const isOuter = (type: JoinType): boolean => type === 'Left' || type === 'Right' || type === 'Full';

  // Tables are joined as written; the choose-join-order pass may swap the first two. So that a swap
  // changes nothing else, every decision below follows from what a table is in the join (preserved
  // or NULL-supplying), never from its position: a RIGHT join of the first two tables is decided as
  // the LEFT join it is read the other way round (table 1 drives, table 0 is NULL-supplying).
  const joinTypeOf = (b: number): JoinType | undefined => (b === 0 ? undefined : input.joins[b - 1]!.type);
  const onOf = (b: number): readonly Conjunct[] => writtenOn[b - 1] ?? [];
  const firstIsRight = input.joins[0]?.type === 'Right';
  /** The table whose rows every output row comes from, when no later join brings rows back. */
  const driving = firstIsRight ? 1 : 0;
  const preservesInner = (b: number): boolean => joinTypeOf(b) === 'Right' || joinTypeOf(b) === 'Full';
  /** The table of the last RIGHT/FULL join after table `b`: until it is done, rows of `b` may still be NULL-extended. */
  const settledAt = (b: number): number => {
    let last = b;
    for (let j = b + 1; j < n; j++) if (preservesInner(j)) last = j;
    return last;
  };
  const nullable = (b: number): boolean => joinTypeOf(b) === 'Left' || joinTypeOf(b) === 'Full' || settledAt(b) !== b;
  const anyPreserving = [...Array(n).keys()].some((b) => preservesInner(b) && !(b === 1 && firstIsRight));
  /** The ON of the outer join for which `b` is the NULL-supplying side, whose conditions on `b` alone may narrow its scan. */
  const narrowingOn = (b: number): readonly Conjunct[] => (joinTypeOf(b) === 'Left' ? onOf(b) : b === 0 && firstIsRight ? onOf(1) : []);

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
  // An outer join's ON may narrow its NULL-supplying side's scan (narrowingOn); a preserved side is read whole.
  const onCandidates = (b: number): Conjunct[] => narrowingOn(b).filter((c) => c.refs.size === 1 && c.refs.has(b));
  const scanCandidates = (b: number): Conjunct[] => [...whereCandidates(b), ...onCandidates(b)];
  // Constant conditions go to the driving table's scan, unless a RIGHT/FULL join would bring rows back after it.
  const constants = anyPreserving ? [] : pool.filter((c) => c.refs.size === 0);
  const consumed = new Set<Conjunct>([...constants]);
  for (let b = 0; b < n; b++) scanCandidates(b).forEach((c) => consumed.add(c));

  /**
   * Table `b`'s scan, not yet negotiated, or a derived table's block. Its WHERE (and INNER ON)
   * candidates wait in `placeable`, a Filter above the joins; a LEFT join's ON candidates in a
   * Filter over the scan. The place-predicates pass moves both into the scan's offers, or into the block.
   */
  const placeable: { condition: BoundExpr; predicate: PushdownPredicate | null }[] = [];
  const appliesOn = (b: number): readonly PlannedApply[] => input.scanApplies?.get(b) ?? [];
  const planScan = (b: number, extraLocal: readonly Conjunct[] = []): LogicalNode => {
    input.checkpoint?.();
    const binding = scope.bindings[b]!;
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
    const scan: UnplannedScanNode | SubqueryScanNode =
      binding.source === undefined
        ? {
            kind: 'Subquery',
            label: binding.name,
            plan: binding.derived!.plan,
            columns: scope.columnsOf(b).map((c) => ({ index: binding.info.columns.findIndex((col) => col.name === c.column), slot: c.slot })),
            width: scope.width,
            local,
            pushed: [],
            ...(binding.derived!.decorrelated !== undefined ? { decorrelated: binding.derived!.decorrelated } : {}),
          }
        : {
            kind: 'UnplannedScan',
            label: binding.name.toLowerCase() === binding.info.name.toLowerCase() ? binding.info.name : `${binding.info.name} ${binding.name}`,
            binding: binding.name,
            source: binding.source,
            columns: scope.columnsOf(b).map((c) => ({ column: c.column, slot: c.slot })),
            width: scope.width,
            offers: [],
            local,
          };
    const applies = appliesOn(b);
    const leaf = applies.length > 0 ? applyOver(scan, applies, []) : scan;
    if (on.length === 0) return leaf;
    return { kind: 'Filter', input: leaf, conditions: on.map((c) => bound.get(c)!), candidates: on.map((_c, i) => predicates[where.length + i]!) };
  };

  function equiKeys(candidates: readonly Conjunct[], joined: ReadonlySet<number>, b: number): EquiKey[] {
    const keys: EquiKey[] = [];
    for (const c of candidates) {
      const e = c.expr;
      if (e.kind !== 'Binary' || e.op !== '=' || e.left.kind !== 'ColumnRef' || e.right.kind !== 'ColumnRef') continue;
      const l = scope.resolve(e.left);
      const r = scope.resolve(e.right);
      if (l.binding === b && joined.has(r.binding)) keys.push({ conjunct: c, outer: e.right, inner: e.left });
      else if (r.binding === b && joined.has(l.binding)) keys.push({ conjunct: c, outer: e.left, inner: e.right });
    }
    return keys;
  }

  let root: LogicalNode = planScan(0, driving === 0 ? constants : []);
  const joined = new Set<number>([0]);

  for (let b = 1; b < n; b++) {
    input.checkpoint?.();
    const written = joinTypeOf(b)!;
    const type = written === 'Cross' ? 'Inner' : written;
    // Outer joins: keys come from their ON, less the conditions that went to a NULL-supplying side's scan; INNER/CROSS: from the shared pool.
    const on = outerOn.get(b) ?? [];
    const source = (type === 'Inner' ? pool : on).filter((c) => !consumed.has(c));
    const keys = equiKeys(source, joined, b);
    const scan = planScan(b, b === driving ? constants : []);
    keys.forEach((k) => consumed.add(k.conjunct));
    const residual = type === 'Inner' ? [] : source.filter((c) => !keys.some((k) => k.conjunct === c));
    const condition: JoinCondition = {
      type,
      keys: keys.map((k) => joinKey(k)),
      ...(residual.length > 0 ? { residual: residualOf(residual) } : {}),
      innerSlots: [...scope.columnsOf(b).map((c) => c.slot), ...appliesOn(b).map((a) => a.slot)],
    };
    // The strategy (hash or dependent) is the choose-dependent-joins pass's.
    root = { kind: 'Join', outer: root, inner: scan, ...condition };
    joined.add(b);
  }
  // What no scan and no join key took (conditions on several tables, or on a NULL-supplying side)
  // waits above the joins too: place-predicates moves each down to the lowest join that may apply it.
  for (const c of [...pool, ...lateWhere]) if (!consumed.has(c)) placeable.push({ condition: input.bind(c.expr, 'WHERE'), predicate: null });
  if (placeable.length > 0) root = { kind: 'Filter', input: root, conditions: placeable.map((p) => p.condition), candidates: placeable.map((p) => p.predicate) };
  return { root };

  function joinKey(k: EquiKey): EquiJoinKey {
    const outer = input.bind(k.outer, 'ON');
    const inner = input.bind(k.inner, 'ON');
    return { outer, inner, type: keyType(outer.type, inner.type), text: `${outer.text} = ${inner.text}` };
  }

  function residualOf(conjuncts: readonly Conjunct[]): BoundExpr {
    const bound = input.bind(andAll(conjuncts.map((c) => c.expr)), 'ON');
    return { ...bound, text: conjunctText(conjuncts.map((c) => input.bind(c.expr, 'ON'))) };
  }
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
