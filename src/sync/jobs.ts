/**
 * A sync is a list of jobs, provider × account × table (variant) × window, planned from the
 * bookmarks in the target: a job finished in this run (a resumed run) or a window already final is
 * not planned again. Pure, so the plan can be tested and sent to workers as data.
 */
import type { Bookmark } from './target.js';
import type { ProviderSyncPlan, SyncTableSpec } from './sync-tables.js';
import { rangeToRead, windowsBetween, type DayWindow } from './windows.js';

export interface SyncJob {
  readonly provider: ProviderSyncPlan['provider'];
  /** '' for a table read once for the connection. */
  readonly account: string;
  readonly table: string;
  readonly variant: string;
  /** The bookmark's window (absent for tables without windows). */
  readonly window?: DayWindow;
  /** The part of `window` to ask the API for. */
  readonly read?: DayWindow;
}

export interface JobPlanOptions {
  readonly accounts: readonly string[];
  readonly since: string;
  readonly lookbackDays: number;
  readonly now: Date;
  readonly runStartedAt: Date;
}

export function bookmarkTable(table: string, variant: string): string {
  return variant === '' ? table : `${table}/${variant}`;
}

export function bookmarkKey(account: string, table: string, windowStart: string): string {
  return `${account}\u0000${table}\u0000${windowStart}`;
}

export function planJobs(plan: ProviderSyncPlan, tables: readonly SyncTableSpec[], bookmarks: readonly Bookmark[], options: JobPlanOptions): SyncJob[] {
  const byKey = new Map(bookmarks.map((b) => [bookmarkKey(b.account, b.table, b.windowStart), b]));
  const jobs: SyncJob[] = [];
  for (const spec of tables) {
    for (const account of spec.perAccount ? options.accounts : ['']) {
      for (const variant of spec.variants) {
        const name = bookmarkTable(spec.table, variant.name);
        if (spec.windowDays === undefined) {
          const done = byKey.get(bookmarkKey(account, name, ''));
          if (done && done.readAt.getTime() >= options.runStartedAt.getTime()) continue;
          jobs.push({ provider: plan.provider, account, table: spec.table, variant: variant.name });
          continue;
        }
        for (const window of windowsBetween(options.since, options.now, spec.windowDays)) {
          const read = rangeToRead(window, byKey.get(bookmarkKey(account, name, window.start)), options.lookbackDays, options.runStartedAt);
          if (read) jobs.push({ provider: plan.provider, account, table: spec.table, variant: variant.name, window, read });
        }
      }
    }
  }
  return jobs;
}
