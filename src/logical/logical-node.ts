/**
 * The logical plan: small immutable nodes with a `kind`, produced by plan/ and compiled into
 * streaming operators by exec/compile. Every node streams tuples (values by slot); rewrites and
 * EXPLAIN are functions over these nodes.
 */
import type { AggregateNode } from './aggregate-node.js';
import type { ApplyNode } from './apply-node.js';
import type { DependentJoinNode } from './dependent-join-node.js';
import type { DistinctNode } from './distinct-node.js';
import type { FilterNode } from './filter-node.js';
import type { JoinNode } from './join-node.js';
import type { LimitNode } from './limit-node.js';
import type { ProjectNode } from './project-node.js';
import type { ScanNode } from './scan-node.js';
import type { SelectPlan } from './select-plan.js';
import type { SetOperationNode } from './set-operation-node.js';
import type { SortNode } from './sort-node.js';
import type { SubqueryScanNode } from './subquery-scan-node.js';
import type { UnplannedScanNode } from './unplanned-scan-node.js';
import type { ValuesNode } from './values-node.js';
import type { WindowNode } from './window-node.js';

export type LogicalNode =
  | ScanNode
  | UnplannedScanNode
  | ValuesNode
  | SubqueryScanNode
  | SetOperationNode
  | FilterNode
  | ProjectNode
  | AggregateNode
  | WindowNode
  | SortNode
  | LimitNode
  | DistinctNode
  | JoinNode
  | DependentJoinNode
  | ApplyNode;

/** Direct inputs, outer side first. */
export function inputsOf(node: LogicalNode): readonly LogicalNode[] {
  switch (node.kind) {
    case 'Scan':
    case 'UnplannedScan':
    case 'Values':
    case 'Subquery':
    case 'SetOperation':
      return [];
    case 'Join':
    case 'DependentJoin':
      return [node.outer, node.inner];
    case 'Apply':
      return [node.outer];
    default:
      return [node.input];
  }
}

/** Query blocks a node reads (derived tables, set operation operands, an Apply's inner block). */
export function blocksOf(node: LogicalNode): readonly SelectPlan[] {
  if (node.kind === 'Subquery') return [node.plan];
  if (node.kind === 'SetOperation') return node.inputs;
  if (node.kind === 'Apply') return [node.plan];
  return [];
}
