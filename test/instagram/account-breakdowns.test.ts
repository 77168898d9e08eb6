/** The account-insight tables with CData's names: breakdowns, per-day series, OnlineFollowers. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness({ scale: 1 });
});
after(() => h.close());

const DAY = 86_400_000;

async function measured(sql: string, params?: readonly (string | number | boolean)[]) {
  await h.reset();
  const { rows } = await h.conn.query(sql, params);
  return { rows, calls: await h.calls() };
}

test('AccountWithoutBreakdown: one total per metric over the default 7 days, in one request', async () => {
  const { rows, calls } = await measured('SELECT Metric, Value, StartTime, EndTime FROM AccountWithoutBreakdown');
  assert.deepEqual(rows.map((r) => r.Metric).sort(), ['accounts_engaged', 'comments', 'follows_and_unfollows', 'likes', 'profile_links_taps', 'reach', 'replies', 'saves', 'shares', 'total_interactions', 'views']);
  assert.ok(rows.every((r) => typeof r.Value === 'number'));
  const span = (rows[0]!.EndTime as Date).getTime() - (rows[0]!.StartTime as Date).getTime();
  assert.ok(Math.abs(span - 7 * DAY) < 1000);
  assert.equal(calls.requests, 2, '/me/accounts, then one insights call');
});

test('AccountFollowType: reach and follows_and_unfollows by follow_type, views by follower_type: two requests in one batch', async () => {
  const { rows, calls } = await measured('SELECT Metric, FollowType, Value FROM AccountFollowType');
  assert.deepEqual([...new Set(rows.map((r) => r.Metric))].sort(), ['follows_and_unfollows', 'reach', 'views']);
  assert.ok(rows.every((r) => ['FOLLOWER', 'NON_FOLLOWER', 'UNKNOWN'].includes(r.FollowType as string) && typeof r.Value === 'number'));
  assert.equal(calls.batchedRequests, 2);
  const reach = await measured("SELECT Metric, FollowType FROM AccountFollowType WHERE Metric = 'reach'");
  assert.ok(reach.rows.length > 0 && reach.rows.every((r) => r.Metric === 'reach'));
  assert.equal(reach.calls.requests, 1, 'Metric pushed down: one request, no batch');
});

test('AccountTimeSeriesMediaProductType: one request per day, batched; rows per day and product type', async () => {
  const until = new Date();
  const since = new Date(until.getTime() - 3 * DAY);
  const { rows, calls } = await measured("SELECT Metric, MediaProductType, StartTime, Value FROM AccountTimeSeriesMediaProductType WHERE Metric = 'likes' AND StartTime >= ? AND EndTime <= ?", [
    since.toISOString(),
    until.toISOString(),
  ]);
  assert.equal(calls.requests, 1);
  assert.equal(calls.batchedRequests, 3);
  assert.equal(new Set(rows.map((r) => (r.StartTime as Date).getTime())).size, 3);
  assert.ok(rows.every((r) => r.Metric === 'likes' && ['AD', 'CAROUSEL_CONTAINER', 'IGTV', 'POST', 'REEL', 'STORY'].includes(r.MediaProductType as string)));
});

test('AccountContactButtonType and FollowsAndUnfollows answer; AccountTimeSeries* tables exist for each breakdown', async () => {
  const buttons = await measured('SELECT ContactButtonType, Value FROM AccountContactButtonType');
  assert.ok(buttons.rows.length > 0 && buttons.rows.every((r) => typeof r.ContactButtonType === 'string'));
  const follows = await measured('SELECT FollowType, StartTime, Value FROM FollowsAndUnfollows');
  assert.ok(follows.rows.every((r) => r.FollowType === 'FOLLOWER' || r.FollowType === 'NON_FOLLOWER'));
  assert.equal(new Set(follows.rows.map((r) => (r.StartTime as Date).getTime())).size, 7);
  for (const table of ['AccountTimeSeriesWithoutBreakdown', 'AccountTimeSeriesFollowType', 'AccountMediaProductType']) {
    const { rows } = await h.conn.query(`SELECT Metric, Value FROM ${table} WHERE Metric = 'reach'`);
    assert.ok(rows.length > 0, table);
  }
});

test('OnlineFollowers: 24 hourly values per day; a range older than 30 days is raised to 30 days ago', async () => {
  const { rows, calls } = await measured('SELECT StartTime, EndTime, Hour, Value FROM OnlineFollowers');
  assert.equal(calls.requests, 1, 'one insights call (the account is known by now)');
  assert.ok(rows.length >= 24 * 6);
  assert.deepEqual([...new Set(rows.map((r) => r.Hour))].sort((a, b) => (a as number) - (b as number)), Array.from({ length: 24 }, (_, i) => i));
  const old = await measured('SELECT EndTime FROM OnlineFollowers WHERE StartTime >= ? AND EndTime <= ?', [new Date(Date.now() - 60 * DAY).toISOString(), new Date().toISOString()]);
  assert.ok(old.rows.length > 0, 'no error: the bound was raised');
  assert.ok(old.rows.every((r) => (r.EndTime as Date).getTime() >= Date.now() - 32 * DAY));
});
