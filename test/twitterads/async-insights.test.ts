/**
 * Insights through async analytics jobs, against the emulator: the path UseAsyncAPI=auto chooses
 * for a long report, its cost next to the sync path's, its rows against the sync rows over the same
 * data, segmentation, the job limit, the known races and the download host's safety.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Row } from '../../src/catalog/types.js';
import type { Connection } from '../../src/connection/types.js';
import { startHarness, type Harness } from './harness.js';

interface Logged {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}
interface Download {
  method: string;
  path: string;
  status: number;
  authorization: boolean;
  cookie: boolean;
  oauthParams: boolean;
}

let h: Harness;
let account: string;
let ids: string[];
const RANGE_90 = "StartTime >= '2026-08-01' AND EndTime <= '2026-10-30'";

before(async () => {
  // scale 4: the first account has over 200 campaigns. The data clock is pinned so that the sync
  // and async views are served at the same instant (spend revisions move with the clock).
  h = await startHarness({ scale: 4, asyncJobDelayMs: 200, dataNow: '2026-11-30T12:00:00Z' });
  account = h.emulator.credentials.accountIds[0]!;
  ids = (await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [account])).rows.map((r) => r.Id as string).slice(0, 200);
  assert.equal(ids.length, 200);
  // Learn the account's time zone, so that EXPLAIN can count the calls.
  await h.conn.query('SELECT Impressions FROM Insights WHERE AccountId = ?', [account]);
});
after(() => h.close());

const admin = async <T>(path: string, init?: RequestInit): Promise<T> => (await (await fetch(`${h.emulator.url}/__emulator/${path}`, init)).json()) as T;
const requests = () => admin<Logged[]>('requests');
const downloads = async () => admin<Download[]>('downloads');
const setRaces = (settings: Record<string, number>) => admin('async', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
const key = (r: Row) => `${String(r.EntityId)}|${(r.StartTime as Date).toISOString()}|${String(r.SegmentValue ?? '')}`;
const byKey = (rows: readonly Row[]) => new Map(rows.map((r) => [key(r), r]));
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

const report = (where = '') =>
  `SELECT EntityId, StartTime, EndTime, Impressions, Clicks, Engagements, BilledChargeLocalMicro FROM Insights WHERE AccountId = '${account}' AND EntityType = 'CAMPAIGN' AND EntityId IN (${inList(ids)}) AND ${RANGE_90}${where}`;

test('a 90-day CAMPAIGN report over 200 campaigns: EXPLAIN shows both estimates and chooses async', async () => {
  await h.reset();
  const { rows } = await h.conn.query(`EXPLAIN ${report()}`);
  const scan = rows.find((r) => String(r.Operation).trim() === 'Scan')!;
  const detail = String(scan.Detail);
  // Sync: 10 chunks of 20 × 13 windows of ≤7 days; async: 10 chunks × one 90-day job.
  assert.match(detail, /sync estimate: 130 calls = 130\/250 \(52%\) of the 15-min stats budget/);
  assert.match(detail, /async estimate: 10 jobs \+ ~4 polls \+ 10 downloads = ~24 calls, none of that budget/);
  assert.match(detail, /chosen: async/);
  assert.match(detail, /POST \/stats\/jobs\/accounts\/[^ ]+\?entity=CAMPAIGN&entity_ids=/);
  assert.equal(scan.EstimatedCalls, 24);
  assert.equal((await h.calls()).requests, 0, 'EXPLAIN makes no call');
});

test('the async path stays within the job limits, costs fewer calls than sync, and its rows equal the sync rows', async () => {
  await h.reset();
  const asyncRows = (await h.conn.query(report())).rows;
  const asyncCalls = await h.calls();
  const log = await requests();
  const posts = log.filter((r) => r.method === 'POST' && r.path.includes('/stats/jobs/'));
  const polls = log.filter((r) => r.method === 'GET' && r.path.includes('/stats/jobs/'));
  assert.equal(posts.length, 10);
  assert.ok(posts.every((p) => p.status === 200 && p.query.entity_ids!.split(',').length <= 20 && days(p.query.start_time!, p.query.end_time!) <= 90));
  assert.deepEqual(new Set(posts.flatMap((p) => p.query.entity_ids!.split(','))), new Set(ids));
  assert.ok(polls.length >= 1 && polls.every((p) => p.query.job_ids!.split(',').length <= 200 && p.status === 200));
  assert.equal(asyncCalls.byRoute['GET /12/stats/accounts/:account_id'] ?? 0, 0, 'no sync stats call');
  const downloaded = await downloads();
  assert.equal(downloaded.filter((d) => d.status === 200).length, 10);

  await h.reset();
  const sync = await h.connectWith('UseAsyncAPI=false');
  const syncRows = (await sync.query(report())).rows;
  const syncCalls = await h.calls();
  assert.equal(syncCalls.byRoute['GET /12/stats/accounts/:account_id'], 130);
  assert.equal(syncCalls.byRoute['POST /12/stats/jobs/accounts/:account_id'] ?? 0, 0);

  const asyncApiCalls = asyncCalls.requests + downloaded.length;
  assert.ok(asyncApiCalls < 130 / 2, `async took ${asyncApiCalls} calls (downloads included) against 130 sync`);
  assert.equal(asyncRows.length, 200 * 90);
  assert.equal(syncRows.length, asyncRows.length);
  const syncByKey = byKey(syncRows);
  let impressions = 0;
  for (const row of asyncRows) {
    const twin = syncByKey.get(key(row));
    assert.ok(twin, `sync has ${key(row)}`);
    assert.deepEqual(row, twin);
    impressions += (row.Impressions as number | null) ?? 0;
  }
  assert.ok(impressions > 0);
});

test('UseAsyncAPI=true takes jobs even for one week of one entity; auto keeps it sync', async () => {
  const week = `SELECT EntityId, Impressions FROM Insights WHERE AccountId = '${account}' AND EntityType = 'CAMPAIGN' AND EntityId = '${ids[0]}' AND StartTime >= '2026-10-01' AND EndTime <= '2026-10-08'`;
  await h.reset();
  const auto = (await h.conn.query(week)).rows;
  assert.equal((await h.calls()).byRoute['GET /12/stats/accounts/:account_id'], 1);
  await h.reset();
  const forced = await h.connectWith('UseAsyncAPI=true');
  const rows = (await forced.query(week)).rows;
  const calls = await h.calls();
  assert.equal(calls.byRoute['POST /12/stats/jobs/accounts/:account_id'], 1);
  assert.equal(calls.byRoute['GET /12/stats/accounts/:account_id'] ?? 0, 0);
  assert.deepEqual(rows, auto);
});

async function segmentedAgainstTotals(conn: Connection, type: string, expectedSegments: number) {
  const entities = ids.slice(0, 3);
  const from = '2026-08-01';
  const to = '2026-09-30'; // 60 days: two segmented jobs per chunk (45 + 15 days)
  const where = `AccountId = '${account}' AND EntityType = 'CAMPAIGN' AND EntityId IN (${inList(entities)}) AND StartTime >= '${from}' AND EndTime <= '${to}'`;
  await h.reset();
  const segmented = (await conn.query(`SELECT EntityId, StartTime, SegmentationType, SegmentName, SegmentValue, Impressions, Clicks, Engagements FROM Insights WHERE ${where} AND SegmentationType = '${type}'`)).rows;
  const posts = (await requests()).filter((r) => r.method === 'POST');
  assert.equal(posts.length, 2);
  assert.ok(posts.every((p) => p.query.segmentation_type === type && days(p.query.start_time!, p.query.end_time!) <= 45));
  const totals = (await conn.query(`SELECT EntityId, StartTime, Impressions, Clicks, Engagements FROM Insights WHERE ${where}`)).rows;
  assert.equal(totals.length, 3 * 60);
  assert.equal(new Set(segmented.map((r) => r.SegmentValue)).size, expectedSegments);
  assert.ok(segmented.every((r) => r.SegmentationType === type && typeof r.SegmentName === 'string'));
  const sums = new Map<string, Record<string, number>>();
  for (const r of segmented) {
    const k = `${String(r.EntityId)}|${(r.StartTime as Date).toISOString()}`;
    const s = sums.get(k) ?? { Impressions: 0, Clicks: 0, Engagements: 0 };
    for (const m of ['Impressions', 'Clicks', 'Engagements'] as const) s[m]! += (r[m] as number | null) ?? 0;
    sums.set(k, s);
  }
  let total = 0;
  for (const t of totals) {
    const s = sums.get(`${String(t.EntityId)}|${(t.StartTime as Date).toISOString()}`) ?? { Impressions: 0, Clicks: 0, Engagements: 0 };
    for (const m of ['Impressions', 'Clicks', 'Engagements'] as const) assert.equal(s[m], (t[m] as number | null) ?? 0, `${m} of ${String(t.EntityId)} on ${(t.StartTime as Date).toISOString()}`);
    total += (t.Impressions as number | null) ?? 0;
  }
  assert.ok(total > 0);
}

test('AGE segments sum to the unsegmented totals, per entity and day', () => segmentedAgainstTotals(h.conn, 'AGE', 5));
test('GENDER segments sum to the unsegmented totals, per entity and day', () => segmentedAgainstTotals(h.conn, 'GENDER', 2));

test('METROS needs Country; types the API no longer enables are a PlanError naming the enabled ones', async () => {
  const base = `SELECT SegmentName, Impressions FROM Insights WHERE AccountId = '${account}' AND StartTime >= '2026-10-01' AND EndTime <= '2026-10-08'`;
  await h.reset();
  await assert.rejects(h.conn.query(`${base} AND SegmentationType = 'KEYWORDS'`), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'PLAN');
    assert.match(e.message, /KEYWORDS.*not enabled.*AGE, GENDER, METROS, PLATFORMS, CONVERSION_TAGS/);
    return true;
  });
  await assert.rejects(h.conn.query(`${base} AND SegmentationType = 'METROS'`), /METROS needs Country/);
  await assert.rejects(h.conn.query(`${base} AND Country = 'US'`), /Country and Platform go with a SegmentationType/);
  const sync = await h.connectWith('UseAsyncAPI=false');
  await assert.rejects(sync.query(`${base} AND SegmentationType = 'AGE'`), /UseAsyncAPI=false/);
  assert.equal((await h.calls()).requests, 0, 'refused before any call');
  const metros = (await h.conn.query(`SELECT SegmentName, Country, Impressions FROM Insights WHERE AccountId = '${account}' AND StartTime >= '2026-10-01' AND EndTime <= '2026-10-08' AND SegmentationType = 'METROS' AND Country = 'US'`)).rows;
  assert.equal(metros.length, 5 * 7);
  assert.ok(metros.every((r) => r.Country === 'US'));
  const post = (await requests()).find((r) => r.method === 'POST')!;
  assert.equal(post.query.segmentation_type, 'METROS');
  assert.equal(post.query.country, 'US');
});

test('no credential reaches the download host', async () => {
  await h.reset();
  const forced = await h.connectWith('UseAsyncAPI=true');
  await forced.query(`SELECT Impressions FROM Insights WHERE AccountId = '${account}' AND EntityType = 'CAMPAIGN' AND EntityId IN (${inList(ids.slice(0, 40))}) AND ${RANGE_90}`);
  const seen = await downloads();
  assert.equal(seen.length, 2);
  assert.ok(seen.every((d) => d.method === 'GET' && d.status === 200 && !d.authorization && !d.cookie && !d.oauthParams));
});

test('a download host that is not allowed is refused with no request sent to it', async () => {
  await h.reset();
  const strict = await h.connectWith('UseAsyncAPI=true;AsyncDownloadHosts=https://ton.twimg.com');
  await assert.rejects(strict.query(`SELECT Impressions FROM Insights WHERE AccountId = '${account}' AND ${RANGE_90}`), (e: Error & { code?: string; apiCode?: string }) => {
    assert.equal(e.code, 'API');
    assert.equal(e.apiCode, 'DOWNLOAD_HOST_NOT_ALLOWED');
    assert.match(e.message, /not an allowed download host \(https:\/\/ton\.twimg\.com/);
    return true;
  });
  assert.deepEqual(await downloads(), []);
});

test('the known races: SUCCESS with an empty url, then 426 on an early download, are waited out', async () => {
  await h.reset();
  // The url shows up 300 ms after SUCCESS; downloads answer 426 for 2 s, long past the first poll that sees it.
  await setRaces({ emptyUrlMs: 300, early426Ms: 2_000 });
  try {
    const forced = await h.connectWith('UseAsyncAPI=true');
    const { rows } = await forced.query(`SELECT Impressions FROM Insights WHERE AccountId = '${account}' AND StartTime >= '2026-10-01' AND EndTime <= '2026-10-08'`);
    assert.equal(rows.length, 7);
    const seen = await downloads();
    assert.ok(seen.some((d) => d.status === 426), 'an early download answered 426');
    assert.equal(seen[seen.length - 1]!.status, 200);
    assert.ok(seen.every((d) => !d.authorization));
  } finally {
    await setRaces({ emptyUrlMs: 0, early426Ms: 0 });
  }
});

test('more jobs than the account may run at once wait in a queue: never more than 100 in flight', async () => {
  await h.reset();
  const forced = await h.connectWith('UseAsyncAPI=true');
  // 10 chunks × 3 windows of 90 days × 4 placements = 120 jobs; TOTAL keeps the rows few.
  const { rows } = await forced.query(
    `SELECT EntityId, Placement, Impressions FROM Insights WHERE AccountId = '${account}' AND EntityType = 'CAMPAIGN' AND EntityId IN (${inList(ids)}) AND Granularity = 'TOTAL' AND Placement IN ('ALL_ON_TWITTER', 'PUBLISHER_NETWORK', 'SPOTLIGHT', 'TREND') AND StartTime >= '2026-02-03' AND EndTime <= '2026-10-31'`,
  );
  assert.equal(rows.length, 200 * 4);
  const log = await requests();
  const posts = log.map((r, i) => ({ r, i })).filter(({ r }) => r.method === 'POST');
  assert.equal(posts.length, 120);
  assert.ok(posts.every(({ r }) => r.status === 200), 'no TOO_MANY_JOBS');
  const firstPoll = log.findIndex((r) => r.method === 'GET' && r.path.includes('/stats/jobs/'));
  assert.ok(posts[99]!.i < firstPoll && posts[100]!.i > firstPoll, 'the 101st job waits for a poll to free a slot');
});

test('cancelling while jobs run stops the polling: no request after the abort', async () => {
  await h.reset();
  await setRaces({ delayMs: 10_000 });
  try {
    const forced = await h.connectWith('UseAsyncAPI=true');
    const controller = new AbortController();
    const running = forced.query(`SELECT Impressions FROM Insights WHERE AccountId = '${account}' AND ${RANGE_90}`, [], { signal: controller.signal });
    // Abort once the job exists (the POST is logged), while the scan waits to poll.
    for (let i = 0; i < 100 && (await requests()).every((r) => r.method !== 'POST'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await assert.rejects(running, { code: 'CANCELLED' });
    const count = (await requests()).length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal((await requests()).length, count);
    assert.deepEqual(await downloads(), []);
  } finally {
    await setRaces({ delayMs: 200 });
  }
});

test('job creations that fail with a 5xx are sent again; the rows are the same as without faults', async () => {
  const totals = `SELECT EntityId, Impressions, Clicks FROM Insights WHERE AccountId = '${account}' AND EntityType = 'CAMPAIGN' AND EntityId IN (${inList(ids)}) AND Granularity = 'TOTAL' AND ${RANGE_90}`;
  const forced = await h.connectWith('UseAsyncAPI=true');
  const clean = (await forced.query(totals)).rows;
  await h.reset();
  await h.faults({ failRate: 0.2 });
  let faulty: Row[];
  try {
    faulty = (await forced.query(totals)).rows;
  } finally {
    await h.faults({ failRate: 0 });
  }
  const posts = (await requests()).filter((r) => r.method === 'POST');
  assert.equal(posts.filter((p) => p.status === 200).length, 10, 'one job per chunk, no duplicates');
  assert.ok(posts.every((p) => p.status === 200 || p.status >= 500));
  const sorted = (rows: Row[]) => [...rows].sort((a, b) => String(a.EntityId).localeCompare(String(b.EntityId)));
  assert.deepEqual(sorted(faulty), sorted(clean));
  assert.equal(clean.length, 200);
});
