import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from '../twitterads/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const ROLLUP =
  "SELECT DATEPART(week, StartTime) AS wk, SUM(Impressions) AS impressions FROM Insights WHERE EntityType = 'CAMPAIGN' AND StartTime >= DATEADD(day, -28, GETDATE()) GROUP BY DATEPART(week, StartTime)";

test('the weekly roll-up runs, with the time range still pushed to the stats endpoint', async () => {
  const explain = (await h.conn.query(`EXPLAIN ${ROLLUP}`)).rows;
  assert.deepEqual(
    explain.map((r) => String(r.Operation).trim()),
    ['Project', 'Aggregate', 'Scan'],
  );
  const scan = String(explain[2]!.Detail);
  assert.match(scan, /via \/12\/stats\/accounts\//);
  assert.match(scan, /start_time=/, 'the range is sent as start_time');
  assert.doesNotMatch(scan, /local filter/, 'nothing is filtered locally');
  assert.equal(explain[1]!.Detail, 'GROUP BY DATEPART(week, StartTime); SUM(Impressions)');

  const { rows, fields } = await h.conn.query(ROLLUP);
  assert.deepEqual(fields.map((f) => [f.name, f.type]), [['wk', 'Int'], ['impressions', 'Long']]);
  // 28 days span 5 Sunday-based weeks at most; every week number is a valid one.
  assert.ok(rows.length >= 4 && rows.length <= 5, `weeks: ${rows.length}`);
  assert.ok(rows.every((r) => Number.isInteger(r.wk) && (r.wk as number) >= 1 && (r.wk as number) <= 54));
  const daily = (await h.conn.query("SELECT SUM(Impressions) AS n FROM Insights WHERE EntityType = 'CAMPAIGN' AND StartTime >= DATEADD(day, -28, GETDATE())")).rows[0]!.n;
  assert.equal(rows.reduce((t, r) => t + (r.impressions as number), 0), daily, 'the weeks add up to the whole range');
});
