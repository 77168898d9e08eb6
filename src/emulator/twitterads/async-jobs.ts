// Asynchronous analytics: POST /12/stats/jobs/accounts/:id creates a job, GET ...?job_ids= polls it,
// and the gzipped result is downloaded from a SECOND origin (download-server.ts, like ton.twimg.com).
// A job is QUEUED for the first half of its delay, PROCESSING for the second, then SUCCESS with a url;
// the delay runs on the emulator's request clock (the `now` option), not the pinned data clock.
// The result is computed when the job is created, at the data clock of that moment, by the same code
// as the sync endpoint: its numbers equal the sync view of the same data.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ApiError } from './api-error.js';
import { STATS_PARAMS, buildStats } from './analytics.js';
import type { CursorCodec } from './cursor.js';
import type { Account } from './entities.js';
import { type SortedViews, pageOf } from './listing.js';
import type { ObjectData } from './object-data.js';
import type { ParamList } from './oauth-verifier.js';
import { QueryParams } from './query-params.js';
import type { ApiResponse } from './route-types.js';
import type { AdsStore } from './store.js';
import { DAY_MS, formatTimestamp } from './time.js';

export const CONCURRENT_JOB_LIMIT = 100;
const MAX_JOB_IDS = 200;
const RESULT_TTL_MS = 7 * DAY_MS;

export interface AsyncSettings {
  /** How long a job takes (QUEUED for half, PROCESSING for the other half). */
  delayMs: number;
  /** Race: for this long after SUCCESS the job shows `url: null`. */
  emptyUrlMs: number;
  /** Race: for this long after SUCCESS the download answers 426. */
  early426Ms: number;
}

export const DEFAULT_ASYNC_SETTINGS: AsyncSettings = { delayMs: 2_000, emptyUrlMs: 0, early426Ms: 0 };

interface Job {
  id: string;
  accountId: string;
  createdMs: number;
  dataNowMs: number;
  delayMs: number;
  token: string;
  summary: Record<string, unknown>;
  account: Account;
  params: QueryParams;
  /** gzipped JSON, computed on the first download (at the job's data clock) and kept. */
  result?: Buffer;
}

export interface Download {
  status: number;
  body: Buffer;
  headers: Record<string, string>;
}

export class AsyncJobs {
  settings: AsyncSettings = { ...DEFAULT_ASYNC_SETTINGS };
  private readonly jobs = new Map<string, Job[]>(); // per account, oldest first
  private readonly byToken = new Map<string, Job>();
  private sequence = 0;

  constructor(
    private readonly store: AdsStore,
    private readonly objects: ObjectData,
    private readonly seed: number,
    /** The request clock: job lifecycles. */
    private readonly nowMs: () => number,
    /** Origin of the download server, e.g. http://127.0.0.1:PORT. */
    private readonly downloadOrigin: () => string,
    private readonly cursors: CursorCodec,
    private readonly views: SortedViews,
  ) {}

  private status(job: Job, now: number): 'QUEUED' | 'PROCESSING' | 'SUCCESS' {
    if (now >= job.createdMs + job.delayMs) return 'SUCCESS';
    return now >= job.createdMs + job.delayMs / 2 ? 'PROCESSING' : 'QUEUED';
  }

  private processing(accountId: string, now: number): number {
    return (this.jobs.get(accountId) ?? []).reduce((n, job) => (this.status(job, now) === 'SUCCESS' ? n : n + 1), 0);
  }

  private limitHeaders(accountId: string, now: number): Record<string, string> {
    return {
      'x-concurrent-job-limit': String(CONCURRENT_JOB_LIMIT),
      'x-concurrent-job-limit-remaining': String(Math.max(0, CONCURRENT_JOB_LIMIT - this.processing(accountId, now))),
    };
  }

  private view(job: Job, now: number): Record<string, unknown> {
    const status = this.status(job, now);
    const doneMs = job.createdMs + job.delayMs;
    const url = status === 'SUCCESS' && now >= doneMs + this.settings.emptyUrlMs
      ? `${this.downloadOrigin()}/advertiser-api-async-analytics/${job.token}.json.gz`
      : null;
    return {
      ...job.summary,
      status,
      url,
      expires_at: status === 'SUCCESS' ? formatTimestamp(doneMs + RESULT_TTL_MS) : null,
      updated_at: formatTimestamp(job.dataNowMs + Math.max(0, Math.min(now - job.createdMs, job.delayMs))),
    };
  }

