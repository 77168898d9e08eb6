/** Graph versions: v24.0 by default, Version selectable, and the metrics asked follow the version's table. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEFAULT_GRAPH_VERSION, MEDIA_METRIC_RULES, mediaKind, servedMediaMetricList, servedMediaMetrics, stillServed } from '../../schemas/instagram/media-metrics.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness({ scale: 1 });
});
after(() => h.close());

const cutoff = Date.parse('2024-07-01T23:59:59.999Z');

test('the default Version is v24.0: every call goes to /v24.0, and removed metrics are never asked', async () => {
  assert.equal(DEFAULT_GRAPH_VERSION, 'v24.0');
  await h.reset();
  const { rows } = await h.conn.query('SELECT MediaId, Impressions, Views, MetricErrors FROM MediaInsights');
  const calls = await h.calls();
  assert.ok(rows.length >= 100);
  assert.ok(Object.keys(calls.byRoute).every((route) => route.includes('/v24.0/') || route === 'POST /'), JSON.stringify(calls.byRoute));
  assert.ok(rows.every((r) => r.Impressions === null));
  assert.ok(rows.every((r) => r.MetricErrors === null || !String(r.MetricErrors).includes('impressions')), 'impressions is not asked on v24.0');
  assert.ok(rows.filter((r) => typeof r.Views === 'number').length > rows.length / 2);
});

test('Version=v21.0 still asks impressions, for media posted up to 2024-07-01 only, and the emulator serves them', async () => {
  const v21 = await h.connectWith('Version=v21.0');
  const media = (await v21.query('SELECT Id, Timestamp, MediaProductType FROM Media')).rows;
  const old = media.filter((m) => (m.Timestamp as Date).getTime() <= cutoff && m.MediaProductType === 'FEED');
  const recent = media.filter((m) => (m.Timestamp as Date).getTime() > cutoff && m.MediaProductType === 'FEED');
  assert.ok(old.length > 5 && recent.length > 0);
  await h.reset();
  const { rows } = await v21.query('SELECT MediaId, Impressions, MetricErrors FROM MediaInsights');
  const calls = await h.calls();
  assert.ok(Object.keys(calls.byRoute).some((route) => route.includes('/v21.0/')));
  const byId = new Map(rows.map((r) => [r.MediaId, r]));
  const oldWithValues = old.filter((m) => typeof byId.get(m.Id)!.Impressions === 'number');
  // The very oldest predate the business conversion (2108006); the rest of the old ones answer impressions.
  assert.ok(oldWithValues.length >= old.length - 6, `${oldWithValues.length} of ${old.length}`);
  assert.ok(recent.every((m) => byId.get(m.Id)!.Impressions === null && !String(byId.get(m.Id)!.MetricErrors ?? '').includes('impressions')));
});

test('servedMediaMetrics: the per-version table', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  const reel = { mediaType: 'VIDEO', productType: 'REELS' };
  assert.deepEqual(servedMediaMetrics(reel, 'v24.0', now).sort(), ['comments', 'ig_reels_avg_watch_time', 'ig_reels_video_view_total_time', 'likes', 'reach', 'saved', 'shares', 'total_interactions', 'views']);
  // Before 2025-04-21, v21 still served plays; v22 never did.
  assert.ok(servedMediaMetrics(reel, 'v21.0', Date.parse('2025-03-01T00:00:00Z')).includes('plays'));
  assert.ok(!servedMediaMetrics(reel, 'v22.0', Date.parse('2025-03-01T00:00:00Z')).includes('plays'));
  assert.ok(!servedMediaMetrics(reel, 'v21.0', now).includes('plays'));
  const story = { mediaType: 'IMAGE', productType: 'STORY' };
  assert.deepEqual(servedMediaMetrics(story, 'v24.0', now).sort(), ['follows', 'navigation', 'profile_visits', 'reach', 'replies', 'shares', 'total_interactions', 'views']);
  const oldImage = { mediaType: 'IMAGE', productType: 'FEED', createdMs: Date.parse('2024-05-01T00:00:00Z') };
  assert.ok(servedMediaMetrics(oldImage, 'v21.0', now).includes('impressions'));
  assert.ok(!servedMediaMetrics(oldImage, 'v22.0', now).includes('impressions'));
  assert.ok(!servedMediaMetrics({ ...oldImage, createdMs: Date.parse('2024-08-01T00:00:00Z') }, 'v21.0', now).includes('impressions'));
  assert.ok(!servedMediaMetrics({ mediaType: 'CAROUSEL_ALBUM', productType: 'FEED' }, 'v24.0', now).includes('ig_reels_avg_watch_time'));
});

test('servedMediaMetricList: the shared lists answer as the rules do, at the day and creation boundaries', () => {
  const removal = Date.parse('2025-04-21T00:00:00Z');
  const nows = [removal - 86_400_000, removal - 1, removal, removal + 1, Date.parse('2026-12-01T12:00:00Z')];
  const created = [undefined, cutoff - 86_400_000, cutoff, cutoff + 1, Date.parse('2026-01-01T00:00:00Z')];
  const types = [
    ['IMAGE', 'FEED'],
    ['VIDEO', 'FEED'],
    ['CAROUSEL_ALBUM', 'FEED'],
    ['VIDEO', 'REELS'],
    ['IMAGE', 'STORY'],
    [undefined, undefined],
  ] as const;
  for (const version of ['v20.0', 'v21.0', 'v22.0', 'v24.0'])
    for (const now of nows)
      for (const createdMs of created)
        for (const [mediaType, productType] of types) {
          const media = { mediaType, productType, ...(createdMs === undefined ? {} : { createdMs }) };
          const kind = mediaKind(mediaType, productType);
          const expected = Object.entries(MEDIA_METRIC_RULES)
            .filter(([name, rule]) => rule.kinds.includes(kind) && stillServed(name, version, now, createdMs))
            .map(([name]) => name);
          assert.deepEqual(servedMediaMetricList(media, version, now), expected, JSON.stringify({ media, version, now }));
        }
  // The shared list cannot be changed, and servedMediaMetrics hands out a copy callers may sort.
  const reel = { mediaType: 'VIDEO', productType: 'REELS' };
  assert.ok(Object.isFrozen(servedMediaMetricList(reel, 'v24.0', removal)));
  servedMediaMetrics(reel, 'v24.0', removal).reverse();
  assert.equal(servedMediaMetricList(reel, 'v24.0', removal)[0], 'reach');
});
