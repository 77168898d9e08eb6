/**
 * Planned calls of every Twitter Ads table and key column, asserted as the exact requests (as
 * Kysely's tests assert compiled SQL), with no HTTP. Dropping a key column from a schema, or
 * misspelling its parameter, changes a request here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twitterAdsSchemas } from '../../src/providers/twitterads/catalog.js';
import type { PushdownHandling, PushdownPredicate } from '../../src/source/contract.js';
import { drain, eq, FakeClient, isIn, like, param, plannedTexts, request, tableOf } from './fake-client.js';

const A = '18ce54d4x5t';

interface Case {
  readonly table: string;
  readonly where: readonly PushdownPredicate[];
  /** One array per HTTP call. */
  readonly calls: readonly (readonly string[])[];
  readonly handling?: readonly PushdownHandling[];
}

const cases: Record<string, Case> = {
  'Accounts: no filter lists every account': { table: 'Accounts', where: [], calls: [['GET /accounts']] },
  'Accounts: Id IN goes to account_ids': { table: 'Accounts', where: [isIn('Id', 'a1', 'a2')], calls: [['GET /accounts?account_ids=a1,a2']], handling: ['exact'] },
  'Accounts: Name prefix goes to q, re-checked': { table: 'Accounts', where: [like('Name', 'Acme%')], calls: [['GET /accounts?q=Acme']], handling: ['inexact'] },
  'Accounts: IncludeDeleted goes to with_deleted': { table: 'Accounts', where: [eq('IncludeDeleted', true)], calls: [['GET /accounts?with_deleted=true']], handling: ['exact'] },
  'Campaigns: AccountId fills the path': { table: 'Campaigns', where: [eq('AccountId', A)], calls: [[`GET /accounts/${A}/campaigns`]], handling: ['exact'] },
  'Campaigns: AccountId IN is one call per account': { table: 'Campaigns', where: [isIn('AccountId', 'a1', 'a2')], calls: [['GET /accounts/a1/campaigns'], ['GET /accounts/a2/campaigns']] },
  'Campaigns: Id goes to campaign_ids': { table: 'Campaigns', where: [eq('AccountId', A), isIn('Id', 'c1', 'c2')], calls: [[`GET /accounts/${A}/campaigns?campaign_ids=c1,c2`]], handling: ['exact', 'exact'] },
  'Campaigns: FundingInstrumentId goes to funding_instrument_ids': {
    table: 'Campaigns',
    where: [eq('AccountId', A), eq('FundingInstrumentId', 'f1')],
    calls: [[`GET /accounts/${A}/campaigns?funding_instrument_ids=f1`]],
    handling: ['exact', 'exact'],
  },
  'Campaigns: Name prefix goes to q': { table: 'Campaigns', where: [eq('AccountId', A), like('Name', 'Spring%')], calls: [[`GET /accounts/${A}/campaigns?q=Spring`]], handling: ['exact', 'inexact'] },
  'Campaigns: IncludeDeleted and IncludeDraft go to with_deleted and with_draft': {
    table: 'Campaigns',
    where: [eq('AccountId', A), eq('IncludeDeleted', true), eq('IncludeDraft', 'true')],
    calls: [[`GET /accounts/${A}/campaigns?with_deleted=true&with_draft=true`]],
  },
  'LineItems: AccountId, Id, CampaignId, FundingInstrumentId, Name, IncludeDeleted, IncludeDraft': {
    table: 'LineItems',
    where: [eq('AccountId', A), eq('Id', 'l1'), eq('CampaignId', 'c1'), eq('FundingInstrumentId', 'f1'), like('Name', 'Ti%'), eq('IncludeDeleted', false), eq('IncludeDraft', true)],
    calls: [[`GET /accounts/${A}/line_items?line_item_ids=l1&campaign_ids=c1&funding_instrument_ids=f1&q=Ti&with_deleted=false&with_draft=true`]],
    handling: ['exact', 'exact', 'exact', 'exact', 'inexact', 'exact', 'exact'],
  },
  'PromotedTweets: AccountId, Id, LineItemId, IncludeDeleted': {
    table: 'PromotedTweets',
    where: [eq('AccountId', A), eq('Id', 'p1'), isIn('LineItemId', 'l1', 'l2'), eq('IncludeDeleted', true)],
    calls: [[`GET /accounts/${A}/promoted_tweets?promoted_tweet_ids=p1&line_item_ids=l1,l2&with_deleted=true`]],
  },
  'FundingInstruments: AccountId, Id, IncludeDeleted': {
    table: 'FundingInstruments',
    where: [eq('AccountId', A), isIn('Id', 'f1', 'f2'), eq('IncludeDeleted', true)],
    calls: [[`GET /accounts/${A}/funding_instruments?funding_instrument_ids=f1,f2&with_deleted=true`]],
  },
  'Media: MediaType and Name go to media_type and q': {
    table: 'Media',
    where: [eq('AccountId', A), eq('MediaType', 'VIDEO'), like('Name', 'hero%')],
    calls: [[`GET /accounts/${A}/media_library?media_type=VIDEO&q=hero`]],
    handling: ['exact', 'exact', 'inexact'],
  },
  'Media: a MediaType the API does not know matches nothing and costs no call': { table: 'Media', where: [eq('AccountId', A), eq('MediaType', 'HOLOGRAM')], calls: [] },
  'Media: MediaKey reads by key, one call per key': {
    table: 'Media',
    where: [eq('AccountId', A), isIn('MediaKey', '3_1', '16_2')],
    calls: [[`GET /accounts/${A}/media_library/3_1`], [`GET /accounts/${A}/media_library/16_2`]],
  },
};

