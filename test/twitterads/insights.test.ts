import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Row } from '../../src/catalog/types.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let account: string;
let campaigns: Row[];
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
  campaigns = (await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [account])).rows;
  // Warm the account's time zone so the counts below are the stats calls alone.
  await h.conn.query('SELECT Impressions FROM Insights WHERE AccountId = ?', [account]);
});
after(() => h.close());

const sum = (rows: Row[], column: string) => rows.reduce((total, r) => total + ((r[column] as number | null) ?? 0), 0);

test('with no filters: the account itself, DAY buckets, the last 7 days, one call', async () => {
  await h.reset();
  const { rows } = await h.conn.query('SELECT EntityType, EntityId, StartTime, EndTime, Impressions FROM Insights WHERE AccountId = ?', [account]);
  assert.equal((await h.calls()).requests, 1);
  assert.equal(rows.length, 7);
  assert.ok(rows.every((r) => r.EntityType === 'ACCOUNT' && r.EntityId === account));
});

test('HOUR buckets sum to DAY buckets, which sum to TOTAL', async () => {
  const range = "AccountId = ? AND EntityType = 'CAMPAIGN' AND EntityId = ? AND StartTime >= '2026-11-01' AND EndTime <= '2026-11-04'";
  const id = campaigns[0]!.Id as string;
  const hours = (await h.conn.query(`SELECT Impressions, Clicks FROM Insights WHERE ${range} AND Granularity = 'HOUR'`, [account, id])).rows;
  const days = (await h.conn.query(`SELECT Impressions, Clicks FROM Insights WHERE ${range}`, [account, id])).rows;
  const total = (await h.conn.query(`SELECT Impressions, Clicks FROM Insights WHERE ${range} AND Granularity = 'TOTAL'`, [account, id])).rows;
  assert.equal(days.length, 3);
  assert.ok(hours.length >= 71 && hours.length <= 73, `3 local days are 71-73 hours (got ${hours.length})`);
  assert.equal(total.length, 1);
  assert.equal(sum(hours, 'Impressions'), sum(days, 'Impressions'));
  assert.equal(sum(days, 'Impressions'), sum(total, 'Impressions'));
  assert.ok(sum(days, 'Impressions') > 0);
});

test('a 30-day range is split into 7-day windows; 45 entities into chunks of 20', async () => {
  const ids = campaigns.slice(0, 45).map((r) => r.Id as string);
  assert.equal(ids.length, 45);
  await h.reset();
  const { rows } = await h.conn.query(
    `SELECT EntityId, StartTime FROM Insights WHERE AccountId = ? AND EntityType = 'CAMPAIGN' AND EntityId IN (${ids.map(() => '?').join(',')}) AND StartTime >= '2026-10-01' AND EndTime <= '2026-10-31'`,
    [account, ...ids],
  );
  assert.equal((await h.calls()).requests, 3 * 5, '3 chunks × 5 windows');
  assert.equal(rows.length, 45 * 30);
});

test('JOIN Insights ON EntityId = c.Id infers EntityType and fetches stats in chunks of 20', async () => {
  await h.reset();
  const { rows } = await h.conn.query(
    "SELECT c.Id, i.Impressions FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id WHERE c.AccountId = ? AND i.AccountId = ? AND i.Granularity = 'TOTAL' AND i.StartTime >= '2026-11-01' AND i.EndTime <= '2026-11-08'",
    [account, account],
  );
  const calls = await h.calls();
  assert.equal(rows.length, campaigns.length);
  assert.equal(calls.byRoute['GET /12/stats/accounts/:account_id'], Math.ceil(campaigns.length / 20));
  assert.equal(calls.byRoute['GET /12/accounts/:account_id/campaigns'], 1);
});

test('EXPLAIN names the endpoint and parameters and makes no call', async () => {
  await h.reset();
  const { rows } = await h.conn.query("EXPLAIN SELECT * FROM Insights WHERE AccountId = 'abc' AND EntityType = 'CAMPAIGN' AND EntityId IN ('a', 'b')");
  const text = JSON.stringify(rows);
  assert.match(text, /stats\/accounts\/:account_id/);
  assert.match(text, /entity=CAMPAIGN/);
  assert.match(text, /entity_ids=a,b/);
  assert.equal((await h.calls()).requests, 0);
});
