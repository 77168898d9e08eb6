/** Planned calls of Twitter Ads Insights for each key column, with no HTTP: the stats requests are data. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallOptions } from '../../src/providers/api-client.js';
import type { TwitterAdsClient } from '../../src/providers/twitterads/client.js';
import { InsightsTable } from '../../src/providers/twitterads/insights-table.js';
import type { PushdownPredicate } from '../../src/source/contract.js';
import { cmp, drain, eq, isIn, param, plannedTexts, request } from './fake-client.js';

const A = 'a1';
const B = 'b2';
const NOW = new Date('2024-03-01T00:00:00Z');

/** The part of the Twitter Ads client Insights uses, answering empty stats. */
function fakeClient(sent: string[]) {
  const client = {
    endpointPrefix: 'GET /12',
    fanOut: 1,
    describeDefault: () => '(first account)',
    defaultAccount: async () => A,
    defaultAccounts: async () => [A],
    primeTimezones: async () => {},
    timezoneOf: async (_account: string, options: CallOptions) => {
      options.onCall();
      sent.push('timezone');
      return 'UTC';
    },
    getJson: async (path: string, query: Record<string, string>, options: CallOptions) => {
      options.onCall();
      sent.push(`GET ${path}?${new URLSearchParams(query).toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`);
      const start = Date.parse(query.start_time!);
      const end = Date.parse(query.end_time!);
      const buckets = query.granularity === 'TOTAL' ? 1 : Math.round((end - start) / (query.granularity === 'HOUR' ? 3_600_000 : 86_400_000));
      return { time_series_length: buckets, data: [] };
    },
    list: async function* () {},
  };
  return client as unknown as TwitterAdsClient;
}

/** An Insights table that has already seen both accounts (their time zones are known). */
async function warmTable(sent: string[] = []): Promise<InsightsTable> {
  const table = new InsightsTable(fakeClient(sent), () => NOW);
  await drain(table.plan(request([isIn('AccountId', A, B)], ['Impressions'])));
  sent.length = 0;
  return table;
}

const week1 = 'start_time=2024-01-01T00:00:00Z&end_time=2024-01-08T00:00:00Z';
const week2 = 'start_time=2024-01-08T00:00:00Z&end_time=2024-01-15T00:00:00Z';
const range: PushdownPredicate[] = [cmp('StartTime', '>=', '2024-01-01'), cmp('EndTime', '<=', '2024-01-15')];
const campaign = (ids: string) => `entity=CAMPAIGN&entity_ids=${ids}`;
const tail = (granularity = 'DAY', placement = 'ALL_ON_TWITTER', groups = 'ENGAGEMENT') => `granularity=${granularity}&placement=${placement}&metric_groups=${groups}`;

const cases: Record<string, { where: PushdownPredicate[]; columns?: string[]; calls: string[] }> = {
  'AccountId fills the path; no entity means the account itself': {
    where: [eq('AccountId', B), ...range],
    calls: [`GET /stats/accounts/${B}?entity=ACCOUNT&entity_ids=${B}&${week1}&${tail()}`, `GET /stats/accounts/${B}?entity=ACCOUNT&entity_ids=${B}&${week2}&${tail()}`],
  },
  'EntityType and EntityId go to entity and entity_ids; StartTime/EndTime make 7-day windows': {
    where: [eq('AccountId', A), eq('EntityType', 'CAMPAIGN'), isIn('EntityId', 'c1', 'c2'), ...range],
    calls: [`GET /stats/accounts/${A}?${campaign('c1,c2')}&${week1}&${tail()}`, `GET /stats/accounts/${A}?${campaign('c1,c2')}&${week2}&${tail()}`],
  },
  'Granularity goes to granularity': {
    where: [eq('AccountId', A), eq('EntityType', 'CAMPAIGN'), eq('EntityId', 'c1'), cmp('StartTime', '>=', '2024-01-01'), cmp('EndTime', '<=', '2024-01-02'), eq('Granularity', 'HOUR')],
    calls: [`GET /stats/accounts/${A}?${campaign('c1')}&start_time=2024-01-01T00:00:00Z&end_time=2024-01-02T00:00:00Z&${tail('HOUR')}`],
  },
  'Placement goes to placement; billing columns add the BILLING group': {
    where: [eq('AccountId', A), eq('EntityType', 'LINE_ITEM'), eq('EntityId', 'l1'), cmp('StartTime', '>=', '2024-01-01'), cmp('EndTime', '<=', '2024-01-08'), eq('Placement', 'PUBLISHER_NETWORK')],
    columns: ['Impressions', 'BilledChargeLocalMicro'],
    calls: [`GET /stats/accounts/${A}?entity=LINE_ITEM&entity_ids=l1&${week1}&${tail('DAY', 'PUBLISHER_NETWORK', 'ENGAGEMENT,BILLING')}`],
  },
  'AccountId IN is one set of calls per account': {
    where: [isIn('AccountId', A, B), cmp('StartTime', '>=', '2024-01-01'), cmp('EndTime', '<=', '2024-01-08')],
    calls: [`GET /stats/accounts/${A}?entity=ACCOUNT&entity_ids=${A}&${week1}&${tail()}`, `GET /stats/accounts/${B}?entity=ACCOUNT&entity_ids=${B}&${week1}&${tail()}`],
  },
  'EntityId values that cannot be ids cost no call': { where: [eq('AccountId', A), eq('EntityType', 'CAMPAIGN'), isIn('EntityId', 'c1,c2', '', '..'), ...range], calls: [] },
};

