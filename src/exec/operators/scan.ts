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
import type { RowCondition } from '../compile/row-code.js';
import type { TopKGate } from '../compile/top-k-gate.js';

/** Rows of an in-memory source read per batch (and folded between cancellation checks). */
export const MEMORY_SLICE = 1024;

export interface ScanOptions {
  readonly plan: ScanPlan;
  readonly columns: readonly { readonly column: string; readonly slot: number }[];
  readonly width: number;
  /** Predicates the source does not apply. */
  readonly local: readonly Evaluator[];
  /** The same predicates compiled over the source row, when they can be: rows that fail never become tuples. */
  readonly rowFilter?: RowCondition;
  /** A Sort under LIMIT above: rows that cannot make its cut are skipped before they become tuples. */
  readonly gate?: TopKGate;
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
    const all = this.memoryRows(env);
    if (all !== undefined) {
      // In-memory rows: read in slices of the array itself, no page copies and no async pages.
      const read = this.pageReader(env);
      for (let start = 0; start < all.length; start += MEMORY_SLICE) {
        throwIfCancelled(env.signal);
        const out: Tuple[] = [];
        read(all, start, Math.min(all.length, start + MEMORY_SLICE), out);
        if (out.length === 0) continue;
        this.produced.rows += out.length;
        yield out;
      }
      return;
    }
    const pages = this.open(env);
    if (pages === undefined) return;
    try {
      const read = this.pageReader(env);
      for await (const page of pages) {
        throwIfCancelled(env.signal);
        const out: Tuple[] = [];
        read(page, 0, page.length, out);
        if (out.length === 0) continue;
        this.produced.rows += out.length;
        yield out;
      }
    } catch (error) {
      if (env.signal.aborted && !(error instanceof CancelledError)) throw new CancelledError();
      throw error;
    }
  }

  /** A source row as this scan's tuple (a fresh one). */
  tupleOf(row: Row): Tuple {
    return this.toTuple(row);
  }

  /** Whether rowPages() can serve: the local predicates, if any, are compiled over the row. */
  get readsRows(): boolean {
    return this.options.rowFilter !== undefined || this.options.local.length === 0;
  }

  /**
   * Late materialisation: the source rows that pass the local predicates, page by page (never
   * empty), for a consumer that reads the columns from the rows itself and builds no tuples.
   * Only when readsRows. With a filter, the pages are one reused array: the consumer is done with
   * a page before it asks for the next.
   */
  async *rowPages(env: RunEnv): AsyncIterable<readonly Row[]> {
    const pages = this.open(env);
    if (pages === undefined) return;
    const rowFilter = this.options.rowFilter;
    const passed: Row[] = [];
    try {
      for await (const page of pages) {
        throwIfCancelled(env.signal);
        let out = page;
        if (rowFilter !== undefined) {
          passed.length = 0;
          for (let r = 0; r < page.length; r++) if (rowFilter(page[r]!)) passed.push(page[r]!);
          out = passed;
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

  /**
   * The source's pages as they come, for a consumer that tests `options.rowFilter` itself in its
   * own row loop (only when readsRows) and reports the rows that passed with `countProduced`.
   */
  async *sourcePages(env: RunEnv): AsyncIterable<readonly Row[]> {
    const pages = this.open(env);
    if (pages === undefined) return;
    try {
      for await (const page of pages) {
        throwIfCancelled(env.signal);
        yield page;
      }
    } catch (error) {
      if (env.signal.aborted && !(error instanceof CancelledError)) throw new CancelledError();
      throw error;
    }
  }

  /** Rows that passed a sourcePages consumer's filter, for EXPLAIN ANALYZE. */
  countProduced(rows: number): void {
    this.produced.rows += rows;
  }

  /**
   * All the rows at once when the source holds them in memory (ScanPlan.localRows), for the
   * scan itself and the folds above it. Scans with Params keep the paged read (open() decides there
   * whether an empty IN list skips the read). Undefined: read pages().
   */
  memoryRows(env: RunEnv): readonly Row[] | undefined {
    const o = this.options;
    if (o.plan.localRows === undefined || o.paramIds.length > 0) return undefined;
    throwIfCancelled(env.signal);
    return o.plan.localRows();
  }

  /** The source's pages, or undefined when an empty IN list means no row can match (no API call). */
  private open(env: RunEnv): AsyncIterable<readonly Row[]> | undefined {
    const o = this.options;
    throwIfCancelled(env.signal);
    const params = new Map<string, readonly Value[]>();
    for (const id of o.paramIds) {
      const values = env.params.get(id);
      // Every Param comes from a positive IN: an empty list matches nothing, so skip the API call.
      if (values !== undefined && values.length === 0) return undefined;
      if (values !== undefined) params.set(id, values);
    }
    const options: OpenOptions = {
      signal: env.signal,
      ...(o.limit !== undefined ? { limit: o.limit } : {}),
      ...(params.size > 0 ? { params } : {}),
    };
    return o.plan.pages(options);
  }

  /**
   * Rows of one page → the tuples that pass, appended to `out`. A plain function (not part of the
   * generator) so the per-row loop is optimised on its own. Predicates compiled over the row, and
   * the gate of a Sort under LIMIT, run before any tuple is built.
   */
  private pageReader(env: RunEnv): (page: readonly Row[], from: number, to: number, out: Tuple[]) => void {
    const o = this.options;
    const toTuple = this.toTuple;
    const fill = this.fill;
    const width = o.width;
    const rowFilter = o.rowFilter;
    const local = rowFilter === undefined ? o.local : [];
    // Only once the local predicates ran on the row itself: a skipped row must not hide their errors.
    const gate = rowFilter !== undefined || o.local.length === 0 ? o.gate : undefined;
    const before = gate?.before;
    const surelyAfter = gate?.surelyAfter;
    /** Reused tuples, when the consumer lets go of each batch (transient). */
    const pool: Tuple[] = [];
    return (page, from, to, out) => {
      rows: for (let r = from; r < to; r++) {
        const row = page[r]!;
        if (gate !== undefined) {
          // Most rows miss the cut on plain numbers or strings: dropped before the predicates, as
          // surelyAfter cannot throw and the compiled predicates (rowFilter) cannot either.
          const worst = gate.worst;
          if (worst !== undefined && surelyAfter!(row, worst)) continue;
          if (rowFilter !== undefined && !rowFilter(row)) continue;
          if (worst !== undefined && !before!(row, worst)) continue;
        } else if (rowFilter !== undefined && !rowFilter(row)) continue;
        let tuple: Tuple;
        if (fill === undefined) tuple = toTuple(row);
        else {
          tuple = pool[out.length] ?? (pool[out.length] = new Array<Value>(width).fill(null));
          fill(row, tuple);
        }
        for (let i = 0; i < local.length; i++) if (truth(local[i]!(tuple, env)) !== true) continue rows;
        out.push(tuple);
      }
    };
  }
}
