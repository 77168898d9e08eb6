/**
 * Insights over every metric group, entity type and placement (issue 13 item 1): the planned stats
 * requests as data (no HTTP), then the same queries against the emulator returning the metrics.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { entityTypes, groupsByEntity, metricColumns, metricGroups, placements, type EntityType, type MetricGroup } from '../../schemas/twitterads/insights.js';
import { ApiError } from '../../src/errors.js';
import { groupSets, planStatsCalls, type StatsInputs } from '../../src/providers/twitterads/insights-calls.js';
import { startHarness, type Harness } from './harness.js';

const A = '18ce54d4x5t';
const inputs = (over: Partial<StatsInputs>): StatsInputs => ({
  entityType: 'CAMPAIGN',
  groups: ['ENGAGEMENT'],
  accounts: [A],
  zones: new Map([[A, 'UTC']]),
  entityIds: () => ['c1'],
  granularities: ['DAY'],
  placements: ['ALL_ON_TWITTER'],
  time: { lower: { op: '>=', value: '2026-11-01T00:00:00Z' }, upper: { op: '<', value: '2026-11-03T00:00:00Z' } },
  now: new Date('2026-12-01T00:00:00Z'),
  ...over,
});
const query = (over: Partial<StatsInputs>) => planStatsCalls(inputs(over)).map((c) => new URLSearchParams(c.query).toString());

test('every metric group has columns, PascalCase of the API names', () => {
  for (const group of metricGroups) assert.ok(metricColumns.some((m) => m.group === group), group);
  for (const m of metricColumns) assert.equal(m.name.toLowerCase(), m.metric.replace(/_/g, ''), m.name);
  assert.ok(metricColumns.some((m) => m.name === 'ConversionPurchases' && m.metric === 'conversion_purchases'));
  assert.ok(metricColumns.some((m) => m.name === 'MobileConversionInstalls' && m.group === 'MOBILE_CONVERSION'));
});

for (const group of metricGroups) {
  test(`planned request: metric group ${group}`, () => {
    const planned = query({ groups: [group] });
    assert.equal(planned.length, 1);
    assert.match(planned[0]!, new RegExp(`^entity=CAMPAIGN&entity_ids=c1&start_time=2026-11-01T00%3A00%3A00Z&end_time=[^&]+&granularity=DAY&placement=ALL_ON_TWITTER&metric_groups=${group}$`));
  });
}

test('planned requests: MOBILE_CONVERSION goes in a request of its own', () => {
  assert.deepEqual(groupSets(['ENGAGEMENT', 'MOBILE_CONVERSION', 'WEB_CONVERSION']), [['ENGAGEMENT', 'WEB_CONVERSION'], ['MOBILE_CONVERSION']]);
  const calls = planStatsCalls(inputs({ groups: ['ENGAGEMENT', 'MOBILE_CONVERSION'] }));
  assert.deepEqual(calls.map((c) => [c.query.metric_groups, c.part]), [['ENGAGEMENT', 0], ['MOBILE_CONVERSION', 1]]);
});

for (const entity of entityTypes) {
  test(`planned request: entity ${entity}`, () => {
    const [text] = query({ entityType: entity, entityIds: () => ['e1', 'e2'] });
    assert.match(text!, new RegExp(`^entity=${entity}&entity_ids=e1%2Ce2&`));
  });
}

for (const placement of placements) {
  test(`planned request: placement ${placement}`, () => {
    assert.match(query({ placements: [placement] })[0]!, new RegExp(`&placement=${placement}&`));
  });
}

// Against the emulator.
let h: Harness;
let account = '';
const range = "StartTime >= '2026-11-01' AND EndTime <= '2026-11-08' AND Granularity = 'TOTAL'";
const joinedRange = "i.StartTime >= '2026-11-01' AND i.EndTime <= '2026-11-08' AND i.Granularity = 'TOTAL'";
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
  await h.conn.query('SELECT Impressions FROM Insights WHERE AccountId = ?', [account]);
});
after(() => h.close());

/** The first column of each group, for a query that needs exactly that group. */
const columnOf = (group: MetricGroup) => metricColumns.find((m) => m.group === group)!.name;

