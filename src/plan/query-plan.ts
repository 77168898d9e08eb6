/** planQuery: a SELECT or EXPLAIN statement → a runnable QueryPlan. All PlanErrors surface here, before any I/O. */
import type { Field, Row } from '../catalog/types.js';
import { CancelledError } from '../errors.js';
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
    return {
      fields: EXPLAIN_FIELDS,
      async *run(signal) {
        if (statement.analyze) {
          for await (const _row of runSelect(plan, signal, now)) throwIfCancelled(signal);
        }
        yield* explainRows(plan, statement.analyze);
      },
    };
  }
  const plan = planSelect(statement, catalog, planOptions);
  return { fields: plan.fields, run: (signal) => rowsOf(plan, signal, now) };
}

async function* rowsOf(plan: SelectPlan, signal: AbortSignal, now: Date): AsyncIterable<Row> {
  const names = plan.fields.map((f) => f.name);
  try {
    for await (const tuple of runSelect(plan, signal, now)) {
      const row: Row = {};
      names.forEach((name, i) => {
        row[name] = tuple[i] ?? null;
      });
      yield row;
    }
  } catch (error) {
    if (signal.aborted && !(error instanceof CancelledError)) throw new CancelledError();
    throw error;
  }
}
