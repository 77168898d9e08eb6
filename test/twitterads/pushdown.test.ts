/**
 * Each pushed-down filter returns exactly the rows a local filter over a full scan returns, with
 * the fewest calls the API allows (counted by the emulator).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Row } from '../../src/catalog/types.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let account: string;
let all: Row[];

before(async () => {
  h = await startHarness({ scale: 5 });
  account = h.emulator.credentials.accountIds[0]!;
  all = (await h.conn.query('SELECT * FROM Campaigns WHERE AccountId = ? AND IncludeDeleted = true AND IncludeDraft = true', [account])).rows;
  assert.ok(all.length > 250, `scale 5 gives more than 250 campaigns (got ${all.length})`);
});
after(() => h.close());

const ids = (rows: Row[]) => rows.map((r) => r.Id).sort();

async function measured(sql: string, params?: readonly (string | number | boolean)[]) {
  await h.reset();
  const result = await h.conn.query(sql, params);
  return { rows: result.rows, calls: await h.calls() };
}

test('AccountId = x: one call for up to 1000 campaigns; deleted and draft rows are left out by default', async () => {
  const { rows, calls } = await measured('SELECT Id, EntityStatus, Deleted FROM Campaigns WHERE AccountId = ?', [account]);
  const expected = all.filter((r) => r.Deleted === false && r.EntityStatus !== 'DRAFT');
  assert.deepEqual(ids(rows), ids(expected));
  assert.ok(expected.length < all.length, 'the seed has deleted or draft campaigns');
  assert.equal(calls.requests, 1);
});

test('Id IN (...) goes to campaign_ids: 3 ids, 1 call', async () => {
  const wanted = all.filter((r) => r.Deleted === false && r.EntityStatus !== 'DRAFT').slice(0, 3).map((r) => r.Id as string);
  const { rows, calls } = await measured(`SELECT Id FROM Campaigns WHERE AccountId = ? AND Id IN (?, ?, ?)`, [account, ...wanted]);
  assert.deepEqual(ids(rows), [...wanted].sort());
  assert.equal(calls.requests, 1);
});

test('an IN list over 200 ids is chunked by 200: 250 ids, 2 calls', async () => {
  const wanted = all.slice(0, 250).map((r) => r.Id as string);
  const placeholders = wanted.map(() => '?').join(',');
  const { rows, calls } = await measured(`SELECT Id FROM Campaigns WHERE AccountId = ? AND IncludeDeleted = true AND IncludeDraft = true AND Id IN (${placeholders})`, [account, ...wanted]);
  assert.deepEqual(ids(rows), [...wanted].sort());
  assert.equal(calls.requests, 2);
});

test('FundingInstrumentId = x is pushed and exact', async () => {
  const fi = all[0]!.FundingInstrumentId as string;
  const { rows, calls } = await measured('SELECT Id FROM Campaigns WHERE AccountId = ? AND IncludeDeleted = true AND IncludeDraft = true AND FundingInstrumentId = ?', [account, fi]);
  assert.deepEqual(ids(rows), ids(all.filter((r) => r.FundingInstrumentId === fi)));
  assert.equal(calls.requests, 1);
});

test("Name LIKE 'prefix%' narrows through q and is re-checked locally", async () => {
  const prefix = (all[0]!.Name as string).split(' ')[0]!;
  const { rows, calls } = await measured(`SELECT Id, Name FROM Campaigns WHERE AccountId = ? AND IncludeDeleted = true AND IncludeDraft = true AND Name LIKE ?`, [account, `${prefix}%`]);
  const expected = all.filter((r) => (r.Name as string).toLowerCase().startsWith(prefix.toLowerCase()));
  assert.ok(expected.length > 0 && expected.length < all.length);
  assert.deepEqual(ids(rows), ids(expected));
  assert.equal(calls.requests, 1);
});

test('IncludeDeleted and IncludeDraft are pushed as with_deleted and with_draft', async () => {
  const { rows } = await measured('SELECT Id, Deleted, IncludeDeleted FROM Campaigns WHERE AccountId = ? AND IncludeDeleted = true', [account]);
  assert.ok(rows.some((r) => r.Deleted === true));
  assert.ok(rows.every((r) => r.IncludeDeleted === true));
  const drafts = await measured('SELECT Id, EntityStatus FROM Campaigns WHERE AccountId = ? AND IncludeDraft = true', [account]);
  assert.ok(drafts.rows.some((r) => r.EntityStatus === 'DRAFT'));
});

test('a filter the API cannot apply runs locally on the full scan', async () => {
  const { rows, calls } = await measured("SELECT Id FROM Campaigns WHERE AccountId = ? AND IncludeDeleted = true AND IncludeDraft = true AND EntityStatus = 'PAUSED'", [account]);
  assert.deepEqual(ids(rows), ids(all.filter((r) => r.EntityStatus === 'PAUSED')));
  assert.equal(calls.requests, 1);
});

test('AccountId IN (SELECT Id FROM Accounts): one call for the accounts, then one per account', async () => {
  const accounts = (await h.conn.query('SELECT Id FROM Accounts')).rows;
  const { rows, calls } = await measured('SELECT Id, AccountId FROM Campaigns WHERE AccountId IN (SELECT Id FROM Accounts)');
  assert.equal(calls.requests, 1 + accounts.length);
  assert.deepEqual(new Set(rows.map((r) => r.AccountId)), new Set(accounts.map((r) => r.Id)));
});

test('with no AccountId anywhere, the first account is used (one extra call, once per connection)', async () => {
  const { rows, calls } = await measured('SELECT AccountId FROM Campaigns');
  const first = (await h.conn.query('SELECT Id FROM Accounts LIMIT 1')).rows[0]!.Id;
  assert.ok(rows.length > 0 && rows.every((r) => r.AccountId === first));
  assert.equal(calls.byRoute['GET /12/accounts'], 1);
  const again = await measured('SELECT AccountId FROM Campaigns');
  assert.equal(again.calls.byRoute['GET /12/accounts'], undefined);
});

test('ORDER BY CreatedAt DESC LIMIT 5 is sorted by the API: one call of count=5', async () => {
  const { rows, calls } = await measured('SELECT Id, CreatedAt FROM Campaigns WHERE AccountId = ? AND IncludeDeleted = true AND IncludeDraft = true ORDER BY CreatedAt DESC LIMIT 5', [account]);
  const expected = [...all].sort((a, b) => (b.CreatedAt as Date).getTime() - (a.CreatedAt as Date).getTime()).slice(0, 5);
  assert.deepEqual(rows.map((r) => (r.CreatedAt as Date).getTime()), expected.map((r) => (r.CreatedAt as Date).getTime()));
  assert.equal(calls.requests, 1);
});

test('LineItems by CampaignId, PromotedTweets by LineItemId, FundingInstruments by Id: one call each', async () => {
  const campaign = all.find((r) => r.Deleted === false && r.EntityStatus === 'ACTIVE')!.Id as string;
  const allItems = (await h.conn.query('SELECT Id, CampaignId FROM LineItems WHERE AccountId = ?', [account])).rows;
  const items = await measured('SELECT Id FROM LineItems WHERE AccountId = ? AND CampaignId = ?', [account, campaign]);
  assert.deepEqual(ids(items.rows), ids(allItems.filter((r) => r.CampaignId === campaign)));
  assert.equal(items.calls.requests, 1);

  const lineItem = allItems[0]!.Id as string;
  const allTweets = (await h.conn.query('SELECT Id, LineItemId FROM PromotedTweets WHERE AccountId = ?', [account])).rows;
  const tweets = await measured('SELECT Id FROM PromotedTweets WHERE AccountId = ? AND LineItemId = ?', [account, lineItem]);
  assert.deepEqual(ids(tweets.rows), ids(allTweets.filter((r) => r.LineItemId === lineItem)));
  assert.equal(tweets.calls.requests, 1);

  const fi = all[0]!.FundingInstrumentId as string;
  const funding = await measured('SELECT Id, Type FROM FundingInstruments WHERE AccountId = ? AND Id = ?', [account, fi]);
  assert.deepEqual(ids(funding.rows), [fi]);
  assert.equal(funding.calls.requests, 1);
});

test('Media: MediaType is pushed, MediaKey uses the single-object endpoint', async () => {
  const library = (await h.conn.query('SELECT MediaKey, MediaType FROM Media WHERE AccountId = ?', [account])).rows;
  const videos = await measured("SELECT MediaKey, Duration FROM Media WHERE AccountId = ? AND MediaType = 'VIDEO'", [account]);
  assert.deepEqual(videos.rows.map((r) => r.MediaKey).sort(), library.filter((r) => r.MediaType === 'VIDEO').map((r) => r.MediaKey).sort());
  assert.ok(videos.rows.every((r) => typeof r.Duration === 'number'));
  const key = library[0]!.MediaKey as string;
  const one = await measured('SELECT MediaKey FROM Media WHERE AccountId = ? AND MediaKey = ?', [account, key]);
  assert.deepEqual(one.rows.map((r) => r.MediaKey), [key]);
  assert.equal(one.calls.requests, 1);
  const none = await measured("SELECT MediaKey FROM Media WHERE AccountId = ? AND MediaType = 'video'", [account]);
  assert.equal(none.rows.length, 0, "= is case-sensitive: 'video' is not 'VIDEO'");
  assert.equal(none.calls.requests, 0, 'a value the API cannot match costs no call');
});

test('a join on a key column becomes a batched dependent fetch', async () => {
  const campaigns = all.filter((r) => r.Deleted === false && r.EntityStatus !== 'DRAFT');
  const { rows, calls } = await measured('SELECT c.Id, l.Id AS LineItemId FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id WHERE c.AccountId = ? AND l.AccountId = ?', [account, account]);
  const allItems = (await h.conn.query('SELECT Id, CampaignId FROM LineItems WHERE AccountId = ?', [account])).rows;
  const campaignIds = new Set(campaigns.map((c) => c.Id));
  assert.deepEqual(rows.map((r) => r.LineItemId).sort(), allItems.filter((l) => campaignIds.has(l.CampaignId)).map((l) => l.Id).sort());
  assert.equal(calls.byRoute['GET /12/accounts/:account_id/campaigns'], 1);
  assert.equal(calls.byRoute['GET /12/accounts/:account_id/line_items'], Math.ceil(campaigns.length / 200));
});