for (const group of metricGroups) {
  test(`Insights returns metric group ${group} for campaigns, asking only that group`, async () => {
    await h.reset();
    const column = columnOf(group);
    const { rows } = await h.conn.query(`SELECT c.Id, i.${column}, i.Impressions FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id WHERE c.AccountId = ? AND i.AccountId = ? AND ${joinedRange}`, [account, account]);
    assert.ok(rows.length > 0);
    assert.ok(rows.some((r) => typeof r[column] === 'number'), `${column} has values`);
    const explain = (await h.conn.query(`EXPLAIN SELECT ${column}, Impressions FROM Insights WHERE AccountId = ? AND EntityType = 'CAMPAIGN' AND EntityId = 'c1' AND ${range}`, [account])).rows;
    const text = JSON.stringify(explain);
    const expected = group === 'ENGAGEMENT' ? 'metric_groups=ENGAGEMENT' : group === 'MOBILE_CONVERSION' ? 'metric_groups=ENGAGEMENT,MOBILE_CONVERSION' : `metric_groups=ENGAGEMENT,${group}`;
    assert.ok(text.includes(expected), `${expected} in ${text.slice(0, 400)}`);
  });
}

test('MOBILE_CONVERSION with ENGAGEMENT: two requests per chunk, one row with both', async () => {
  await h.reset();
  const { rows } = await h.conn.query(`SELECT EntityId, Impressions, MobileConversionInstalls FROM Insights WHERE AccountId = ? AND EntityType = 'CAMPAIGN' AND EntityId IN (SELECT Id FROM Campaigns WHERE AccountId = ?) AND ${range}`, [account, account]);
  const campaigns = (await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [account])).rows.length;
  assert.equal(rows.length, campaigns);
  assert.ok(rows.some((r) => typeof r.Impressions === 'number' && typeof r.MobileConversionInstalls === 'number'));
  const calls = await h.calls();
  // Active entities first (active-entities-step.test.ts): two stats requests per 20 active campaigns.
  const active = calls.byRoute['GET /12/stats/accounts/:account_id/active_entities'] ?? 0;
  const stats = calls.byRoute['GET /12/stats/accounts/:account_id']!;
  assert.ok(stats % 2 === 0 && stats <= 2 * Math.ceil(campaigns / 20), `two stats requests per chunk, got ${stats}`);
  assert.equal(calls.requests, 1 + active + stats + 1, 'campaigns listed once for the subquery, active entities, stats, campaigns again for the count');
});

test('groups an entity cannot have are not asked for and read NULL', async () => {
  const { rows } = await h.conn.query(`SELECT Impressions, BilledChargeLocalMicro, VideoTotalViews FROM Insights WHERE AccountId = ? AND ${range}`, [account]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.BilledChargeLocalMicro, null);
  assert.equal(rows[0]!.VideoTotalViews, null);
  const explain = JSON.stringify((await h.conn.query(`EXPLAIN SELECT Impressions, BilledChargeLocalMicro FROM Insights WHERE AccountId = ? AND ${range}`, [account])).rows);
  assert.ok(explain.includes('metric_groups=ENGAGEMENT') && !explain.includes('BILLING'));
  assert.deepEqual(groupsByEntity.ACCOUNT, ['ENGAGEMENT']);
});

/** Entity tables whose ids Insights takes by join; the emulator may not serve every entity type yet. */
const entityTables: Record<Exclude<EntityType, 'ACCOUNT'>, string> = {
  CAMPAIGN: 'Campaigns',
  LINE_ITEM: 'LineItems',
  PROMOTED_TWEET: 'PromotedTweets',
  FUNDING_INSTRUMENT: 'FundingInstruments',
  PROMOTED_ACCOUNT: 'PromotedAccounts',
  MEDIA_CREATIVE: 'MediaCreatives',
  ORGANIC_TWEET: 'Tweets',
};

const notServed = (e: unknown) => e instanceof ApiError && /INVALID_PARAMETER/.test(e.message) && /entity|placement/.test(e.message);

for (const [entity, table] of Object.entries(entityTables)) {
  test(`Insights returns entity ${entity}, ids joined from ${table}`, async (t) => {
    try {
      const { rows } = await h.conn.query(`SELECT x.Id, i.EntityType, i.Impressions FROM ${table} x JOIN Insights i ON i.EntityId = x.Id WHERE x.AccountId = ? AND i.AccountId = ? AND ${joinedRange}`, [account, account]);
      assert.ok(rows.length > 0, `${table} has stats rows`);
      assert.ok(rows.every((r) => r.EntityType === entity));
    } catch (e) {
      if (notServed(e)) return t.skip(`the emulator on this branch does not serve ${entity} yet`);
      throw e;
    }
  });
}

for (const placement of placements) {
  test(`Insights returns placement ${placement}`, async (t) => {
    try {
      const { rows } = await h.conn.query(`SELECT Placement, Impressions FROM Insights WHERE AccountId = ? AND Placement = '${placement}' AND ${range}`, [account]);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.Placement, placement);
    } catch (e) {
      if (notServed(e)) return t.skip(`the emulator on this branch does not serve ${placement} yet`);
      throw e;
    }
  });
}
