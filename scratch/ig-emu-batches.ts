/**
 * ignet: the Instagram emulator's CPU per batch for exactly the batches the connector sends (captured
 * from the request log of one MediaInsights and one Comments query), replayed N times each; busy ms
 * from GET /__emulator/stats (the emulator's own CPU time), median and p90 per batch and per item.
 *   node --import tsx scratch/ig-emu-batches.ts [rounds]
 */
import { createHmac } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { connect } from '../src/providers/instagram/index.js';

const rounds = Number(process.argv[2] ?? 10);
const prof = process.env.EMU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.EMU_PROF}`] : [];
const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'src/cli/main.ts', 'emulator', 'instagram', '--port', '0', '--seed', '11', '--scale', '12'], { stdio: ['ignore', 'pipe', 'inherit'] });
const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
const c = JSON.parse(first) as { url: string; clientSecret: string; accessToken: string; businessAccountId: string };
const conn = await connect(`BaseURL=${c.url};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};BusinessAccountId=${c.businessAccountId};MaxConcurrency=8`);
type Part = { method: string; path: string; query: Record<string, string> };
const log = async () => (await (await fetch(`${c.url}/__emulator/requests`)).json()) as { method: string; path: string; parts?: Part[] }[];
const busy = async () => ((await (await fetch(`${c.url}/__emulator/stats`)).json()) as { busyMs: number }).busyMs;
try {
  const media = (await conn.query('SELECT Id FROM Media')).rows.map((r) => r.Id as string);
  const ph = (n: number) => Array.from({ length: n }, () => '?').join(',');
  const kinds: { name: string; parts: Part[][] }[] = [];
  for (const [name, sql, params] of [
    ['ids reads (20 x 50 ids)', `SELECT * FROM MediaInsights WHERE MediaId IN (${ph(1000)})`, media.slice(0, 1000)],
    ['comments (50 first pages)', `SELECT Id, MediaId, Text FROM Comments WHERE MediaId IN (${ph(500)})`, media.slice(0, 500)],
  ] as const) {
    const before = (await log()).length;
    await conn.query(sql, [...params]);
    const batches = (await log()).slice(before).filter((r) => r.parts).map((r) => r.parts!);
    if (name.startsWith('ids')) {
      kinds.push({ name, parts: batches.slice(0, 1) });
      kinds.push({ name: 'insights (50 media)', parts: batches.slice(1) });
    } else kinds.push({ name, parts: batches });
  }
  const proof = createHmac('sha256', c.clientSecret).update(c.accessToken).digest('hex');
  for (const kind of kinds) {
    const bodies = kind.parts.map((parts) =>
      new URLSearchParams({ batch: JSON.stringify(parts.map((p) => ({ method: p.method, relative_url: `${p.path.slice(1)}?${new URLSearchParams(p.query).toString()}` }))), include_headers: 'false' }).toString(),
    );
    const samples: number[] = [];
    let items = 0;
    for (let r = 0; r < rounds; r++) {
      await fetch(`${c.url}/__emulator/reset`, { method: 'POST' });
      for (const [i, body] of bodies.entries()) {
        const b0 = await busy();
        const res = await request(`${c.url}/?appsecret_proof=${proof}`, { method: 'POST', headers: { authorization: `Bearer ${c.accessToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body });
        const text = await res.body.text();
        if (res.statusCode !== 200 || text.includes('"code":4')) throw new Error(`${kind.name}: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
        samples.push((await busy()) - b0);
        if (r === 0) items += kind.parts[i]!.length;
      }
    }
    const perBatch = items / kind.parts.length;
    const sorted = samples.slice(kind.parts.length).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    console.log(`${kind.name.padEnd(28)} ${kind.parts.length} batches of ${perBatch.toFixed(0)} items: cold first ${samples[0]!.toFixed(2)} ms; warm median ${at(0.5).toFixed(2)} ms/batch (${((at(0.5) / perBatch) * 1000).toFixed(0)} us/item), p90 ${at(0.9).toFixed(2)} ms`);
  }
} finally {
  await conn.close();
  await new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM')));
}
