/**
 * `OUTER REF('outer:1.2', CAST(NULL AS type))`: inside an Apply's inner block, the value of an outer
 * column, read from the Param the Apply binds for each outer row (an internal name, as SINGLE ROW).
 * The typed NULL only carries the type. Without the Param (at plan time, when the planner tries to
 * fold constants) it throws, so nothing treats it as a constant or pushes it to an API.
 */
import type { Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { ScalarFunction } from './functions.js';

export const OUTER_REF_FUNCTION = 'OUTER REF';

export const OUTER_REF: ScalarFunction = {
  minArgs: 2,
  maxArgs: 2,
  resultType: ([, t]) => t ?? 'String',
  call: ([id], env) => {
    const values = typeof id === 'string' ? env.params.get(id) : undefined;
    if (values === undefined) throw new PlanError(`Internal planner error: the outer value ${String(id)} is read outside its Apply`);
    return values[0] ?? null;
  },
};
