/** Reads one table through its ScanPlan, turns rows into tuples and applies the predicates kept locally. */
import type { Row, Value } from '../../catalog/types.js';
import { CancelledError } from '../../errors.js';
import type { OpenOptions, ScanPlan } from '../../source/contract.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';
import { tupleFiller, tupleReader } from '../row-shape.js';
import { truth } from '../values.js';

export interface ScanOptions {
  readonly plan: ScanPlan;
  readonly columns: readonly { readonly column: string; readonly slot: number }[];
  readonly width: number;
  /** Predicates the source does not apply. */
  readonly local: readonly Evaluator[];
  /** Sent to open() only when nothing above can drop or reorder rows. */
  readonly limit?: number;
  /** Param ids this scan's predicates use (join keys, subquery results). */
  readonly paramIds: readonly string[];
  /**
   * The consumer is done with a batch's tuples before it asks for the next batch (it aggregates
   * or copies them): the scan then refills the same tuples page after page instead of allocating.
   */
  readonly transient?: boolean;
}

export class ScanOperator implements PlanNode {
  readonly produced = { rows: 0 };
  private readonly toTuple: (row: Row) => Tuple;
  private readonly fill: ((row: Row, tuple: Tuple) => void) | undefined;

  constructor(readonly options: ScanOptions) {
    this.toTuple = tupleReader(options.columns, options.width);
    this.fill = options.transient ? tupleFiller(options.columns, options.width) : undefined;
  }

  async *batches(env: RunEnv): AsyncIterable<readonly Tuple[]> {
    const o = this.options;
    throwIfCancelled(env.signal);
    const params = new Map<string, readonly Value[]>();
    for (const id of o.paramIds) {
      const values = env.params.get(id);
      // Every Param comes from a positive IN: an empty list matches nothing, so skip the API call.
      if (values !== undefined && values.length === 0) return;
      if (values !== undefined) params.set(id, values);
    }
    const toTuple = this.toTuple;
    const local = o.local;
    const options: OpenOptions = {
      signal: env.signal,
      ...(o.limit !== undefined ? { limit: o.limit } : {}),
      ...(params.size > 0 ? { params } : {}),
    };
    const pages = o.plan.pages(options);
    try {
      const fill = this.fill;
      /** Reused tuples, when the consumer lets go of each batch (transient). */
      const pool: Tuple[] = [];
      for await (const page of pages) {
        throwIfCancelled(env.signal);
        const out: Tuple[] = [];
        rows: for (const row of page) {
          let tuple: Tuple;
          if (fill === undefined) tuple = toTuple(row);
          else {
            tuple = pool[out.length] ?? (pool[out.length] = new Array<Value>(o.width).fill(null));
            fill(row, tuple);
          }
          for (let i = 0; i < local.length; i++) if (truth(local[i]!(tuple, env)) !== true) continue rows;
          out.push(tuple);
        }
        if (out.length === 0) continue;
        this.produced.rows += out.length;
        yield out;
      }
    } catch (error) {
      if (env.signal.aborted && !(error instanceof CancelledError)) throw new CancelledError();
      throw error;
    }
  }
}
