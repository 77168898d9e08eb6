/**
 * The emulators' own CPU time per request (busyMs from GET /__emulator/stats), per kind of request:
 * the first (cold) request, then the median and 90th percentile of the next N. Target (issue 9): at
 * most 2 ms each. The emulator runs in its own process, so the client's work (and its garbage) is not
 * charged to it; the median keeps other processes' load on a shared machine out of the figure.
 *   npx tsx bench/emulator-cpu.ts [--scale N] [--requests N] [--json]
 */
import { parseArgs } from 'node:util';
import type { RunningEmulator } from '../src/emulator/twitterads/index.js';
import { call, qs } from '../test/emulator/twitterads-client.js';
import { startEmulatorProcess } from './emulator-process.js';

const { values: flags } = parseArgs({ options: { scale: { type: 'string', default: '1' }, requests: { type: 'string', default: '100' }, json: { type: 'boolean', default: false } } });
const scale = Number(flags.scale);
const requests = Number(flags.requests);

interface Row {
  emulator: string;
  request: string;
  coldMs: number;
  medianMs: number;
  p90Ms: number;
}

const rows: Row[] = [];

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

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const wholeHour = (ms: number) => new Date(Math.floor(ms / 3_600_000) * 3_600_000).toISOString().replace('.000', '');

async function twitter(): Promise<void> {
  const child = await startEmulatorProcess('twitterads', ['--seed', '11', '--scale', String(scale)]);
  const { url, ...credentials } = child.info as unknown as { url: string } & RunningEmulator['credentials'];
  const emu: RunningEmulator = { url, credentials, close: () => child.stop() };
  try {
    const account = emu.credentials.accountIds[0]!;
    const get = async (path: string) => (await call(emu, path)).status;
    const all = await call(emu, `/12/accounts/${account}/campaigns` + qs({ count: 1000, with_deleted: true, with_draft: true }));
    const ids: string[] = all.body.data.map((c: { id: string }) => c.id);
    const cursor = (await call(emu, `/12/accounts/${account}/campaigns` + qs({ count: 20 }))).body.next_cursor as string;
    const now = Date.now();
    const stats = (granularity: string, groups: string, entity = 'CAMPAIGN', entityIds = ids.slice(0, 20)) =>
      `/12/stats/accounts/${account}` +
      qs({
        entity,
        entity_ids: entityIds.join(','),
        start_time: granularity === 'DAY' ? isoDate(now - 10 * DAY) : wholeHour(now - 7 * DAY),
        end_time: granularity === 'DAY' ? isoDate(now - 3 * DAY) : wholeHour(now),
        granularity,
        metric_groups: groups,
        placement: 'ALL_ON_TWITTER',
      });
    const cases: Array<[string, string]> = [
      ['GET accounts', '/12/accounts'],
      ['GET campaigns count=1000 (all flags)', `/12/accounts/${account}/campaigns` + qs({ count: 1000, with_deleted: true, with_draft: true })],
      ['GET campaigns count=20, next page', `/12/accounts/${account}/campaigns` + qs({ count: 20, cursor })],
      ['GET campaigns by 200 ids', `/12/accounts/${account}/campaigns` + qs({ campaign_ids: ids.slice(0, 200).join(','), with_deleted: true, with_draft: true })],
      ['GET line_items count=1000', `/12/accounts/${account}/line_items` + qs({ count: 1000 })],
      ['GET promoted_tweets count=1000', `/12/accounts/${account}/promoted_tweets` + qs({ count: 1000 })],
      ['GET stats 20 campaigns DAY 7d ENGAGEMENT,BILLING', stats('DAY', 'ENGAGEMENT,BILLING')],
      ['GET stats 20 campaigns HOUR 7d 5 groups', stats('HOUR', 'ENGAGEMENT,BILLING,VIDEO,MEDIA,WEB_CONVERSION')],
      ['GET stats 20 campaigns TOTAL 7d ENGAGEMENT', stats('TOTAL', 'ENGAGEMENT')],
      ['GET stats account DAY 7d ENGAGEMENT', stats('DAY', 'ENGAGEMENT', 'ACCOUNT', [account])],
      ['GET active_entities CAMPAIGN 7d', `/12/stats/accounts/${account}/active_entities` + qs({ entity: 'CAMPAIGN', start_time: wholeHour(now - 7 * DAY), end_time: wholeHour(now) })],
      ['GET active_entities LINE_ITEM 7d', `/12/stats/accounts/${account}/active_entities` + qs({ entity: 'LINE_ITEM', start_time: wholeHour(now - 7 * DAY), end_time: wholeHour(now) })],
    ];
    for (const [name, path] of cases) await measure('twitterads', emu.url, name, () => get(path));
  } finally {
    await emu.close();
  }
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
    // As MediaInsights level 1 asks first: 20 reads of 50 ids each in one batch (1,000 media projected).
    const allIds: string[] = [];
    for (let next: string | undefined = `${emu.url}/v21.0/${ig}/media?limit=100&fields=id&access_token=${accessToken}`; next && allIds.length < 1000; ) {
      const page = (await (await fetch(next)).json()) as { data: Array<{ id: string }>; paging?: { next?: string } };
      allIds.push(...page.data.map((m) => m.id));
      next = page.paging?.next;
    }
    const idsBatch = Array.from({ length: Math.ceil(Math.min(allIds.length, 1000) / 50) }, (_, i) => ({
      method: 'GET',
      relative_url: `?ids=${allIds.slice(i * 50, i * 50 + 50).join(',')}&fields=id,media_type,media_product_type,timestamp`,
    }));
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
      [`POST batch of ${idsBatch.length} ?ids= reads (50 ids each)`, '/v21.0/', form(idsBatch)],
    ];
    for (const [name, path, init] of cases) await measure('instagram', emu.url, name, () => graph(path, init));
  } finally {
    await emu.close();
  }
}

await twitter();
await instagram();
if (flags.json) {
  console.log(JSON.stringify({ scale, requests, rows }));
} else {
  console.log(`\n## Emulator CPU per request (busyMs; scale ${scale}; cold = first request, then ${requests} more)\n`);
  console.log('| emulator | request | cold ms | median ms | p90 ms |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.emulator} | ${r.request} | ${r.coldMs.toFixed(2)} | ${r.medianMs.toFixed(2)} | ${r.p90Ms.toFixed(2)} |`);
}
