import type { BoundExpr } from './expr-scope.js';
import type { LogicalNode } from './logical-node.js';

/** Computes the output values; `outputs` may end with ORDER BY keys that are not selected (`names` is shorter then). */
export interface ProjectNode {
  readonly kind: 'Project';
  readonly input: LogicalNode;
  readonly outputs: readonly BoundExpr[];
  /** Output column names, one per selected output. */
  readonly names: readonly string[];
}
