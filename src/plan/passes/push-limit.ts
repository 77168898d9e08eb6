/**
 * LIMIT and ORDER BY pushdown, a pass over one query block's tree. The planner puts Sort and
 * Limit above the block without deciding anything; this pass
 *  - gives a Sort under a Limit the rows it must keep (top-N);
 *  - offers the order to the scan of `Sort → Project → (Filter) → Scan`, and drops the Sort when
 *    the source sorts (a filter keeps the order of what it lets through);
 *  - sends limit + offset to the scan of `Limit → (sorted) Project → Scan` when the scan checks
 *    nothing locally.
 * Anything else between (a join, UNION, window, aggregate, DISTINCT, a derived table, a filter for
 * the limit) may drop, add or reorder rows, and stops the pass.
 */
import type { LogicalNode } from '../../logical/logical-node.js';
import type { ProjectNode } from '../../logical/project-node.js';
import type { ScanNode } from '../../logical/scan-node.js';
import type { SortNode } from '../../logical/sort-node.js';
import type { SortKey } from '../../source/contract.js';

export function pushLimit(root: LogicalNode): LogicalNode {
  if (root.kind === 'Sort') return pushOrder(root) ?? root;
  if (root.kind !== 'Limit') return root;
  const count = root.limit !== undefined ? root.limit + root.offset : undefined;
  let input = root.input;
  if (input.kind === 'Sort') {
    const sorted = pushOrder(input);
    // The source does not sort: the Sort stays, keeps the first limit + offset rows, and nothing below may stop early.
    if (sorted === undefined) return count === undefined ? root : { ...root, input: { ...input, keep: count } };
    input = sorted;
  }
  if (count !== undefined) input = limitScan(input, count) ?? input;
  return input === root.input ? root : { ...root, input };
}

/** `sort`'s input with the order applied by the source, or undefined when the source cannot. */
function pushOrder(sort: SortNode): LogicalNode | undefined {
  const project = sort.input;
  if (project.kind !== 'Project') return undefined;
  const chain = filtersAbove(project.input);
  if (chain === undefined) return undefined;
  const keys = scanKeys(sort, project, chain.scan);
  if (keys === undefined) return undefined;
  const scan = chain.scan;
  const request = { ...scan.request, orderBy: keys };
  const plan = scan.source.plan(request);
  // The order must not change what the source does with the predicates (their local checks are planned already).
  if (!plan.sorted || plan.handling.length !== scan.plan.handling.length || plan.handling.some((h, i) => h !== scan.plan.handling[i])) return undefined;
  const sortedScan: ScanNode = { ...scan, request, plan, sorted: true };
  return { ...project, input: chain.rebuild(sortedScan) };
}

/** Filters down to a Scan, and how to rebuild them over a new scan. */
function filtersAbove(node: LogicalNode): { scan: ScanNode; rebuild(scan: ScanNode): LogicalNode } | undefined {
  if (node.kind === 'Scan') return { scan: node, rebuild: (scan) => scan };
  if (node.kind !== 'Filter') return undefined;
  const below = filtersAbove(node.input);
  return below && { scan: below.scan, rebuild: (scan) => ({ ...node, input: below.rebuild(scan) }) };
}

/** The Sort's keys as columns of the scan: each key a plain column with the default NULL placement (first ascending, last descending). */
function scanKeys(sort: SortNode, project: ProjectNode, scan: ScanNode): SortKey[] | undefined {
  const keys: SortKey[] = [];
  for (const key of sort.keys) {
    const output = project.outputs[key.slot];
    if (output === undefined || output.expr.kind !== 'ColumnRef' || key.nullsFirst === key.desc) return undefined;
    const slot = output.scope.slots.get(output.expr)?.slot;
    const column = scan.columns.find((c) => c.slot === slot)?.column;
    if (column === undefined) return undefined;
    keys.push({ column, desc: key.desc });
  }
  return keys;
}

/** `Project → Scan` with `count` sent to the scan, when every row the scan yields reaches the Limit in order. */
function limitScan(node: LogicalNode, count: number): LogicalNode | undefined {
  if (node.kind !== 'Project' || node.input.kind !== 'Scan') return undefined;
  const scan = node.input;
  if (scan.local.length > 0 || scan.limit !== undefined) return undefined;
  return { ...node, input: { ...scan, limit: count } };
}
