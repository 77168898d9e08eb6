/** A logical query → a runnable QueryPlan: compiles the plan into operators and runs it (or explains it). */
import type { Field, Row } from '../catalog/types.js';
import { CancelledError } from '../errors.js';
import { EXPLAIN_FIELDS, explainRows } from '../logical/explain.js';
import type { LogicalNode } from '../logical/logical-node.js';
import type { LogicalQuery } from '../logical/logical-query.js';
import { flatten } from './batch.js';
import { compileSelect, type CompiledSelect } from './compile/compile-plan.js';
import { throwIfCancelled } from './env.js';
import type { PlanNode } from './plan-node.js';
import { rowBuilder } from './row-shape.js';
import { runSelect } from './run-select.js';

export interface QueryPlan {
  /** Select order, with types. */
  readonly fields: readonly Field[];
  /** Rows keyed by output column name; stops fetching when the consumer stops iterating. */
  run(signal: AbortSignal): AsyncIterable<Row>;
  /** The same rows in batches (never empty), as the engine produces them: cheaper per row than run(). */
  runBatches(signal: AbortSignal): AsyncIterable<readonly Row[]>;
}

export function compileQuery(query: LogicalQuery): QueryPlan {
  const { now } = query;
  if (query.kind === 'Explain') {
    const runBatches = async function* (signal: AbortSignal): AsyncIterable<readonly Row[]> {
      if (!query.analyze) {
        yield explainRows(query.plan);
        return;
      }
      const operators = new Map<LogicalNode, PlanNode>();
      const compiled = compileSelect(query.plan, operators);
      for await (const _batch of runSelect(compiled, signal, now)) throwIfCancelled(signal);
      yield explainRows(query.plan, (node) => operators.get(node)?.produced.rows);
    };
    return { fields: EXPLAIN_FIELDS, runBatches, run: (signal) => flatten(runBatches(signal), signal) };
  }
  const plan = query.plan;
  // Compiled per run: operators keep per-run state (row counts, a dependent join's batches).
  const runBatches = (signal: AbortSignal) => rowsOf(compileSelect(plan), signal, now);
  return { fields: plan.fields, runBatches, run: (signal) => flatten(runBatches(signal), signal) };
}

async function* rowsOf(select: CompiledSelect, signal: AbortSignal, now: Date): AsyncIterable<readonly Row[]> {
  const toRow = rowBuilder(select.plan.fields.map((f) => f.name));
  try {
    for await (const batch of runSelect(select, signal, now)) yield batch.map(toRow);
  } catch (error) {
    if (signal.aborted && !(error instanceof CancelledError)) throw new CancelledError();
    throw error;
  }
}
