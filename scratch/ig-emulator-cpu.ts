/** ignet: the Instagram half of bench/emulator-cpu.ts (per-request busy ms), with the batches the connector sends. */
import { parseArgs } from 'node:util';
import { startEmulatorProcess } from '../bench/emulator-process.js';
const { values: flags } = parseArgs({ options: { scale: { type: 'string', default: '12' }, requests: { type: 'string', default: '40' } } });
const scale = Number(flags.scale);
const requests = Number(flags.requests);
interface Row { emulator: string; request: string; coldMs: number; medianMs: number; p90Ms: number }
const rows: Row[] = [];
const DAY = 86_400_000;
async function measure(emulator: string, url: string, request: string, send: (i: number) => Promise<number>): Promise<void> {
  const busy = async () => ((await (await fetch(`${url}/__emulator/stats`)).json()) as { busyMs: number }).busyMs;
  await fetch(`${url}/__emulator/reset`, { method: 'POST' });
  const status = await send(0);
  if (status !== 200) throw new Error(`${emulator} ${request}: HTTP ${status}`);
  const coldMs = await busy();
  const samples: number[] = [];
  let before = coldMs;
  for (let i = 1; i <= requests; i++) {
    await send(i);
    const after = await busy();
    samples.push(after - before);
    before = after;
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  rows.push({ emulator, request, coldMs, medianMs: at(0.5), p90Ms: at(0.9) });
}

async function instagram(): Promise<void> {
  const child = await startEmulatorProcess('instagram', ['--seed', '11', '--scale', String(scale)]);
  const emu = { url: child.info.url, close: () => child.stop() };
  try {
    const { accessToken, businessAccountId: ig } = child.info as unknown as { accessToken: string; businessAccountId: string };
    const graph = async (path: string, init?: RequestInit) => {
      const url = new URL(emu.url + path);
      url.searchParams.set('access_token', accessToken);
      const res = await fetch(url, init);
      await res.arrayBuffer();
      return res.status;
    };
    const media = (await (await fetch(`${emu.url}/v21.0/${ig}/media?limit=100&fields=id,media_product_type&access_token=${accessToken}`)).json()) as {
      data: Array<{ id: string; media_product_type: string }>;
    };
    const reels = media.data.filter((m) => m.media_product_type === 'REELS').map((m) => m.id);
    const batch = media.data.slice(0, 50).map((m) => ({ method: 'GET', relative_url: `v21.0/${m.id}/insights?metric=reach,likes,saved` }));
    // As the connector asks: every metric the media's type serves, and one page of comments per media.
    const allMetrics = 'reach,likes,comments,saved,shares,total_interactions,views';
    const fullBatch = reels.slice(0, 50).map((id) => ({ method: 'GET', relative_url: `v21.0/${id}/insights?metric=${allMetrics}` }));
    const commentsBatch = media.data.slice(0, 50).map((m) => ({ method: 'GET', relative_url: `v21.0/${m.id}/comments?fields=id,text,timestamp,like_count&limit=100` }));
    const form = (items: unknown[]): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ batch: JSON.stringify(items), include_headers: 'false' }).toString() });
    const since = Math.floor((Date.now() - 29 * DAY) / 1000);
    const until = Math.floor(Date.now() / 1000);
    const cases: Array<[string, string, RequestInit?]> = [
      ['GET ig user', `/v21.0/${ig}?fields=id,username,followers_count,media_count`],
      ['GET media limit=100 (all fields)', `/v21.0/${ig}/media?limit=100&fields=id,caption,media_type,media_product_type,timestamp,like_count,comments_count,permalink`],
      ['GET reel insights', `/v21.0/${reels[0]}/insights?metric=reach,likes,comments,saved,shares,views`],
      ['GET comments of a media', `/v21.0/${media.data[0]!.id}/comments?fields=id,text,timestamp,like_count`],
      ['GET account insights 30 days', `/v21.0/${ig}/insights?metric=reach,follower_count&period=day&since=${since}&until=${until}`],
      ['POST batch of 50 media insights', '/v21.0/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ batch: JSON.stringify(batch) }).toString() }],
      [`POST batch of ${fullBatch.length} reel insights, every metric`, '/v21.0/', form(fullBatch)],
      ['POST batch of 50 comment pages', '/v21.0/', form(commentsBatch)],
    ];
    for (const [name, path, init] of cases) await measure('instagram', emu.url, name, () => graph(path, init));
  } finally {
    await emu.close();
  }
}

await instagram();
for (const r of rows) console.log(`${r.request.padEnd(50)} cold ${r.coldMs.toFixed(2)} median ${r.medianMs.toFixed(2)} p90 ${r.p90Ms.toFixed(2)}`);
