import { connect } from './src/providers/twitterads/index.ts';
const conn = await connect('Emulator=true');
const sql = "EXPLAIN SELECT Id FROM Campaigns WHERE " + Array.from({ length: 20000 }, (_v, i) => `Name = 'c${i}'`).join(' OR ');
const t0 = performance.now(); await conn.query(sql); console.log(Math.round(performance.now() - t0));
await conn.close();
