/**
 * The PostgreSQL target (node-postgres). Each write is one transaction: COPY the rows into a
 * temporary staging table (pg-copy-streams), then one INSERT … ON CONFLICT that updates only rows
 * that differ, so its row count is exactly the new or changed rows. Tables live in a schema named
 * after the provider; the sync's own state in the schema `socialsql`.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ColumnType, Row, Value } from '../catalog/types.js';
import { TargetError } from '../errors.js';
import { postgresSchemaName, postgresTableName, quoteIdent } from './table-naming.js';
import type { Bookmark, RowFilter, SyncTarget, TargetTable } from './target.js';
import { shownTargetUrl } from './target-url.js';

export const POSTGRES_TYPES: Record<ColumnType, string> = { String: 'text', Int: 'int4', Long: 'int8', Double: 'float8', Boolean: 'bool', Datetime: 'timestamptz' };
const READ_PAGE = 2048;
/** The schema of the sync's own tables (state, meta, pg-boss's queues live in `pgboss`). */
export const STATE_SCHEMA = 'socialsql';

/** int8 as a JS number (the catalog's Long), not node-postgres's default string. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export async function openPostgresTarget(url: string): Promise<PostgresTarget> {
  const pool = new pg.Pool({ connectionString: url, max: 4, types: types as pg.CustomTypesConfig });
  pool.on('error', () => {});
  try {
    await withClient(pool, async (client) => {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('socialsql.schema'))`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${STATE_SCHEMA}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.sync_state (
        provider text NOT NULL, account text NOT NULL, table_name text NOT NULL, window_start text NOT NULL,
        window_end text NOT NULL, read_at timestamptz NOT NULL, rows int8 NOT NULL,
        PRIMARY KEY (provider, account, table_name, window_start))`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.sync_meta (provider text NOT NULL, name text NOT NULL, value text NOT NULL, PRIMARY KEY (provider, name))`);
      await client.query('COMMIT');
    });
  } catch (error) {
    await pool.end().catch(() => {});
    throw new TargetError(`Cannot open PostgreSQL target ${shownTargetUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return new PostgresTarget(pool, url);
}

async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export class PostgresTarget implements SyncTarget {
  readonly kind = 'postgres';

  constructor(
    readonly pool: pg.Pool,
    readonly url: string,
  ) {}

  private qualified(provider: string, table: string): string {
    return `${quoteIdent(postgresSchemaName(provider))}.${quoteIdent(postgresTableName(table))}`;
  }

  async ensureTable(table: TargetTable): Promise<void> {
    const schema = postgresSchemaName(table.provider);
    const name = this.qualified(table.provider, table.table);
    await this.guard(`Creating ${name}`, () =>
      withClient(this.pool, async (client) => {
        await client.query('BEGIN');
        // Several workers may create the same table at once.
        await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${schema}.${table.table}`]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
        const existing = await client.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`, [
          schema,
          postgresTableName(table.table),
        ]);
        if (existing.rows.length === 0) {
          const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${POSTGRES_TYPES[c.type]}`);
          await client.query(`CREATE TABLE ${name} (${columns.join(', ')}, PRIMARY KEY (${table.key.map(quoteIdent).join(', ')}))`);
        } else {
          const have = new Set(existing.rows.map((r) => r.column_name));
          for (const column of table.columns) {
            if (!have.has(column.name)) await client.query(`ALTER TABLE ${name} ADD COLUMN ${quoteIdent(column.name)} ${POSTGRES_TYPES[column.type]}`);
          }
        }
        await client.query('COMMIT');
      }),
    );
  }

  async write(table: TargetTable, rows: readonly Row[]): Promise<number> {
    if (rows.length === 0) return 0;
    const name = this.qualified(table.provider, table.table);
    const columns = table.columns.map((c) => quoteIdent(c.name));
    const keys = new Set(table.key);
    const others = table.columns.filter((c) => !keys.has(c.name)).map((c) => quoteIdent(c.name));
    const keyList = table.key.map(quoteIdent);
    const conflict =
      others.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} WHERE (${others.map((c) => `${name}.${c}`).join(', ')}) IS DISTINCT FROM (${others.map((c) => `EXCLUDED.${c}`).join(', ')})`;
    return this.guard(`Writing ${name}`, () =>
      withClient(this.pool, async (client) => {
        await client.query('BEGIN');
        await client.query(`CREATE TEMP TABLE socialsql_staging (LIKE ${name}) ON COMMIT DROP`);
        const copy = client.query(copyFrom(`COPY socialsql_staging (${columns.join(', ')}) FROM STDIN (FORMAT csv)`));
        await pipeline(Readable.from(csvLines(table, rows)), copy);
        const result = await client.query(`INSERT INTO ${name} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM socialsql_staging ON CONFLICT (${keyList.join(', ')}) ${conflict}`);
        await client.query('COMMIT');
        return result.rowCount ?? 0;
      }),
    );
  }

  async *readRows(table: TargetTable, filter?: RowFilter): AsyncIterable<readonly Row[]> {
    const name = this.qualified(table.provider, table.table);
    const where = filter ? ` WHERE ${quoteIdent(filter.column)} = $1` : '';
    const client = await this.pool.connect();
    let open = false;
    try {
      await client.query('BEGIN');
      open = true;
      await client.query(`DECLARE socialsql_read NO SCROLL CURSOR FOR SELECT * FROM ${name}${where}`, filter ? [filter.value] : []);
      for (;;) {
        const page = await client.query<Row>(`FETCH ${READ_PAGE} FROM socialsql_read`);
        if (page.rows.length === 0) break;
        yield page.rows;
      }
      await client.query('COMMIT');
      open = false;
    } catch (error) {
      throw new TargetError(`Reading ${name} failed: ${(error as Error).message}`, { cause: error });
    } finally {
      // Also when the reader stopped early: end the cursor's transaction before the client goes back.
      if (open) await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
  }

  async hasTable(provider: string, table: string): Promise<boolean> {
    const result = await this.pool.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [postgresSchemaName(provider), postgresTableName(table)]);
    return result.rows.length > 0;
  }

  async dropTable(provider: string, table: string): Promise<void> {
    await this.guard('DROP', () => this.pool.query(`DROP TABLE IF EXISTS ${this.qualified(provider, table)}`));
  }

  async truncate(table: TargetTable): Promise<void> {
    await this.guard('TRUNCATE', () => this.pool.query(`TRUNCATE ${this.qualified(table.provider, table.table)}`));
  }

  async bookmarks(provider: string): Promise<Bookmark[]> {
    const result = await this.pool.query<Record<string, unknown>>(`SELECT * FROM ${STATE_SCHEMA}.sync_state WHERE provider = $1`, [provider]);
    return result.rows.map((r) => ({
      provider: String(r.provider),
      account: String(r.account),
      table: String(r.table_name),
      windowStart: String(r.window_start),
      windowEnd: String(r.window_end),
      readAt: r.read_at as Date,
      rows: Number(r.rows),
    }));
  }

  async saveBookmark(b: Bookmark): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${STATE_SCHEMA}.sync_state VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (provider, account, table_name, window_start) DO UPDATE SET window_end = EXCLUDED.window_end, read_at = EXCLUDED.read_at, rows = EXCLUDED.rows`,
      [b.provider, b.account, b.table, b.windowStart, b.windowEnd, b.readAt, b.rows],
    );
  }

  async getMeta(provider: string, name: string): Promise<string | undefined> {
    const result = await this.pool.query<{ value: string }>(`SELECT value FROM ${STATE_SCHEMA}.sync_meta WHERE provider = $1 AND name = $2`, [provider, name]);
    return result.rows[0]?.value;
  }

  async setMeta(provider: string, name: string, value: string | undefined): Promise<void> {
    if (value === undefined) await this.pool.query(`DELETE FROM ${STATE_SCHEMA}.sync_meta WHERE provider = $1 AND name = $2`, [provider, name]);
    else await this.pool.query(`INSERT INTO ${STATE_SCHEMA}.sync_meta VALUES ($1, $2, $3) ON CONFLICT (provider, name) DO UPDATE SET value = EXCLUDED.value`, [provider, name, value]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async guard<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TargetError) throw error;
      throw new TargetError(`${what} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** COPY's CSV: NULL is an unquoted empty field, every other value is quoted (so '' stays ''). */
function* csvLines(table: TargetTable, rows: readonly Row[]): Generator<string> {
  const names = table.columns.map((c) => c.name);
  let chunk = '';
  for (const row of rows) {
    chunk += names.map((n) => csvField(row[n] ?? null)).join(',') + '\n';
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

function csvField(value: Value): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}
