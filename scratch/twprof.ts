/**
 * Client CPU of the Insights scenario (bench/twitterads.ts) against an emulator in its own process:
 *   node --import tsx scratch/twprof.ts [--latency 0] [--runs 3] [--point]
 * Reports CPU ms of the query, of describe() (parse + plan, no API call) and their difference,
 * plus calls-in-flight over time from QueryOptions.onProgress.
 */
import { parseArgs } from 'node:util';
import { connect } from '../src/providers/twitterads/index.js';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { placeholders } from '../bench/measure.js';

const { values: flags } = parseArgs({ options: { latency: { type: 'string', default: '0' }, runs: { type: 'string', default: '3' }, point: { type: 'boolean', default: false }, inflight: { type: 'boolean', default: false } } });
const cpu = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};
const emulator = await startEmulator(['--seed', '11', '--scale', '21', '--latency', flags.latency]);
const c = emulator.info as unknown as { url: string; clientId: string; clientSecret: string; accessToken: string; accessTokenSecret: string; accountIds: string[] };
const base = `BaseURL=${c.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret};AccountId=${c.accountIds[0]!};MaxConcurrency=8`;
const busy = async () => ((await (await fetch(`${c.url}/__emulator/stats`)).json()) as { busyMs: number; requests: number });
try {
  if (flags.point) {
    const setup = await connect(base);
    const ids = (await setup.query('SELECT Id FROM Campaigns')).rows.map((r) => r.Id as string);
    await setup.close();
    for (let run = 0; run < Number(flags.runs); run++) {
      const t0 = process.cpuUsage();
      const w0 = performance.now();
      const conn = await connect(base);
      const connectMs = cpu(t0);
      const t1 = process.cpuUsage();
      const r = await conn.query('SELECT Id, Name, EntityStatus FROM Campaigns WHERE Id = ?', [ids[17]!]);
      console.log(`point run ${run}: connect ${connectMs.toFixed(1)} ms CPU, first query ${cpu(t1).toFixed(1)} ms CPU, wall ${(performance.now() - w0).toFixed(1)} ms, rows ${r.rows.length}`);
      const t2 = process.cpuUsage();
      await conn.query('SELECT Id, Name, EntityStatus FROM Campaigns WHERE Id = ?', [ids[18]!]);
      console.log(`   second query ${cpu(t2).toFixed(1)} ms CPU`);
      await conn.close();
    }
  } else {
    const conn = await connect(base);
    const thousand = (await conn.query('SELECT Id FROM Campaigns')).rows.map((r) => r.Id as string).slice(0, 1000);
    await conn.query('SELECT Impressions FROM Insights');
    const sql = `SELECT EntityId, StartTime, Impressions, Clicks FROM Insights WHERE EntityType = 'CAMPAIGN' AND EntityId IN (${placeholders(thousand)}) AND Granularity = 'DAY' AND StartTime >= '2026-10-01' AND EndTime <= '2026-10-29'`;
    for (let run = 0; run < Number(flags.runs); run++) {
      await fetch(`${c.url}/__emulator/reset`, { method: 'POST' });
      const b0 = await busy();
      const d0 = process.cpuUsage();
      await conn.describe(sql, thousand);
      const describeMs = cpu(d0);
      let inFlight = 0;
      let maxInFlight = 0;
      let area = 0;
      let fullMs = 0;
      let lastAt = performance.now();
      const samples: string[] = [];
      const w0 = performance.now();
      const q0 = process.cpuUsage();
      let rows = 0;
      for await (const _row of conn.stream(sql, thousand, {
        onProgress: (p) => {
          const now = performance.now();
          area += inFlight * (now - lastAt);
          if (inFlight >= 8) fullMs += now - lastAt;
          lastAt = now;
          inFlight = p.inFlight;
          maxInFlight = Math.max(maxInFlight, inFlight);
          if (flags.inflight) samples.push(`${(performance.now() - w0).toFixed(0)}:${p.inFlight}/${p.calls}`);
        },
      })) rows++;
      const queryMs = cpu(q0);
      const wall = performance.now() - w0;
      const b1 = await busy();
      console.log(`run ${run}: rows ${rows}, query ${queryMs.toFixed(0)} ms CPU, describe ${describeMs.toFixed(0)} ms CPU, query-describe ${(queryMs - describeMs).toFixed(0)} ms, wall ${wall.toFixed(0)} ms, maxInFlight ${maxInFlight} avg ${(area / wall).toFixed(2)} full ${((100 * fullMs) / wall).toFixed(0)}%, emulator ${b1.requests - b0.requests} req ${(b1.busyMs - b0.busyMs).toFixed(1)} ms busy`);
      if (flags.inflight) console.log(samples.join(' '));
    }
    await conn.close();
  }
} finally {
  await emulator.stop();
}

/** The emulator in its own process; EMU_NODE_ARGS (e.g. --cpu-prof) go to its node. */
async function startEmulator(args: string[]) {
  const extra = (process.env.EMU_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'src/cli/main.ts', 'emulator', 'twitterads', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  return {
    info: JSON.parse(first) as Record<string, unknown>,
    stop: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGINT'); }),
  };
}
