import { connect } from './src/providers/twitterads/index.ts';
const conn = await connect('Emulator=true');
const chain = (n: number, sep: string, term: string) => Array(n).fill(term).join(sep);
const cases: string[] = [
  'SELECT ' + chain(2000, '+', '1'),
  'SELECT ' + chain(20000, '+', '1'),
  "SELECT Id FROM Campaigns WHERE " + chain(2000, ' OR ', "Name = 'x'"),
  "SELECT Id FROM Campaigns WHERE " + chain(20000, ' OR ', "Name = 'x'"),
  "SELECT Id FROM Campaigns WHERE " + chain(3000, ' AND ', "Name <> 'x'"),
  "SELECT " + '('.repeat(3000) + '1' + ')'.repeat(3000),
  "SELECT " + 'NOT '.repeat(3000) + '1',
  "SELECT " + '-'.repeat(3000) + '1',
  "SELECT " + '- '.repeat(3000) + '1',
  "SELECT CAST(CAST(9e15 AS DATETIME) AS VARCHAR)",
  "DELETE FROM Campaigns WHERE *",
  "SELECT * FROM Campaigns WHERE *",
  "SELECT Id FROM Campaigns WHERE Id IN (" + chain(20000, ',', "'x'") + ")",
];
for (const sql of cases) {
  const t0 = Date.now();
  try { const r = await conn.query(sql); console.log('OK', sql.slice(0, 40), r.rows.length, Date.now() - t0, 'ms'); }
  catch (e: any) { console.log('ERR', sql.slice(0, 40), e.constructor.name, e.code, String(e.message).slice(0, 120), Date.now() - t0, 'ms'); }
}
await conn.close();
