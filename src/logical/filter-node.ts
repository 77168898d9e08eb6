import type { BoundExpr } from './expr-scope.js';
import type { LogicalNode } from './logical-node.js';

/** Keeps the tuples for which every condition is true. */
export interface FilterNode {
  readonly kind: 'Filter';
  readonly input: LogicalNode;
  readonly conditions: readonly BoundExpr[];
}
