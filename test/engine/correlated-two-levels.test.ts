/**
 * A subquery nested in a correlated subquery may read the outermost query (two levels up): the
 * middle subquery then runs as an Apply, once per distinct outer value, with that value bound inside
 * both levels. SQLite's rows over the emulator's data; EXPLAIN says why it was not decorrelated.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type Database from 'better-sqlite3';
import { normalize } from '../differential/compare.js';
import { loadDataset } from '../differential/dataset.js';
import type { ColumnType } from '../differential/query-ast.js';
import { openOracle } from '../differential/sqlite.js';
import { startHarness, type Harness } from '../twitterads/harness.js';

let h: Harness;
let db: Database.Database;
before(async () => {
  h = await startHarness();
  const catalogTypes = new Map(h.conn.tables().map((info) => [info.name, new Map(info.columns.map((c) => [c.name, c.type as ColumnType]))]));
  db = openOracle(await loadDataset(h.emulator, catalogTypes));
});
after(async () => {
  db.close();
  await h.close();
});

const multiset = (rows: readonly (readonly unknown[])[]) => rows.map((r) => JSON.stringify(r.map(normalize))).sort();

async function sameAsSqlite(sql: string): Promise<unknown[][]> {
  const result = await h.conn.query(sql);
  const rows = result.rows.map((r) => result.fields.map((f) => r[f.name]));
  assert.deepEqual(multiset(rows), multiset(db.prepare(sql).raw().all() as unknown[][]), sql);
  return rows;
}

const explain = async (sql: string) => (await h.conn.query(`EXPLAIN ${sql}`)).rows.map((r) => `${String(r.Operation).trim()}: ${String(r.Detail)}`);

test('EXISTS inside EXISTS, the inner one reading the outermost table: SQLite\'s rows, the middle one an Apply', async () => {
  const sql =
    "SELECT c.Id, c.Name FROM Campaigns c WHERE EXISTS (SELECT 1 FROM LineItems l WHERE l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.Id <> l.Id AND x.CampaignId = c.Id AND x.Name = l.Name))";
  await sameAsSqlite(sql);
  const plan = await explain(sql);
  assert.ok(plan.some((line) => /^Apply: EXISTS .*not decorrelated: a subquery inside it reads the outer query/.test(line)), plan.join('\n'));
});

test('a scalar count whose nested EXISTS reads the outer row, and NOT IN over a nested IN that reads it', async () => {
  const rows = await sameAsSqlite('SELECT c.Id, (SELECT COUNT(*) FROM LineItems l WHERE EXISTS (SELECT 1 FROM LineItems x WHERE x.Id = l.Id AND x.CampaignId = c.Id)) AS n FROM Campaigns c');
  assert.ok(new Set(rows.map((r) => Number(r[1]))).size > 1, 'the count differs between campaigns');
  await sameAsSqlite('SELECT c.Id FROM Campaigns c WHERE c.Name NOT IN (SELECT l.Name FROM LineItems l WHERE l.Name IN (SELECT x.Name FROM LineItems x WHERE x.CampaignId = c.Id))');
  await sameAsSqlite('SELECT a.Id FROM Accounts a WHERE EXISTS (SELECT 1 FROM Campaigns c WHERE c.AccountId = a.Id AND c.Id IN (SELECT l.CampaignId FROM LineItems l WHERE l.AccountId = a.Id))');
});
