// The cold cost of one Comments or MediaInsights query in a fresh process, split: opening the pool (CONNECT_FIRST=1), planning (EXPLAIN_FIRST=1), the first run, a second run.
import { igSession } from './ig-session.js';
const { conn, media, sql, params, close } = await igSession({ latency: '50', query: 'c' });
const time = async (label: string, f: () => Promise<unknown>) => { const cpu0 = process.cpuUsage(); const t0 = performance.now(); await f(); const cpu = process.cpuUsage(cpu0); console.log(label, (performance.now() - t0).toFixed(0), 'ms wall', ((cpu.user + cpu.system) / 1000).toFixed(0), 'ms cpu'); };
if (process.env.CONNECT_FIRST) await time('8 concurrent point lookups (opens the pool)', () => Promise.all(media.slice(0, 8).map((id) => conn.query('SELECT Id FROM Media WHERE Id = ?', [id]))));
if (process.env.EXPLAIN_FIRST) await time('explain (cold plan)', () => conn.query(`EXPLAIN ${sql}`, params));
await time('run 1', async () => { for await (const row of conn.stream(sql, params)) void row; });
await time('run 2', async () => { for await (const row of conn.stream(sql, params)) void row; });
await close();
