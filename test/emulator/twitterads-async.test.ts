// Async analytics jobs: limits, lifecycle on an injected clock, the second download origin,
// results equal to the sync view, segmentation that sums to the totals, and the known races.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { admin, call, fetchAll, qs } from './twitterads-client.js';

let emu: RunningEmulator;
let la: string;
let campaignIds: string[];
let offsetMs = 0; // advances the emulator's request clock (job lifecycles) without sleeping
const WEEK = { start_time: '2025-05-20T07:00:00Z', end_time: '2025-05-27T07:00:00Z' };

before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 14, now: () => new Date(Date.now() + offsetMs), asyncJobDelayMs: 10_000 });
  la = emu.credentials.accountIds[0]!;
  campaignIds = (await fetchAll(emu, `/12/accounts/${la}/campaigns`, { count: 1000 })).rows.map((c) => c.id);
});
after(() => emu.close());

const jobsPath = () => `/12/stats/jobs/accounts/${la}`;
const createJob = (params: Record<string, string>) =>
  call(emu, jobsPath() + qs({ entity: 'CAMPAIGN', granularity: 'DAY', placement: 'ALL_ON_TWITTER', metric_groups: 'ENGAGEMENT,BILLING', ...params }), { method: 'POST' });
const download = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
};

test('a job goes QUEUED → PROCESSING → SUCCESS on the clock; its result, from the second origin, equals the sync view', async () => {
  const ids = campaignIds.slice(0, 5).join(',');
  const created = await createJob({ entity_ids: ids, ...WEEK });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal(created.headers.get('x-concurrent-job-limit'), '100');
  const remaining = Number(created.headers.get('x-concurrent-job-limit-remaining'));
  assert.ok(remaining < 100);
  const job = created.body.data;
  assert.equal(job.status, 'QUEUED');
  assert.equal(job.url, null);
  assert.equal(job.id_str, job.id);
  assert.deepEqual(job.entity_ids, ids.split(','));

  const poll = async () => (await call(emu, jobsPath() + qs({ job_ids: job.id }))).body.data[0];
  assert.equal((await poll()).status, 'QUEUED');
  offsetMs += 6_000;
  assert.equal((await poll()).status, 'PROCESSING');
  offsetMs += 5_000;
  const done = await poll();
  assert.equal(done.status, 'SUCCESS');
  const url = new URL(done.url);
  assert.equal(url.origin, emu.downloadUrl, 'served from the second origin');
  assert.notEqual(url.origin, emu.url);

  const file = await download(done.url);
  assert.equal(file.status, 200);
  const result = JSON.parse(gunzipSync(file.body).toString('utf8'));
  const sync = await call(emu, `/12/stats/accounts/${la}` + qs({ entity: 'CAMPAIGN', entity_ids: ids, granularity: 'DAY', placement: 'ALL_ON_TWITTER', metric_groups: 'ENGAGEMENT,BILLING', ...WEEK }));
  assert.deepEqual(result.data, sync.body.data, 'async numbers equal the sync view');
  assert.equal(result.time_series_length, 7);

  const log = await admin(emu, 'GET', '/__emulator/downloads');
  assert.ok(log.length >= 1);
  assert.ok(log.every((d: any) => !d.authorization && !d.cookie && !d.oauthParams), 'no credential reached the download origin');
  // The download origin is a different listener: API paths are not served there.
  assert.equal((await download(`${emu.downloadUrl}/12/accounts`)).status, 404);
  assert.equal((await download(`${emu.downloadUrl}/advertiser-api-async-analytics/${'0'.repeat(32)}.json.gz`)).status, 404);
});

test('jobs allow 90 days (45 segmented), reject segmentation on the sync endpoint, and cap job_ids at 200', async () => {
  const ninety = await createJob({ entity_ids: campaignIds[0]!, start_time: '2025-02-20T08:00:00Z', end_time: '2025-05-21T07:00:00Z' });
  assert.equal(ninety.status, 200, JSON.stringify(ninety.body));
  const ninetyOne = await createJob({ entity_ids: campaignIds[0]!, start_time: '2025-02-19T08:00:00Z', end_time: '2025-05-21T07:00:00Z' });
  assert.equal(ninetyOne.status, 400);
  assert.equal(ninetyOne.body.errors[0].code, 'INVALID_TIME_WINDOW');
  const seg46 = await createJob({ entity_ids: campaignIds[0]!, segmentation_type: 'AGE', granularity: 'TOTAL', start_time: '2025-04-05T07:00:00Z', end_time: '2025-05-21T07:00:00Z' });
  assert.equal(seg46.status, 400);
  const seg45 = await createJob({ entity_ids: campaignIds[0]!, segmentation_type: 'AGE', granularity: 'TOTAL', start_time: '2025-04-06T07:00:00Z', end_time: '2025-05-21T07:00:00Z' });
  assert.equal(seg45.status, 200, JSON.stringify(seg45.body));
  const tooManyIds = await createJob({ entity_ids: campaignIds.slice(0, 21).join(','), ...WEEK });
  assert.equal(tooManyIds.status, 400);
  const sync = await call(emu, `/12/stats/accounts/${la}` + qs({ entity: 'CAMPAIGN', entity_ids: campaignIds[0]!, granularity: 'TOTAL', placement: 'ALL_ON_TWITTER', metric_groups: 'ENGAGEMENT', segmentation_type: 'AGE', ...WEEK }));
  assert.equal(sync.status, 400);
  assert.equal(sync.body.errors[0].parameter, 'segmentation_type');
  const ids = Array.from({ length: 201 }, (_, i) => String(i + 1)).join(',');
  assert.equal((await call(emu, jobsPath() + qs({ job_ids: ids }))).status, 400);
});

