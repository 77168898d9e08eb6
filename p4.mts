import { connect } from './src/providers/twitterads/index.ts';
const conn = await connect('Emulator=true');
const chain = (n: number, sep: string, term: string) => Array(n).fill(term).join(sep);
for (const n of [3000, 4000, 6000, 8000, 12000]) for (const [label, sql] of [['plus', 'SELECT ' + chain(n, '+', '1')], ['or', "SELECT Id FROM Campaigns WHERE " + chain(n, ' OR ', "Name = 'x'")], ['and', "SELECT Id FROM Campaigns WHERE " + chain(n, ' AND ', "Name <> 'x'")], ['parens', 'SELECT ' + '('.repeat(n/20) + '1' + ')'.repeat(n/20)], ['case', 'SELECT ' + 'CASE WHEN 1=1 THEN '.repeat(n/20) + '1' + ' END'.repeat(n/20)], ['fn', 'SELECT ' + 'ABS('.repeat(n/20) + '1' + ')'.repeat(n/20)]]) {
  try { await conn.query(sql); console.log(n, label, 'ok'); } catch (e: any) { const where = String(e.stack).split('\n').slice(1, 4).map(s=>s.trim()).join(' | '); console.log(n, label, e.constructor.name, String(e.message).slice(0, 60), where.slice(0, 300)); }
}
await conn.close();
