/**
 * Emulator busy CPU per request over HTTP (GET /__emulator/stats busyMsByRoute), Twitter Ads, scale 21 seed 11:
 * stats HOUR × 5 groups, stats DAY, active_entities CAMPAIGN / LINE_ITEM. ROOT picks the tree (to compare commits).
 *   ROOT=/tmp/old node --import tsx scratch/emu2-http-cpu.ts
 */
import { resolve } from 'node:path';
const root = resolve(process.env.ROOT ?? '.');
const { startTwitterAdsEmulator } = await import(`${root}/src/emulator/twitterads/index.js`);
const { call, qs } = await import(`${root}/test/emulator/twitterads-client.js`);
// SPAWN=1: the emulator in its own process (src/cli/main.ts), so the client's garbage is not collected on its clock.
let emu: any;
let child: import('node:child_process').ChildProcess | undefined;
if (process.env.SPAWN) {
  const { spawn } = await import('node:child_process');
  const { createInterface } = await import('node:readline');
  child = spawn(process.execPath, [...(process.env.EMU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.EMU_PROF}`] : []), '--import', 'tsx', `${root}/src/cli/main.ts`, 'emulator', 'twitterads', '--port', '0', '--seed', '11', '--scale', '21', '--rate-limit', '1000000', '--now', '2026-12-02T05:00:00Z'], { stdio: ['ignore', 'pipe', 'inherit'], cwd: root });
  const line = await new Promise<string>((ok) => createInterface({ input: child!.stdout! }).once('line', ok));
  const { url, downloadUrl, ...credentials } = JSON.parse(line);
  emu = { url, downloadUrl, credentials, close: async () => { child!.kill('SIGINT'); await new Promise((ok) => child!.once('exit', ok)); } };
} else emu = await startTwitterAdsEmulator({ seed: 11, scale: 21, rateLimit: 1_000_000, dataNow: '2026-12-02T05:00:00Z' });
try {
  const accounts: any[] = (await call(emu, '/12/accounts' + qs({ count: 1000 }))).body.data;
  const account = accounts.sort((a, b) => (a.created_at < b.created_at ? 1 : -1))[0];
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(emu, `/12/accounts/${account.id}/campaigns` + qs({ count: 1000, ...(cursor ? { cursor } : {}) }));
    ids.push(...page.body.data.map((c: any) => c.id));
    cursor = page.body.next_cursor ?? undefined;
  } while (cursor);
  const busy = async () => (await (await fetch(emu.url + '/__emulator/stats')).json()).busyMsByRoute as Record<string, number>;
  const measure = async (label: string, paths: string[], rounds = 3) => {
    if (process.env.ONLY && !label.includes(process.env.ONLY)) return;
    for (const p of paths) await call(emu, p); // warm-up
    const per: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const before = await busy();
      for (const p of paths) { const res = await call(emu, p); if (res.status !== 200) throw new Error(JSON.stringify(res.body).slice(0, 300)); }
      const after = await busy();
      const total = Object.keys(after).reduce((s, k) => s + (k.includes('__emulator') ? 0 : after[k]! - (before[k] ?? 0)), 0);
      per.push(total / paths.length);
    }
    per.sort((a, b) => a - b);
    console.log(`${label.padEnd(34)} ${per[Math.floor(per.length / 2)]!.toFixed(3)} ms/request (median of ${rounds} rounds of ${paths.length})`);
  };
  const stats = (i: number, g: string, groups: string, s: string, e: string) => `/12/stats/accounts/${account.id}` + qs({ entity: 'CAMPAIGN', entity_ids: ids.slice(i * 20, i * 20 + 20).join(','), start_time: s, end_time: e, granularity: g, metric_groups: groups, placement: 'ALL_ON_TWITTER' });
  await measure('stats HOUR 7d x 5 groups', Array.from({ length: 20 }, (_, i) => stats(i, 'HOUR', 'ENGAGEMENT,BILLING,VIDEO,MEDIA,WEB_CONVERSION', '2026-11-20T00:00:00Z', '2026-11-27T00:00:00Z')));
  await measure('stats DAY 7d ENGAGEMENT', Array.from({ length: 20 }, (_, i) => stats(i, 'DAY', 'ENGAGEMENT', '2026-10-01', '2026-10-08')));
  for (const entity of ['CAMPAIGN', 'LINE_ITEM']) await measure(`active_entities ${entity}`, Array.from({ length: 5 }, (_, i) => `/12/stats/accounts/${account.id}/active_entities` + qs({ entity, start_time: `2026-11-${10 + i}T00:00:00Z`, end_time: '2026-11-27T00:00:00Z' })));
  await measure('campaigns list 1000 rows', [`/12/accounts/${account.id}/campaigns` + qs({ count: 1000 })], 5);
  await measure('line_items list 1000 rows', [`/12/accounts/${account.id}/line_items` + qs({ count: 1000 })], 5);
} finally {
  await emu.close();
}
