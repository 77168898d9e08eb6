/** AudienceInsights sends each metric only the timeframes it accepts. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness({ scale: 1 });
});
after(() => h.close());

const all = "Metric IN ('follower_demographics', 'engaged_audience_demographics', 'reached_audience_demographics')";

test('by default follower_demographics asks last_30_days and the engaged/reached ones this_month: the query succeeds', async () => {
  await h.conn.query('SELECT Id FROM Accounts');
  await h.reset();
  const { rows } = await h.conn.query(`SELECT Metric, Timeframe, Value FROM AudienceInsights WHERE ${all} AND AudienceType = 'age'`);
  const calls = await h.calls();
  const frames = new Map(rows.map((r) => [r.Metric, r.Timeframe]));
  assert.deepEqual(Object.fromEntries(frames), { follower_demographics: 'last_30_days', engaged_audience_demographics: 'this_month', reached_audience_demographics: 'this_month' });
  assert.equal(calls.batchedRequests, 3);
});

test('a timeframe a metric does not accept is never sent: it gives no rows for that metric', async () => {
  await h.reset();
  const { rows } = await h.conn.query(`SELECT Metric, Timeframe FROM AudienceInsights WHERE ${all} AND AudienceType = 'gender' AND Timeframe IN ('last_30_days', 'this_week')`);
  const calls = await h.calls();
  const pairs = [...new Set(rows.map((r) => `${r.Metric} ${r.Timeframe}`))].sort();
  assert.deepEqual(pairs, ['engaged_audience_demographics this_week', 'follower_demographics last_30_days', 'follower_demographics this_week', 'reached_audience_demographics this_week']);
  assert.equal(calls.batchedRequests, 4);
});
