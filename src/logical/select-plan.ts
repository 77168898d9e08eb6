/** One planned query block: its output fields, its tree, and the uncorrelated subqueries it runs first. */
import type { Field } from '../catalog/types.js';
import type { LogicalNode } from './logical-node.js';

export interface SubqueryPlan {
  readonly index: number;
  /** The Param id under which an IN subquery's values are offered to a scan. */
  readonly paramId: string;
  readonly kind: 'In' | 'Scalar' | 'Exists';
  readonly plan: SelectPlan;
}

export interface SelectPlan {
  readonly fields: readonly Field[];
  /** Produces tuples whose first `fields.length` values are the output columns. */
  readonly root: LogicalNode;
  /** Run before the root, in order. */
  readonly subqueries: readonly SubqueryPlan[];
}
