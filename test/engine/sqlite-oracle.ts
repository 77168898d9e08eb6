/** The same rows in socialsql (in-memory tables) and in SQLite, to compare query answers with a real database. */
import Database from 'better-sqlite3';
import type { Row, Value } from '../../src/catalog/types.js';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import type { Catalog } from '../../src/plan/scan.js';
import { catalogOf, query, tableInfo } from './helpers.js';

export interface OracleTable {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: 'String' | 'Int' | 'Double' }[];
  readonly rows: readonly Row[];
}

export class Oracle {
  readonly catalog: Catalog;
  private readonly db: Database.Database;

  constructor(tables: readonly OracleTable[]) {
    this.db = new Database(':memory:');
    for (const t of tables) {
      const sqlType = (type: string) => (type === 'String' ? 'TEXT' : type === 'Int' ? 'INTEGER' : 'REAL');
      this.db.exec(`CREATE TABLE ${t.name} (${t.columns.map((c) => `${c.name} ${sqlType(c.type)}`).join(', ')})`);
      const insert = this.db.prepare(`INSERT INTO ${t.name} VALUES (${t.columns.map(() => '?').join(', ')})`);
      for (const row of t.rows) insert.run(...t.columns.map((c) => row[c.name] ?? null));
    }
    this.catalog = catalogOf(...tables.map((t) => new MemoryTable(tableInfo(t.name, t.columns), t.rows)));
  }

  /** Rows as arrays of values, from both engines. */
  async both(sql: string, sqliteSql = sql): Promise<{ ours: Value[][]; sqlite: Value[][] }> {
    const ours = (await query(this.catalog, sql)).map((r) => Object.values(r).map(normal));
    const sqlite = (this.db.prepare(sqliteSql).raw().all() as Value[][]).map((r) => r.map(normal));
    return { ours, sqlite };
  }

  close(): void {
    this.db.close();
  }
}

function normal(v: unknown): Value {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return (v ?? null) as Value;
}

/** Sorted copies, for comparing as multisets. */
export function multiset(rows: readonly Value[][]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}
