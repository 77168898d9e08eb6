import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiError, AuthError, PlanError, RateLimitError } from '../../src/errors.js';
import { connect } from '../../src/providers/twitterads/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let account: string;
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
});
after(() => h.close());

test('Pagesize=10 pages through the cursor: every row once, one call per page', async () => {
  const small = await h.connectWith('Pagesize=10');
  await h.reset();
  const { rows } = await small.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [account]);
  const calls = await h.calls();
  assert.ok(rows.length >= 30, `at least 3 pages of 10 (got ${rows.length} rows)`);
  assert.equal(new Set(rows.map((r) => r.Id)).size, rows.length, 'no row twice');
  assert.equal(calls.requests, Math.floor(rows.length / 10) + 1);
});

test('LIMIT stops paging: LIMIT 15 with Pagesize=10 makes 2 calls; LIMIT 5 asks for count=5 once', async () => {
  const small = await h.connectWith('Pagesize=10');
  await h.reset();
  const limited = await small.query('SELECT Id FROM Campaigns WHERE AccountId = ? LIMIT 15', [account]);
  assert.equal(limited.rows.length, 15);
  assert.equal((await h.calls()).requests, 2);
  await h.reset();
  const five = await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ? LIMIT 5', [account]);
  assert.equal(five.rows.length, 5);
  assert.equal((await h.calls()).requests, 1);
});

test('streaming stops fetching when the consumer stops', async () => {
  const small = await h.connectWith('Pagesize=10');
  await h.reset();
  let seen = 0;
  for await (const _ of small.stream('SELECT Id FROM Campaigns WHERE AccountId = ?', [account])) {
    if (++seen === 12) break;
  }
  assert.equal((await h.calls()).requests, 2);
});

test('a bad signature is rejected with AuthError, and no secret appears in the message', async () => {
  const c = h.emulator.credentials;
  const wrong = await connect(`BaseURL=${h.emulator.url};OAuthClientId=${c.clientId};OAuthClientSecret=not-the-secret;OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret}`);
  try {
    await assert.rejects(wrong.query('SELECT * FROM Accounts'), (error: unknown) => {
      assert.ok(error instanceof AuthError, String(error));
      assert.match(error.message, /UNAUTHORIZED_ACCESS/);
      for (const secret of ['not-the-secret', c.accessToken, c.accessTokenSecret]) assert.ok(!error.message.includes(secret));
      return true;
    });
  } finally {
    await wrong.close();
  }
});

test('a malformed response becomes a clear ApiError after the retries', async () => {
  await h.faults({ truncateRate: 1 });
  try {
    await assert.rejects(h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [account]), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.apiCode, 'MALFORMED_RESPONSE');
      assert.match(error.message, /Malformed response from Twitter Ads for GET \/12\/accounts\/.+\/campaigns: invalid JSON/);
      return true;
    });
  } finally {
    await h.faults({ truncateRate: 0 });
  }
});

test('an exhausted rate limit beyond MaxRateLimitDelay is a RateLimitError with the reset time', async () => {
  const limited = await startHarness({ rateLimit: 2 }, 'MaxRateLimitDelay=0');
  try {
    await limited.conn.query('SELECT Id FROM Accounts');
    await limited.conn.query('SELECT Id FROM Accounts');
    await assert.rejects(limited.conn.query('SELECT Id FROM Accounts'), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.ok(error.resetAt.getTime() > Date.now());
      return true;
    });
  } finally {
    await limited.close();
  }
});

test('a plan error is raised before any HTTP call', async () => {
  await h.reset();
  await assert.rejects(h.conn.query("SELECT * FROM Insights WHERE EntityId = 'abc'"), (error: unknown) => error instanceof PlanError && /EntityType/.test(error.message));
  await assert.rejects(h.conn.query('SELECT Nme FROM Campaigns'), (error: unknown) => error instanceof PlanError && /Name/.test(error.message));
  await assert.rejects(h.conn.query('SELECT * FROM Campaign'), (error: unknown) => error instanceof PlanError && /Campaigns/.test(error.message));
  assert.equal((await h.calls()).requests, 0);
});

test('every table answers, by its name and by its CData alias', async () => {
  for (const [name, alias] of [
    ['Accounts', 'AdAccounts'],
    ['Campaigns', 'AdCampaigns'],
    ['LineItems', 'AdLineItems'],
    ['PromotedTweets', 'AdPromotedTweets'],
    ['FundingInstruments', 'AdFundingInstruments'],
    ['Media', 'MediaLibrary'],
  ] as const) {
    const byName = await h.conn.query(`SELECT * FROM ${name} LIMIT 3`);
    const byAlias = await h.conn.query(`SELECT * FROM ${alias} LIMIT 3`);
    assert.ok(byName.rows.length > 0, name);
    assert.deepEqual(byAlias.fields, byName.fields);
  }
});

test('sys tables describe the schemas and mask secrets', async () => {
  const tables = (await h.conn.query('SELECT TableName FROM sys_tables')).rows.map((r) => r.TableName);
  for (const t of ['Accounts', 'Campaigns', 'Insights', 'sys_tables', 'sys_keycolumns']) assert.ok(tables.includes(t), t);
  const columns = (await h.conn.query("SELECT ColumnName, DataTypeName FROM sys_tablecolumns WHERE TableName = 'Campaigns'")).rows;
  assert.ok(columns.some((c) => c.ColumnName === 'DailyBudgetAmountLocalMicro' && c.DataTypeName === 'Long'));
  const keys = (await h.conn.query("SELECT ColumnName, Operators FROM sys_keycolumns WHERE TableName = 'Campaigns'")).rows;
  assert.ok(keys.some((k) => k.ColumnName === 'Id' && String(k.Operators).includes('IN')));
  const props = (await h.conn.query('SELECT Name, Value FROM sys_connection_props')).rows;
  assert.equal(props.find((p) => p.Name === 'OAuthClientSecret')?.Value, '****');
  assert.ok(!JSON.stringify(props).includes(h.emulator.credentials.accessTokenSecret));
});

test('CacheTTL answers a repeated GET from memory; without it every query goes to the API', async () => {
  const cached = await h.connectWith('CacheTTL=60');
  const sql = 'SELECT Id FROM Campaigns WHERE AccountId = ?';
  await h.reset();
  const first = await cached.query(sql, [account]);
  const second = await cached.query(sql, [account]);
  assert.deepEqual(second.rows, first.rows);
  assert.equal((await h.calls()).requests, 1);
  await h.reset();
  await h.conn.query(sql, [account]);
  await h.conn.query(sql, [account]);
  assert.equal((await h.calls()).requests, 2);
});
