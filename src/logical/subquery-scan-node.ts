import type { BoundExpr } from './expr-scope.js';
import type { SelectPlan } from './select-plan.js';

/** Reads a derived table or WITH query: runs its block and puts output `index` into tuple slot `slot`. */
export interface SubqueryScanNode {
  readonly kind: 'Subquery';
  /** `(SELECT ...) AS d`. */
  readonly label: string;
  readonly plan: SelectPlan;
  readonly columns: readonly { readonly index: number; readonly slot: number }[];
  /** Tuple width of the outer block. */
  readonly width: number;
  /** Outer conditions that could not be pushed into the block. */
  readonly local: readonly BoundExpr[];
  /** Outer conditions that were pushed into the block's WHERE or HAVING, for EXPLAIN. */
  readonly pushed: readonly string[];
  /** Set when the block is the groups a correlated subquery was rewritten into: the subquery's text. */
  readonly decorrelated?: string;
}
