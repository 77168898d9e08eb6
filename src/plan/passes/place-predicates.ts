/**
 * Predicate placement, a pass over one query block's tree. The planner leaves the WHERE conjuncts
 * and those of INNER joins' ON that no join key took in a Filter above the joins, and a LEFT join's
 * ON conjuncts on its inner side in a Filter over that side; each carries its `candidates` (the
 * conjunct as a predicate of the one table it reads, or null). This pass moves each down to the scan
 * of the table it reads, where negotiate-scans offers it to the source, or, when it reads several
 * tables, to the lowest join below which they all are:
 *  - through an INNER join to either side;
 *  - through a LEFT join only to its outer (preserved) side, a RIGHT join only to its inner side,
 *    and never through a FULL join: a WHERE on a NULL-extended side must see the NULLs;
 *  - through other filters (filters commute), and through an Apply when it does not read its answer;
 *  - into a derived table or WITH query, whose block computes the columns it reads
 *    (push-into-block), and on down to that block's scans; where that could change the block's
 *    rows it is checked on the rows the block yields.
 * A conjunct that cannot go down stays in a Filter where it stopped.
 */
import { conjunctText } from '../../logical/expr-scope.js';
import type { JoinType } from '../../logical/join-node.js';
import { inputsOf, type LogicalNode } from '../../logical/logical-node.js';
import type { SubqueryScanNode } from '../../logical/subquery-scan-node.js';
import type { ScanOffer, UnplannedScanNode } from '../../logical/unplanned-scan-node.js';
import type { PushdownPredicate } from '../../source/contract.js';
import { placed, type Placed } from './placed.js';
import { pushIntoBlock } from './push-into-block.js';
import { filterOver, withInputs } from './walk.js';

export function placePredicates(root: LogicalNode): LogicalNode {
  return place(root, []);
}

function place(node: LogicalNode, incoming: readonly Placed[]): LogicalNode {
  switch (node.kind) {
    case 'Filter': {
      if (node.candidates === undefined) return filterOver(node, place(node.input, incoming));
      const own = node.conditions.map((condition, i) => placed(condition, node.candidates![i] ?? null));
      return place(node.input, [...incoming, ...own]);
    }
    case 'UnplannedScan': {
      const mine = new Set(node.columns.map((c) => c.slot));
      const [here, rest] = split(incoming, (p) => within(p.slots, mine));
      if (here.length === 0) return stay(node, rest);
      const offers: ScanOffer[] = here.flatMap((p) => (p.predicate ? [{ predicate: namedFor(node, p.predicate, p.slots), check: p.condition }] : []));
      const local = here.filter((p) => !p.predicate).map((p) => p.condition);
      return stay({ ...node, offers: [...node.offers, ...offers], local: [...node.local, ...local] }, rest);
    }
    case 'Subquery': {
      const mine = new Set(node.columns.map((c) => c.slot));
      const [here, rest] = split(incoming, (p) => within(p.slots, mine));
      return stay(here.reduce(pushedInto, node), rest);
    }
    case 'Apply': {
      const [through, rest] = split(incoming, (p) => !p.slots.has(node.slot));
      return stay(withInputs(node, [place(node.outer, through)]), rest);
    }
    case 'Join':
    case 'DependentJoin': {
      // A driven RIGHT/FULL join runs as INNER/LEFT, but its rows are those of the join as written.
      const type: JoinType = node.kind === 'DependentJoin' ? (node.fallback?.type ?? node.type) : node.type;
      if (incoming.length === 0) return withInputs(node, [place(node.outer, []), place(node.inner, [])]);
      const outerSlots = type === 'Inner' || type === 'Left' ? slotsOf(node.outer) : new Set<number>();
      const innerSlots = type === 'Inner' || type === 'Right' ? slotsOf(node.inner) : new Set<number>();
      const [toOuter, notOuter] = split(incoming, (p) => within(p.slots, outerSlots));
      const [toInner, rest] = split(notOuter, (p) => within(p.slots, innerSlots));
      return stay(withInputs(node, [place(node.outer, toOuter), place(node.inner, toInner)]), rest);
    }
    default:
      return stay(withInputs(node, inputsOf(node).map((n) => place(n, []))), incoming);
  }
}

/** The derived table with `p` pushed into its block, or checked on the rows it yields. */
function pushedInto(node: SubqueryScanNode, p: Placed): SubqueryScanNode {
  const outputOf = new Map(node.columns.map((c) => [c.slot, c.index]));
  const plan = pushIntoBlock(node.plan, { ...p, outputOf }, place);
  return plan ? { ...node, plan, pushed: [...node.pushed, conjunctText([p.condition])] } : { ...node, local: [...node.local, p.condition] };
}

/**
 * The predicate under the scan's own name for the column it reads: a condition pushed into a
 * derived table's block named the derived table's column.
 */
function namedFor(scan: UnplannedScanNode, predicate: PushdownPredicate, slots: ReadonlySet<number>): PushdownPredicate {
  const [slot] = slots;
  const column = slots.size === 1 ? scan.columns.find((c) => c.slot === slot)?.column : undefined;
  return column === undefined || column === predicate.column ? predicate : { ...predicate, column };
}

/** `node` under a plain Filter of what could not go further down. */
function stay(node: LogicalNode, rest: readonly Placed[]): LogicalNode {
  return rest.length === 0 ? node : { kind: 'Filter', input: node, conditions: rest.map((p) => p.condition) };
}

function split<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

function within(slots: ReadonlySet<number>, of: ReadonlySet<number>): boolean {
  return slots.size > 0 && [...slots].every((s) => of.has(s));
}

/** The tuple slots a FROM subtree fills. */
function slotsOf(node: LogicalNode): Set<number> {
  const slots = new Set<number>();
  const visit = (n: LogicalNode): void => {
    if (n.kind === 'Scan' || n.kind === 'UnplannedScan') n.columns.forEach((c) => slots.add(c.slot));
    else if (n.kind === 'Subquery') n.columns.forEach((c) => slots.add(c.slot));
    else inputsOf(n).forEach(visit);
  };
  visit(node);
  return slots;
}
