/**
 * AdStats, CData's view: queries written for CData run unchanged; StartTime/EndTime are the report
 * range on every row (so each row satisfies the WHERE), the bucket is Date, and the requests are
 * exactly the ones Insights sends for the same range.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from './harness.js';

interface Logged {
  method: string;
  path: string;
  query: Record<string, string>;
}

let h: Harness;
let account = '';
let campaign = '';
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
  campaign = (await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [account])).rows[0]!.Id as string;
});
after(() => h.close());

const log = async () => (await (await fetch(`${h.emulator.url}/__emulator/requests`)).json()) as Logged[];
const statsRequests = async () => (await log()).filter((r) => r.path.startsWith('/12/stats/')).map((r) => `${r.path}?${new URLSearchParams(r.query).toString()}`);
const iso = (v: unknown) => (v as Date).toISOString();

test("CData's `StartTime = … AND EndTime = …` is the report range: every row carries it, Date is the bucket", async () => {
  await h.conn.query('SELECT Impressions FROM Insights WHERE AccountId = ?', [account]);
  await h.reset();
  const where = "StartTime = '2026-11-01' AND EndTime = '2026-11-08'";
  const { rows, fields } = await h.conn.query(`SELECT * FROM AdStats WHERE AccountId = ? AND ${where}`, [account]);
  const sent = await statsRequests();
  assert.deepEqual(fields.slice(0, 8).map((f) => f.name), ['AccountId', 'Entity', 'EntityId', 'StartTime', 'EndTime', 'Date', 'Granularity', 'Placement']);
  assert.equal(rows.length, 7, 'one row per day of the range');
  for (const row of rows) {
    assert.equal(iso(row.StartTime), '2026-11-01T00:00:00.000Z');
    assert.equal(iso(row.EndTime), '2026-11-08T00:00:00.000Z');
    assert.equal(row.Entity, 'ACCOUNT');
    assert.equal(row.Granularity, 'DAY');
  }
  assert.equal(new Set(rows.map((r) => iso(r.Date))).size, 7);
  // Every row satisfies the WHERE: the engine checking it again keeps them all.
  const counted = (await h.conn.query(`SELECT COUNT(*) AS n FROM (SELECT * FROM AdStats WHERE AccountId = ? AND ${where}) s WHERE s.StartTime = '2026-11-01' AND s.EndTime = '2026-11-08'`, [account])).rows[0]!.n;
  assert.equal(counted, 7);

  // The same requests and metrics as Insights over the same range, where StartTime is the bucket.
  await h.reset();
  const insights = (await h.conn.query("SELECT StartTime, Impressions, Clicks FROM Insights WHERE AccountId = ? AND StartTime >= '2026-11-01' AND EndTime <= '2026-11-08'", [account])).rows;
  assert.deepEqual(await statsRequests(), sent);
  assert.deepEqual(
    rows.map((r) => [iso(r.Date), r.Impressions, r.Clicks]).sort(),
    insights.map((r) => [iso(r.StartTime), r.Impressions, r.Clicks]).sort(),
  );
});

test('Entity and EntityId as in CData; TOTAL is one row whose Date is the range start', async () => {
  const { rows } = await h.conn.query(
    "SELECT Entity, EntityId, StartTime, EndTime, Date, Impressions FROM AdStats WHERE AccountId = ? AND Entity = 'CAMPAIGN' AND EntityId = ? AND Granularity = 'TOTAL' AND StartTime = '2026-11-01T00:00:00Z' AND EndTime = '2026-11-15T00:00:00Z'",
    [account, campaign],
  );
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0]!.Entity, rows[0]!.EntityId, iso(rows[0]!.StartTime), iso(rows[0]!.EndTime)], ['CAMPAIGN', campaign, '2026-11-01T00:00:00.000Z', '2026-11-15T00:00:00.000Z']);
  assert.equal(iso(rows[0]!.Date), '2026-11-01T00:00:00.000Z');
  const sent = await log();
  assert.deepEqual(
    sent.filter((r) => r.path === `/12/stats/accounts/${account}`).slice(-2).map((r) => [r.query.entity, r.query.entity_ids, r.query.start_time, r.query.end_time, r.query.granularity]),
    [
      ['CAMPAIGN', campaign, '2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z', 'TOTAL'],
      ['CAMPAIGN', campaign, '2026-11-08T00:00:00Z', '2026-11-15T00:00:00Z', 'TOTAL'],
    ],
  );
});

test('a join from AdCampaigns implies the entity; without a range the last 7 days are the range on every row', async () => {
  const joined = (
    await h.conn.query(
      "SELECT c.Id, s.Entity, s.Impressions FROM AdCampaigns c JOIN AdStats s ON s.EntityId = c.Id WHERE c.AccountId = ? AND s.AccountId = ? AND s.Granularity = 'TOTAL' AND s.StartTime = '2026-11-01' AND s.EndTime = '2026-11-08'",
      [account, account],
    )
  ).rows;
  assert.ok(joined.length > 0 && joined.every((r) => r.Entity === 'CAMPAIGN'));
  const recent = (await h.conn.query('SELECT StartTime, EndTime, Date FROM AdStats WHERE AccountId = ?', [account])).rows;
  assert.equal(recent.length, 7);
  assert.equal(new Set(recent.map((r) => `${iso(r.StartTime)}|${iso(r.EndTime)}`)).size, 1, 'one range on every row');
  assert.equal((recent[0]!.EndTime as Date).getTime() - (recent[0]!.StartTime as Date).getTime(), 7 * 86_400_000);
  assert.deepEqual(recent.map((r) => iso(r.Date)).sort()[0], iso(recent[0]!.StartTime));
  const explain = JSON.stringify((await h.conn.query("EXPLAIN SELECT * FROM AdStats WHERE StartTime = '2026-11-01' AND EndTime = '2026-11-08'")).rows);
  assert.match(explain, /AdStats \(CData\): StartTime\/EndTime are the report range on every row; the bucket is Date/);
});
