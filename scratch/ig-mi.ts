// MediaInsights (Q=mi) or Comments (Q=c) against the Instagram emulator in its own process, N warm runs: wall, first row, client CPU.
import { startEmulatorProcess } from '../bench/emulator-process.js';
import { connect } from '../src/providers/instagram/index.js';
import { placeholders } from '../bench/measure.js';
const emu = await startEmulatorProcess('instagram', ['--seed', '11', '--scale', '12', '--latency', process.env.LAT ?? '50']);
const c = emu.info as any;
const conn = await connect(`BaseURL=${c.url};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};BusinessAccountId=${c.businessAccountId};MaxConcurrency=8`);
const media = (await conn.query('SELECT Id FROM Media')).rows.map((r) => r.Id as string);
const which = process.env.Q ?? 'mi';
const sql = which === 'mi' ? `SELECT * FROM MediaInsights WHERE MediaId IN (${placeholders(media.slice(0, 1000))})` : `SELECT Id, MediaId, Text FROM Comments WHERE MediaId IN (${placeholders(media.slice(0, 500))})`;
const params = which === 'mi' ? media.slice(0, 1000) : media.slice(0, 500);
for (let i = 0; i < Number(process.env.N ?? 6); i++) {
  await fetch(`${c.url}/__emulator/reset`, { method: 'POST' });
  const cpu0 = process.cpuUsage(); const t0 = performance.now(); let first = 0; let n = 0;
  for await (const row of conn.stream(sql, params)) { if (n++ === 0) first = performance.now() - t0; void row; }
  const cpu = process.cpuUsage(cpu0);
  console.log(`run ${i}: ${n} rows, wall ${(performance.now() - t0).toFixed(0)} ms, first ${first.toFixed(0)}, cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
}
await conn.close(); await emu.stop();
