import type { LogicalNode } from './logical-node.js';

export interface SortKey {
  readonly slot: number;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
  readonly text: string;
}

/** ORDER BY; `keep` is limit + offset above, when there is one (top-N). */
export interface SortNode {
  readonly kind: 'Sort';
  readonly input: LogicalNode;
  readonly keys: readonly SortKey[];
  readonly keep?: number;
}
