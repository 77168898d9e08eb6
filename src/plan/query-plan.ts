/** planQuery: a SELECT or EXPLAIN statement → a runnable QueryPlan. All PlanErrors surface here, before any I/O. */
import type { Field, Row } from '../catalog/types.js';
import { CancelledError } from '../errors.js';
import { flatten } from '../exec/batch.js';
import { rowBuilder } from '../exec/row-shape.js';
import { throwIfCancelled } from '../exec/env.js';
import type { ExplainStatement, SelectStatement } from '../sql/ir.js';
import { EXPLAIN_FIELDS, explainRows } from './explain.js';
import { planSelect, runSelect, type SelectPlan } from './plan-select.js';
import type { Catalog } from './scan.js';

export interface QueryPlan {
  /** Select order, with types. */
  readonly fields: readonly Field[];
  /** Rows keyed by output column name; stops fetching when the consumer stops iterating. */
  run(signal: AbortSignal): AsyncIterable<Row>;
  /** The same rows in batches (never empty), as the engine produces them: cheaper per row than run(). */
  runBatches(signal: AbortSignal): AsyncIterable<readonly Row[]>;
}

export interface QueryPlanOptions {
  /** Outer rows per batch of a dependent join (default 1000). */
  readonly joinBatchSize?: number;
  /** CURRENT_TIMESTAMP (default: when planned). */
  readonly now?: Date;
}

export function planQuery(statement: SelectStatement | ExplainStatement, catalog: Catalog, options: QueryPlanOptions = {}): QueryPlan {
  const now = options.now ?? new Date();
  const planOptions = { now, ...(options.joinBatchSize !== undefined ? { joinBatchSize: options.joinBatchSize } : {}) };
  if (statement.kind === 'Explain') {
    const plan = planSelect(statement.query, catalog, planOptions);
    const runBatches = async function* (signal: AbortSignal): AsyncIterable<readonly Row[]> {
      if (statement.analyze) {
        for await (const _batch of runSelect(plan, signal, now)) throwIfCancelled(signal);
      }
      yield explainRows(plan, statement.analyze);
    };
    return { fields: EXPLAIN_FIELDS, runBatches, run: (signal) => flatten(runBatches(signal), signal) };
  }
  const plan = planSelect(statement, catalog, planOptions);
  return {
    fields: plan.fields,
    runBatches: (signal) => rowsOf(plan, signal, now),
    run: (signal) => flatten(rowsOf(plan, signal, now), signal),
  };
}

async function* rowsOf(plan: SelectPlan, signal: AbortSignal, now: Date): AsyncIterable<readonly Row[]> {
  const toRow = rowBuilder(plan.fields.map((f) => f.name));
  try {
    for await (const batch of runSelect(plan, signal, now)) yield batch.map(toRow);
  } catch (error) {
    if (signal.aborted && !(error instanceof CancelledError)) throw new CancelledError();
    throw error;
  }
}
