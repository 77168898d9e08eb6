/**
 * Runs async analytics jobs for one account: POST stats/jobs/accounts/:id for each planned job while
 * the account has room (X-Concurrent-Job-Limit-Remaining, at most 100 in flight; the rest wait in a
 * queue), polls GET stats/jobs/accounts/:id?job_ids= (≤200 ids a call) with backoff, and downloads
 * each result when its job succeeds. The known races are retried: SUCCESS with an empty url (poll
 * again), 426 on a download right after SUCCESS (download again after a pause), and a 503 on job
 * creation (the POST is sent again: a failed creation made no job).
 */
import { z } from 'zod';
import { ApiError, CancelledError } from '../../errors.js';
import type { CallOptions } from '../api-client.js';
import type { AsyncDownloader } from './async-download.js';
import type { TwitterAdsClient } from './client.js';
import type { StatsCall } from './insights-calls.js';
import type { StatsEntity } from './stats-envelope.js';

/** The documented per-account bound of jobs processing at once. */
export const CONCURRENT_JOB_LIMIT = 100;
/** job_ids per poll call. */
export const JOB_IDS_PER_POLL = 200;

export interface PollSchedule {
  /** Pause before the first poll of a wave, doubled after each poll that finds nothing new, up to maxMs. */
  readonly firstMs: number;
  readonly maxMs: number;
  /** Downloads answered 426 (too early) are tried this many times before failing. */
  readonly earlyDownloadTries: number;
  /** A job creation that failed with a 5xx or on the network (a known intermittent 503) is tried this many times. */
  readonly createTries: number;
}

export const DEFAULT_POLL_SCHEDULE: PollSchedule = { firstMs: 250, maxMs: 15_000, earlyDownloadTries: 8, createTries: 5 };

const job = z.object({ id_str: z.string(), status: z.string(), url: z.string().nullable().optional() }).passthrough();
const createdEnvelope = z.object({ data: job });
const polledEnvelope = z.object({ data: z.array(job), next_cursor: z.string().nullable().optional() });

export interface JobResult {
  readonly call: StatsCall;
  readonly timeSeriesLength: number;
  readonly data: readonly StatsEntity[];
}

export interface AccountJobsOptions extends CallOptions {
  readonly client: TwitterAdsClient;
  readonly downloader: AsyncDownloader;
  readonly schedule: PollSchedule;
}

interface Running {
  readonly call: StatsCall;
  readonly id: string;
  /** Downloads that answered 426 so far. */
  early: number;
  /** The result's url, once a poll showed SUCCESS with one. */
  url?: string;
}

/** Every job of one account (all calls share its path), yielding each result as it is downloaded. */
export async function* runAccountJobs(calls: readonly StatsCall[], options: AccountJobsOptions): AsyncGenerator<JobResult> {
  const queue = [...calls];
  const running = new Map<string, Running>();
  const createFailures = new Map<StatsCall, number>();
  /** The account's bound: the documented 100, or less when X-Concurrent-Job-Limit says so. */
  let limit = CONCURRENT_JOB_LIMIT;
  let room = limit;
  let pause = options.schedule.firstMs;
  const clock = options.downloader.clock;
  const path = calls[0]?.path;
  if (path === undefined) return;
  while (queue.length > 0 || running.size > 0) {
    // Submit while the account has room; the API's header, when sent, is the authority.
    const batch = queue.splice(0, Math.max(0, Math.min(room, limit - running.size)));
    const created = await Promise.allSettled(batch.map((call) => options.client.jobExchange('POST', call.path, call.query, createdEnvelope, options)));
    let headerRoom: number | undefined;
    created.forEach((outcome, i) => {
      const call = batch[i]!;
      if (outcome.status === 'rejected') {
        const reason: unknown = outcome.reason;
        if (reason instanceof ApiError && reason.apiCode === 'TOO_MANY_JOBS') {
          queue.unshift(call);
          headerRoom = 0;
          return;
        }
        const failures = (createFailures.get(call) ?? 0) + 1;
        createFailures.set(call, failures);
        if (!(reason instanceof CancelledError) && reason instanceof ApiError && (reason.status >= 500 || reason.status === 0) && failures < options.schedule.createTries) {
          queue.unshift(call);
          return;
        }
        throw reason;
      }
      const data = (outcome.value.body as z.infer<typeof createdEnvelope>).data;
      running.set(data.id_str, { call, id: data.id_str, early: 0 });
      limit = Math.min(CONCURRENT_JOB_LIMIT, limitOf(outcome.value.headers) ?? limit);
      const left = remainingOf(outcome.value.headers);
      if (left !== undefined) headerRoom = Math.min(headerRoom ?? left, left);
    });
    room = headerRoom ?? Math.max(0, room - batch.length);
    if (running.size === 0) {
      // Every slot is taken by other work on the account: wait for one to free up.
      await clock.sleep(pause, options.signal);
      pause = Math.min(options.schedule.maxMs, pause * 2);
      room = Math.max(room, 1);
      continue;
    }

    await clock.sleep(pause, options.signal);
    const ready: Running[] = [];
    const ids = [...running.keys()];
    for (let i = 0; i < ids.length; i += JOB_IDS_PER_POLL) {
      const polled = await options.client.jobExchange('GET', path, { job_ids: ids.slice(i, i + JOB_IDS_PER_POLL).join(',') }, polledEnvelope, options);
      const left = remainingOf(polled.headers);
      if (left !== undefined) room = left;
      for (const status of (polled.body as z.infer<typeof polledEnvelope>).data) {
        const entry = running.get(status.id_str);
        if (!entry) continue;
        if (status.status === 'SUCCESS' && status.url) {
          entry.url = status.url;
          ready.push(entry);
        } else if (status.status === 'FAILED' || status.status === 'CANCELLED' || status.status === 'EXPIRED') {
          throw new ApiError(`Twitter Ads async analytics job ${entry.id} ended ${status.status}`, 200, `JOB_${status.status}`);
        }
        // SUCCESS with an empty url (a known race), QUEUED, PROCESSING: poll again.
      }
    }
    const downloads = await Promise.all(ready.map(async (entry) => ({ entry, outcome: await options.downloader.download(entry.url!, options) })));
    let progressed = false;
    for (const { entry, outcome } of downloads) {
      if (outcome.kind === 'early') {
        entry.early += 1;
        if (entry.early >= options.schedule.earlyDownloadTries) throw new ApiError(`The result of async analytics job ${entry.id} kept answering 426 (too early) after ${entry.early} tries`, 426, 'DOWNLOAD_TOO_EARLY');
        continue;
      }
      running.delete(entry.id);
      progressed = true;
      yield { call: entry.call, timeSeriesLength: outcome.timeSeriesLength, data: outcome.data };
    }
    pause = progressed ? options.schedule.firstMs : Math.min(options.schedule.maxMs, pause * 2);
  }
}

function remainingOf(headers: Readonly<Record<string, string>>): number | undefined {
  return wholeNumber(headers['x-concurrent-job-limit-remaining']);
}

function limitOf(headers: Readonly<Record<string, string>>): number | undefined {
  const value = wholeNumber(headers['x-concurrent-job-limit']);
  return value !== undefined && value > 0 ? value : undefined;
}

function wholeNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}
