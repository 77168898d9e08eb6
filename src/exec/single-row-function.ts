/** `SINGLE ROW(n, v)`: a correlated scalar subquery's value v, which must come from at most one row (as SQL Server requires). */
import type { Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { ScalarFunction } from './functions.js';

export const SCALAR_SUBQUERY_ROWS_MESSAGE = 'A scalar subquery returned more than one row (SQL Server: "Subquery returned more than 1 value")';

export const SINGLE_ROW: ScalarFunction = {
  minArgs: 2,
  maxArgs: 2,
  resultType: ([, t]) => t ?? 'String',
  call: ([n, v]: readonly Value[]) => {
    if (typeof n === 'number' && n > 1) throw new PlanError(SCALAR_SUBQUERY_ROWS_MESSAGE);
    return v ?? null;
  },
};
