/**
 * The Twitter Ads emulator and SQLite loaded with the same rows (fetched raw from it), for tests
 * that hold socialsql's answer over the emulator to SQLite's. Call at a test file's top level: it
 * registers the before/after hooks that start and stop both.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type Database from 'better-sqlite3';
import { normalize } from '../differential/compare.js';
import { loadDataset } from '../differential/dataset.js';
import type { ColumnType } from '../differential/query-ast.js';
import { openOracle } from '../differential/sqlite.js';
import { startHarness, type Harness } from '../twitterads/harness.js';

export interface EmulatorOracle {
  readonly harness: Harness;
  readonly db: Database.Database;
  /** Runs `sql` through socialsql and SQLite; asserts the same rows (as multisets) and answers socialsql's. */
  sameAsSqlite(sql: string): Promise<unknown[][]>;
  /** EXPLAIN of `sql` as `Operation: Detail` lines. */
  explain(sql: string): Promise<string[]>;
}

/** Rows as sorted, normalised text: equal when the rows are equal as multisets. */
export const multiset = (rows: readonly (readonly unknown[])[]): string[] => rows.map((r) => JSON.stringify(r.map(normalize))).sort();

export function useEmulatorOracle(): EmulatorOracle {
  let harness: Harness | undefined;
  let db: Database.Database | undefined;
  before(async () => {
    harness = await startHarness();
    const catalogTypes = new Map(harness.conn.tables().map((info) => [info.name, new Map(info.columns.map((c) => [c.name, c.type as ColumnType]))]));
    db = openOracle(await loadDataset(harness.emulator, catalogTypes));
  });
  after(async () => {
    db?.close();
    await harness?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useEmulatorOracle: read before its before() hook ran');
    return value;
  };
  return {
    get harness() {
      return started(harness);
    },
    get db() {
      return started(db);
    },
    async sameAsSqlite(sql) {
      const result = await started(harness).conn.query(sql);
      const rows = result.rows.map((r) => result.fields.map((f) => r[f.name]));
      assert.deepEqual(multiset(rows), multiset(started(db).prepare(sql).raw().all() as unknown[][]), sql);
      return rows;
    },
    async explain(sql) {
      return (await started(harness).conn.query(`EXPLAIN ${sql}`)).rows.map((r) => `${String(r.Operation).trim()}: ${String(r.Detail)}`);
    },
  };
}
