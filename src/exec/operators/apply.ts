/**
 * Apply: a correlated subquery run per outer row. The answer for each distinct combination of
 * outer values is computed once (memoised) by running the inner block with those values as Params,
 * and written into the outer tuple's slot. Its scans are spools, so the API sees one read each.
 */
import type { Value } from '../../catalog/types.js';
import type { ApplyLimits, ApplyMode } from '../../logical/apply-node.js';
import { PlanError } from '../../errors.js';
import type { CompiledSelect } from '../compile/compile-plan.js';
import type { RunEnv, SubqueryResult, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';
import { SCALAR_SUBQUERY_ROWS_MESSAGE } from '../single-row-function.js';
import { compareValues, valueKey } from '../values.js';

export interface ApplySpec {
  readonly mode: ApplyMode;
  readonly operand?: Evaluator;
  readonly outerValues: readonly { readonly paramId: string; readonly value: Evaluator }[];
  readonly slot: number;
  readonly limits: ApplyLimits;
}

export class ApplyOperator implements PlanNode {
  readonly produced = { rows: 0 };

  constructor(
    private readonly outer: PlanNode,
    private readonly inner: CompiledSelect,
    private readonly spec: ApplySpec,
  ) {}

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const { mode, operand, outerValues, slot, limits } = this.spec;
    // The inner block's rows (first column) per distinct outer values, for this run of the statement.
    const memo = new Map<string, readonly Value[]>();
    let held = 0;
    for await (const batch of this.outer.batches(env)) {
      for (const tuple of batch) {
        const values = outerValues.map((o) => o.value(tuple, env));
        const key = values.map(valueKey).join('\u0000');
        let rows = memo.get(key);
        if (rows === undefined) {
          if (memo.size >= limits.evaluations) {
            throw new PlanError(`A correlated subquery that is not decorrelated would run for more than ${limits.evaluations} distinct outer values; correlate it through equalities, or filter the outer query further`);
          }
          rows = await this.innerRows(values, env);
          held += rows.length;
          if (held > limits.spooledRows) {
            throw new PlanError(`A correlated subquery that is not decorrelated would hold more than ${limits.spooledRows} rows of answers in memory; correlate it through equalities, or filter the outer query further`);
          }
          memo.set(key, rows);
        }
        tuple[slot] = answer(mode, rows, operand ? operand(tuple, env) : null);
      }
      this.produced.rows += batch.length;
      yield batch;
    }
  }

  private async innerRows(values: readonly Value[], env: RunEnv): Promise<readonly Value[]> {
    const params = new Map(env.params);
    this.spec.outerValues.forEach((o, i) => params.set(o.paramId, [values[i] ?? null]));
    const rows: Value[] = [];
    for await (const batch of runBlock(this.inner, { ...env, params })) {
      for (const t of batch) rows.push(t[0] ?? null);
      if (this.spec.mode === 'Scalar' && rows.length > 1) throw new PlanError(SCALAR_SUBQUERY_ROWS_MESSAGE);
      // One row is enough to know.
      if (this.spec.mode === 'Exists' && rows.length > 0) break;
    }
    return rows;
  }
}

function answer(mode: ApplyMode, rows: readonly Value[], operand: Value): Value {
  switch (mode) {
    case 'Scalar':
      return rows[0] ?? null;
    case 'Exists':
      return rows.length > 0;
    case 'In':
    case 'NotIn': {
      const negated = mode === 'NotIn';
      if (rows.length === 0) return negated;
      if (operand === null) return null;
      let unknown = false;
      for (const v of rows) {
        if (v === null) unknown = true;
        else if (compareValues(operand, v) === 0) return !negated;
      }
      return unknown ? null : negated;
    }
  }
}

/** runSelect with the outer values in scope: the block's own uncorrelated subqueries first, then its tree. */
async function* runBlock(select: CompiledSelect, env: RunEnv): AsyncIterable<readonly Tuple[]> {
  throwIfCancelled(env.signal);
  const results: SubqueryResult[] = [];
  const params = new Map(env.params);
  for (const sub of select.subqueries) {
    const values: Value[] = [];
    for await (const batch of runBlock(sub.select, env)) {
      for (const tuple of batch) values.push(tuple[0] ?? null);
      if (sub.kind === 'Scalar' && values.length > 1) throw new PlanError(SCALAR_SUBQUERY_ROWS_MESSAGE);
    }
    const nonNull = values.filter((v) => v !== null);
    results.push({ values, keys: new Set(nonNull.map(valueKey)), hasNull: nonNull.length < values.length });
    params.set(sub.paramId, [...new Map(nonNull.map((v) => [valueKey(v), v])).values()]);
  }
  yield* select.root.batches({ ...env, params, subqueries: results });
}
