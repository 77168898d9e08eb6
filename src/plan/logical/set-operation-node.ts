import type { SetOperator } from '../../sql/ir.js';
import type { SelectPlan } from './select-plan.js';

/** UNION / INTERSECT / EXCEPT [ALL] of two query blocks; outputs are the first `width` values of each. */
export interface SetOperationNode {
  readonly kind: 'SetOperation';
  readonly op: SetOperator;
  readonly all: boolean;
  readonly inputs: readonly [SelectPlan, SelectPlan];
  readonly width: number;
}
