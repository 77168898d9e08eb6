import { startHarness } from '/work/wt/sync/test/twitterads/harness.ts';
const h = await startHarness();
const a = (await h.conn.query('SELECT Id FROM Accounts')).rows[0]!.Id as string;
for (const q of [`SELECT EntityType, count(*) AS n FROM Insights WHERE AccountId = @a AND EntityType IN ('CAMPAIGN','LINE_ITEM') AND Granularity='DAY' AND Placement='ALL_ON_TWITTER' AND StartTime >= '2026-11-27' AND EndTime <= '2026-12-03' GROUP BY EntityType`,
 `SELECT count(*) AS n, min(StartTime) AS s, max(EndTime) AS e FROM Insights WHERE AccountId = @a AND EntityType = 'CAMPAIGN' AND StartTime >= '2026-11-27' AND EndTime <= '2026-12-02'`,
 `SELECT count(*) AS n FROM Campaigns WHERE AccountId = @a AND IncludeDeleted = true AND Deleted = true`,
 `SELECT count(*) AS n FROM Accounts WHERE IncludeDeleted = true`]) {
  await h.reset();
  try { const r = await h.conn.query(q, {a}); console.log(JSON.stringify(r.rows), JSON.stringify(await h.calls())); } catch (e) { console.log(String(e)); }
}
console.log(new Date(), h.emulator.now?.());
await h.close();
