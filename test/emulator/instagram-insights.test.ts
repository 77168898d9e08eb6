import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningInstagramEmulator, startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { graph } from './instagram-client.js';

let emu: RunningInstagramEmulator;
let ig: string;
let media: any[];
before(async () => {
  emu = await startInstagramEmulator({ seed: 5 });
  ig = emu.credentials.businessAccountId;
  const res = await graph(emu, `/v21.0/${ig}/media`, { query: { fields: 'id,media_type,media_product_type,like_count,children', limit: 100 } });
  const more = await graph(emu, res.body.paging.next);
  media = [...res.body.data, ...more.body.data];
});
after(() => emu.close());

const insights = (id: string, query: Record<string, string | number>) => graph(emu, `/v21.0/${id}/insights`, { query });
const DAY = 86_400;

test('account insights: since/until more than 30 days apart is rejected', async () => {
  const until = Math.floor(Date.now() / 1000);
  const tooWide = await insights(ig, { metric: 'reach', period: 'day', since: until - 31 * DAY, until });
  assert.equal(tooWide.status, 400);
  assert.equal(tooWide.body.error.message, '(#100) There cannot be more than 30 days (2592000 s) between since and until');
  assert.equal(tooWide.body.error.code, 100);
  const ok = await insights(ig, { metric: 'reach', period: 'day', since: until - 30 * DAY, until });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.data[0].values.length, 30);
  assert.ok(ok.body.paging.next && ok.body.paging.previous, 'time series link to the adjacent ranges');
});

test('account insights: time series, total_value with breakdown, demographics', async () => {
  const until = Math.floor(Date.now() / 1000);
  const since = until - 7 * DAY;
  const series = await insights(ig, { metric: 'reach', period: 'day', since, until, metric_type: 'time_series' });
  assert.equal(series.body.data[0].values.length, 7);
  const daily = series.body.data[0].values.map((v: any) => v.value);
  const total = await insights(ig, { metric: 'reach', period: 'day', since, until, metric_type: 'total_value', breakdown: 'media_product_type' });
  assert.equal(total.status, 200, JSON.stringify(total.body));
  const item = total.body.data[0];
  assert.deepEqual(Object.keys(item), ['name', 'period', 'title', 'description', 'total_value', 'id']);
  assert.equal(item.total_value.value, daily.reduce((a: number, b: number) => a + b, 0), 'the total is the sum of the days');
  const parts = item.total_value.breakdowns[0].results.reduce((a: number, r: any) => a + r.value, 0);
  assert.equal(parts, item.total_value.value);
  assert.deepEqual(item.total_value.breakdowns[0].dimension_keys, ['media_product_type']);

  const views = await insights(ig, { metric: 'views,accounts_engaged,total_interactions,likes,comments,shares,saves,replies,profile_links_taps', period: 'day', metric_type: 'total_value' });
  assert.equal(views.status, 200);
  assert.equal(views.body.data.length, 9);

  for (const breakdown of ['age', 'gender', 'city', 'country', 'age,gender']) {
    const demo = await insights(ig, { metric: 'follower_demographics', period: 'lifetime', metric_type: 'total_value', breakdown, timeframe: 'this_month' });
    assert.equal(demo.status, 200, breakdown);
    const b = demo.body.data[0].total_value.breakdowns[0];
    assert.deepEqual(b.dimension_keys, breakdown.split(','));
    assert.ok(b.results.length > 0 && b.results.length <= 45);
    assert.equal(b.results[0].dimension_values.length, breakdown.split(',').length);
  }
  const engaged = await insights(ig, { metric: 'engaged_audience_demographics,reached_audience_demographics', period: 'lifetime', metric_type: 'total_value', breakdown: 'country', timeframe: 'this_week' });
  assert.equal(engaged.status, 200);
  const online = await insights(ig, { metric: 'online_followers', period: 'lifetime' });
  assert.equal(Object.keys(online.body.data[0].values[0].value).length, 24);
});

test('account insights: invalid metric, period and metric_type combinations', async () => {
  const unknown = await insights(ig, { metric: 'reach,bogus', period: 'day' });
  assert.match(unknown.body.error.message, /^\(#100\) metric\[1\] must be one of the following values: /);
  const needsTotal = await insights(ig, { metric: 'views', period: 'day' });
  assert.equal(needsTotal.body.error.message, '(#100) The following metrics (views) should be specified with parameter metric_type=total_value');
  const badPeriod = await insights(ig, { metric: 'follower_count', period: 'week' });
  assert.equal(badPeriod.status, 400);
  assert.equal(badPeriod.body.error.code, 100);
  const noPeriod = await insights(ig, { metric: 'reach' });
  assert.equal(noPeriod.status, 400);
  const badType = await insights(ig, { metric: 'reach', period: 'day', metric_type: 'sum' });
  assert.equal(badType.status, 400);
  const badBreakdown = await insights(ig, { metric: 'follower_demographics', period: 'lifetime', metric_type: 'total_value', breakdown: 'shoe_size' });
  assert.match(badBreakdown.body.error.message, /breakdown\[0\] must be one of/);
});

test('media insights: valid metric sets per product type, the real error otherwise', async () => {
  const reel = media.find((m) => m.media_product_type === 'REELS');
  const image = media.find((m) => m.media_type === 'IMAGE');
  const carousel = media.find((m) => m.media_type === 'CAROUSEL_ALBUM');
  const ok = await insights(reel.id, { metric: 'comments,ig_reels_avg_watch_time,ig_reels_video_view_total_time,likes,reach,saved,shares,views,total_interactions' });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.data.find((d: any) => d.name === 'likes').values[0].value, reel.like_count);
  assert.equal((await insights(image.id, { metric: 'reach,saved,likes,comments,shares,follows,profile_visits,views,total_interactions' })).status, 200);
  assert.equal((await insights(carousel.id, { metric: 'reach,saved,shares,likes,comments,views,total_interactions', period: 'lifetime' })).status, 200);
  const wrong = await insights(image.id, { metric: 'reach,ig_reels_avg_watch_time' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(
    { message: wrong.body.error.message, type: wrong.body.error.type, code: wrong.body.error.code },
    { message: '(#100) The Media Insights API does not support the ig_reels_avg_watch_time metric for this media product type.', type: 'OAuthException', code: 100 },
  );
  // Meta's table lists follows for FEED (carousels included) and STORY, not REELS.
  assert.equal((await insights(carousel.id, { metric: 'follows,profile_visits' })).status, 200);
  const reelFollows = await insights(reel.id, { metric: 'follows,reach,profile_visits' });
  assert.match(reelFollows.body.error.message, /does not support the follows, profile_visits metric for this media product type\.$/);
  const story = (await graph(emu, `/v21.0/${ig}/stories`)).body.data[0];
  assert.equal((await insights(story.id, { metric: 'reach,replies,navigation,views' })).status, 200);
  assert.match((await insights(story.id, { metric: 'saved' })).body.error.message, /does not support the saved metric/);
  const child = carousel.children.data[0].id;
  const childInsights = await insights(child, { metric: 'reach' });
  assert.equal(childInsights.status, 400, 'album children have no insights');
  const oldest = media[media.length - 1];
  const before = await insights(oldest.id, { metric: 'reach' });
  assert.equal(before.body.error.error_subcode, 2108006);
  const noMetric = await insights(image.id, {});
  assert.equal(noMetric.status, 400);
});
