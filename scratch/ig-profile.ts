/**
 * ignet's profile driver (issue 9): the Instagram bench queries against the emulator in its own process
 * (--seed 11 --scale 12 --latency 0); client CPU per query, minus parse+plan (conn.describe), and the
 * emulator's busy time per request.
 *   node --import tsx scratch/ig-profile.ts [runs] [only]
 */
import { connect } from '../src/providers/instagram/index.js';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createInterface } from 'node:readline';

const runs = Number(process.argv[2] ?? 5);
const only = process.argv[3];
// EMU_PROF=dir: the emulator writes a CPU profile there when it stops.
const prof = process.env.EMU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.EMU_PROF}`] : [];
const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'src/cli/main.ts', 'emulator', 'instagram', '--port', '0', '--seed', '11', '--scale', '12', '--latency', process.env.LATENCY ?? '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
const emulator = { stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) };
const c = JSON.parse(first) as { url: string; clientSecret: string; accessToken: string; businessAccountId: string };
const conn = await connect(`BaseURL=${c.url};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};BusinessAccountId=${c.businessAccountId};MaxConcurrency=8`);
const stats = async () => (await (await fetch(`${c.url}/__emulator/stats`)).json()) as { requests: number; busyMs: number };
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
try {
  const media = (await conn.query('SELECT Id FROM Media')).rows.map((r) => r.Id as string);
  const ph = (n: number) => Array.from({ length: n }, () => '?').join(',');
  const cases = [
    { name: 'MediaInsights 1000', sql: `SELECT * FROM MediaInsights WHERE MediaId IN (${ph(1000)})`, params: media.slice(0, 1000) },
    { name: 'Comments 500', sql: `SELECT Id, MediaId, Text FROM Comments WHERE MediaId IN (${ph(500)})`, params: media.slice(0, 500) },
  ].filter((k) => !only || k.name.startsWith(only));
  // CLIENT_PROF=dir: a CPU profile of each case's measured runs (stream only, not describe) in dir/<case>.cpuprofile.
  const session = process.env.CLIENT_PROF ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
  }
  for (const k of cases) {
    const samples: { total: number; plan: number; busy: number; calls: number; rows: number; wall: number }[] = [];
    for (let r = 0; r < runs; r++) {
      await fetch(`${c.url}/__emulator/reset`, { method: 'POST' });
      const p0 = process.cpuUsage();
      await conn.describe(k.sql, k.params);
      const plan = cpuMs(process.cpuUsage(p0));
      const before = await stats();
      const t0 = performance.now();
      if (session) await session.post('Profiler.start');
      const c0 = process.cpuUsage();
      let rows = 0;
      for await (const _ of conn.stream(k.sql, k.params)) rows++;
      const total = cpuMs(process.cpuUsage(c0));
      if (session) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(`${process.env.CLIENT_PROF}/${k.name.split(' ')[0]}-${r}.cpuprofile`, JSON.stringify(profile));
      }
      const wall = performance.now() - t0;
      const after = await stats();
      samples.push({ total, plan, busy: after.busyMs - before.busyMs, calls: after.requests - before.requests, rows, wall });
    }
    for (const [i, s] of samples.entries())
      console.log(`${k.name} run ${i}: rows ${s.rows} calls ${s.calls} wall ${s.wall.toFixed(0)} ms; client CPU ${s.total.toFixed(1)} ms, parse+plan ${s.plan.toFixed(1)} ms, excl. ${(s.total - s.plan).toFixed(1)} ms; emulator busy ${s.busy.toFixed(1)} ms (${(s.busy / s.calls).toFixed(2)} ms/request)`);
    const med = (f: (s: (typeof samples)[number]) => number) => (samples.length > 1 ? samples.slice(1) : samples).map(f).sort((a, b) => a - b)[Math.floor((samples.length - 1) / 2)]!;
    console.log(`${k.name} warm median: client excl. parse+plan ${med((s) => s.total - s.plan).toFixed(1)} ms, parse+plan ${med((s) => s.plan).toFixed(1)} ms, emulator busy ${med((s) => s.busy).toFixed(1)} ms`);
  }
} finally {
  await conn.close();
  await emulator.stop();
}
