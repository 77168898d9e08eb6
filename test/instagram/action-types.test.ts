/** profile_activity by action type (feed media, stories) and story navigation by action type. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness({ scale: 1 });
});
after(() => h.close());

test('StoryNavigation: each live story split by navigation action; the story below the privacy threshold gives one row with its reason', async () => {
  const stories = (await h.conn.query('SELECT Id FROM Stories')).rows.map((r) => r.Id as string);
  await h.reset();
  const { rows } = await h.conn.query('SELECT MediaId, ActionType, Value, MetricErrors FROM StoryNavigation');
  const calls = await h.calls();
  assert.deepEqual([...new Set(rows.map((r) => r.MediaId as string))].sort(), [...stories].sort());
  const answered = rows.filter((r) => r.MetricErrors === null);
  assert.ok(answered.length > 0 && answered.every((r) => ['SWIPE_FORWARD', 'TAP_BACK', 'TAP_EXIT', 'TAP_FORWARD'].includes(r.ActionType as string) && typeof r.Value === 'number'));
  const refused = rows.filter((r) => r.MetricErrors !== null);
  assert.ok(refused.every((r) => r.ActionType === null && /Not enough viewers/.test(r.MetricErrors as string)));
  assert.equal(calls.batchedRequests, stories.length > 1 ? stories.length : 0);
});

test('MediaProfileActivity for given media: feed media only, split by action_type, one batch', async () => {
  const media = (await h.conn.query("SELECT Id, MediaProductType FROM Media")).rows;
  const feed = media.filter((m) => m.MediaProductType === 'FEED').slice(0, 3).map((m) => m.Id as string);
  const reel = media.find((m) => m.MediaProductType === 'REELS')!.Id as string;
  await h.reset();
  const { rows } = await h.conn.query('SELECT MediaId, ActionType, Value FROM MediaProfileActivity WHERE MediaId IN (?, ?, ?, ?)', [...feed, reel]);
  const calls = await h.calls();
  const answered = new Set(rows.map((r) => r.MediaId as string));
  assert.ok(answered.size > 0 && [...answered].every((id) => feed.includes(id)), 'feed media answer (those with no activity have no rows); the reel is not asked');
  assert.ok(rows.every((r) => ['BIO_LINK_CLICKED', 'CALL', 'DIRECTION', 'EMAIL', 'OTHER', 'TEXT'].includes(r.ActionType as string)));
  assert.equal(calls.requests, 2, 'one ?ids= read for the types, one batch of 3');
  assert.equal(calls.batchedRequests, 3);
});

test('the emulator refuses a breakdown a metric does not take', async () => {
  const id = (await h.conn.query("SELECT Id FROM Media WHERE MediaProductType = 'FEED' LIMIT 1")).rows[0]!.Id as string;
  const res = await fetch(`${h.emulator.url}/v24.0/${id}/insights?metric=reach&breakdown=action_type`, { headers: { authorization: `Bearer ${h.emulator.credentials.accessToken}` } });
  assert.equal(res.status, 400);
  assert.match(((await res.json()) as { error: { message: string } }).error.message, /reach do not support the breakdown action_type/);
});
