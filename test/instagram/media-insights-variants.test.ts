/** MediaInsightsPost, MediaInsightsPostAlbum, MediaInsightsReels (MediaInsightReels) and MediaInsightsStory. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Row } from '../../src/catalog/types.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let media: Row[];
before(async () => {
  h = await startHarness({ scale: 1 });
  media = (await h.conn.query('SELECT Id, MediaType, MediaProductType FROM Media')).rows;
});
after(() => h.close());

const idsWhere = (pick: (m: Row) => boolean) => media.filter(pick).map((m) => m.Id as string).sort();

test('each variant has exactly the media of its kind, and asks insights for those only', async () => {
  const cases: [string, (m: Row) => boolean][] = [
    ['MediaInsightsPost', (m) => m.MediaProductType === 'FEED' && m.MediaType !== 'CAROUSEL_ALBUM'],
    ['MediaInsightsPostAlbum', (m) => m.MediaType === 'CAROUSEL_ALBUM'],
    ['MediaInsightsReels', (m) => m.MediaProductType === 'REELS'],
    ['MediaInsightReels', (m) => m.MediaProductType === 'REELS'],
  ];
  for (const [table, pick] of cases) {
    await h.reset();
    const { rows } = await h.conn.query(`SELECT MediaId, Reach FROM ${table}`);
    const calls = await h.calls();
    const expected = idsWhere(pick);
    assert.ok(expected.length > 0, table);
    assert.deepEqual(rows.map((r) => r.MediaId as string).sort(), expected, table);
    assert.equal(calls.batchedRequests, expected.length > 1 ? expected.length : 0, `${table}: one insights request per media of its kind`);
  }
});

test('MediaInsightsStory reads the live stories (never in the media list) and their story metrics', async () => {
  const stories = (await h.conn.query('SELECT Id FROM Stories')).rows.map((r) => r.Id as string).sort();
  const { rows } = await h.conn.query('SELECT MediaId, MediaProductType, Replies, Navigation, MetricErrors FROM MediaInsightsStory');
  assert.deepEqual(rows.map((r) => r.MediaId as string).sort(), stories);
  assert.ok(rows.every((r) => r.MediaProductType === 'STORY'));
  assert.ok(rows.some((r) => typeof r.Replies === 'number'), 'stories above the privacy threshold answer');
});

test('a variant filtered further keeps its own restriction', async () => {
  const { rows } = await h.conn.query("SELECT MediaId FROM MediaInsightsReels WHERE MediaProductType IN ('REELS', 'FEED')");
  assert.deepEqual(rows.map((r) => r.MediaId as string).sort(), idsWhere((m) => m.MediaProductType === 'REELS'));
});