for (const [name, c] of Object.entries(cases)) {
  test(`planned calls: ${name}`, async () => {
    const client = new FakeClient({ defaults: { defaultAccount: [A] } });
    const plan = tableOf(twitterAdsSchemas, c.table, client).plan(request(c.where));
    assert.deepEqual(plannedTexts(plan), c.calls);
    if (c.handling) assert.deepEqual(plan.handling, c.handling);
    // The fetch sends exactly what was planned, and EXPLAIN counts it.
    await drain(plan);
    assert.deepEqual(client.sent, c.calls);
    assert.equal(plan.explain().estimatedCalls, c.calls.length);
  });
}

test('planned calls: ORDER BY CreatedAt goes to sort_by', () => {
  const plan = tableOf(twitterAdsSchemas, 'Campaigns').plan(request([eq('AccountId', A)], ['Id'], [{ column: 'CreatedAt', desc: true }]));
  assert.deepEqual(plannedTexts(plan), [[`GET /accounts/${A}/campaigns?sort_by=created_at-desc`]]);
  assert.equal(plan.sorted, true);
});

test('planned calls: an id list is chunked at 200 a call', () => {
  const ids = Array.from({ length: 401 }, (_, i) => `c${i}`);
  const plan = tableOf(twitterAdsSchemas, 'Campaigns').plan(request([eq('AccountId', A), isIn('Id', ...ids)]));
  const calls = plannedTexts(plan) as string[][];
  assert.deepEqual(
    calls.map((c) => c[0]!.split('=')[1]!.split(',').length),
    [200, 200, 1],
  );
  assert.equal(calls[2]![0], `GET /accounts/${A}/campaigns?campaign_ids=c400`);
  assert.equal(plan.explain().estimatedCalls, 3);
});

test('planned calls: the default account is resolved once per connection, then planned like a given one', async () => {
  const client = new FakeClient({ defaults: { defaultAccount: [A] } });
  const table = tableOf(twitterAdsSchemas, 'Campaigns', client);
  const first = table.plan(request([isIn('Id', 'c1')]));
  assert.match(plannedTexts(first) as string, /AccountId defaults to a value found at run time/);
  assert.equal(first.explain().estimatedCalls, null);
  await drain(first);
  assert.deepEqual(client.sent, [[`GET /accounts/${A}/campaigns?campaign_ids=c1`]]);
  const second = table.plan(request([isIn('Id', 'c1')]));
  assert.deepEqual(plannedTexts(second), [[`GET /accounts/${A}/campaigns?campaign_ids=c1`]]);
  await drain(second);
  assert.deepEqual(client.resolved, ['defaultAccount']);
});

test('planned calls: values from a join depend on data until the Params are known', () => {
  const plan = tableOf(twitterAdsSchemas, 'LineItems').plan(request([eq('AccountId', A), param('CampaignId', 'join:l')]));
  assert.match(plannedTexts(plan) as string, /outer query/);
  assert.equal(plan.explain().estimatedCalls, null);
  assert.deepEqual(plannedTexts(plan, new Map([['join:l', ['c1', 'c2']]])), [[`GET /accounts/${A}/line_items?campaign_ids=c1,c2`]]);
});