test('segmentation: enabled types only, country where required, segments sum exactly to the totals', async () => {
  const retired = await createJob({ entity_ids: campaignIds[0]!, segmentation_type: 'INTERESTS', ...WEEK });
  assert.equal(retired.status, 400);
  assert.match(retired.body.errors[0].message, /AGE, GENDER, METROS, PLATFORMS, CONVERSION_TAGS/);
  const noCountry = await createJob({ entity_ids: campaignIds[0]!, segmentation_type: 'METROS', ...WEEK });
  assert.equal(noCountry.body.errors[0].code, 'MISSING_PARAMETER');
  assert.equal(noCountry.body.errors[0].parameter, 'country');
  const ids = campaignIds.slice(0, 4).join(',');
  const sync = await call(emu, `/12/stats/accounts/${la}` + qs({ entity: 'CAMPAIGN', entity_ids: ids, granularity: 'DAY', placement: 'ALL_ON_TWITTER', metric_groups: 'ENGAGEMENT,BILLING', ...WEEK }));
  for (const [type, extra] of [['AGE', {}], ['GENDER', {}], ['METROS', { country: 'US' }], ['PLATFORMS', {}]] as const) {
    const created = await createJob({ entity_ids: ids, segmentation_type: type, ...extra, ...WEEK });
    assert.equal(created.status, 200, `${type}: ${JSON.stringify(created.body)}`);
    assert.equal(created.body.data.segmentation_type, type);
    offsetMs += 11_000;
    const done = (await call(emu, jobsPath() + qs({ job_ids: created.body.data.id }))).body.data[0];
    const result = JSON.parse(gunzipSync((await download(done.url)).body).toString('utf8'));
    for (const [i, entity] of result.data.entries()) {
      const totals = sync.body.data[i].id_data[0].metrics;
      assert.ok(entity.id_data.length > 1 && entity.id_data.every((d: any) => d.segment.segment_name && d.segment.segment_value));
      for (const [name, series] of Object.entries(totals) as Array<[string, number[] | null]>) {
        const sums = new Array(7).fill(0);
        for (const d of entity.id_data) (d.metrics[name] ?? []).forEach((v: number, k: number) => (sums[k] += v));
        assert.deepEqual(sums, series ?? new Array(7).fill(0), `${type} ${name} sums to the total`);
      }
    }
  }
});

test('known races: an empty url right after SUCCESS, then 426 on an early download', async () => {
  await admin(emu, 'POST', '/__emulator/async', { emptyUrlMs: 2_000, early426Ms: 4_000 });
  try {
    const created = await createJob({ entity_ids: campaignIds[0]!, ...WEEK });
    offsetMs += 10_500;
    const first = (await call(emu, jobsPath() + qs({ job_ids: created.body.data.id }))).body.data[0];
    assert.equal(first.status, 'SUCCESS');
    assert.equal(first.url, null, 'empty url right after SUCCESS');
    offsetMs += 2_000;
    const second = (await call(emu, jobsPath() + qs({ job_ids: created.body.data.id }))).body.data[0];
    assert.ok(second.url);
    assert.equal((await download(second.url)).status, 426);
    offsetMs += 2_000;
    assert.equal((await download(second.url)).status, 200);
  } finally {
    await admin(emu, 'POST', '/__emulator/async', { emptyUrlMs: 0, early426Ms: 0 });
  }
});

test('at most 100 jobs processing per account: TOO_MANY_JOBS, then room again when jobs finish', async () => {
  offsetMs += 60_000; // every earlier job is done
  let last;
  for (let i = 0; i < 100; i++) {
    last = await createJob({ entity_ids: campaignIds[i % campaignIds.length]!, granularity: 'TOTAL', ...WEEK });
    assert.equal(last.status, 200, JSON.stringify(last.body));
  }
  assert.equal(last!.headers.get('x-concurrent-job-limit-remaining'), '0');
  const refused = await createJob({ entity_ids: campaignIds[0]!, granularity: 'TOTAL', ...WEEK });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.errors[0].code, 'TOO_MANY_JOBS');
  assert.equal(refused.headers.get('x-concurrent-job-limit-remaining'), '0');
  const page = await call(emu, jobsPath() + qs({ count: 50 }));
  assert.equal(page.body.data.length, 50);
  assert.ok(page.body.next_cursor);
  offsetMs += 10_000;
  const again = await createJob({ entity_ids: campaignIds[0]!, granularity: 'TOTAL', ...WEEK });
  assert.equal(again.status, 200);
  assert.equal(again.headers.get('x-concurrent-job-limit-remaining'), '99');
});
