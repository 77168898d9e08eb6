// active_entities and reach: limits, filters, and consistency with the synchronous stats.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { call, fetchAll, qs } from './twitterads-client.js';

let emu: RunningEmulator;
let la: string;
let campaigns: any[];
const WEEK = { start_time: '2025-05-20T07:00:00Z', end_time: '2025-05-27T07:00:00Z' };

before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 13 });
  la = emu.credentials.accountIds[0]!;
  campaigns = (await fetchAll(emu, `/12/accounts/${la}/campaigns`, { count: 1000, with_deleted: true, with_draft: true })).rows;
});
after(() => emu.close());

const active = (params: Record<string, string>) => call(emu, `/12/stats/accounts/${la}/active_entities` + qs(params));
const impressionsOf = async (entity: string, ids: string[], range: { start_time: string; end_time: string }) => {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 20) {
    const res = await call(emu, `/12/stats/accounts/${la}` + qs({ entity, entity_ids: ids.slice(i, i + 20).join(','), ...range, granularity: 'TOTAL', metric_groups: 'ENGAGEMENT', placement: 'ALL_ON_TWITTER' }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    for (const d of res.body.data) out.set(d.id, d.id_data[0].metrics.impressions?.[0] ?? 0);
  }
  return out;
};

test('active_entities lists exactly the campaigns with impressions in the range', async () => {
  const res = await active({ entity: 'CAMPAIGN', ...WEEK });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const listed = new Set(res.body.data.map((d: any) => d.entity_id));
  assert.ok(listed.size > 0 && listed.size < campaigns.length, `some but not all campaigns active (${listed.size}/${campaigns.length})`);
  const impressions = await impressionsOf('CAMPAIGN', campaigns.map((c) => c.id), WEEK);
  for (const [id, n] of impressions) assert.equal(listed.has(id), n > 0, `campaign ${id}: impressions ${n}`);
  // Stats over the reported activity window hold every impression of the range.
  const first = res.body.data.find((d: any) => impressions.get(d.entity_id)! > 0);
  const narrowed = await impressionsOf('CAMPAIGN', [first.entity_id], { start_time: first.activity_start_time, end_time: first.activity_end_time });
  assert.equal(narrowed.get(first.entity_id), impressions.get(first.entity_id));
  assert.ok(first.placements.includes('ALL_ON_TWITTER'));
});

test('active_entities filters by campaign_ids and validates entity, range and exclusive filters', async () => {
  const some = campaigns.slice(0, 10).map((c) => c.id);
  const lineItems = await active({ entity: 'LINE_ITEM', ...WEEK, campaign_ids: some.join(',') });
  assert.equal(lineItems.status, 200);
  const all = (await fetchAll(emu, `/12/accounts/${la}/line_items`, { count: 1000, with_deleted: true, with_draft: true })).rows;
  const parent = new Map(all.map((li) => [li.id, li.campaign_id]));
  assert.ok(lineItems.body.data.every((d: any) => some.includes(parent.get(d.entity_id))));
  assert.equal((await active({ entity: 'ACCOUNT', ...WEEK })).body.errors[0].parameter, 'entity');
  const long = await active({ entity: 'CAMPAIGN', start_time: '2025-01-01T00:00:00Z', end_time: '2025-04-02T00:00:00Z' });
  assert.equal(long.status, 400);
  assert.equal(long.body.errors[0].code, 'INVALID_TIME_WINDOW');
  const ninety = await active({ entity: 'CAMPAIGN', start_time: '2025-01-01T00:00:00Z', end_time: '2025-04-01T00:00:00Z' });
  assert.equal(ninety.status, 200);
  const both = await active({ entity: 'LINE_ITEM', ...WEEK, campaign_ids: some[0]!, line_item_ids: 'x' });
  assert.equal(both.body.errors[0].code, 'EXCLUSIVE_PARAMETERS');
  const minutes = await active({ entity: 'CAMPAIGN', start_time: '2025-05-20T07:30:00Z', end_time: WEEK.end_time });
  assert.equal(minutes.status, 400);
});

test('reach: ≤ 20 ids, consistent with impressions', async () => {
  const ids = campaigns.slice(0, 20).map((c) => c.id);
  const res = await call(emu, `/12/stats/accounts/${la}/reach/campaigns` + qs({ campaign_ids: ids.join(','), ...WEEK }));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body.data.map((d: any) => d.id), ids);
  const impressions = await impressionsOf('CAMPAIGN', ids, WEEK);
  for (const d of res.body.data) {
    const n = impressions.get(d.id)!;
    if (n === 0) assert.deepEqual([d.total_audience_reach, d.average_frequency], [0, 0]);
    else {
      assert.ok(d.total_audience_reach > 0 && d.total_audience_reach <= n);
      assert.ok(Math.abs(d.total_audience_reach * d.average_frequency - n) <= d.total_audience_reach * 0.005 + 1);
    }
  }
  const tooMany = await call(emu, `/12/stats/accounts/${la}/reach/campaigns` + qs({ campaign_ids: campaigns.slice(0, 21).map((c) => c.id).join(','), ...WEEK }));
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.body.errors[0].parameter, 'campaign_ids');
  const fis = (await fetchAll(emu, `/12/accounts/${la}/funding_instruments`, {})).rows.map((f) => f.id);
  const fiReach = await call(emu, `/12/stats/accounts/${la}/reach/funding_instruments` + qs({ funding_instrument_ids: fis.join(','), ...WEEK }));
  assert.equal(fiReach.status, 200);
  assert.equal(fiReach.body.data.length, fis.length);
  const missing = await call(emu, `/12/stats/accounts/${la}/reach/funding_instruments` + qs(WEEK));
  assert.equal(missing.body.errors[0].code, 'MISSING_PARAMETER');
});

test('active_entities follows writes: a moved start_time drops a campaign, a moved end_time narrows its activity', async () => {
  // The emulator keeps each type's entities precomputed between requests; every write must make that stale.
  const before = await active({ entity: 'CAMPAIGN', ...WEEK });
  const listed: any[] = before.body.data;
  const [moved, narrowed] = listed.filter((d) => d.activity_start_time === WEEK.start_time && d.activity_end_time === WEEK.end_time);
  assert.ok(moved && narrowed, 'two campaigns active across the whole week');
  const path = `/12/accounts/${la}/campaigns`;
  assert.equal((await call(emu, `${path}/${moved.entity_id}` + qs({ start_time: WEEK.end_time }), { method: 'PUT' })).status, 200);
  assert.equal((await call(emu, `${path}/${narrowed.entity_id}` + qs({ end_time: '2025-05-22T12:00:00Z' }), { method: 'PUT' })).status, 200);
  const after = await active({ entity: 'CAMPAIGN', ...WEEK });
  const byId = new Map(after.body.data.map((d: any) => [d.entity_id, d]));
  assert.equal(byId.has(moved.entity_id), false, 'a campaign starting after the range is not active in it');
  const cut: any = byId.get(narrowed.entity_id);
  assert.equal(cut.activity_start_time, WEEK.start_time);
  assert.ok(cut.activity_end_time <= '2025-05-23T00:00:00Z' && cut.activity_end_time > WEEK.start_time, cut.activity_end_time);
  assert.equal(after.body.data.length, listed.length - 1);
});
