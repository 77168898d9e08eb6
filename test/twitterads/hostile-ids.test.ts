/**
 * Issue 7, items 0-2 on Twitter Ads: a value is one id or none. A value with the list separator,
 * an empty or blank value, a dot segment, or anything that cannot be a Twitter Ads id matches no
 * row and costs no call; an AccountId that is no live account gives no rows instead of a 404.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PlanError } from '../../src/errors.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let account: string;
let campaigns: string[];
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
  campaigns = (await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ? LIMIT 2', [account])).rows.map((r) => r.Id as string);
});
after(() => h.close());

async function rowsAndCalls(sql: string, params?: readonly (string | number)[]): Promise<{ rows: number; calls: number; routes: Record<string, number> }> {
  await h.reset();
  const { rows } = await h.conn.query(sql, params);
  const calls = await h.calls();
  return { rows: rows.length, calls: calls.requests, routes: calls.byRoute };
}

test('a value containing a comma matches no id: literal, ?, @name, IN, with spaces, on every id list', async () => {
  const pair = `${campaigns[0]},${campaigns[1]}`;
  for (const [sql, params] of [
    [`SELECT Id, Name FROM Campaigns WHERE AccountId = '${account}' AND Id = '${pair}'`, undefined],
    [`SELECT Id FROM Campaigns WHERE AccountId = ? AND Id = ?`, [account, pair]],
    [`SELECT Id FROM Campaigns WHERE AccountId = ? AND Id IN (?, '${campaigns[0]} ,${campaigns[1]}')`, [account, pair]],
    [`SELECT Id FROM LineItems WHERE AccountId = ? AND CampaignId = ?`, [account, pair]],
    [`SELECT Id FROM Accounts WHERE Id = ?`, [`${account},${account}`]],
    [`SELECT EntityId FROM Insights WHERE AccountId = ? AND EntityType = 'CAMPAIGN' AND EntityId = ?`, [account, pair]],
  ] as const) {
    assert.deepEqual(await rowsAndCalls(sql, params), { rows: 0, calls: 0, routes: {} }, sql);
  }
  // @name parameters bind the same way.
  await h.reset();
  const { rows } = await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = @a AND Id = @id', { a: account, id: pair });
  assert.equal(rows.length, 0);
  assert.equal((await h.calls()).requests, 0);
});

test('empty, blank and non-id values are never sent', async () => {
  for (const sql of [
    `SELECT Id FROM Campaigns WHERE AccountId = '${account}' AND Id = ''`,
    `SELECT Id FROM Campaigns WHERE AccountId = '${account}' AND FundingInstrumentId IN (' ')`,
    `SELECT Id FROM Campaigns WHERE AccountId = ''`,
    `SELECT Id FROM Campaigns WHERE AccountId = '.'`,
    `SELECT Id FROM Campaigns WHERE AccountId = '..'`,
    `SELECT Id FROM Campaigns WHERE AccountId = 'A/B'`,
    `SELECT Id FROM Campaigns WHERE AccountId = '${account}' AND Id IN (SELECT Name FROM Campaigns WHERE AccountId = '${account}' AND Id = '')`,
  ]) {
    assert.deepEqual(await rowsAndCalls(sql), { rows: 0, calls: 0, routes: {} }, sql);
  }
});

test('an AccountId that is no live account gives no rows for it; the others still answer', async () => {
  assert.deepEqual(await rowsAndCalls("SELECT Id FROM Campaigns WHERE AccountId = 'nope'"), { rows: 0, calls: 1, routes: { 'GET /12/accounts/:account_id/campaigns': 1 } });
  const all = (await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [account])).rows.length;
  assert.ok(all > 0);
  const mixed = await rowsAndCalls(`SELECT Id FROM Campaigns WHERE AccountId IN ('nope', ?, '')`, [account]);
  assert.deepEqual(mixed, { rows: all, calls: 2, routes: { 'GET /12/accounts/:account_id/campaigns': 2 } });
  // Insights: the account's time zone lookup finds no such account, so it has no rows and no stats call.
  const insights = await rowsAndCalls("SELECT EntityId FROM Insights WHERE AccountId = 'nope'");
  assert.equal(insights.rows, 0);
  assert.equal(insights.routes['GET /12/stats/accounts/:account_id'], undefined);
});

test('writes: a key that cannot be an id affects nothing and sends nothing; INSERT of a listed tweet id is a PlanError', async () => {
  for (const sql of ["DELETE FROM PromotedTweets WHERE Id = '..'", "DELETE FROM Campaigns WHERE Id = '.'", "UPDATE Campaigns SET Name = 'x' WHERE Id = 'a,b'", "DELETE FROM LineItems WHERE Id = ''"]) {
    await h.reset();
    const result = await h.conn.query(sql);
    assert.equal(result.affectedRows, 0, sql);
    assert.equal((await h.calls()).requests, 0, sql);
  }
  await h.reset();
  await assert.rejects(h.conn.query("INSERT INTO PromotedTweets (LineItemId, TweetId) VALUES ('l1', '1,2,3')"), (e) => e instanceof PlanError && /TweetId "1,2,3" is not a Tweet id/.test(e.message));
  await assert.rejects(h.conn.query("INSERT INTO PromotedTweets (LineItemId, TweetId) VALUES ('..', '123')"), PlanError);
  assert.equal((await h.calls()).requests, 0);
});
