/** Planned calls of async Insights, with no HTTP: the job POSTs and polls are data, and what is sent equals them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { HttpRequest, HttpResponse } from '../../src/http/types.js';
import type { CallOptions } from '../../src/providers/api-client.js';
import { AsyncDownloader, DownloadHosts } from '../../src/providers/twitterads/async-download.js';
import type { TwitterAdsClient } from '../../src/providers/twitterads/client.js';
import { InsightsTable } from '../../src/providers/twitterads/insights-table.js';
import type { Row } from '../../src/catalog/types.js';
import { cmp, eq, isIn, plannedTexts, request } from './fake-client.js';

const A = 'a1';
const NOW = new Date('2026-12-01T00:00:00Z');
const DOWNLOADS = 'https://ton.twimg.com';

/** A client whose jobs succeed on the first poll; each job's result has one bucket per day, segmented when asked. */
function fakeClient(sent: string[]) {
  const jobs = new Map<string, Record<string, string>>();
  const client = {
    endpointPrefix: '/12',
    fanOut: 2,
    describeDefault: () => '(first account)',
    defaultAccount: async () => A,
    defaultAccounts: async () => [A],
    primeTimezones: async () => {},
    timezoneOf: async () => 'UTC',
    list: async function* () {},
    // The sync endpoint, for the warm-up query: no entities.
    getJson: async (_path: string, query: Record<string, string>) => ({ time_series_length: Math.round((Date.parse(query.end_time!) - Date.parse(query.start_time!)) / 86_400_000), data: [] }),
    jobExchange: async (method: string, path: string, query: Record<string, string>, _shape: unknown, options: CallOptions) => {
      options.onCall();
      sent.push(`${method} ${path}?${new URLSearchParams(query).toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`);
      if (method === 'POST') {
        const id = String(jobs.size + 1);
        jobs.set(id, query);
        return { body: { data: { id_str: id, status: 'QUEUED', url: null } }, headers: { 'x-concurrent-job-limit': '100', 'x-concurrent-job-limit-remaining': String(100 - jobs.size) } };
      }
      const ids = query.job_ids!.split(',');
      return { body: { data: ids.map((id) => ({ id_str: id, status: 'SUCCESS', url: `${DOWNLOADS}/advertiser-api-async-analytics/${id}.json.gz` })) }, headers: {} };
    },
  };
  const download = async (req: HttpRequest): Promise<HttpResponse> => {
    assert.equal(req.headers?.authorization, undefined);
    req.onSent?.();
    sent.push(`DOWNLOAD ${new URL(req.url).pathname}`);
    const id = /\/(\d+)\.json\.gz$/.exec(req.url)![1]!;
    const job = jobs.get(id)!;
    const days = (Date.parse(job.end_time!) - Date.parse(job.start_time!)) / 86_400_000;
    const segments = job.segmentation_type ? [{ segment_name: 'Male', segment_value: '1' }, { segment_name: 'Female', segment_value: '2' }] : [null];
    const data = job.entity_ids!.split(',').map((entity) => ({ id: entity, id_data: segments.map((segment, s) => ({ segment, metrics: { impressions: Array.from({ length: days }, (_, d) => d + s + 1) } })) }));
    return { status: 200, headers: {}, body: '', bytes: gzipSync(JSON.stringify({ time_series_length: days, data })) };
  };
  const downloader = new AsyncDownloader({ send: download, hosts: new DownloadHosts([DOWNLOADS]), maxBytes: 10_000_000, maxConcurrency: 2 });
  return { client: client as unknown as TwitterAdsClient, downloader };
}

async function rowsOf(plan: ReturnType<InsightsTable['plan']>): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const page of plan.pages({ signal: new AbortController().signal })) rows.push(...page);
  return rows;
}

