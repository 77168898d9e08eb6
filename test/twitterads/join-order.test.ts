/**
 * A join is commutative (issue 7 item 0): a defaulted key column such as AccountId takes its
 * values from a join whenever a join supplies them, whatever the written order.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const sorted = (rows: readonly Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

test('Accounts JOIN Campaigns and Campaigns JOIN Accounts give the same rows: the campaigns of every account', async () => {
  const forward = (await h.conn.query('SELECT a.Id AS A, c.Id AS C FROM Accounts a JOIN Campaigns c ON c.AccountId = a.Id')).rows;
  const backward = (await h.conn.query('SELECT a.Id AS A, c.Id AS C FROM Campaigns c JOIN Accounts a ON a.Id = c.AccountId')).rows;
  assert.deepEqual(sorted(backward), sorted(forward));
  const accounts = h.emulator.credentials.accountIds;
  assert.ok(accounts.length > 1);
  // Every account contributes, not only the default one.
  let total = 0;
  for (const account of accounts) total += (await h.conn.query('SELECT COUNT(*) AS n FROM Campaigns WHERE AccountId = ?', [account])).rows[0]!.n as number;
  assert.equal(forward.length, total);
});

test('EXPLAIN shows Accounts first and Campaigns as a dependent scan, whichever order is written', async () => {
  for (const sql of ['EXPLAIN SELECT c.Id FROM Campaigns c JOIN Accounts a ON a.Id = c.AccountId', 'EXPLAIN SELECT c.Id FROM Accounts a JOIN Campaigns c ON c.AccountId = a.Id']) {
    const rows = (await h.conn.query(sql)).rows;
    const ops = rows.map((r) => `${String(r.Operation).trim()} ${String(r.Detail).split(' via ')[0]}`);
    const scans = ops.filter((o) => o.startsWith('Scan'));
    assert.deepEqual(scans, ['Scan Accounts a', 'Scan Campaigns c'], sql);
    assert.ok(ops.some((o) => o.startsWith('DependentJoin')), `${sql}: ${ops.join(' | ')}`);
  }
});
