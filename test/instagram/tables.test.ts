/** Every Instagram table and pushdown: rows checked against a plain scan, calls counted by the emulator. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Row } from '../../src/catalog/types.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let media: Row[];
before(async () => {
  h = await startHarness({ scale: 2 }, 'BusinessAccountId=');
  media = (await h.conn.query('SELECT * FROM Media')).rows;
});
after(() => h.close());

async function measured(sql: string, params?: readonly (string | number | boolean)[]) {
  await h.reset();
  const { rows } = await h.conn.query(sql, params);
  return { rows, calls: await h.calls() };
}

test('Accounts: the business account found through /me/accounts, once per connection', async () => {
  const fresh = await h.connectWith('');
  await h.reset();
  const { rows } = await fresh.query('SELECT Id, Username, FollowersCount FROM Accounts');
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.Id, h.emulator.credentials.businessAccountId);
  assert.equal(typeof rows[0]!.FollowersCount, 'number');
  assert.equal((await h.calls()).requests, 2, '/me/accounts + /{ig-user}');
  await h.reset();
  await fresh.query('SELECT Id FROM Accounts');
  assert.equal((await h.calls()).requests, 1);
});

test('Pages lists the linked business account', async () => {
  const { rows } = await measured('SELECT Id, Name, InstagramBusinessAccountId FROM Pages');
  assert.ok(rows.some((r) => r.InstagramBusinessAccountId === h.emulator.credentials.businessAccountId));
});

test('Media follows paging.next across pages: Pagesize=10 gives one call per page, every row once', async () => {
  const small = await h.connectWith(`BusinessAccountId=${h.emulator.credentials.businessAccountId};Pagesize=10`);
  await h.reset();
  const { rows } = await small.query('SELECT Id FROM Media');
  const calls = await h.calls();
  assert.equal(rows.length, media.length);
  assert.ok(rows.length >= 30);
  assert.equal(new Set(rows.map((r) => r.Id)).size, rows.length);
  assert.equal(calls.requests, Math.ceil(rows.length / 10));
});

test('Media WHERE Id IN (10 ids) is one ?ids= read', async () => {
  const ids = media.slice(5, 15).map((r) => r.Id as string);
  const { rows, calls } = await measured(`SELECT Id, Caption FROM Media WHERE Id IN (${ids.map(() => '?').join(',')})`, ids);
  assert.deepEqual(rows.map((r) => r.Id).sort(), [...ids].sort());
  assert.equal(calls.requests, 1);
  assert.deepEqual(Object.keys(calls.byRoute), ['GET /v24.0/'], 'the multi-id read at the root');
});

test('a Timestamp range narrows the walk with since/until and is exact after the local re-check', async () => {
  const sorted = [...media].sort((a, b) => (a.Timestamp as Date).getTime() - (b.Timestamp as Date).getTime());
  const from = sorted[Math.floor(sorted.length / 3)]!.Timestamp as Date;
  const to = sorted[Math.floor((2 * sorted.length) / 3)]!.Timestamp as Date;
  const { rows, calls } = await measured('SELECT Id FROM Media WHERE Timestamp >= ? AND Timestamp < ?', [from.toISOString(), to.toISOString()]);
  const expected = media.filter((r) => (r.Timestamp as Date) >= from && (r.Timestamp as Date) < to).map((r) => r.Id);
  assert.deepEqual(rows.map((r) => r.Id).sort(), expected.sort());
  assert.ok(calls.requests <= Math.ceil(media.length / 100));
});

test('Comments on every media fan out in batches of 50 media per call', async () => {
  const { rows, calls } = await measured('SELECT Id, MediaId, Text FROM Comments');
  assert.ok(rows.length > 100);
  const pagesOfMedia = Math.ceil(media.length / 100);
  assert.equal(calls.byRoute['POST /'] ?? 0, calls.requests - pagesOfMedia);
  assert.ok(calls.requests <= pagesOfMedia + Math.ceil(media.length / 50) + 3, `${calls.requests} calls for ${media.length} media`);
  assert.ok(calls.batchedRequests >= media.length);
});

test('Comments WHERE MediaId = x is one call; IN (3 ids) is one batch', async () => {
  const withComments = media.filter((m) => (m.CommentsCount as number) > 0).map((m) => m.Id as string);
  const one = await measured('SELECT Id, MediaId FROM Comments WHERE MediaId = ?', [withComments[0]!]);
  assert.ok(one.rows.length > 0 && one.rows.every((r) => r.MediaId === withComments[0]));
  assert.equal(one.calls.requests, 1);
  const three = await measured('SELECT Id, MediaId FROM Comments WHERE MediaId IN (?, ?, ?)', withComments.slice(0, 3));
  assert.deepEqual(new Set(three.rows.map((r) => r.MediaId)), new Set(withComments.slice(0, 3)));
  assert.equal(three.calls.requests, 1);
  assert.equal(three.calls.batchedRequests, 3);
});

test('Replies by CommentId, and through a join on Comments', async () => {
  await assert.rejects(h.conn.query('SELECT * FROM Replies'), /Replies needs a filter on CommentId/);
  const mediaId = media.find((m) => (m.CommentsCount as number) > 3)!.Id as string;
  const { rows } = await measured('SELECT c.Id AS CommentId, r.Id, r.Text FROM Comments c JOIN Replies r ON r.CommentId = c.Id WHERE c.MediaId = ?', [mediaId]);
  for (const row of rows) {
    const direct = await h.conn.query('SELECT Id FROM Replies WHERE CommentId = ?', [row.CommentId as string]);
    assert.ok(direct.rows.some((r) => r.Id === row.Id));
  }
});

test('Children of carousels; Stories; Tags (cursor paging without next URLs)', async () => {
  const carousel = media.find((m) => m.MediaType === 'CAROUSEL_ALBUM')!.Id as string;
  const children = await measured('SELECT Id, MediaId, MediaType FROM Children WHERE MediaId = ?', [carousel]);
  assert.ok(children.rows.length >= 2 && children.rows.every((r) => r.MediaId === carousel));
  assert.equal(children.calls.requests, 1);
  const stories = await measured('SELECT Id, MediaProductType FROM Stories');
  assert.ok(stories.rows.every((r) => r.MediaProductType === 'STORY'));
  const small = await h.connectWith(`BusinessAccountId=${h.emulator.credentials.businessAccountId};Pagesize=5`);
  await h.reset();
  const tags = await small.query('SELECT Id FROM Tags');
  const tagCalls = await h.calls();
  assert.ok(tags.rows.length > 10);
  assert.equal(new Set(tags.rows.map((r) => r.Id)).size, tags.rows.length);
  assert.ok(tagCalls.requests >= Math.ceil(tags.rows.length / 5));
});

test('MediaInsights for 200 media: one ?ids= batch, then four insights batches; only valid metrics asked', async () => {
  const ids = media.slice(0, 200).map((r) => r.Id as string);
  assert.equal(ids.length, 200);
  const { rows, calls } = await measured(`SELECT * FROM MediaInsights WHERE MediaId IN (${ids.map(() => '?').join(',')})`, ids);
  assert.equal(rows.length, 200);
  assert.equal(calls.requests, 5);
  const reels = rows.filter((r) => r.MediaProductType === 'REELS');
  assert.ok(reels.length > 0 && reels.every((r) => r.IgReelsAvgWatchTime !== null || r.Reach === null));
  const feedImages = rows.filter((r) => r.MediaType === 'IMAGE' && r.MediaProductType === 'FEED');
  assert.ok(feedImages.every((r) => r.IgReelsAvgWatchTime === null), 'reel-only metrics are never asked for images');
});

test('MediaInsights filtered by MediaProductType asks for those media only', async () => {
  const reels = media.filter((m) => m.MediaProductType === 'REELS').length;
  const { rows, calls } = await measured("SELECT MediaId, Reach FROM MediaInsights WHERE MediaProductType = 'REELS'");
  assert.equal(rows.length, reels);
  assert.equal(calls.batchedRequests, reels > 1 ? reels : 0);
});

test('AccountInsights: daily time series by default; total_value over a 45-day range is two windows in one batch', async () => {
  const daily = await measured('SELECT StartTime, EndTime, Reach, FollowerCount FROM AccountInsights');
  assert.ok(daily.rows.length >= 6 && daily.rows.length <= 8);
  assert.ok(daily.rows.every((r) => typeof r.Reach === 'number'));
  const until = new Date();
  const since = new Date(until.getTime() - 45 * 86_400_000);
  const totals = await measured("SELECT StartTime, EndTime, Views, Reach FROM AccountInsights WHERE MetricType = 'total_value' AND StartTime >= ? AND EndTime <= ?", [
    since.toISOString(),
    until.toISOString(),
  ]);
  assert.equal(totals.rows.length, 2);
  assert.equal(totals.calls.requests, 1);
  assert.equal(totals.calls.batchedRequests, 2);
});

test('AudienceInsights: follower demographics by breakdown', async () => {
  const { rows, calls } = await measured("SELECT AudienceGroup, Value FROM AudienceInsights WHERE AudienceType = 'gender and age'");
  assert.ok(rows.length > 0 && rows.every((r) => /^[^,]+, [^,]+$/.test(r.AudienceGroup as string)));
  assert.equal(calls.requests, 1);
  const all = await measured('SELECT DISTINCT AudienceType FROM AudienceInsights');
  assert.deepEqual(all.rows.map((r) => r.AudienceType).sort(), ['age', 'city', 'country', 'gender']);
  assert.equal(all.calls.requests, 1, 'four breakdowns in one batch');
});

test('Insights in long form, for the account and for media', async () => {
  const account = await measured("SELECT ObjectType, Metric, Value FROM Insights WHERE Metric = 'reach'");
  assert.ok(account.rows.length > 0 && account.rows.every((r) => r.ObjectType === 'ACCOUNT' && r.Metric === 'reach'));
  const id = media.find((m) => m.MediaProductType === 'FEED' && m.MediaType === 'IMAGE')!.Id as string;
  const one = await measured('SELECT Metric, Value FROM Insights WHERE ObjectId = ?', [id]);
  assert.ok(one.rows.some((r) => r.Metric === 'reach'));
  assert.ok(!one.rows.some((r) => r.Metric === 'ig_reels_avg_watch_time'));
});
