/**
 * The join-order rule holds for every join kind (README, "Join order"): a defaulted AccountId takes
 * its values from a join with Accounts in either order, for INNER, LEFT, RIGHT and FULL joins. The
 * rows equal SQLite's over every account's campaigns, and Campaigns is listed once per account.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type Database from 'better-sqlite3';
import { normalize } from '../differential/compare.js';
import { loadAllAccounts, loadDataset } from '../differential/dataset.js';
import type { ColumnType } from '../differential/query-ast.js';
import { openOracle } from '../differential/sqlite.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let db: Database.Database;
before(async () => {
  h = await startHarness();
  const catalogTypes = new Map(h.conn.tables().map((info) => [info.name, new Map(info.columns.map((c) => [c.name, c.type as ColumnType]))]));
  const tables = await loadDataset(h.emulator, catalogTypes);
  db = openOracle([...tables, ...(await loadAllAccounts(h.emulator, tables))]);
});
after(async () => {
  db.close();
  await h.close();
});

const KINDS = ['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN'] as const;
const ORDERS = [
  (kind: string) => `Accounts a ${kind} Campaigns c ON c.AccountId = a.Id`,
  (kind: string) => `Campaigns c ${kind} Accounts a ON c.AccountId = a.Id`,
];
const multiset = (rows: readonly (readonly unknown[])[]) => rows.map((r) => JSON.stringify(r.map(normalize))).sort();

interface Logged {
  readonly method: string;
  readonly path: string;
}

for (const kind of KINDS) {
  for (const [i, from] of ORDERS.entries()) {
    const sql = `SELECT a.Id, a.Name, c.Id, c.Name FROM ${from(kind)}`;
    test(`${kind}, ${i === 0 ? 'Accounts first' : 'Campaigns first'}: every account's campaigns, as SQLite answers, one Campaigns listing per account`, async () => {
      const expected = db.prepare(sql.replace('Campaigns c', '"Campaigns__all" c')).raw().all() as unknown[][];
      await h.reset();
      const result = await h.conn.query(sql);
      const got = result.rows.map((r) => result.fields.map((f) => r[f.name]));
      assert.deepEqual(multiset(got), multiset(expected), sql);
      const accounts = h.emulator.credentials.accountIds;
      // More than the default account's campaigns: the bug read 52 of 164.
      const campaigns = new Set(got.map((r) => r[2]).filter((id) => id !== null));
      assert.equal(campaigns.size, (db.prepare('SELECT COUNT(*) FROM "Campaigns__all"').pluck().get() as number), sql);
      const log = (await (await fetch(`${h.emulator.url}/__emulator/requests`)).json()) as Logged[];
      const listed = log.filter((r) => r.method === 'GET' && /^\/12\/accounts\/[^/]+\/campaigns$/.test(r.path)).map((r) => r.path.split('/')[3]);
      assert.deepEqual([...listed].sort(), [...accounts].sort(), `${sql}: ${log.map((r) => r.path).join(' ')}`);
      const plan = (await h.conn.query(`EXPLAIN ${sql}`)).rows.map((r) => `${String(r.Operation).trim()} ${String(r.Detail)}`);
      assert.ok(plan.some((o) => o.startsWith('DependentJoin')), `${sql}: ${plan.join(' | ')}`);
    });
  }
}

test('a FULL JOIN whose ON has more than the AccountId key keeps its documented fallback: the default account only', async () => {
  const sql = "SELECT a.Id, c.Id FROM Campaigns c FULL JOIN Accounts a ON c.AccountId = a.Id AND c.Name <> ''";
  const expected = db.prepare(sql).raw().all() as unknown[][];
  const result = await h.conn.query(sql);
  assert.deepEqual(multiset(result.rows.map((r) => result.fields.map((f) => r[f.name]))), multiset(expected));
});

test('a correlated subquery over Accounts is not a written join: Campaigns keeps covering the default account', async () => {
  // Decorrelated into a LEFT JOIN with Accounts, it must not take the join-order rule's swap (the
  // differential found 85 of 20,000 queries where it did: 164 rows instead of 52).
  for (const sql of [
    'SELECT c.Id, (SELECT s.Name FROM Accounts s WHERE s.Id = c.AccountId) AS AccountName FROM Campaigns c',
    'SELECT c.Id, (SELECT MIN(s.Timezone) FROM Accounts s WHERE c.AccountId = s.Id) AS Zone FROM Campaigns c',
  ]) {
    const expected = db.prepare(sql).raw().all() as unknown[][];
    const result = await h.conn.query(sql);
    const got = result.rows.map((r) => result.fields.map((f) => r[f.name]));
    assert.equal(got.length, (await h.conn.query('SELECT COUNT(*) AS n FROM Campaigns')).rows[0]!.n, sql);
    assert.deepEqual(multiset(got), multiset(expected), sql);
  }
});
