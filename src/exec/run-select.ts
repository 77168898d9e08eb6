/** Runs a compiled SELECT: its subqueries first (their results feed scans and expressions), then the main tree. */
import type { Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { CompiledSelect } from './compile/compile-plan.js';
import type { RunEnv, SubqueryResult, Tuple } from './env.js';
import { throwIfCancelled } from './env.js';
import { SCALAR_SUBQUERY_ROWS_MESSAGE } from './single-row-function.js';
import { valueKey } from './values.js';

/** Yields batches of output tuples. */
export async function* runSelect(select: CompiledSelect, signal: AbortSignal, now: Date): AsyncIterable<readonly Tuple[]> {
  throwIfCancelled(signal);
  const results: SubqueryResult[] = [];
  const params = new Map<string, readonly Value[]>();
  for (const sub of select.subqueries) {
    const values: Value[] = [];
    for await (const batch of runSelect(sub.select, signal, now)) {
      for (const tuple of batch) values.push(tuple[0] ?? null);
      if (sub.kind === 'Scalar' && values.length > 1) throw new PlanError(SCALAR_SUBQUERY_ROWS_MESSAGE);
    }
    const nonNull = values.filter((v) => v !== null);
    const keys = new Set(nonNull.map(valueKey));
    results.push({ values, keys, hasNull: nonNull.length < values.length });
    // Offered to scans as the IN list: distinct, non-null.
    params.set(sub.paramId, [...new Map(nonNull.map((v) => [valueKey(v), v])).values()]);
  }
  const env: RunEnv = { signal, params, subqueries: results, now };
  yield* select.root.batches(env);
}
