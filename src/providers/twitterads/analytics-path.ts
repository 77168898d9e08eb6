/**
 * Sync or async analytics (UseAsyncAPI=true|false|auto): both paths are planned as data and costed;
 * `auto` (the default) takes async jobs when their calls (POSTs + polls + downloads) are at most half
 * the sync calls, or when the sync calls would not fit the 250-call, 15-minute budget of the sync
 * stats endpoint; segmentation is served by async jobs only.
 */
import { PlanError } from '../../errors.js';
import { CONCURRENT_JOB_LIMIT } from './async-stats.js';
import type { StatsCall } from './insights-calls.js';

export type UseAsyncApi = 'true' | 'false' | 'auto';

/** Sync analytics requests per user per 15 minutes (docs.x.com analytics, "Synchronous vs. Asynchronous"). */
export const SYNC_STATS_BUDGET = 250;
/** Poll calls a wave of jobs is expected to need (the real count depends on how long the jobs take). */
export const ESTIMATED_POLL_ROUNDS = 4;

export interface PathCosts {
  /** GET stats/accounts/:id calls, each one of the sync budget. */
  readonly syncCalls: number;
  readonly jobs: number;
  /** Estimated: ESTIMATED_POLL_ROUNDS per wave of ≤100 jobs per account. */
  readonly polls: number;
  /** One per job, to the download host (not an API call of any budget). */
  readonly downloads: number;
  readonly asyncCalls: number;
}

export interface PathChoice {
  readonly path: 'sync' | 'async';
  readonly costs: PathCosts;
  readonly why: string;
}

export function costsOf(syncCalls: readonly StatsCall[], jobs: readonly StatsCall[]): PathCosts {
  const perAccount = new Map<string, number>();
  for (const job of jobs) perAccount.set(job.accountId, (perAccount.get(job.accountId) ?? 0) + 1);
  let polls = 0;
  for (const count of perAccount.values()) polls += Math.ceil(count / CONCURRENT_JOB_LIMIT) * ESTIMATED_POLL_ROUNDS;
  return { syncCalls: syncCalls.length, jobs: jobs.length, polls, downloads: jobs.length, asyncCalls: jobs.length * 2 + polls };
}

/** Segmentation is served by async jobs only: refused at planning time when they are turned off. */
export function assertSegmentationReachable(setting: UseAsyncApi, canDownload = true): void {
  if (setting === 'false') throw new PlanError('SegmentationType needs the async analytics API, but UseAsyncAPI=false; set UseAsyncAPI=auto or true');
  if (!canDownload) throw new PlanError('SegmentationType needs the async analytics API, which this connection cannot reach');
}

export function choosePath(setting: UseAsyncApi, costs: PathCosts, segmented: boolean): PathChoice {
  if (segmented) {
    assertSegmentationReachable(setting);
    return { path: 'async', costs, why: 'SegmentationType is served by async jobs only' };
  }
  if (setting === 'true') return { path: 'async', costs, why: 'UseAsyncAPI=true' };
  if (setting === 'false') return { path: 'sync', costs, why: 'UseAsyncAPI=false' };
  if (costs.jobs === 0) return { path: 'sync', costs, why: 'nothing to ask' };
  if (costs.syncCalls > SYNC_STATS_BUDGET) return { path: 'async', costs, why: `UseAsyncAPI=auto: ${costs.syncCalls} sync calls exceed the ${SYNC_STATS_BUDGET}-call budget of 15 minutes` };
  if (costs.asyncCalls * 2 <= costs.syncCalls) return { path: 'async', costs, why: `UseAsyncAPI=auto: async takes ≤ half the calls` };
  return { path: 'sync', costs, why: 'UseAsyncAPI=auto: sync is as cheap (async pays off from half the calls)' };
}

/** Both estimates and the choice, for EXPLAIN. */
export function describeChoice(choice: PathChoice): string {
  const c = choice.costs;
  const share = Math.round((c.syncCalls / SYNC_STATS_BUDGET) * 1000) / 10;
  return (
    `sync estimate: ${c.syncCalls} calls = ${c.syncCalls}/${SYNC_STATS_BUDGET} (${share}%) of the 15-min stats budget; ` +
    `async estimate: ${c.jobs} jobs + ~${c.polls} polls + ${c.downloads} downloads = ~${c.asyncCalls} calls, none of that budget, ≤${CONCURRENT_JOB_LIMIT} jobs in flight per account; ` +
    `chosen: ${choice.path} (${choice.why})`
  );
}
