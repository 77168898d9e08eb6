import type { JoinCondition, JoinType } from './join-node.js';
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
  /**
   * Before negotiate-scans only: the hash join of `type` this becomes when the source refuses the
   * Param (or, with `needsExact`, does not apply it exactly).
   */
  readonly fallback?: { readonly type: JoinType; readonly needsExact: boolean };
}
