/**
 * The active-entities pre-step of Insights: the step's planned requests and when it applies (no
 * HTTP), then against the emulator: one active_entities call, stats only for the active entities,
 * fewer calls, and the same rows as the queries that do not take the step.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Row } from '../../src/catalog/types.js';
import { activeEntitiesRequests, inactiveRows, stepApplies } from '../../src/providers/twitterads/active-entities-step.js';
import type { CallOptions } from '../../src/providers/api-client.js';
import type { TwitterAdsClient } from '../../src/providers/twitterads/client.js';
import { planStatsCalls, type StatsInputs } from '../../src/providers/twitterads/insights-calls.js';
import { InsightsTable } from '../../src/providers/twitterads/insights-table.js';
import { cmp, eq, isIn, param, plannedTexts, request } from '../source/fake-client.js';
import { requestText } from '../../src/source/planned-call.js';
import { startHarness, type Harness } from './harness.js';

const NOW = new Date('2024-03-01T10:30:00Z');
const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
const inputs = (over: Partial<StatsInputs> & { ids?: string[] } = {}): StatsInputs => ({
  entityType: 'CAMPAIGN',
  groups: ['ENGAGEMENT'],
  accounts: ['a1'],
  zones: new Map([['a1', 'UTC']]),
  entityIds: () => over.ids ?? ids(25),
  granularities: ['DAY'],
  placements: ['ALL_ON_TWITTER'],
  time: { lower: { op: '>=', value: '2024-01-01' }, upper: { op: '<=', value: '2024-01-15' } },
  now: NOW,
  ...over,
});

test('active_entities requests: from the report start to a week past its end (at most now), 90 days a call, whole hours', () => {
  const week = activeEntitiesRequests('a1', 'LINE_ITEM', { start: new Date('2023-09-01T07:00:00Z'), end: new Date('2023-09-08T07:00:00Z') }, NOW).map(requestText);
  assert.deepEqual(week, ['GET /stats/accounts/a1/active_entities?entity=LINE_ITEM&start_time=2023-09-01T07:00:00Z&end_time=2023-09-15T07:00:00Z']);
  const long = activeEntitiesRequests('a1', 'LINE_ITEM', { start: new Date('2023-09-01T07:00:00Z'), end: new Date('2024-01-01T08:00:00Z') }, NOW).map(requestText);
  assert.deepEqual(long, [
    'GET /stats/accounts/a1/active_entities?entity=LINE_ITEM&start_time=2023-09-01T07:00:00Z&end_time=2023-11-30T07:00:00Z',
    'GET /stats/accounts/a1/active_entities?entity=LINE_ITEM&start_time=2023-11-30T07:00:00Z&end_time=2024-01-08T08:00:00Z',
  ]);
  const recent = activeEntitiesRequests('a1', 'CAMPAIGN', { start: new Date('2024-02-20T00:00:00Z'), end: new Date('2024-03-01T00:00:00Z') }, NOW).map(requestText);
  assert.deepEqual(recent, ['GET /stats/accounts/a1/active_entities?entity=CAMPAIGN&start_time=2024-02-20T00:00:00Z&end_time=2024-03-01T11:00:00Z']);
});

test('the step applies to many entities of a type active_entities answers, when it saves calls', () => {
  assert.equal(stepApplies(inputs(), 'a1'), true, '25 campaigns × 2 weeks: 4 stats calls against 1');
  assert.equal(stepApplies(inputs({ time: { lower: { op: '>=', value: '2024-01-01' }, upper: { op: '<=', value: '2024-01-08' } } }), 'a1'), false, '2 stats calls: the step cannot save 3');
  assert.equal(stepApplies(inputs({ ids: ids(60), time: { lower: { op: '>=', value: '2024-01-01' }, upper: { op: '<=', value: '2024-01-08' } } }), 'a1'), false, '3 stats calls against 1');
  assert.equal(stepApplies(inputs({ ids: ids(61), time: { lower: { op: '>=', value: '2024-01-01' }, upper: { op: '<=', value: '2024-01-08' } } }), 'a1'), true, '4 stats calls against 1');
  assert.equal(stepApplies(inputs({ ids: ids(20) }), 'a1'), false, 'one chunk of ids');
  assert.equal(stepApplies(inputs({ entityType: 'ORGANIC_TWEET' }), 'a1'), false, 'active_entities does not take ORGANIC_TWEET');
  assert.equal(stepApplies(inputs({ placements: ['ALL_ON_TWITTER', 'SPOTLIGHT'] }), 'a1'), false, 'no activity is reported for SPOTLIGHT');
  assert.equal(stepApplies(inputs({ placements: ['PUBLISHER_NETWORK'] }), 'a1'), true);
});

test('inactive entities get the rows the API would give: one per bucket (TOTAL: one per entity), NULL metrics', () => {
  const row = (call: { accountId: string; granularity: string; placement: string }, id: string, start: Date, end: Date): Row => ({ AccountId: call.accountId, EntityId: id, StartTime: start, EndTime: end, Granularity: call.granularity, Impressions: null });
  const day = inactiveRows(planStatsCalls(inputs({ ids: ['c1', 'c2'] })), row);
  assert.equal(day.length, 2 * 14);
  assert.deepEqual(day[0], { AccountId: 'a1', EntityId: 'c1', StartTime: new Date('2024-01-01T00:00:00Z'), EndTime: new Date('2024-01-02T00:00:00Z'), Granularity: 'DAY', Impressions: null });
  const total = inactiveRows(planStatsCalls(inputs({ ids: ['c1', 'c2'], granularities: ['TOTAL'], groups: ['ENGAGEMENT', 'MOBILE_CONVERSION'] })), row);
  assert.deepEqual(
    total.map((r) => [r.EntityId, (r.StartTime as Date).toISOString(), (r.EndTime as Date).toISOString()]),
    [
      ['c1', '2024-01-01T00:00:00.000Z', '2024-01-15T00:00:00.000Z'],
      ['c2', '2024-01-01T00:00:00.000Z', '2024-01-15T00:00:00.000Z'],
    ],
  );
});

test('planned: the step makes the stats calls depend on data; with no entity active only active_entities is sent, every row NULL', async () => {
  const sent: string[] = [];
  const active: string[] = [];
  const client = {
    endpointPrefix: 'GET /12',
    fanOut: 1,
    describeDefault: () => '(first account)',
    defaultAccount: async () => 'a1',
    defaultAccounts: async () => ['a1'],
    primeTimezones: async () => {},
    timezoneOf: async () => 'UTC',
    list: async function* () {},
    getJson: async (path: string, query: Record<string, string>, options: CallOptions) => {
      options.onCall();
      sent.push(`GET ${path}?${new URLSearchParams(query).toString()}`);
      if (path.endsWith('/active_entities')) return { data: active.map((id) => ({ entity_id: id, activity_start_time: '2024-01-03T00:00:00Z', activity_end_time: '2024-01-04T00:00:00Z', placements: ['ALL_ON_TWITTER'] })) };
      const ids = query.entity_ids!.split(',');
      const days = Math.round((Date.parse(query.end_time!) - Date.parse(query.start_time!)) / 86_400_000);
      return { time_series_length: days, data: ids.map((id) => ({ id, id_data: [{ metrics: { impressions: Array(days).fill(1) } }] })) };
    },
  } as unknown as TwitterAdsClient;
  const table = new InsightsTable(client, () => NOW);
  // The ids come from a join (a Param): ids written in the query are planned exactly, without the step.
  const where = [eq('AccountId', 'a1'), eq('EntityType', 'CAMPAIGN'), param('EntityId', 'join:i'), cmp('StartTime', '>=', '2024-01-01'), cmp('EndTime', '<=', '2024-01-15')];
  const params = new Map([['join:i', ids(25)]]);
  const rows = async () => {
    const out: Row[] = [];
    for await (const page of table.plan(request(where, ['Impressions'])).pages({ signal: new AbortController().signal, params })) out.push(...page);
    return out;
  };
  const first = await rows(); // time zone learnt
  sent.length = 0;
  const plan = table.plan(request(where, ['Impressions']));
  assert.equal(plannedTexts(plan, params), 'the entities active in the range are asked first (active_entities)');
  assert.equal(plan.explain().estimatedCalls, null);
  assert.equal((plannedTexts(table.plan(request([...where.slice(0, 2), isIn('EntityId', ...ids(25)), ...where.slice(3)], ['Impressions']))) as string[][]).length, 4, 'written ids: 2 chunks × 2 windows, exact');
  assert.equal(first.length, 25 * 14);
  assert.ok(first.every((r) => r.Impressions === null));
  const again = await rows();
  assert.deepEqual(sent, ['GET /stats/accounts/a1/active_entities?entity=CAMPAIGN&start_time=2024-01-01T00%3A00%3A00Z&end_time=2024-01-22T00%3A00%3A00Z'], 'a week past the range: late change events');
  assert.equal(again.length, 25 * 14);
  // Two entities active: stats for them alone (one id chunk × two windows), the other 23 NULL.
  active.push('c3', 'c24');
  sent.length = 0;
  const mixed = await rows();
  assert.deepEqual(sent.slice(1).map((c) => new URLSearchParams(c.split('?')[1]).get('entity_ids')), ['c3,c24', 'c3,c24']);
  assert.equal(mixed.length, 25 * 14);
  assert.equal(mixed.filter((r) => r.Impressions === 1).length, 2 * 14);
});

interface Logged {
  method: string;
  path: string;
  query: Record<string, string>;
}

let h: Harness;
let account = '';
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
});
after(() => h.close());

const log = async () => (await (await fetch(`${h.emulator.url}/__emulator/requests`)).json()) as Logged[];
const key = (r: Row) => JSON.stringify([r.EntityId, (r.StartTime as Date).toISOString(), r.Impressions, r.Clicks, r.BilledChargeLocalMicro]);

test('Insights over every line item asks active_entities first, then stats for the active ones only; the rows are the same', async () => {
  const range = "StartTime >= '2026-09-01' AND EndTime <= '2026-10-01'";
  const columns = 'EntityId, StartTime, Impressions, Clicks, BilledChargeLocalMicro';
  await h.conn.query('SELECT Impressions FROM Insights WHERE AccountId = ?', [account]); // account and time zone known
  const lineItems = (await h.conn.query('SELECT Id FROM LineItems WHERE AccountId = ?', [account])).rows.map((r) => r.Id as string);
  assert.ok(lineItems.length > 40, `${lineItems.length} line items`);

  const explain = (await h.conn.query(`EXPLAIN SELECT ${columns} FROM Insights WHERE AccountId = ? AND EntityType = 'LINE_ITEM' AND ${range}`, [account])).rows;
  assert.match(String(explain.find((r) => String(r.Operation).includes('Scan'))!.Detail), /active entities first: .*active_entities/);

  await h.reset();
  const stepped = (await h.conn.query(`SELECT ${columns} FROM Insights WHERE AccountId = ? AND EntityType = 'LINE_ITEM' AND ${range}`, [account])).rows;
  const sent = await log();
  const actives = sent.filter((r) => r.path.endsWith('/active_entities'));
  assert.equal(actives.length, 1);
  assert.equal(actives[0]!.query.entity, 'LINE_ITEM');
  assert.equal(actives[0]!.path, `/12/stats/accounts/${account}/active_entities`);
  assert.ok(sent.indexOf(actives[0]!) < sent.findIndex((r) => r.path === `/12/stats/accounts/${account}`), 'active_entities before any stats call');
  const stats = sent.filter((r) => r.path === `/12/stats/accounts/${account}`);
  const asked = new Set(stats.flatMap((r) => r.query.entity_ids!.split(',')));

  // The same rows, read 20 line items at a time (one stats call's worth of ids: no step).
  await h.reset();
  const plain: Row[] = [];
  for (let i = 0; i < lineItems.length; i += 20) {
    const chunk = lineItems.slice(i, i + 20);
    plain.push(...(await h.conn.query(`SELECT ${columns} FROM Insights WHERE AccountId = ? AND EntityType = 'LINE_ITEM' AND EntityId IN (${chunk.map(() => '?').join(',')}) AND ${range}`, [account, ...chunk])).rows);
  }
  const plainCalls = (await h.calls()).byRoute;
  assert.equal(plainCalls['GET /12/stats/accounts/:account_id/active_entities'], undefined);
  assert.equal(stepped.length, plain.length);
  assert.deepEqual(stepped.map(key).sort(), plain.map(key).sort());

  // Stats were asked for exactly the active entities, and every entity with a metric is among them.
  const delivering = new Set(plain.filter((r) => r.Impressions !== null).map((r) => r.EntityId as string));
  for (const id of delivering) assert.ok(asked.has(id), `${id} delivers, so it was asked`);
  assert.ok(asked.size < lineItems.length, `${asked.size} of ${lineItems.length} line items asked`);
  const idle = lineItems.filter((id) => !asked.has(id));
  assert.ok(stepped.filter((r) => idle.includes(r.EntityId as string)).every((r) => r.Impressions === null && r.Clicks === null));
  const plainStats = plainCalls['GET /12/stats/accounts/:account_id']!;
  assert.ok(1 + stats.length < plainStats, `with the step ${1 + stats.length} calls, without ${plainStats}`);
  console.log(`pre-step: ${lineItems.length} line items, ${asked.size} active; calls ${1 + stats.length} (1 active_entities + ${stats.length} stats) against ${plainStats} stats calls`);
});

test('a query that counts the zero rows of inactive entities still counts them', async () => {
  const where = "AccountId = ? AND EntityType = 'CAMPAIGN' AND Granularity = 'TOTAL' AND StartTime >= '2026-09-01' AND EndTime <= '2026-10-01'";
  const campaigns = (await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [account])).rows.length;
  await h.reset();
  const rows = (await h.conn.query(`SELECT EntityId, Impressions FROM Insights WHERE ${where}`, [account])).rows;
  assert.equal((await h.calls()).byRoute['GET /12/stats/accounts/:account_id/active_entities'], 1);
  assert.equal(rows.length, campaigns, 'one TOTAL row per campaign, active or not');
  const counted = (await h.conn.query(`SELECT COUNT(*) AS n FROM Insights WHERE ${where} AND Impressions IS NULL`, [account])).rows[0]!.n;
  assert.equal(counted, rows.filter((r) => r.Impressions === null).length);
});
