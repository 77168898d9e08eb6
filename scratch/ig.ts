import { startHarness as ig } from '/work/wt/sync/test/instagram/harness.ts';
const g = await ig();
for (const q of ['SELECT * FROM Accounts','SELECT * FROM Pages','SELECT * FROM Media','SELECT * FROM Children','SELECT * FROM Comments','SELECT * FROM Stories','SELECT * FROM Tags','SELECT * FROM MediaInsights',"SELECT * FROM AccountInsights WHERE StartTime >= '2026-11-01' AND EndTime <= '2026-12-01'",'SELECT * FROM AudienceInsights', 'SELECT * FROM Replies WHERE CommentId IN (SELECT Id FROM Comments)']) {
  await g.reset();
  try { const r = await g.conn.query(q); console.log(q, r.rows.length, JSON.stringify(await g.calls()), JSON.stringify(r.rows[0]).slice(0,300)); } catch (e) { console.log(q, String(e)); }
}
const k = await g.conn.query('SELECT * FROM sys_keycolumns'); console.log(k.rows.filter(r=>['MediaInsights','AccountInsights','AudienceInsights','Insights'].includes(r.TableName as string)));
await g.close();
