/** The argument of `COUNT(DISTINCT a, b)`: one value standing for the tuple, NULL when any part is NULL (so the row is not counted). */
import type { Value } from '../catalog/types.js';
import type { ScalarFunction } from './functions.js';
import { valueKey } from './values.js';

export const TUPLE_OF: ScalarFunction = {
  minArgs: 2,
  maxArgs: Infinity,
  resultType: () => 'String',
  // JSON of each part's key: equal exactly when every part is equal (as DISTINCT compares them).
  call: (args: readonly Value[]) => (args.some((a) => a === null) ? null : JSON.stringify(args.map(valueKey))),
};
