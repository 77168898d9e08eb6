import type { ColumnType } from '../../catalog/types.js';
import type { BoundExpr } from './expr-scope.js';
import type { LogicalNode } from './logical-node.js';

/** LEFT keeps unmatched outer rows, RIGHT unmatched inner rows, FULL both. */
export type JoinType = 'Inner' | 'Left' | 'Right' | 'Full';

export interface EquiJoinKey {
  readonly outer: BoundExpr;
  readonly inner: BoundExpr;
  /** Both sides are coerced to this type before hashing. */
  readonly type: ColumnType;
  /** `c.Id = i.EntityId`. */
  readonly text: string;
}

/** What every join strategy shares. */
export interface JoinCondition {
  readonly type: JoinType;
  readonly keys: readonly EquiJoinKey[];
  /** ON conditions that are not equality keys. */
  readonly residual?: BoundExpr;
  /** Slots the inner side fills. */
  readonly innerSlots: readonly number[];
}

/** Builds a hash table on the inner side and streams the outer side (a nested loop when there are no keys). */
export interface JoinNode extends JoinCondition {
  readonly kind: 'Join';
  readonly outer: LogicalNode;
  readonly inner: LogicalNode;
}
