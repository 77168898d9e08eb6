/**
 * A replication target: a real database that holds the provider's tables (created from the catalog's
 * column types, widened with ALTER TABLE), upserts by primary key, and the sync's own state.
 */
import type { ColumnType, Row } from '../catalog/types.js';
import type { TargetSpec } from './target-url.js';

export interface TargetColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/** One provider table as the target stores it. */
export interface TargetTable {
  readonly provider: string;
  /** The provider's canonical table name (`Campaigns`). */
  readonly table: string;
  readonly columns: readonly TargetColumn[];
  /** Primary key columns; upserts match on these. */
  readonly key: readonly string[];
}

/** Where a sync stands for one provider × account × table × window. */
export interface Bookmark {
  readonly provider: string;
  readonly account: string;
  readonly table: string;
  /** `YYYY-MM-DD`, or '' for tables without windows. */
  readonly windowStart: string;
  readonly windowEnd: string;
  /** When the API was read for this window. */
  readonly readAt: Date;
  readonly rows: number;
}

export interface RowFilter {
  readonly column: string;
  readonly value: string;
}

export interface SyncTarget {
  readonly kind: TargetSpec['kind'];
  /** Creates the table, or adds the columns it lacks. */
  ensureTable(table: TargetTable): Promise<void>;
  /** Upserts rows by key in one transaction; returns how many were new or changed. */
  write(table: TargetTable, rows: readonly Row[]): Promise<number>;
  /** Rows back as catalog values (Dates, booleans), optionally only those where `column = value`. */
  readRows(table: TargetTable, filter?: RowFilter): AsyncIterable<readonly Row[]>;
  /** Whether the table exists in the target. */
  hasTable(provider: string, table: string): Promise<boolean>;
  dropTable(provider: string, table: string): Promise<void>;
  truncate(table: TargetTable): Promise<void>;
  bookmarks(provider: string): Promise<Bookmark[]>;
  saveBookmark(bookmark: Bookmark): Promise<void>;
  /** Small named facts: the default account, when a run started and finished. */
  getMeta(provider: string, name: string): Promise<string | undefined>;
  setMeta(provider: string, name: string, value: string | undefined): Promise<void>;
  close(): Promise<void>;
}

export async function openTarget(spec: TargetSpec): Promise<SyncTarget> {
  if (spec.kind === 'sqlite') return (await import('./sqlite-target.js')).openSqliteTarget(spec.file);
  return (await import('./postgres-target.js')).openPostgresTarget(spec.url);
}
