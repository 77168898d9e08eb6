/**
 * The pushdown contract between the SQL engine and a table source.
 *
 * The engine offers a table every conjunct of the query that it can express in the simple
 * column-vs-value forms below. The table answers, per predicate, how much of it the source
 * (an API endpoint) applies:
 *   - exact:       the source applies it fully; the engine drops it.
 *   - inexact:     the source uses it to fetch less; the engine re-checks it on every row.
 *   - unsupported: the engine evaluates it locally.
 * A table that needs a filter it was not given (a required key column) throws PlanError from
 * `plan()`, before any HTTP call.
 */
import type { Row, TableInfo, Value } from '../catalog/types.js';

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * A value known at plan time, or a parameter filled in when the scan is opened:
 * the key values of a dependent join, or the result of an `IN (SELECT ...)` subquery.
 */
export type Operand =
  | { readonly kind: 'Const'; readonly value: Value }
  /** `origin` names the table and column the values come from, when they come from one (a join key). */
  | { readonly kind: 'Param'; readonly id: string; readonly origin?: { readonly table: string; readonly column: string } };

/** Column names are canonical (as in TableInfo); operands are uncoerced (a Datetime column may get a string). */
export type PushdownPredicate =
  | { readonly kind: 'Compare'; readonly column: string; readonly op: CompareOp; readonly operand: Operand }
  /** `column IN (...)`: either a list of operands, or one Param that holds the whole list. */
  | { readonly kind: 'In'; readonly column: string; readonly operands: readonly Operand[] }
  /** `column LIKE pattern` (never negated; NOT LIKE is not offered). */
  | { readonly kind: 'Like'; readonly column: string; readonly pattern: string }
  | { readonly kind: 'IsNull'; readonly column: string; readonly negated: boolean };

export type PushdownHandling = 'exact' | 'inexact' | 'unsupported';

export interface SortKey {
  readonly column: string;
  readonly desc: boolean;
}

export interface ScanRequest {
  /** Conjuncts that reference only this table. */
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
  /** Estimated API calls; null when it depends on data (pages of unknown count). */
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
   * Rows stream as pages arrive. Stopping iteration (break/return) stops paging.
   * May be opened several times (once per batch of a dependent join).
   */
  open(options: OpenOptions): AsyncIterable<Row>;
  /**
   * Optional: the same rows as `open`, in pages, as they arrived (one array per API page);
   * preferred by the engine when present, since it then pays its per-row overhead once per page.
   * Same rules as `open`: stopping iteration stops paging, `limit` bounds the pages fetched.
   * Pages may be empty; the engine does not modify them.
   */
  openBatches?(options: OpenOptions): AsyncIterable<readonly Row[]>;
  /** Totals over every `open` so far. */
  stats(): ScanRunStats;
}

export interface TableSource {
  readonly info: TableInfo;
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