  create(account: Account, query: ParamList, form: ParamList, dataNowMs: number): ApiResponse {
    const now = this.nowMs();
    const pairs = [...query, ...form];
    const params = new QueryParams(pairs, STATS_PARAMS);
    if (this.processing(account.id, now) >= CONCURRENT_JOB_LIMIT) {
      throw new ApiError(
        400,
        [{ code: 'TOO_MANY_JOBS', message: `At most ${CONCURRENT_JOB_LIMIT} jobs may be processing for an account at a time` }],
        this.limitHeaders(account.id, now),
      );
    }
    const stats = buildStats(this.store, account, params, this.seed, dataNowMs, this.objects, 'async', false);
    this.sequence += 1;
    const id = (BigInt(dataNowMs - 1_288_834_974_657) * 4_194_304n + BigInt(this.sequence % 4_194_304)).toString();
    const p = stats.request.params;
    const job: Job = {
      id,
      accountId: account.id,
      createdMs: now,
      dataNowMs,
      delayMs: this.settings.delayMs,
      token: randomBytes(16).toString('hex'),
      summary: {
        start_time: p.start_time,
        segmentation_type: p.segmentation_type,
        url: null,
        id_str: id,
        entity_ids: p.entity_ids,
        end_time: p.end_time,
        country: p.country,
        placement: p.placement,
        id,
        expires_at: null,
        account_id: account.id,
        status: 'QUEUED',
        granularity: p.granularity,
        entity: p.entity,
        created_at: formatTimestamp(dataNowMs),
        platform: p.platform,
        updated_at: formatTimestamp(dataNowMs),
        metric_groups: p.metric_groups,
      },
      account,
      params,
    };
    const list = this.jobs.get(account.id) ?? [];
    list.push(job);
    this.jobs.set(account.id, list);
    this.byToken.set(job.token, job);
    return {
      status: 200,
      headers: this.limitHeaders(account.id, now),
      body: { request: { params: { account_id: account.id, ...params.echo() } }, data_type: 'job', data: this.view(job, now) },
    };
  }

  list(account: Account, query: ParamList): ApiResponse {
    const now = this.nowMs();
    const params = new QueryParams(query, ['job_ids', 'count', 'cursor']);
    const ids = params.list('job_ids', MAX_JOB_IDS);
    const idSet = ids ? new Set(ids) : undefined;
    const count = params.int('count', 1, 1000, 200);
    const jobs = this.jobs.get(account.id) ?? [];
    const order = { field: 'id', descending: true };
    const rows = jobs.map((job) => ({ id: job.id, job }));
    const sorted = this.views.sorted(`jobs/${account.id}`, jobs.length, rows, order, 'id');
    const page = pageOf({
      params,
      sorted,
      order,
      idField: 'id',
      matches: (row) => !idSet || idSet.has(row.id),
      count,
      cursors: this.cursors,
      querySignature: `jobs|${account.id}|${params.signature(['cursor', 'count'])}`,
      supportsTotalCount: false,
    });
    return {
      status: 200,
      headers: this.limitHeaders(account.id, now),
      body: {
        request: { params: { account_id: account.id, ...params.echo() } },
        data_type: 'job',
        data: page.data.map((row) => this.view(row.job, now)),
        next_cursor: page.next_cursor,
      },
    };
  }

  /** The download origin's answer for a path; credentials are never needed. */
  download(path: string): Download {
    const match = /^\/advertiser-api-async-analytics\/([0-9a-f]{32})\.json\.gz$/.exec(path);
    const job = match ? this.byToken.get(match[1]!) : undefined;
    const now = this.nowMs();
    const text = (status: number, message: string): Download => ({ status, body: Buffer.from(message), headers: { 'content-type': 'text/plain' } });
    if (!job || this.status(job, now) !== 'SUCCESS') return text(404, 'Not Found');
    const doneMs = job.createdMs + job.delayMs;
    if (now >= doneMs + RESULT_TTL_MS) return text(404, 'Not Found');
    if (now < doneMs + this.settings.early426Ms) return text(426, 'Upgrade Required');
    job.result ??= gzipSync(JSON.stringify(buildStats(this.store, job.account, job.params, this.seed, job.dataNowMs, this.objects, 'async')));
    return { status: 200, body: job.result, headers: { 'content-type': 'application/gzip' } };
  }

  reset(): void {
    this.jobs.clear();
    this.byToken.clear();
  }
}

/** Parses a settings patch ({delayMs, emptyUrlMs, early426Ms}, non-negative numbers). */
export function parseAsyncPatch(value: unknown): Partial<AsyncSettings> {
  if (typeof value !== 'object' || value === null) throw new Error('expected a JSON object');
  const patch: Partial<AsyncSettings> = {};
  for (const key of ['delayMs', 'emptyUrlMs', 'early426Ms'] as const) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${key} must be a non-negative number`);
    patch[key] = v;
  }
  return patch;
}
