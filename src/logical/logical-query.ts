/** A planned statement: the logical plan of a SELECT, or of the SELECT an EXPLAIN describes. */
import type { SelectPlan } from './select-plan.js';

export type LogicalQuery =
  | { readonly kind: 'Select'; readonly plan: SelectPlan; readonly now: Date }
  | { readonly kind: 'Explain'; readonly analyze: boolean; readonly plan: SelectPlan; readonly now: Date };
