// MediaInsights (Q=mi) or Comments (Q=c) against the Instagram emulator in its own process, N warm runs: wall, first row, client CPU.
import { igSession } from './ig-session.js';
const { url, conn, sql, params, close } = await igSession({ latency: '50', query: 'mi' });
for (let i = 0; i < Number(process.env.N ?? 6); i++) {
  await fetch(`${url}/__emulator/reset`, { method: 'POST' });
  const cpu0 = process.cpuUsage(); const t0 = performance.now(); let first = 0; let n = 0;
  for await (const row of conn.stream(sql, params)) { if (n++ === 0) first = performance.now() - t0; void row; }
  const cpu = process.cpuUsage(cpu0);
  console.log(`run ${i}: ${n} rows, wall ${(performance.now() - t0).toFixed(0)} ms, first ${first.toFixed(0)}, cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
}
await close();
