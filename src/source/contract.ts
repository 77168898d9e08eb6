/**
 * The contract between the SQL engine and a table source (DESIGN §6). It sits below both the
 * planner and the providers: it imports only catalog types.
 *
 * A table declares its key columns (what its API can filter on) as data; the planner reads them
 * to choose dependent joins and join order, then offers the table every conjunct it can express
 * as a PushdownPredicate. `plan()` answers per predicate (exact / inexact / unsupported) and
 * throws PlanError, before any HTTP call, when a required key column has no usable predicate.
 */
import type { Row, TableInfo, Value } from '../catalog/types.js';
import type { KeyColumn } from './key-column.js';
import type { PlannedCalls } from './planned-call.js';
import type { PushdownHandling, PushdownPredicate, SortKey } from './predicate.js';

export type { CompareOp, Operand, PushdownHandling, PushdownPredicate, SortKey } from './predicate.js';

export interface ScanRequest {
  /** Conjuncts that reference only this table (and join or subquery Params). */
  readonly predicates: readonly PushdownPredicate[];
  /** Columns the query reads from this table (the source may fetch only those). */
  readonly columns: readonly string[];
  /** Offered only when the engine could skip its own sort if the source sorts. */
  readonly orderBy?: readonly SortKey[];
}

/** What EXPLAIN shows for one scan. */
export interface ScanExplain {
  readonly table: string;
  /** `GET /12/accounts/:account_id/campaigns`, or `(local)` for in-memory tables. */
  readonly endpoint: string;
  /** Parameters sent to the API, rendered for people: `campaign_ids=abc,def`, `with_deleted=true`. */
  readonly pushed: readonly string[];
  /** Planned API calls; null when the count depends on data (pages of unknown count, values from a join). */
  readonly estimatedCalls: number | null;
  /** Free-form notes: `IN list split into 3 calls of 200`, `7-day windows: 5`. */
  readonly notes: readonly string[];
}

export interface ScanRunStats {
  calls: number;
  rows: number;
}

export interface OpenOptions {
  readonly signal: AbortSignal;
  /**
   * Set only when nothing after the scan can drop or reorder rows: the source may ask for
   * smaller pages and must not fetch a page once it has yielded this many rows.
   */
  readonly limit?: number;
  /** Values of the Param operands, by id. A Param in an `In` maps to the whole list. */
  readonly params?: ReadonlyMap<string, readonly Value[]>;
}

export interface ScanPlan {
  /** One entry per request predicate, same order. */
  readonly handling: readonly PushdownHandling[];
  /** True when rows arrive in the requested `orderBy`. */
  readonly sorted: boolean;
  explain(): ScanExplain;
  /**
   * The rows in pages, as they arrived (one array per API page). Stopping iteration stops paging;
   * `limit` bounds the pages fetched. Pages may be empty; the engine does not modify them.
   * May be read several times (once per batch of a dependent join).
   */
  pages(options: OpenOptions): AsyncIterable<readonly Row[]>;
  /**
   * Optional, for in-memory sources only: all the rows of one read at once, already in memory, or
   * undefined when the source cannot give them so (then the engine reads pages()). The engine
   * reads the array in slices without copying it and never modifies it; it counts as one read in
   * stats(). Live API sources leave it out: they stream pages.
   */
  localRows?(): readonly Row[] | undefined;
  /** Totals over every read so far. */
  stats(): ScanRunStats;
  /**
   * The exact requests a read with these Param values sends, or why they depend on data; a pure
   * function that EXPLAIN and the fetch share. Tables that plan calls of their own may leave it out.
   */
  plannedCalls?(params?: ReadonlyMap<string, readonly Value[]>): PlannedCalls;
}

export interface TableSource {
  readonly info: TableInfo;
  /** What the table's API can filter on; the planner reads these before calling plan(). */
  readonly keyColumns: readonly KeyColumn[];
  /** Throws PlanError when a required key column has no usable predicate. */
  plan(request: ScanRequest): ScanPlan;
}

/** What the engine needs from a provider: names to tables. */
export interface Catalog {
  /** Every table, for `.tables` and sys_tables. */
  tables(): readonly TableInfo[];
  /** Case-insensitive, aliases included. */
  lookup(name: string): TableSource | undefined;
}
