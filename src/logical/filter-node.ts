import type { PushdownPredicate } from '../source/contract.js';
import type { BoundExpr } from './expr-scope.js';
import type { LogicalNode } from './logical-node.js';

/** Keeps the tuples for which every condition is true. */
export interface FilterNode {
  readonly kind: 'Filter';
  readonly input: LogicalNode;
  readonly conditions: readonly BoundExpr[];
  /**
   * Before place-predicates only: the conditions that each read one table, as that table's
   * predicates (null: no predicate shape, checked locally). The pass moves them to the scan.
   */
  readonly candidates?: readonly (PushdownPredicate | null)[];
}
