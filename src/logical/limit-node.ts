import type { LogicalNode } from './logical-node.js';

export interface LimitNode {
  readonly kind: 'Limit';
  readonly input: LogicalNode;
  /** Absent: no limit, only an offset. */
  readonly limit?: number;
  readonly offset: number;
}
