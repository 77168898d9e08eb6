import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { call, fetchAll, qs } from './twitterads-client.js';

// The windows below are in May 2025, before the wall clock, so every hour in them is reportable.
let emu: RunningEmulator;
let la: string; // America/Los_Angeles account
let campaignIds: string[];

before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 11 });
  la = emu.credentials.accountIds[0]!;
  const { rows } = await fetchAll(emu, `/12/accounts/${la}/campaigns`, { count: 1000, sort_by: 'start_time-asc' });
  campaignIds = rows.filter((c) => c.end_time === null).slice(0, 5).map((c) => c.id);
});
after(() => emu.close());

function statsPath(params: Record<string, string>): string {
  return `/12/stats/accounts/${la}` + qs({ placement: 'ALL_ON_TWITTER', metric_groups: 'ENGAGEMENT,BILLING', entity: 'CAMPAIGN', ...params });
}

// Seven local days in Los Angeles (PDT, UTC-7).
const WEEK = { start_time: '2025-05-20T07:00:00Z', end_time: '2025-05-27T07:00:00Z' };

test('HOUR buckets sum to DAY buckets and to TOTAL', async () => {
  const ids = campaignIds.join(',');
  const hour = await call(emu, statsPath({ ...WEEK, entity_ids: ids, granularity: 'HOUR' }));
  const day = await call(emu, statsPath({ ...WEEK, entity_ids: ids, granularity: 'DAY' }));
  const total = await call(emu, statsPath({ ...WEEK, entity_ids: ids, granularity: 'TOTAL' }));
  for (const res of [hour, day, total]) assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(hour.body.time_series_length, 168);
  assert.equal(day.body.time_series_length, 7);
  assert.equal(total.body.time_series_length, 1);
  let nonNull = 0;
  for (let i = 0; i < campaignIds.length; i++) {
    const h = hour.body.data[i].id_data[0].metrics;
    const d = day.body.data[i].id_data[0].metrics;
    const t = total.body.data[i].id_data[0].metrics;
    assert.deepEqual(Object.keys(h), Object.keys(t));
    for (const name of Object.keys(t)) {
      if (t[name] === null) {
        assert.equal(h[name], null, name);
        assert.equal(d[name], null, name);
        continue;
      }
      nonNull += 1;
      assert.equal(h[name].length, 168);
      assert.equal(d[name].length, 7);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      assert.equal(sum(h[name]), t[name][0], `${name} hour sum`);
      assert.equal(sum(d[name]), t[name][0], `${name} day sum`);
      // day 2 of DAY = hours 24..47 of HOUR
      assert.equal(sum(h[name].slice(24, 48)), d[name][1], `${name} day 2`);
    }
  }
  assert.ok(nonNull > 10, 'some metrics have data');
});

test('response shape and request echo follow the fixture', async () => {
  const res = await call(emu, statsPath({ ...WEEK, entity_ids: campaignIds[0]!, granularity: 'TOTAL' }));
  assert.equal(res.body.data_type, 'stats');
  assert.deepEqual(res.body.request.params, {
    start_time: WEEK.start_time,
    segmentation_type: null,
    entity_ids: [campaignIds[0]],
    end_time: WEEK.end_time,
    country: null,
    placement: 'ALL_ON_TWITTER',
    granularity: 'TOTAL',
    entity: 'CAMPAIGN',
    platform: null,
    metric_groups: ['ENGAGEMENT', 'BILLING'],
  });
  assert.equal(res.body.data[0].id_data[0].segment, null);
});

test('an 8-day window is 400 INVALID_TIME_WINDOW', async () => {
  const res = await call(emu, statsPath({ start_time: '2025-05-20T07:00:00Z', end_time: '2025-05-28T07:00:00Z', entity_ids: campaignIds[0]!, granularity: 'HOUR' }));
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].code, 'INVALID_TIME_WINDOW');
});

