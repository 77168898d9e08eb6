/** Planned calls of Instagram AudienceInsights for each key column, with no HTTP. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallOptions } from '../../src/providers/api-client.js';
import { AccountInsightsTable } from '../../src/providers/instagram/account-insights.js';
import { AudienceInsightsTable } from '../../src/providers/instagram/audience-insights.js';
import type { InstagramClient } from '../../src/providers/instagram/client.js';
import type { PushdownPredicate } from '../../src/source/contract.js';
import { cmp, drain, eq, isIn, plannedTexts, request } from './fake-client.js';

const U = '17841400000000001';
const V = '17841400000000002';

function fakeClient(sent: string[][]) {
  const client = {
    endpointPrefix: 'GET /v21.0',
    describeDefault: () => '(business account)',
    businessAccountId: async (options: CallOptions) => {
      options.onCall();
      sent.push(['GET /me/accounts']);
      return U;
    },
    businessAccountIds: async (options: CallOptions) => [await client.businessAccountId(options)],
    url: (path: string, query: Record<string, string>) => `${path}?${Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&')}`,
    batch: async (urls: readonly string[], options: CallOptions) => {
      for (let i = 0; i < urls.length; i += 50) {
        options.onCall();
        sent.push(urls.slice(i, i + 50).map((u) => `GET ${u}`));
      }
      return urls.map(() => ({ ok: true, body: { data: [] } }));
    },
  };
  return client as unknown as InstagramClient;
}

const ask = (account: string, breakdown: string, metric = 'follower_demographics', timeframe = 'last_30_days') =>
  `GET /${account}/insights?metric=${metric}&period=lifetime&metric_type=total_value&breakdown=${breakdown}&timeframe=${timeframe}`;

const cases: Record<string, { where: PushdownPredicate[]; calls: string[][] }> = {
  'AccountId fills the path; no AudienceType asks every breakdown, in one batch call': {
    where: [eq('AccountId', U)],
    calls: [[ask(U, 'age'), ask(U, 'gender'), ask(U, 'city'), ask(U, 'country')]],
  },
  'AudienceType goes to breakdown': { where: [eq('AccountId', U), eq('AudienceType', 'city')], calls: [[ask(U, 'city')]] },
  'Metric goes to metric (engaged: this_month, a timeframe it accepts)': { where: [eq('AccountId', U), eq('AudienceType', 'age'), eq('Metric', 'engaged_audience_demographics')], calls: [[ask(U, 'age', 'engaged_audience_demographics', 'this_month')]] },
  'Timeframe goes to timeframe': { where: [eq('AccountId', U), eq('AudienceType', 'age'), eq('Timeframe', 'this_week')], calls: [[ask(U, 'age', 'follower_demographics', 'this_week')]] },
  'AccountId IN asks each account, still one batch': { where: [isIn('AccountId', U, V), eq('AudienceType', 'gender')], calls: [[ask(U, 'gender'), ask(V, 'gender')]] },
  'values the API does not know, and non-ids, cost no call': { where: [isIn('AccountId', U, '..'), eq('AudienceType', 'shoe size')], calls: [] },
};

for (const [name, c] of Object.entries(cases)) {
  test(`AudienceInsights planned calls: ${name}`, async () => {
    const sent: string[][] = [];
    const plan = new AudienceInsightsTable(fakeClient(sent)).plan(request(c.where, ['Value']));
    assert.deepEqual(plannedTexts(plan), c.calls);
    assert.equal(plan.explain().estimatedCalls, c.calls.length);
    await drain(plan);
    assert.deepEqual(sent, c.calls);
  });
}

test('AudienceInsights planned calls: the business account is found once, then planned', async () => {
  const sent: string[][] = [];
  const table = new AudienceInsightsTable(fakeClient(sent));
  const first = table.plan(request([eq('AudienceType', 'age')], ['Value']));
  assert.equal(first.explain().estimatedCalls, null);
  await drain(first);
  assert.deepEqual(sent, [['GET /me/accounts'], [ask(U, 'age')]]);
  assert.deepEqual(plannedTexts(table.plan(request([eq('AudienceType', 'age')], ['Value']))), [[ask(U, 'age')]]);
});

const NOW = new Date('2024-03-01T00:00:00Z');
const unix = (iso: string) => Date.parse(iso) / 1000;
const insights = (account: string, metric: string, period: string, type: string, since: string, until: string) =>
  `GET /${account}/insights?metric=${metric}&period=${period}&metric_type=${type}&since=${unix(since)}&until=${unix(until)}`;

const accountCases: Record<string, { where: PushdownPredicate[]; columns: string[]; calls: string[][] }> = {
  'AccountId fills the path; StartTime/EndTime go to since/until in 30-day windows, one batch call': {
    where: [eq('AccountId', U), cmp('StartTime', '>=', '2024-01-01T00:00:00Z'), cmp('EndTime', '<', '2024-02-15T00:00:00Z')],
    columns: ['Reach'],
    calls: [[insights(U, 'reach', 'day', 'time_series', '2024-01-01T00:00:00Z', '2024-01-31T00:00:00Z'), insights(U, 'reach', 'day', 'time_series', '2024-01-31T00:00:00Z', '2024-02-15T00:00:00Z')]],
  },
  'MetricType goes to metric_type, with the metrics valid for it': {
    where: [eq('AccountId', U), eq('MetricType', 'total_value'), cmp('StartTime', '>=', '2024-02-01T00:00:00Z')],
    columns: ['Reach', 'Views', 'FollowerCount'],
    calls: [[insights(U, 'reach,views', 'day', 'total_value', '2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z')]],
  },
  'Period goes to period; no range means the last 7 days': {
    where: [eq('AccountId', U), eq('Period', 'week')],
    columns: ['Reach', 'FollowerCount'],
    calls: [[insights(U, 'reach', 'week', 'time_series', '2024-02-23T00:00:00Z', '2024-03-01T00:00:00Z')]],
  },
  'a Period the API does not know costs no call': { where: [eq('AccountId', U), eq('Period', 'fortnight')], columns: ['Reach'], calls: [] },
};

for (const [name, c] of Object.entries(accountCases)) {
  test(`AccountInsights planned calls: ${name}`, async () => {
    const sent: string[][] = [];
    const plan = new AccountInsightsTable(fakeClient(sent), () => NOW).plan(request(c.where, c.columns));
    assert.deepEqual(plannedTexts(plan), c.calls);
    assert.equal(plan.explain().estimatedCalls, c.calls.length);
    await drain(plan);
    assert.deepEqual(sent, c.calls);
  });
}
