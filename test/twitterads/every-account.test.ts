/**
 * Every account at once (agencies): `AccountId IN (SELECT Id FROM Accounts)` and the AccountId=*
 * property, each one listing per account; multi-account Insights with the time zones from one
 * listing call and the stats calls of every account inside the one per-token stats budget.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PlanError, RateLimitError } from '../../src/errors.js';
import { rateBucketOf } from '../../src/providers/twitterads/client.js';
import { startHarness, type Harness } from './harness.js';

interface Logged {
  method: string;
  path: string;
  query: Record<string, string>;
  status?: number;
}

let h: Harness;
let accounts: string[] = [];
before(async () => {
  h = await startHarness();
  accounts = [...h.emulator.credentials.accountIds];
});
after(() => h.close());

const log = async () => (await (await fetch(`${h.emulator.url}/__emulator/requests`)).json()) as Logged[];
const range = "StartTime >= '2026-11-01' AND EndTime <= '2026-11-08'";

test('AccountId IN (SELECT Id FROM Accounts): one accounts listing, then one listing per account', async () => {
  await h.reset();
  const { rows } = await h.conn.query('SELECT AccountId, COUNT(*) AS n FROM Campaigns WHERE AccountId IN (SELECT Id FROM Accounts) GROUP BY AccountId');
  assert.deepEqual(rows.map((r) => r.AccountId).sort(), [...accounts].sort());
  const sent = await log();
  assert.deepEqual(sent.map((r) => r.path).sort(), ['/12/accounts', ...accounts.map((a) => `/12/accounts/${a}/campaigns`)].sort());
});

test('AccountId=*: a query without AccountId covers every account, listed once per connection', async () => {
  const every = await h.connectWith('AccountId=*');
  await h.reset();
  const total = (await every.query('SELECT COUNT(*) AS n FROM Campaigns')).rows[0]!.n;
  const perAccount = (await h.conn.query('SELECT COUNT(*) AS n FROM Campaigns WHERE AccountId IN (SELECT Id FROM Accounts)')).rows[0]!.n;
  assert.equal(total, perAccount);
  await h.reset();
  await every.query('SELECT COUNT(*) AS n FROM LineItems');
  assert.deepEqual((await log()).map((r) => r.path).sort(), accounts.map((a) => `/12/accounts/${a}/line_items`).sort(), 'the account list is remembered');
  const explain = JSON.stringify((await every.query('EXPLAIN SELECT Impressions FROM Insights')).rows);
  assert.match(explain, /every account: AccountId=\*/);
  // A write needs one account: refused before any call.
  await h.reset();
  await assert.rejects(every.query("UPDATE Campaigns SET Name = 'x' WHERE Id = 'abc1'"), (e: unknown) => e instanceof PlanError && /AccountId=\* covers every account/.test(e.message));
  assert.equal((await h.calls()).requests, 0);
});

test('multi-account Insights: time zones from one listing call, the same rows as account by account', async () => {
  const every = await h.connectWith('AccountId=*');
  await h.reset();
  const all = (await every.query(`SELECT AccountId, StartTime, Impressions FROM Insights WHERE ${range}`)).rows;
  const sent = await log();
  assert.deepEqual(sent.filter((r) => r.path === '/12/accounts').length, 1, 'the listing gives every time zone');
  assert.equal(sent.filter((r) => r.path.startsWith('/12/stats/accounts/')).length, accounts.length);
  const fresh = await h.connectWith('');
  await h.reset();
  const viaSubquery = (await fresh.query(`SELECT AccountId, StartTime, Impressions FROM Insights WHERE AccountId IN (SELECT Id FROM Accounts) AND ${range}`)).rows;
  const calls = await log();
  assert.deepEqual(calls.filter((r) => r.path === '/12/accounts').map((r) => r.query.account_ids ?? '(list)'), ['(list)', accounts.join(',')], 'the subquery, then one call for every time zone');
  const key = (r: Record<string, unknown>) => `${r.AccountId}|${(r.StartTime as Date).toISOString()}|${r.Impressions}`;
  assert.deepEqual(all.map(key).sort(), viaSubquery.map(key).sort());
  assert.equal(new Set(all.map((r) => r.AccountId)).size, accounts.length);
});

test('stats budgets are per user token: every account draws on one bucket; account-level GETs keep theirs', () => {
  assert.equal(rateBucketOf('GET', '/12/stats/accounts/a1'), rateBucketOf('GET', '/12/stats/accounts/b2'));
  assert.equal(rateBucketOf('GET', '/12/stats/accounts/a1'), 'GET /12/stats/accounts/:account_id');
  assert.equal(rateBucketOf('GET', '/12/stats/accounts/a1/active_entities'), 'GET /12/stats/accounts/:account_id/active_entities');
  assert.notEqual(rateBucketOf('GET', '/12/accounts/a1/campaigns'), rateBucketOf('GET', '/12/accounts/b2/campaigns'));
  assert.equal(rateBucketOf('GET', '/12/accounts/a1/media_library'), 'GET /12/accounts/:account_id/media_library');
  assert.equal(rateBucketOf('POST', '/12/batch/accounts/a1/campaigns'), 'POST /12/batch/accounts/:account_id/campaigns');
});

test('multi-account Insights stops at the shared stats budget instead of running into 429s', async () => {
  const limited = await startHarness({ rateLimit: 5 }, 'MaxConcurrency=1;MaxRateLimitDelay=0');
  try {
    const ids = limited.emulator.credentials.accountIds;
    await limited.conn.query('SELECT Id FROM Accounts WHERE Id IN (?, ?, ?)', [...ids]);
    await limited.reset();
    // 3 accounts × 2 weeks = 6 stats calls against a budget of 5 per token.
    await assert.rejects(
      limited.conn.query(`SELECT AccountId, Impressions FROM Insights WHERE AccountId IN (?, ?, ?) AND StartTime >= '2026-11-01' AND EndTime <= '2026-11-15'`, [...ids]),
      (e: unknown) => e instanceof RateLimitError && /stats\/accounts\/:account_id/.test(e.message),
    );
    const sent = (await (await fetch(`${limited.emulator.url}/__emulator/requests`)).json()) as Logged[];
    const stats = sent.filter((r) => /^\/12\/stats\/accounts\/[^/]+$/.test(r.path));
    assert.equal(stats.length, 5);
    assert.ok(stats.every((r) => r.status === 200), `no 429: ${stats.map((r) => r.status).join(',')}`);
  } finally {
    await limited.close();
  }
});
