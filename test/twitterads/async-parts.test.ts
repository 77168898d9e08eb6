/**
 * The parts of async Insights on their own: the download allow-list, the downloader against a real
 * local server (no credentials, bounded inflation, refusals before any request), the path choice,
 * and the planned jobs (90-day windows, 45 with segmentation).
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createTransport } from '../../src/http/transport.js';
import { choosePath, costsOf } from '../../src/providers/twitterads/analytics-path.js';
import { AsyncDownloader, DownloadHosts, downloadHostsFor } from '../../src/providers/twitterads/async-download.js';
import { planStatsCalls, planStatsJobs, type StatsInputs } from '../../src/providers/twitterads/insights-calls.js';

const result = { data_type: 'stats', time_series_length: 1, data: [{ id: 'c1', id_data: [{ segment: null, metrics: { impressions: [5] } }] }], request: { params: {} } };
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
const server = createServer((req, res) => {
  seen.push({ url: req.url ?? '', headers: req.headers });
  if (req.url === '/big.json.gz') return void res.end(gzipSync(Buffer.alloc(200_000, ' ')));
  if (req.url === '/moved.json.gz') return void res.writeHead(302, { location: 'http://elsewhere.invalid/x' }).end();
  if (req.url === '/early.json.gz') return void res.writeHead(426).end('Upgrade Required');
  res.writeHead(200, { 'content-type': 'application/gzip' }).end(gzipSync(JSON.stringify(result)));
});
let origin = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const transport = createTransport({ timeoutSeconds: 5, maxResponseBytes: 1_000_000 });
after(() => transport.close());
const callOptions = () => ({ signal: AbortSignal.timeout(5_000), onCall: () => {} });

test('the allow-list: origins, bare hosts (https only), any port; and its defaults', () => {
  const hosts = new DownloadHosts(['ton.twimg.com', 'http://127.0.0.1:*', 'https://files.example:8443']);
  assert.ok(hosts.allows(new URL('https://ton.twimg.com/advertiser-api-async-analytics/x.json.gz')));
  assert.ok(!hosts.allows(new URL('http://ton.twimg.com/x')), 'a bare host is https only');
  assert.ok(!hosts.allows(new URL('https://ton.twimg.com.evil.example/x')));
  assert.ok(hosts.allows(new URL('http://127.0.0.1:4321/x')));
  assert.ok(!hosts.allows(new URL('http://127.0.0.2:4321/x')));
  assert.ok(hosts.allows(new URL('https://files.example:8443/x')));
  assert.ok(!hosts.allows(new URL('https://files.example/x')));
  assert.deepEqual(downloadHostsFor({}).listed, ['https://ton.twimg.com']);
  assert.deepEqual(downloadHostsFor({ emulatorDownloadUrl: 'http://127.0.0.1:5555' }).listed, ['http://127.0.0.1:5555']);
  assert.deepEqual(downloadHostsFor({ baseUrl: 'http://127.0.0.1:4000' }).listed, ['http://127.0.0.1:*']);
  assert.deepEqual(downloadHostsFor({ configured: 'ton.twimg.com, https://x.example', baseUrl: 'http://127.0.0.1:4000' }).listed, ['ton.twimg.com', ' https://x.example']);
});

test('a download is a plain GET with no credentials; the gzip is inflated and checked', async () => {
  seen.length = 0;
  const downloader = new AsyncDownloader({ send: transport.send, hosts: new DownloadHosts([origin]), maxBytes: 100_000, maxConcurrency: 2 });
  const outcome = await downloader.download(`${origin}/r/abc.json.gz`, callOptions());
  assert.deepEqual(outcome, { kind: 'result', timeSeriesLength: 1, data: result.data });
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.headers.authorization, undefined);
  assert.equal(seen[0]!.headers.cookie, undefined);
  assert.ok(!seen[0]!.url.includes('oauth_'));
  assert.deepEqual(await downloader.download(`${origin}/early.json.gz`, callOptions()), { kind: 'early' });
});

test('a host off the list, an inflated body past MaxResponseSize and a redirect are ApiErrors; nothing is sent to a refused host', async () => {
  seen.length = 0;
  const downloader = new AsyncDownloader({ send: transport.send, hosts: new DownloadHosts(['ton.twimg.com']), maxBytes: 100_000, maxConcurrency: 2 });
  await assert.rejects(downloader.download(`${origin}/r/abc.json.gz`, callOptions()), { code: 'API', apiCode: 'DOWNLOAD_HOST_NOT_ALLOWED' });
  assert.equal(seen.length, 0);
  const local = new AsyncDownloader({ send: transport.send, hosts: new DownloadHosts([origin]), maxBytes: 100_000, maxConcurrency: 2 });
  await assert.rejects(local.download(`${origin}/big.json.gz`, callOptions()), { apiCode: 'RESPONSE_TOO_LARGE' });
  await assert.rejects(local.download(`${origin}/moved.json.gz`, callOptions()), { apiCode: 'REDIRECT' });
  await assert.rejects(local.download('not a url', callOptions()), { apiCode: 'DOWNLOAD_URL_INVALID' });
});

const inputs = (from: string, to: string, ids: number): StatsInputs => ({
  entityType: 'CAMPAIGN',
  groups: ['ENGAGEMENT', 'MOBILE_CONVERSION'],
  accounts: ['a1'],
  zones: new Map([['a1', 'UTC']]),
  entityIds: () => Array.from({ length: ids }, (_, i) => `c${i}`),
  granularities: ['DAY'],
  placements: ['ALL_ON_TWITTER'],
  time: { lower: { op: '>=', value: from }, upper: { op: '<=', value: to } },
  now: new Date('2026-12-01T00:00:00Z'),
});

test('planned jobs: 90-day windows, 45 with segmentation, POSTs with the segmentation parameters; MOBILE_CONVERSION apart', () => {
  const jobs = planStatsJobs(inputs('2026-01-01', '2026-07-01', 30));
  // 181 days: windows of 90, 90, 1 × 2 id chunks × 2 group sets.
  assert.equal(jobs.length, 3 * 2 * 2);
  assert.ok(jobs.every((j) => j.method === 'POST' && j.path === '/stats/jobs/accounts/a1'));
  assert.deepEqual(jobs.slice(0, 2).map((j) => [j.query.start_time, j.query.end_time, j.query.metric_groups, j.unit]), [
    ['2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z', 'ENGAGEMENT', 1],
    ['2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z', 'MOBILE_CONVERSION', 1],
  ]);
  const segmented = planStatsJobs(inputs('2026-01-01', '2026-03-02', 5), { type: 'METROS', country: 'US' });
  assert.deepEqual(segmented.filter((j) => j.part === 0).map((j) => [j.query.start_time, j.query.end_time]), [
    ['2026-01-01T00:00:00Z', '2026-02-15T00:00:00Z'],
    ['2026-02-15T00:00:00Z', '2026-03-02T00:00:00Z'],
  ]);
  assert.ok(segmented.every((j) => j.query.segmentation_type === 'METROS' && j.query.country === 'US'));
  assert.equal(planStatsCalls(inputs('2026-01-01', '2026-07-01', 30)).length, 26 * 2 * 2, 'sync: 26 windows of ≤7 days');
});

test('the choice: auto takes async from half the calls or past the budget; segmentation always; false refuses segmentation', () => {
  const long = inputs('2026-01-01', '2026-04-01', 200);
  const costs = costsOf(planStatsCalls({ ...long, groups: ['ENGAGEMENT'] }), planStatsJobs({ ...long, groups: ['ENGAGEMENT'] }));
  assert.deepEqual(costs, { syncCalls: 130, jobs: 10, polls: 4, downloads: 10, asyncCalls: 24 });
  assert.equal(choosePath('auto', costs, false).path, 'async');
  assert.equal(choosePath('false', costs, false).path, 'sync');
  const week = inputs('2026-01-01', '2026-01-08', 20);
  const small = costsOf(planStatsCalls({ ...week, groups: ['ENGAGEMENT'] }), planStatsJobs({ ...week, groups: ['ENGAGEMENT'] }));
  assert.deepEqual(small, { syncCalls: 1, jobs: 1, polls: 4, downloads: 1, asyncCalls: 6 });
  assert.equal(choosePath('auto', small, false).path, 'sync');
  assert.equal(choosePath('true', small, false).path, 'async');
  assert.equal(choosePath('auto', small, true).path, 'async');
  // 45 ids × 30 days: 15 sync calls against ~10 async: not worth a job's wait.
  const month = inputs('2026-01-01', '2026-01-31', 45);
  assert.equal(choosePath('auto', costsOf(planStatsCalls({ ...month, groups: ['ENGAGEMENT'] }), planStatsJobs({ ...month, groups: ['ENGAGEMENT'] })), false).path, 'sync');
  // Past the budget: 1300 entities × 4 weeks are 260 sync calls.
  const wide = inputs('2026-01-01', '2026-01-29', 1300);
  const wideCosts = costsOf(planStatsCalls({ ...wide, groups: ['ENGAGEMENT'] }), planStatsJobs({ ...wide, groups: ['ENGAGEMENT'] }));
  assert.equal(wideCosts.syncCalls, 65 * 4);
  assert.match(choosePath('auto', wideCosts, false).why, /exceed the 250-call budget/);
  assert.throws(() => choosePath('false', small, true), { code: 'PLAN', message: /UseAsyncAPI=false/ });
});