test('times that are not whole hours are 400', async () => {
  const res = await call(emu, statsPath({ start_time: '2025-05-20T07:30:00Z', end_time: '2025-05-21T07:00:00Z', entity_ids: campaignIds[0]!, granularity: 'HOUR' }));
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].parameter, 'start_time');
});

test('DAY granularity needs midnight in the account timezone', async () => {
  const utcMidnights = { start_time: '2025-05-20T00:00:00Z', end_time: '2025-05-22T00:00:00Z' };
  const res = await call(emu, statsPath({ ...utcMidnights, entity_ids: campaignIds[0]!, granularity: 'DAY' }));
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].code, 'INVALID_TIME_WINDOW');
  // A bare date means local midnight, as the Python SDK sends for DAY.
  const dates = await call(emu, statsPath({ start_time: '2025-05-20', end_time: '2025-05-22', entity_ids: campaignIds[0]!, granularity: 'DAY' }));
  assert.equal(dates.status, 200, JSON.stringify(dates.body));
  assert.equal(dates.body.request.params.start_time, '2025-05-20T07:00:00Z');
  // Across the spring-forward change a local day has 23 hours; seven local days are still allowed.
  const dst = await call(emu, statsPath({ start_time: '2025-03-05T08:00:00Z', end_time: '2025-03-12T07:00:00Z', entity_ids: campaignIds[0]!, granularity: 'DAY' }));
  assert.equal(dst.status, 200, JSON.stringify(dst.body));
  assert.equal(dst.body.time_series_length, 7);
});

test('entity_ids: more than 20, or ids of another account, are 400; missing parameters are MISSING_PARAMETER', async () => {
  const many = Array.from({ length: 21 }, (_, i) => `id${i}`).join(',');
  const tooMany = await call(emu, statsPath({ ...WEEK, entity_ids: many, granularity: 'TOTAL' }));
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.body.errors[0].parameter, 'entity_ids');
  const other = emu.credentials.accountIds[1]!;
  const foreign = (await call(emu, `/12/accounts/${other}/campaigns` + qs({ count: 1 }))).body.data[0].id;
  const res = await call(emu, statsPath({ ...WEEK, entity_ids: foreign, granularity: 'TOTAL' }));
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].code, 'INVALID_PARAMETER');
  assert.equal(res.body.errors[0].parameter, 'entity_ids');
  const missing = await call(emu, `/12/stats/accounts/${la}` + qs({ entity: 'CAMPAIGN', entity_ids: campaignIds[0]! }));
  assert.equal(missing.status, 400);
  assert.equal(missing.body.errors[0].code, 'MISSING_PARAMETER');
});

test('only metrics valid for the entity appear; no activity gives null', async () => {
  const account = await call(emu, statsPath({ ...WEEK, entity: 'ACCOUNT', entity_ids: la, granularity: 'TOTAL', metric_groups: 'ENGAGEMENT,BILLING,VIDEO' }));
  assert.equal(account.status, 200, JSON.stringify(account.body));
  const accountMetrics = Object.keys(account.body.data[0].id_data[0].metrics);
  assert.ok(accountMetrics.includes('impressions'));
  assert.ok(!accountMetrics.some((m) => m.startsWith('billed_') || m.startsWith('video_')));
  const fiId = (await call(emu, `/12/accounts/${la}/funding_instruments`)).body.data[0].id;
  const fi = await call(emu, statsPath({ ...WEEK, entity: 'FUNDING_INSTRUMENT', entity_ids: fiId, granularity: 'TOTAL', metric_groups: 'ENGAGEMENT,BILLING,VIDEO' }));
  const fiMetrics = Object.keys(fi.body.data[0].id_data[0].metrics);
  assert.ok(fiMetrics.includes('billed_charge_local_micro') && !fiMetrics.some((m) => m.startsWith('video_')));
  const early = await call(emu, statsPath({ start_time: '2015-01-01T00:00:00Z', end_time: '2015-01-02T00:00:00Z', entity_ids: campaignIds[0]!, granularity: 'HOUR' }));
  assert.ok(Object.values(early.body.data[0].id_data[0].metrics).every((v) => v === null));
});
