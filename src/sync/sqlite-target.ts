/**
 * The embedded target: one SQLite file through better-sqlite3 (synchronous, so each write is one
 * transaction of prepared statements). Datetimes are ISO 8601 text, booleans 0/1.
 */
import type Database from 'better-sqlite3';
import type { ColumnType, Row, Value } from '../catalog/types.js';
import { TargetError } from '../errors.js';
import { quoteIdent, sqliteTableName } from './table-naming.js';
import type { Bookmark, RowFilter, SyncTarget, TargetTable } from './target.js';

const SQLITE_TYPES: Record<ColumnType, string> = { String: 'TEXT', Int: 'INTEGER', Long: 'INTEGER', Double: 'REAL', Boolean: 'INTEGER', Datetime: 'TEXT' };
const READ_PAGE = 2048;

export async function openSqliteTarget(file: string): Promise<SyncTarget> {
  let open: typeof Database;
  try {
    open = (await import('better-sqlite3')).default;
  } catch (error) {
    throw new TargetError('SQLite targets need the better-sqlite3 package (npm install better-sqlite3)', { cause: error });
  }
  let db: Database.Database;
  try {
    db = new open(file);
  } catch (error) {
    throw new TargetError(`Cannot open SQLite file ${file}: ${(error as Error).message}`, { cause: error });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  // Safe with WAL: a crash loses at most the last transactions, never the file.
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS socialsql_sync_state (
    provider TEXT NOT NULL, account TEXT NOT NULL, table_name TEXT NOT NULL, window_start TEXT NOT NULL,
    window_end TEXT NOT NULL, read_at TEXT NOT NULL, rows INTEGER NOT NULL,
    PRIMARY KEY (provider, account, table_name, window_start))`);
  db.exec(`CREATE TABLE IF NOT EXISTS socialsql_sync_meta (provider TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (provider, name))`);
  return new SqliteTarget(db);
}

class SqliteTarget implements SyncTarget {
  readonly kind = 'sqlite';
  private readonly writers = new Map<string, (row: Row) => number>();

  constructor(private readonly db: Database.Database) {}

  async ensureTable(table: TargetTable): Promise<void> {
    const name = sqliteTableName(table.provider, table.table);
    const existing = this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[];
    if (existing.length === 0) {
      const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${SQLITE_TYPES[c.type]}`);
      this.db.exec(`CREATE TABLE ${quoteIdent(name)} (${columns.join(', ')}, PRIMARY KEY (${table.key.map(quoteIdent).join(', ')}))`);
    } else {
      const have = new Set(existing.map((c) => c.name));
      for (const column of table.columns) {
        if (!have.has(column.name)) this.db.exec(`ALTER TABLE ${quoteIdent(name)} ADD COLUMN ${quoteIdent(column.name)} ${SQLITE_TYPES[column.type]}`);
      }
    }
    this.writers.clear();
  }

  async write(table: TargetTable, rows: readonly Row[]): Promise<number> {
    const writeOne = this.writer(table);
    const all = this.db.transaction((batch: readonly Row[]) => {
      let changed = 0;
      for (const row of batch) changed += writeOne(row);
      return changed;
    });
    try {
      return all(rows);
    } catch (error) {
      throw new TargetError(`Writing ${sqliteTableName(table.provider, table.table)} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  /** One prepared upsert per table; its WHERE makes an unchanged row a no-op (0 changes). */
  private writer(table: TargetTable): (row: Row) => number {
    const cacheKey = `${table.provider}.${table.table}`;
    const cached = this.writers.get(cacheKey);
    if (cached) return cached;
    const name = quoteIdent(sqliteTableName(table.provider, table.table));
    const columns = table.columns.map((c) => quoteIdent(c.name));
    const keys = new Set(table.key);
    const others = table.columns.filter((c) => !keys.has(c.name)).map((c) => quoteIdent(c.name));
    const placeholders = columns.map(() => '?').join(', ');
    const conflict =
      others.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${others.map((c) => `${c} = excluded.${c}`).join(', ')} WHERE ${others.map((c) => `${name}.${c} IS NOT excluded.${c}`).join(' OR ')}`;
    const statement = this.db.prepare(`INSERT INTO ${name} (${columns.join(', ')}) VALUES (${placeholders}) ON CONFLICT (${table.key.map(quoteIdent).join(', ')}) ${conflict}`);
    const types = table.columns.map((c) => c.type);
    const names = table.columns.map((c) => c.name);
    const run = (row: Row): number => {
      return statement.run(...names.map((n, i) => toSqlite(row[n] ?? null, types[i]!))).changes;
    };
    this.writers.set(cacheKey, run);
    return run;
  }

  async *readRows(table: TargetTable, filter?: RowFilter): AsyncIterable<readonly Row[]> {
    const name = quoteIdent(sqliteTableName(table.provider, table.table));
    const where = filter ? ` WHERE ${quoteIdent(filter.column)} = ?` : '';
    const statement = this.db.prepare(`SELECT * FROM ${name}${where}`).raw(false);
    const types = new Map(table.columns.map((c) => [c.name, c.type]));
    let page: Row[] = [];
    for (const raw of statement.iterate(...(filter ? [filter.value] : [])) as Iterable<Record<string, unknown>>) {
      const row: Row = {};
      for (const [column, value] of Object.entries(raw)) row[column] = fromSqlite(value, types.get(column) ?? 'String');
      page.push(row);
      if (page.length >= READ_PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  async hasTable(provider: string, table: string): Promise<boolean> {
    return this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(sqliteTableName(provider, table)) !== undefined;
  }

  async dropTable(provider: string, table: string): Promise<void> {
    this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(sqliteTableName(provider, table))}`);
    this.writers.clear();
  }

  async truncate(table: TargetTable): Promise<void> {
    this.db.exec(`DELETE FROM ${quoteIdent(sqliteTableName(table.provider, table.table))}`);
  }

  async bookmarks(provider: string): Promise<Bookmark[]> {
    const rows = this.db.prepare(`SELECT * FROM socialsql_sync_state WHERE provider = ?`).all(provider) as Record<string, string | number>[];
    return rows.map((r) => ({
      provider: String(r.provider),
      account: String(r.account),
      table: String(r.table_name),
      windowStart: String(r.window_start),
      windowEnd: String(r.window_end),
      readAt: new Date(String(r.read_at)),
      rows: Number(r.rows),
    }));
  }

  async saveBookmark(b: Bookmark): Promise<void> {
    this.db
      .prepare(`INSERT INTO socialsql_sync_state VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider, account, table_name, window_start) DO UPDATE SET window_end = excluded.window_end, read_at = excluded.read_at, rows = excluded.rows`)
      .run(b.provider, b.account, b.table, b.windowStart, b.windowEnd, b.readAt.toISOString(), b.rows);
  }

  async getMeta(provider: string, name: string): Promise<string | undefined> {
    const row = this.db.prepare(`SELECT value FROM socialsql_sync_meta WHERE provider = ? AND name = ?`).get(provider, name) as { value: string } | undefined;
    return row?.value;
  }

  async setMeta(provider: string, name: string, value: string | undefined): Promise<void> {
    if (value === undefined) this.db.prepare(`DELETE FROM socialsql_sync_meta WHERE provider = ? AND name = ?`).run(provider, name);
    else this.db.prepare(`INSERT INTO socialsql_sync_meta VALUES (?, ?, ?) ON CONFLICT (provider, name) DO UPDATE SET value = excluded.value`).run(provider, name, value);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function toSqlite(value: Value, type: ColumnType): string | number | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (type === 'Boolean' && typeof value === 'string') return value === 'true' ? 1 : 0;
  return value;
}

function fromSqlite(value: unknown, type: ColumnType): Value {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'Boolean':
      return value === 1 || value === 1n || value === true;
    case 'Datetime':
      return new Date(String(value));
    case 'Int':
    case 'Long':
    case 'Double':
      return Number(value);
    default:
      return typeof value === 'string' ? value : String(value);
  }
}
