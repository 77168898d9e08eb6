import { startHarness } from '/work/wt/sync/test/twitterads/harness.ts';
const h = await startHarness();
const a = (await h.conn.query('SELECT Id FROM Accounts')).rows[0]!.Id as string;
const q = (s: string, e: string) => h.conn.query(`SELECT * FROM Insights WHERE AccountId = @a AND EntityType = 'CAMPAIGN' AND Granularity = 'DAY' AND Placement = 'ALL_ON_TWITTER' AND StartTime >= @s AND EndTime <= @e`, { a, s, e });
const r1 = await q('2026-11-24', '2026-12-01'); const r2 = await q('2026-11-28', '2026-12-01');
const k = (r: any) => r.EntityId + r.StartTime.toISOString();
const m = new Map(r1.rows.map(r => [k(r), r]));
let diff = 0;
for (const r of r2.rows) { const o = m.get(k(r)); if (!o) { console.log('missing', k(r)); continue; } if (JSON.stringify(o) !== JSON.stringify(r)) { diff++; if (diff < 3) console.log(JSON.stringify(o), '\n', JSON.stringify(r)); } }
console.log(r1.rows.length, r2.rows.length, diff);
await h.close();
