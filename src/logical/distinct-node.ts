import type { LogicalNode } from './logical-node.js';

/** SELECT DISTINCT on the first `width` values of each tuple (the selected outputs). */
export interface DistinctNode {
  readonly kind: 'Distinct';
  readonly input: LogicalNode;
  readonly width: number;
}
