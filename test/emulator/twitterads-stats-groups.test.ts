// Synchronous stats for every metric group, entity type and placement.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { call, fetchAll, qs } from './twitterads-client.js';

let emu: RunningEmulator;
let la: string;
const ids: Record<string, string[]> = {};
// Seven local days in Los Angeles (PDT), before the wall clock, so every hour is reportable.
const WEEK = { start_time: '2025-05-20T07:00:00Z', end_time: '2025-05-27T07:00:00Z', granularity: 'TOTAL' };

before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 12 });
  la = emu.credentials.accountIds[0]!;
  const list = async (segment: string, params: Record<string, string | boolean | number> = {}) =>
    (await fetchAll(emu, `/12/accounts/${la}/${segment}`, { count: 1000, ...params })).rows;
  ids.ACCOUNT = [la];
  ids.FUNDING_INSTRUMENT = (await list('funding_instruments')).map((r) => r.id).slice(0, 2);
  ids.CAMPAIGN = (await list('campaigns')).map((r) => r.id).slice(0, 5);
  ids.LINE_ITEM = (await list('line_items')).map((r) => r.id).slice(0, 5);
  ids.PROMOTED_TWEET = (await list('promoted_tweets')).map((r) => r.id).slice(0, 5);
  ids.PROMOTED_ACCOUNT = (await list('promoted_accounts')).map((r) => r.id).slice(0, 5);
  ids.MEDIA_CREATIVE = (await list('media_creatives')).map((r) => r.id).slice(0, 5);
  ids.ORGANIC_TWEET = (await list('tweets', { tweet_type: 'PUBLISHED', timeline_type: 'ORGANIC' })).map((r) => r.id_str).slice(0, 5);
});
after(() => emu.close());

function stats(params: Record<string, string>) {
  return call(emu, `/12/stats/accounts/${la}` + qs({ placement: 'ALL_ON_TWITTER', ...WEEK, ...params }));
}

const GROUP_METRICS: Record<string, string[]> = {
  ENGAGEMENT: ['impressions', 'engagements', 'clicks', 'url_clicks', 'likes', 'retweets', 'replies', 'follows'],
  BILLING: ['billed_engagements', 'billed_charge_local_micro'],
  VIDEO: ['video_total_views', 'video_views_25', 'video_views_100', 'video_mrc_views', 'video_6s_views'],
  MEDIA: ['media_views', 'media_engagements'],
  WEB_CONVERSION: ['conversion_purchases', 'conversion_sign_ups', 'conversion_site_visits', 'conversion_downloads', 'conversion_custom'],
  MOBILE_CONVERSION: ['mobile_conversion_installs', 'mobile_conversion_purchases', 'mobile_conversion_sign_ups'],
  LIFE_TIME_VALUE_MOBILE_CONVERSION: ['mobile_conversion_lifetime_value_purchases', 'mobile_conversion_lifetime_value_sign_ups'],
};

test('every metric group returns its metrics for a campaign', async () => {
  for (const [group, names] of Object.entries(GROUP_METRICS)) {
    const res = await stats({ entity: 'CAMPAIGN', entity_ids: ids.CAMPAIGN!.join(','), metric_groups: group });
    assert.equal(res.status, 200, `${group}: ${JSON.stringify(res.body)}`);
    assert.deepEqual(res.body.request.params.metric_groups, [group]);
    const metrics = res.body.data[0].id_data[0].metrics;
    for (const name of names) assert.ok(name in metrics, `${group} has ${name}`);
    const any = res.body.data.some((d: any) => Object.values(d.id_data[0].metrics).some((v) => Array.isArray(v) && (v as number[])[0]! > 0));
    assert.ok(any, `${group} has some non-zero data`);
  }
});

test('MOBILE_CONVERSION must be requested on its own', async () => {
  const res = await stats({ entity: 'CAMPAIGN', entity_ids: ids.CAMPAIGN![0]!, metric_groups: 'MOBILE_CONVERSION,ENGAGEMENT' });
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].code, 'INVALID_PARAMETER');
  assert.equal(res.body.errors[0].parameter, 'metric_groups');
  const all = await stats({ entity: 'CAMPAIGN', entity_ids: ids.CAMPAIGN![0]!, metric_groups: 'ENGAGEMENT,BILLING,VIDEO,MEDIA,WEB_CONVERSION,LIFE_TIME_VALUE_MOBILE_CONVERSION' });
  assert.equal(all.status, 200);
});

test('every entity type is served synchronously, with only the groups valid for it', async () => {
  for (const [entity, entityIds] of Object.entries(ids)) {
    assert.ok(entityIds.length > 0, `${entity} has ids`);
    const res = await stats({ entity, entity_ids: entityIds.join(','), metric_groups: 'ENGAGEMENT,BILLING,VIDEO' });
    assert.equal(res.status, 200, `${entity}: ${JSON.stringify(res.body)}`);
    assert.deepEqual(res.body.data.map((d: any) => d.id), entityIds);
    const metrics = res.body.data[0].id_data[0].metrics;
    assert.ok('impressions' in metrics, entity);
    const billing = 'billed_charge_local_micro' in metrics;
    const video = 'video_total_views' in metrics;
    assert.equal(billing, entity !== 'ACCOUNT' && entity !== 'ORGANIC_TWEET', `${entity} BILLING`);
    assert.equal(video, !['ACCOUNT', 'FUNDING_INSTRUMENT'].includes(entity), `${entity} VIDEO`);
  }
  const notOrganic = await stats({ entity: 'ORGANIC_TWEET', entity_ids: ids.CAMPAIGN![0]!, metric_groups: 'ENGAGEMENT' });
  assert.equal(notOrganic.status, 400);
  assert.equal(notOrganic.body.errors[0].parameter, 'entity_ids');
  const badEntity = await stats({ entity: 'AD_GROUP', entity_ids: ids.CAMPAIGN![0]!, metric_groups: 'ENGAGEMENT' });
  assert.equal(badEntity.status, 400);
  assert.equal(badEntity.body.errors[0].parameter, 'entity');
});

test('all four placements are accepted and differ; others are rejected', async () => {
  const impressions: Record<string, number> = {};
  for (const placement of ['ALL_ON_TWITTER', 'PUBLISHER_NETWORK', 'SPOTLIGHT', 'TREND']) {
    const res = await stats({ placement, entity: 'LINE_ITEM', entity_ids: ids.LINE_ITEM!.join(','), metric_groups: 'ENGAGEMENT' });
    assert.equal(res.status, 200, placement);
    assert.equal(res.body.request.params.placement, placement);
    impressions[placement] = res.body.data.reduce((n: number, d: any) => n + (d.id_data[0].metrics.impressions?.[0] ?? 0), 0);
  }
  assert.ok(impressions.ALL_ON_TWITTER! > impressions.PUBLISHER_NETWORK!);
  assert.ok(impressions.PUBLISHER_NETWORK! > 0 && impressions.SPOTLIGHT! > 0 && impressions.TREND! > 0);
  assert.equal(new Set(Object.values(impressions)).size, 4);
  const bad = await stats({ placement: 'TWITTER_TIMELINE', entity: 'LINE_ITEM', entity_ids: ids.LINE_ITEM![0]!, metric_groups: 'ENGAGEMENT' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].parameter, 'placement');
});
