/** Insights degrade per media, never per query: refused metrics are NULL with their reason, the rest succeeds. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Row } from '../../src/catalog/types.js';
import { describeRefusals, mediaRefusal } from '../../src/providers/instagram/media-refusals.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let media: Row[];
before(async () => {
  h = await startHarness({ scale: 1 }, 'Version=v24.0');
  media = (await h.conn.query('SELECT Id, MediaType, MediaProductType, Timestamp FROM Media')).rows;
});
after(() => h.close());

const VIEWS_REFUSED = '(#100) The Media Insights API does not support the views metric for this media product type.';
const legacyCutoff = Date.parse('2024-07-01T23:59:59.999Z');

test('MediaInsights over a mix where one media refuses views: the query succeeds, its Views is NULL with the reason, others have values', async () => {
  // Newest first: the oldest feed videos of the account predate views (the emulator's model of Airbyte's errors);
  // the very oldest media predate the business conversion, so take the newest legacy video.
  const legacyVideo = media.find((m) => m.MediaType === 'VIDEO' && m.MediaProductType === 'FEED' && (m.Timestamp as Date).getTime() <= legacyCutoff);
  assert.ok(legacyVideo, 'the seeded data has a feed video from before 2024-07-01');
  const others = [
    media.find((m) => m.MediaType === 'IMAGE')!,
    media.find((m) => m.MediaProductType === 'REELS')!,
    media.find((m) => m.MediaType === 'CAROUSEL_ALBUM')!,
    media.find((m) => m.MediaType === 'VIDEO' && m.MediaProductType === 'FEED' && (m.Timestamp as Date).getTime() > legacyCutoff)!,
  ];
  const ids = [legacyVideo.Id as string, ...others.map((m) => m.Id as string)];
  await h.reset();
  const { rows } = await h.conn.query(`SELECT MediaId, Views, Reach, Likes, MetricErrors FROM MediaInsights WHERE MediaId IN (?, ?, ?, ?, ?)`, ids);
  const calls = await h.calls();
  assert.deepEqual(rows.map((r) => r.MediaId).sort(), [...ids].sort());
  const refused = rows.find((r) => r.MediaId === legacyVideo.Id)!;
  assert.equal(refused.Views, null);
  assert.equal(refused.MetricErrors, `views: ${VIEWS_REFUSED} (code 100)`);
  assert.equal(typeof refused.Reach, 'number', 'the other metrics of that media were asked again and answered');
  assert.equal(typeof refused.Likes, 'number');
  for (const row of rows.filter((r) => r.MediaId !== legacyVideo.Id)) {
    assert.equal(typeof row.Views, 'number', `${row.MediaId} has Views`);
    assert.equal(row.MetricErrors, null);
  }
  // One ?ids= read for the types, one batch of 5 insights calls, one batch-less retry of the refused media.
  assert.equal(calls.requests, 3, JSON.stringify(calls.byRoute));
  assert.equal(calls.batchedRequests, 5);
});

test('media before the business conversion and a story below the privacy threshold give NULL metrics with their reason', async () => {
  const oldest = media.at(-1)!;
  const stories = (await h.conn.query('SELECT Id, Timestamp FROM Stories')).rows;
  assert.ok(stories.length >= 2);
  const fewViewers = [...stories].sort((a, b) => (a.Timestamp as Date).getTime() - (b.Timestamp as Date).getTime())[0]!;
  const { rows } = await h.conn.query('SELECT MediaId, Reach, Views, Replies, MetricErrors FROM MediaInsights WHERE MediaId IN (?, ?, ?)', [
    oldest.Id as string,
    fewViewers.Id as string,
    media[0]!.Id as string,
  ]);
  const byId = new Map(rows.map((r) => [r.MediaId, r]));
  const pre = byId.get(oldest.Id)!;
  assert.equal(pre.Reach, null);
  assert.match(pre.MetricErrors as string, /^reach, .*: Invalid parameter \(code 100\/2108006\)$/);
  const story = byId.get(fewViewers.Id)!;
  assert.equal(story.Replies, null);
  assert.match(story.MetricErrors as string, /\(#10\) Not enough viewers for the media to show insights \(code 10\)$/);
  assert.equal(typeof byId.get(media[0]!.Id)!.Reach, 'number');
  assert.equal(byId.get(media[0]!.Id)!.MetricErrors, null);
});

test('the long Insights table keeps going too: refused metrics are NULL values, the rest are numbers', async () => {
  const legacyVideo = media.find((m) => m.MediaType === 'VIDEO' && m.MediaProductType === 'FEED' && (m.Timestamp as Date).getTime() <= legacyCutoff)!;
  const { rows } = await h.conn.query("SELECT Metric, Value FROM Insights WHERE ObjectType = 'MEDIA' AND ObjectId = ?", [legacyVideo.Id as string]);
  const byMetric = new Map(rows.map((r) => [r.Metric, r.Value]));
  assert.equal(byMetric.get('views'), null);
  assert.equal(typeof byMetric.get('reach'), 'number');
});

test('mediaRefusal: which Graph answers concern one media, and which stay the query error', () => {
  const asked = ['reach', 'views', 'impressions'];
  assert.deepEqual(mediaRefusal({ status: 400, code: 100, message: '(#100) The Media Insights API does not support the views, reach metric for this media product type.' }, asked), {
    kind: 'metrics',
    metrics: ['views', 'reach'],
    reason: '(#100) The Media Insights API does not support the views, reach metric for this media product type. (code 100)',
  });
  const removed = mediaRefusal(
    { status: 400, code: 100, message: '(#100) Starting from version 22+, the following metric is no longer supported: impressions. Instead, please refer to the documentation' },
    asked,
  );
  assert.deepEqual(removed && removed.kind === 'metrics' ? removed.metrics : null, ['impressions']);
  assert.equal(mediaRefusal({ status: 400, code: 100, subcode: 33, message: 'Unsupported get request.' }, asked)?.kind, 'media');
  assert.equal(mediaRefusal({ status: 400, code: 100, subcode: 2108006, message: 'Invalid parameter' }, asked)?.kind, 'media');
  assert.equal(mediaRefusal({ status: 400, code: 10, message: '(#10) Not enough viewers for the media to show insights' }, asked)?.kind, 'media');
  // Not about this media: an unknown metric name, a bad token, a refusal naming nothing we asked.
  assert.equal(mediaRefusal({ status: 400, code: 100, message: '(#100) metric[0] must be one of the following values: reach' }, asked), undefined);
  assert.equal(mediaRefusal({ status: 400, code: 190, message: 'Invalid OAuth access token' }, asked), undefined);
  assert.equal(mediaRefusal({ status: 400, code: 100, message: '(#100) The Media Insights API does not support the plays metric for this media product type.' }, asked), undefined);
  assert.equal(describeRefusals(new Map([['views', 'A'], ['reach', 'B'], ['likes', 'A']])), 'views, likes: A; reach: B');
  assert.equal(describeRefusals(new Map()), null);
});