test('async Insights planned calls: one POST per 20 ids × 90 days, then a poll; what is sent is what was planned', async () => {
  const sent: string[] = [];
  const { client, downloader } = fakeClient(sent);
  const table = new InsightsTable(client, () => NOW, { useAsync: 'true', downloader, pollSchedule: { firstMs: 0, maxMs: 0, earlyDownloadTries: 1, createTries: 1 } });
  await rowsOf(table.plan(request([eq('AccountId', A)], ['Impressions'])));
  sent.length = 0;
  const ids = Array.from({ length: 25 }, (_, i) => `c${i}`);
  const plan = table.plan(request([eq('AccountId', A), eq('EntityType', 'CAMPAIGN'), isIn('EntityId', ...ids), cmp('StartTime', '>=', '2026-01-01'), cmp('EndTime', '<=', '2026-04-11')], ['Impressions']));
  const planned = (plannedTexts(plan) as string[][]).map(([c]) => c!);
  const tail = 'granularity=DAY&placement=ALL_ON_TWITTER&metric_groups=ENGAGEMENT';
  const w1 = 'start_time=2026-01-01T00:00:00Z&end_time=2026-04-01T00:00:00Z';
  const w2 = 'start_time=2026-04-01T00:00:00Z&end_time=2026-04-11T00:00:00Z';
  const chunk1 = `entity=CAMPAIGN&entity_ids=${ids.slice(0, 20).join(',')}`;
  const chunk2 = `entity=CAMPAIGN&entity_ids=${ids.slice(20).join(',')}`;
  assert.deepEqual(planned, [
    `POST /stats/jobs/accounts/${A}?${chunk1}&${w1}&${tail}`,
    `POST /stats/jobs/accounts/${A}?${chunk1}&${w2}&${tail}`,
    `POST /stats/jobs/accounts/${A}?${chunk2}&${w1}&${tail}`,
    `POST /stats/jobs/accounts/${A}?${chunk2}&${w2}&${tail}`,
    `GET /stats/jobs/accounts/${A}?job_ids=(the ids the POSTs return)`,
  ]);
  // 4 jobs + 4 estimated polls + 4 downloads.
  assert.equal(plan.explain().estimatedCalls, 12);
  const rows = await rowsOf(plan);
  assert.deepEqual(sent.filter((s) => s.startsWith('POST')), planned.slice(0, 4));
  // Job 1 was the warm-up query's.
  assert.deepEqual(sent.filter((s) => s.startsWith('GET')), [`GET /stats/jobs/accounts/${A}?job_ids=2,3,4,5`]);
  assert.deepEqual(sent.filter((s) => s.startsWith('DOWNLOAD')).sort(), ['2', '3', '4', '5'].map((id) => `DOWNLOAD /advertiser-api-async-analytics/${id}.json.gz`));
  assert.equal(rows.length, 25 * 100);
  const first = rows.find((r) => r.EntityId === 'c0' && (r.StartTime as Date).toISOString() === '2026-04-01T00:00:00.000Z')!;
  assert.equal(first.Impressions, 1, 'day 1 of the second window');
  assert.equal(plan.stats().calls, 4 + 1 + 4);
});

test('async Insights planned calls: SegmentationType adds segmentation_type and 45-day windows; rows carry the segment', async () => {
  const sent: string[] = [];
  const { client, downloader } = fakeClient(sent);
  const table = new InsightsTable(client, () => NOW, { useAsync: 'auto', downloader, pollSchedule: { firstMs: 0, maxMs: 0, earlyDownloadTries: 1, createTries: 1 } });
  await rowsOf(table.plan(request([eq('AccountId', A)], ['Impressions'])));
  sent.length = 0;
  const plan = table.plan(request([eq('AccountId', A), eq('EntityType', 'CAMPAIGN'), eq('EntityId', 'c1'), eq('SegmentationType', 'gender'), cmp('StartTime', '>=', '2026-01-01'), cmp('EndTime', '<=', '2026-03-02')], ['Impressions', 'SegmentName']));
  assert.deepEqual((plannedTexts(plan) as string[][]).map(([c]) => c), [
    `POST /stats/jobs/accounts/${A}?entity=CAMPAIGN&entity_ids=c1&start_time=2026-01-01T00:00:00Z&end_time=2026-02-15T00:00:00Z&granularity=DAY&placement=ALL_ON_TWITTER&metric_groups=ENGAGEMENT&segmentation_type=GENDER`,
    `POST /stats/jobs/accounts/${A}?entity=CAMPAIGN&entity_ids=c1&start_time=2026-02-15T00:00:00Z&end_time=2026-03-02T00:00:00Z&granularity=DAY&placement=ALL_ON_TWITTER&metric_groups=ENGAGEMENT&segmentation_type=GENDER`,
    `GET /stats/jobs/accounts/${A}?job_ids=(the ids the POSTs return)`,
  ]);
  assert.match(plan.explain().notes.join(' '), /chosen: async \(SegmentationType is served by async jobs only\)/);
  assert.ok(plan.explain().pushed.includes('segmentation_type=GENDER'));
  const rows = await rowsOf(plan);
  assert.equal(rows.length, 60 * 2);
  assert.deepEqual(new Set(rows.map((r) => `${String(r.SegmentationType)}:${String(r.SegmentName)}=${String(r.SegmentValue)}`)), new Set(['GENDER:Male=1', 'GENDER:Female=2']));
});
