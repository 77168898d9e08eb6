/** Reads one table through its ScanPlan, turns rows into tuples and applies the predicates kept locally. */
import type { Row, Value } from '../../catalog/types.js';
import { CancelledError } from '../../errors.js';
import type { OpenOptions, ScanPlan } from '../../source/contract.js';
import type { RunEnv, Tuple } from '../env.js';
import { throwIfCancelled } from '../env.js';
import type { Evaluator } from '../evaluate.js';
import type { PlanNode } from '../plan-node.js';
import { tupleReader } from '../row-shape.js';
import { truth } from '../values.js';

export interface LocalPredicate {
  readonly evaluate: Evaluator;
  /** SQL text, for EXPLAIN. */
  readonly text: string;
}

export interface ScanOptions {
  /** `Campaigns c`. */
  readonly label: string;
  readonly plan: ScanPlan;
  readonly columns: readonly { readonly column: string; readonly slot: number }[];
  readonly width: () => number;
  readonly local: readonly LocalPredicate[];
  /** Sent to open() only when nothing above can drop or reorder rows. */
  readonly limit?: number;
  /** Param ids this scan's predicates use (join keys, subquery results). */
  readonly paramIds: readonly string[];
  /** Extra facts for EXPLAIN (`sorted by source`, `join key param`). */
  readonly notes: readonly string[];
}

export class ScanOperator implements PlanNode {
  readonly operation = 'Scan';
  readonly children: readonly PlanNode[] = [];
  readonly produced = { rows: 0 };
  readonly scan: PlanNode['scan'];
  private toTuple: ((row: Row) => Tuple) | undefined;

  constructor(readonly options: ScanOptions) {
    this.scan = { explain: () => options.plan.explain(), stats: () => options.plan.stats() };
  }

  detail(): string {
    const o = this.options;
    const e = o.plan.explain();
    const parts = [`${o.label} via ${e.endpoint}`];
    parts.push(`pushed: ${e.pushed.length > 0 ? e.pushed.join(', ') : '(none)'}`);
    if (o.local.length > 0) parts.push(`local filter: ${o.local.map((p) => p.text).join(' AND ')}`);
    if (o.limit !== undefined) parts.push(`limit ${o.limit} sent to source`);
    const notes = [...o.notes, ...e.notes];
    if (notes.length > 0) parts.push(`notes: ${notes.join('; ')}`);
    return parts.join('; ');
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
    // Built on first run, when the tuple width is final; a dependent join reopens the scan per batch.
    const toTuple = (this.toTuple ??= tupleReader(o.columns, o.width()));
    const local = o.local.map((p) => p.evaluate);
    const options: OpenOptions = {
      signal: env.signal,
      ...(o.limit !== undefined ? { limit: o.limit } : {}),
      ...(params.size > 0 ? { params } : {}),
    };
    const pages = o.plan.pages(options);
    try {
      for await (const page of pages) {
        throwIfCancelled(env.signal);
        const out: Tuple[] = [];
        rows: for (const row of page) {
          const tuple = toTuple(row);
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
