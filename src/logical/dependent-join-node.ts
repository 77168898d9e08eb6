import type { JoinCondition } from './join-node.js';
import type { LogicalNode } from './logical-node.js';

/** A join whose inner scan takes the outer side's key values as a Param, batch by batch. */
export interface DependentJoinNode extends JoinCondition {
  readonly kind: 'DependentJoin';
  readonly outer: LogicalNode;
  readonly inner: LogicalNode;
  /** The key whose outer values feed the Param. */
  readonly paramKeyIndex: number;
  readonly paramId: string;
  /** Outer rows per batch. */
  readonly batchSize: number;
}
