import type { AggregateName } from '../sql/ir.js';
import type { BoundExpr } from './expr-scope.js';
import type { LogicalNode } from './logical-node.js';

export interface AggregateCall {
  readonly name: AggregateName;
  readonly distinct: boolean;
  /** Absent for COUNT(*). */
  readonly arg?: BoundExpr;
  readonly text: string;
}

/** GROUP BY: output tuples are [group keys..., aggregates...]. */
export interface AggregateNode {
  readonly kind: 'Aggregate';
  readonly input: LogicalNode;
  readonly groups: readonly BoundExpr[];
  readonly aggregates: readonly AggregateCall[];
}