for (const [name, c] of Object.entries(cases)) {
  test(`Insights planned calls: ${name}`, async () => {
    const sent: string[] = [];
    const table = await warmTable(sent);
    const plan = table.plan(request(c.where, c.columns ?? ['Impressions']));
    assert.deepEqual(plannedTexts(plan), c.calls.map((call) => [call]));
    assert.equal(plan.explain().estimatedCalls, c.calls.length);
    await drain(plan);
    assert.deepEqual(sent, c.calls);
    assert.ok(plan.handling.every((h) => h === 'exact'));
  });
}

test('Insights planned calls: 25 entity ids are 2 calls of up to 20', async () => {
  const ids = Array.from({ length: 25 }, (_, i) => `c${i}`);
  const plan = (await warmTable()).plan(request([eq('AccountId', A), eq('EntityType', 'CAMPAIGN'), isIn('EntityId', ...ids), cmp('StartTime', '>=', '2024-01-01'), cmp('EndTime', '<=', '2024-01-08')], ['Impressions']));
  const calls = (plannedTexts(plan) as string[][]).map(([c]) => new URLSearchParams(c!.split('?')[1]).get('entity_ids')!.split(',').length);
  assert.deepEqual(calls, [20, 5]);
});

test('Insights planned calls: an unknown time zone, a default account or values from a join depend on data', async () => {
  const cold = new InsightsTable(fakeClient([]), () => NOW);
  assert.match(plannedTexts(cold.plan(request([eq('AccountId', A)], ['Impressions']))) as string, /time zone of account a1/);
  assert.match(plannedTexts(cold.plan(request([], ['Impressions']))) as string, /default account/);
  const joined = (await warmTable()).plan(request([eq('AccountId', A), eq('EntityType', 'CAMPAIGN'), param('EntityId', 'join:i'), ...range], ['Impressions']));
  assert.equal(joined.explain().estimatedCalls, null);
  assert.deepEqual(plannedTexts(joined, new Map([['join:i', ['c9']]])), [[`GET /stats/accounts/${A}?${campaign('c9')}&${week1}&${tail()}`], [`GET /stats/accounts/${A}?${campaign('c9')}&${week2}&${tail()}`]]);
});

test('Insights: independent stats calls of several accounts and windows overlap, up to MaxConcurrency, rows in call order', async () => {
  let inFlight = 0;
  let most = 0;
  const sent: string[] = [];
  const base = fakeClient(sent) as unknown as Record<string, unknown>;
  const getJson = base.getJson as (path: string, query: Record<string, string>, options: CallOptions) => Promise<unknown>;
  const client = {
    ...base,
    fanOut: 3,
    getJson: async (path: string, query: Record<string, string>, options: CallOptions) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return getJson(path, query, options);
    },
  } as unknown as TwitterAdsClient;
  const table = new InsightsTable(client, () => NOW);
  await drain(table.plan(request([isIn('AccountId', A, B)], ['Impressions'])));
  sent.length = 0;
  most = 0;
  const plan = table.plan(request([isIn('AccountId', A, B), ...range], ['Impressions']));
  await drain(plan);
  assert.equal(sent.length, 4);
  assert.equal(most, 3);
  assert.deepEqual(sent, (plannedTexts(plan) as string[][]).map(([c]) => c));
});
