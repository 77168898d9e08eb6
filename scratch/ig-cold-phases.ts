// The cold cost of one Comments or MediaInsights query in a fresh process, split: opening the pool (CONNECT_FIRST=1), planning (EXPLAIN_FIRST=1), the first run, a second run.
import { startEmulatorProcess } from '../bench/emulator-process.js';
import { connect } from '../src/providers/instagram/index.js';
import { placeholders } from '../bench/measure.js';
const emu = await startEmulatorProcess('instagram', ['--seed', '11', '--scale', '12', '--latency', process.env.LAT ?? '50']);
const c = emu.info as any;
const conn = await connect(`BaseURL=${c.url};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};BusinessAccountId=${c.businessAccountId};MaxConcurrency=8`);
const media = (await conn.query('SELECT Id FROM Media')).rows.map((r) => r.Id as string);
const which = process.env.Q ?? 'c';
const ids = media.slice(0, which === 'mi' ? 1000 : 500);
const sql = which === 'mi' ? `SELECT * FROM MediaInsights WHERE MediaId IN (${placeholders(ids)})` : `SELECT Id, MediaId, Text FROM Comments WHERE MediaId IN (${placeholders(ids)})`;
const time = async (label: string, f: () => Promise<unknown>) => { const cpu0 = process.cpuUsage(); const t0 = performance.now(); await f(); const cpu = process.cpuUsage(cpu0); console.log(label, (performance.now() - t0).toFixed(0), 'ms wall', ((cpu.user + cpu.system) / 1000).toFixed(0), 'ms cpu'); };
if (process.env.CONNECT_FIRST) await time('8 concurrent point lookups (opens the pool)', () => Promise.all(media.slice(0, 8).map((id) => conn.query('SELECT Id FROM Media WHERE Id = ?', [id]))));
if (process.env.EXPLAIN_FIRST) await time('explain (cold plan)', () => conn.query(`EXPLAIN ${sql}`, ids));
await time('run 1', async () => { for await (const row of conn.stream(sql, ids)) void row; });
await time('run 2', async () => { for await (const row of conn.stream(sql, ids)) void row; });
await conn.close(); await emu.stop();
