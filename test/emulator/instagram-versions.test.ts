// Graph versions and the per-version media metric table (src/emulator/instagram/media-metrics.ts):
// v24.0 served, removed metrics refused as Meta does, `views` refused for legacy feed videos.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningInstagramEmulator, startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { servedMetrics } from '../../src/emulator/instagram/media-metrics.js';
import { admin, graph } from './instagram-client.js';

interface Media {
  id: string;
  media_type: string;
  media_product_type: string;
  timestamp: string;
}

let emu: RunningInstagramEmulator;
let ig: string;
let media: Media[];
// The data is anchored at 2025-03-01, before impressions went away for every version (2025-04-21).
before(async () => {
  emu = await startInstagramEmulator({ seed: 8, dataNow: '2025-03-01T00:00:00Z' });
  ig = emu.credentials.businessAccountId;
  const first = await graph(emu, `/v24.0/${ig}/media`, { query: { fields: 'id,media_type,media_product_type,timestamp', limit: 100 } });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const second = await graph(emu, first.body.paging.next);
  media = [...first.body.data, ...second.body.data];
});
after(() => emu.close());

const at = (iso: string | null) => admin(emu, 'POST', '/__emulator/clock', { now: iso });
const insights = (version: string, id: string, metric: string) => graph(emu, `/${version}/${id}/insights`, { query: { metric } });
const CUTOFF = Date.parse('2024-07-01T23:59:59Z');
const posted = (m: Media) => Date.parse(m.timestamp.replace('+0000', 'Z'));
// The oldest posts predate the business conversion (2108006); stay clear of them.
const usable = () => media.slice(0, media.length - 10);
const find = (pred: (m: Media) => boolean) => {
  const found = usable().find(pred);
  assert.ok(found, 'the data has such a media');
  return found!;
};

