import { startHarness } from '/work/wt/sync/test/twitterads/harness.ts';
import { startHarness as ig } from '/work/wt/sync/test/instagram/harness.ts';
const h = await startHarness();
console.log(h.conn.tables().map(t => t.name + ':' + t.columns.map(c=>c.name+(c.pseudo?'*':'')).join(',')).join('\n'));
const accts = await h.conn.query('SELECT Id, Name FROM Accounts');
console.log(accts.rows);
for (const t of ['Campaigns','LineItems','PromotedTweets','FundingInstruments','Media']) {
  const r = await h.conn.query(`SELECT * FROM ${t} WHERE AccountId = ? `+(t==="Media"?"":" AND IncludeDeleted = true"), [accts.rows[0]!.Id as string]);
  console.log(t, r.rows.length, JSON.stringify(r.rows[0]));
}
const k = await h.conn.query('SELECT * FROM sys_keycolumns');
console.log(k.rows.filter(r=>r.IsKey));
await h.reset();
const i = await h.conn.query(`SELECT * FROM Insights WHERE AccountId = ? AND EntityType='CAMPAIGN' AND StartTime >= '2026-11-20' AND EndTime <= '2026-12-01'`, [accts.rows[0]!.Id as string]);
console.log('insights', i.rows.length, JSON.stringify(i.rows[0]), await h.calls());
await h.close();
const g = await ig();
console.log(g.conn.tables().map(t => t.name + ':' + t.columns.map(c=>c.name+(c.pseudo?'*':'')).join(',')).join('\n'));
const gk = await g.conn.query('SELECT * FROM sys_keycolumns');
console.log(gk.rows);
await g.close();
