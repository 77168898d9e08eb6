/**
 * Join order, a pass over one query block's tree (README, "Join order"). The planner joins the
 * tables as written; this pass swaps the first two when the first has a required key column (such
 * as a defaulted AccountId) that the join can fill from the second and not the other way round
 * (for every join kind: a swapped RIGHT join becomes a LEFT one and a LEFT join a RIGHT one), or,
 * in an inner join, when only the first can take the join's values at all. The table that takes the
 * values is then the inner side, which choose-dependent-joins (the next pass) can drive with them.
 *
 * The planner decides predicate placement, nullability and constants from what each table is in
 * the join (preserved or NULL-supplying), never from its position, so a swap is only structural:
 * the two sides, the join type mirrored and each key's sides exchanged.
 */
import { conjunction } from '../../logical/expr-scope.js';
import type { EquiJoinKey, JoinNode, JoinType } from '../../logical/join-node.js';
import { inputsOf, type LogicalNode } from '../../logical/logical-node.js';
import type { SubqueryScanNode } from '../../logical/subquery-scan-node.js';
import type { UnplannedScanNode } from '../../logical/unplanned-scan-node.js';
import { acceptsParams } from '../../source/key-column.js';
import { withInputs } from './walk.js';

/** `requires`: a required key column (such as a defaulted AccountId) can be filled by the join; `takes`: an optional one can. */
export type JoinNeed = 'requires' | 'takes' | 'none';

/** One table of FROM as the planner built it: its scan, under a Filter of the ON conditions that narrow it. */
type TableLeaf = UnplannedScanNode | SubqueryScanNode;

export function chooseJoinOrder(root: LogicalNode): LogicalNode {
  if (root.kind === 'Join') {
    const outer = leafOf(root.outer);
    const inner = leafOf(root.inner);
    if (outer !== undefined && inner !== undefined) return outerNotNarrowed(shouldSwap(root, outer, inner) ? swapped(root, outer) : root);
  }
  // Subquery blocks are rewritten on their own (mapBlocks); the joins of this block are left-deep.
  if (root.kind === 'Subquery') return root;
  return withInputs(root, inputsOf(root).map(chooseJoinOrder));
}

function shouldSwap(join: JoinNode, outer: TableLeaf, inner: TableLeaf): boolean {
  const firstNeeds = joinNeed(join.keys.map((k) => k.outer), outer);
  const secondNeeds = joinNeed(join.keys.map((k) => k.inner), inner);
  // A decorrelated subquery is a join the user did not write: it never fills a required key, so it
  // never changes which rows (which accounts) the outer table covers.
  const written = !(inner.kind === 'Subquery' && inner.decorrelated !== undefined);
  // An optional key is worth a swap only in an inner join: a preserved side of an outer join is read whole anyway.
  const isInner = join.type === 'Inner';
  return (written && firstNeeds === 'requires' && secondNeeds !== 'requires') || (isInner && firstNeeds === 'takes' && secondNeeds === 'none');
}

/** Whether some key column of `leaf` named by the join's keys on its side can take the join's values, and whether it requires them. */
function joinNeed(sides: readonly EquiJoinKey['outer'][], leaf: TableLeaf): JoinNeed {
  if (leaf.kind !== 'UnplannedScan') return 'none';
  const columns = sides.map((side) => {
    const slot = side.expr.kind === 'ColumnRef' ? side.scope.slots.get(side.expr)?.slot : undefined;
    const column = leaf.columns.find((c) => c.slot === slot)?.column;
    return column === undefined ? undefined : leaf.source.keyColumns.find((k) => k.column === column && acceptsParams(k) && k.operators.includes('IN'));
  });
  if (columns.some((k) => k?.require === 'required')) return 'requires';
  return columns.some((k) => k !== undefined) ? 'takes' : 'none';
}

function swapped(join: JoinNode, outer: TableLeaf): JoinNode {
  return {
    ...join,
    outer: join.inner,
    inner: join.outer,
    type: mirror(join.type),
    keys: join.keys.map((k) => ({ ...k, outer: k.inner, inner: k.outer, text: `${k.inner.text} = ${k.outer.text}` })),
    innerSlots: outer.columns.map((c) => c.slot),
  };
}

/**
 * The planner narrows a NULL-supplying table's scan by the conditions of its join's ON that read it
 * alone. That holds for the inner side of a LEFT join; on the outer side of a RIGHT join the
 * conditions go back into the join's ON: a dependent join driven by that side reads the preserved
 * side for its keys only, so a narrowed driver would drop preserved rows.
 */
function outerNotNarrowed(join: JoinNode): JoinNode {
  // The narrowing Filter is the one that carries candidates (planFrom's planScan).
  if (join.type !== 'Right' || join.outer.kind !== 'Filter' || join.outer.candidates === undefined) return join;
  const [first, ...rest] = join.residual === undefined ? join.outer.conditions : [join.residual, ...join.outer.conditions];
  return { ...join, outer: join.outer.input, ...(first === undefined ? {} : { residual: conjunction([first, ...rest]) }) };
}

function mirror(type: JoinType): JoinType {
  return type === 'Left' ? 'Right' : type === 'Right' ? 'Left' : type;
}

/** The table a join side reads, when that side is one table. */
function leafOf(node: LogicalNode): TableLeaf | undefined {
  if (node.kind === 'UnplannedScan' || node.kind === 'Subquery') return node;
  if (node.kind === 'Filter' && (node.input.kind === 'UnplannedScan' || node.input.kind === 'Subquery')) return node.input;
  return undefined;
}