test('v24.0 is served; versions older than v19.0 get 2635, unknown ones an unknown path', async () => {
  assert.equal((await graph(emu, `/v24.0/${ig}`, { query: { fields: 'id,username' } })).status, 200);
  const old = await graph(emu, `/v17.0/${ig}`);
  assert.equal(old.status, 400);
  assert.equal(old.body.error.code, 2635);
  assert.match(old.body.error.message, /^\(#2635\) You are calling a deprecated version of the Graph API\. Please update to the latest version: v24\.0\.$/);
  assert.equal((await graph(emu, `/v99.0/${ig}`)).body.error.code, 2500);
});

test('impressions: refused from v22 always; on v21 until 2025-04-21, then only for media up to 2024-07-01', async () => {
  const recentImage = find((m) => m.media_type === 'IMAGE' && posted(m) > CUTOFF);
  const oldImage = find((m) => m.media_type === 'IMAGE' && posted(m) <= CUTOFF);
  await at('2025-03-01T00:00:00Z');
  const v22 = await insights('v22.0', recentImage.id, 'reach,impressions');
  assert.equal(v22.status, 400);
  assert.equal(
    v22.body.error.message,
    '(#100) Starting from version 22+, the following metric is no longer supported: impressions. Instead, please refer to the documentation at https://developers.facebook.com/docs/instagram-api/reference/ig-media/insights for a list of supported metrics.',
  );
  assert.equal((await insights('v21.0', recentImage.id, 'reach,impressions')).status, 200, 'v21 before the cut-off date');
  await at('2025-05-01T00:00:00Z');
  assert.equal((await insights('v21.0', recentImage.id, 'impressions')).status, 400, 'v21, media after 2024-07-01');
  const kept = await insights('v21.0', oldImage.id, 'impressions');
  assert.equal(kept.status, 200, JSON.stringify(kept.body));
  assert.ok(kept.body.data[0].values[0].value > 0);
  assert.equal((await insights('v24.0', oldImage.id, 'impressions')).status, 400);
  await at(null);
});

test('plays, clips_replays_count, ig_reels_aggregated_all_plays_count and video_views are gone on v24.0', async () => {
  await at('2025-05-01T00:00:00Z');
  const reel = find((m) => m.media_product_type === 'REELS');
  for (const metric of ['plays', 'clips_replays_count', 'ig_reels_aggregated_all_plays_count', 'video_views']) {
    const res = await insights('v24.0', reel.id, metric);
    assert.equal(res.status, 400, metric);
    assert.match(res.body.error.message, new RegExp(`the following metric is no longer supported: ${metric}\\.`));
  }
  // plays still answered on v21 before 2025-04-21.
  await at('2025-04-01T00:00:00Z');
  assert.equal((await insights('v21.0', reel.id, 'plays')).status, 200);
  assert.equal((await insights('v21.0', reel.id, 'video_views')).status, 400, 'video_views gone for all versions since 2025-01-08');
  await at(null);
});

test('views: answered for reels, images, albums and newer feed videos; legacy feed videos refuse it as Meta does', async () => {
  const legacyVideo = find((m) => m.media_type === 'VIDEO' && m.media_product_type === 'FEED' && posted(m) <= CUTOFF);
  const newerVideo = find((m) => m.media_type === 'VIDEO' && m.media_product_type === 'FEED' && posted(m) > CUTOFF);
  for (const m of [find((x) => x.media_product_type === 'REELS'), find((x) => x.media_type === 'IMAGE'), find((x) => x.media_type === 'CAROUSEL_ALBUM'), newerVideo]) {
    const res = await insights('v24.0', m.id, 'reach,views');
    assert.equal(res.status, 200, `${m.media_type}/${m.media_product_type}: ${JSON.stringify(res.body)}`);
  }
  const refused = await insights('v24.0', legacyVideo.id, 'reach,saved,views');
  assert.equal(refused.status, 400);
  assert.deepEqual(
    { message: refused.body.error.message, type: refused.body.error.type, code: refused.body.error.code },
    { message: '(#100) The Media Insights API does not support the views metric for this media product type.', type: 'OAuthException', code: 100 },
  );
  assert.equal((await insights('v21.0', legacyVideo.id, 'reach,saved')).status, 200, 'the rest of its metrics answer');
});

test('the table: what each kind of media is served on v24.0 today', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  const recent = Date.parse('2025-06-01T00:00:00Z');
  assert.deepEqual(servedMetrics({ productType: 'REELS', mediaType: 'VIDEO', timestampMs: recent }, 'v24.0', now), [
    'comments', 'ig_reels_avg_watch_time', 'ig_reels_video_view_total_time', 'likes', 'reach', 'saved', 'shares', 'total_interactions', 'views',
  ]);
  assert.deepEqual(servedMetrics({ productType: 'STORY', mediaType: 'IMAGE', timestampMs: recent }, 'v24.0', now), [
    'follows', 'navigation', 'profile_activity', 'profile_visits', 'reach', 'replies', 'shares', 'total_interactions', 'views',
  ]);
  const feedVideo = servedMetrics({ productType: 'FEED', mediaType: 'VIDEO', timestampMs: Date.parse('2024-01-01T00:00:00Z') }, 'v21.0', now);
  // A legacy feed video on v21: no views, but impressions still (created before 2024-07-02).
  assert.ok(!feedVideo.includes('views') && feedVideo.includes('impressions') && feedVideo.includes('reach'));
  assert.ok(servedMetrics({ productType: 'FEED', mediaType: 'IMAGE', timestampMs: Date.parse('2024-01-01T00:00:00Z') }, 'v21.0', now).includes('impressions'));
});

test('account insights: impressions gone from v22 and everywhere after 2025-04-21; engaged/reached demographics take this_week or this_month only', async () => {
  await at('2025-03-01T00:00:00Z');
  const gone = await graph(emu, `/v22.0/${ig}/insights`, { query: { metric: 'impressions', period: 'day' } });
  assert.equal(gone.status, 400);
  assert.match(gone.body.error.message, /^\(#100\) Starting from version 22\+, the following metric is no longer supported: impressions\./);
  await at(null);
  assert.equal((await graph(emu, `/v21.0/${ig}/insights`, { query: { metric: 'impressions', period: 'day' } })).status, 400, 'after 2025-04-21 on v21 too');
  const demographics = (metric: string, timeframe: string) =>
    graph(emu, `/v24.0/${ig}/insights`, { query: { metric, period: 'lifetime', metric_type: 'total_value', timeframe, breakdown: 'country' } });
  for (const metric of ['engaged_audience_demographics', 'reached_audience_demographics']) {
    const refused = await demographics(metric, 'last_30_days');
    assert.equal(refused.status, 400, metric);
    assert.equal(refused.body.error.code, 100);
    assert.equal((await demographics(metric, 'this_month')).status, 200, metric);
  }
  assert.equal((await demographics('follower_demographics', 'last_30_days')).status, 200);
});

test('story insights: (#10) below the privacy threshold, gone 24 hours after posting', async () => {
  await at('2025-03-01T00:00:00Z');
  const stories = (await graph(emu, `/v24.0/${ig}/stories`, { query: { fields: 'id,timestamp' } })).body.data as Media[];
  assert.equal(stories.length, 2);
  const [newest, oldest] = stories;
  assert.equal((await insights('v24.0', newest!.id, 'reach,views,navigation')).status, 200);
  const few = await insights('v24.0', oldest!.id, 'reach');
  assert.equal(few.status, 400);
  assert.deepEqual({ message: few.body.error.message, code: few.body.error.code }, { message: '(#10) Not enough viewers for the media to show insights', code: 10 });
  await at('2025-03-02T12:00:00Z');
  const expired = await insights('v24.0', newest!.id, 'reach');
  assert.equal(expired.status, 400);
  assert.equal(expired.body.error.error_subcode, 33);
  await at(null);
});
