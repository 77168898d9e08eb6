/**
 * `socialsql sync` in one process: find the accounts, anchor the windows, plan the jobs from the
 * target's bookmarks, run them, and sum up. A run that stopped (Ctrl-C, crash) is resumed by the
 * next one: its start time stays, so the jobs it finished are not planned again.
 */
import type { Connection } from '../connection/types.js';
import { PlanError } from '../errors.js';
import { didYouMean } from '../text/closest-match.js';
import { CallMeter } from './call-meter.js';
import { planJobs, type SyncJob } from './jobs.js';
import { runJob, specOf, tableInfoOf, targetTableOf, type JobResult } from './run-job.js';
import { syncPlanOf, type ProviderSyncPlan, type SyncProvider, type SyncTableSpec } from './sync-tables.js';
import type { SyncTarget } from './target.js';
import { addDays, dayOf } from './windows.js';

export interface SyncOptions {
  readonly provider: SyncProvider;
  readonly conn: Connection;
  readonly target: SyncTarget;
  /** Canonical or alias names; default: the provider's default tables. */
  readonly tables?: readonly string[];
  /** `YYYY-MM-DD`: where insights windows start on the first sync. */
  readonly since?: string;
  readonly lookbackDays?: number;
  readonly clock?: () => Date;
  readonly signal?: AbortSignal;
  readonly meter?: CallMeter;
  readonly onProgress?: (event: SyncProgress) => void;
  /** Runs the planned jobs elsewhere (workers); default: one after another in this process. */
  readonly runJobs?: (jobs: readonly SyncJob[], context: SyncRunContext) => Promise<ReadonlyMap<SyncJob, JobResult>>;
}

export interface SyncRunContext {
  readonly accounts: readonly string[];
  readonly pinnedAccount: boolean;
}

export interface SyncProgress {
  readonly job: SyncJob;
  readonly index: number;
  readonly total: number;
  readonly phase: 'start' | 'rows' | 'done';
  readonly rows: number;
  readonly calls: number;
  readonly rateLimitWaits: number;
}

export interface TableSummary {
  rows: number;
  upserted: number;
  calls: number;
}

/** DESIGN §2's summary line. */
export interface SyncSummary {
  readonly tables: Record<string, TableSummary>;
  readonly calls: number;
  readonly rateLimitWaits: number;
}

export function selectTables(plan: ProviderSyncPlan, conn: Connection, names: readonly string[] | undefined): SyncTableSpec[] {
  if (!names || names.length === 0) return plan.defaultTables.map((name) => specOf({ provider: plan.provider, table: name }));
  const infos = conn.tables();
  return names.map((given) => {
    const info = infos.find((t) => [t.name, ...t.aliases].some((n) => n.toLowerCase() === given.toLowerCase()));
    const spec = info && plan.tables.find((t) => t.table === info.name);
    if (!spec) throw new PlanError(`${plan.provider} cannot sync table ${given}.${didYouMean(given, plan.tables.map((t) => t.table))}`);
    return spec;
  });
}

/** The accounts a sync covers: the pinned one (AccountId / BusinessAccountId), else every one listed. */
export async function accountsOf(plan: ProviderSyncPlan, conn: Connection, signal?: AbortSignal): Promise<SyncRunContext> {
  const props = await conn.query('SELECT Name, Value FROM sys_connection_props WHERE Name = @name', { name: plan.accountProperty });
  const pinned = props.rows[0]?.Value;
  // AccountId=* (Twitter Ads) pins nothing: every account is listed.
  if (typeof pinned === 'string' && pinned !== '' && pinned !== '*') return { accounts: [pinned], pinnedAccount: true };
  const listed = await conn.query(plan.accountsQuery, undefined, signal ? { signal } : {});
  return { accounts: listed.rows.map((r) => String(r.Id)), pinnedAccount: false };
}

export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const { conn, target } = options;
  const plan = syncPlanOf(options.provider);
  const clock = options.clock ?? (() => new Date());
  const meter = options.meter ?? new CallMeter();
  try {
    const tables = selectTables(plan, conn, options.tables);
    const summary: SyncSummary = { tables: Object.fromEntries(tables.map((t) => [t.table, { rows: 0, upserted: 0, calls: 0 }])), calls: 0, rateLimitWaits: 0 };
    const setup = await meter.measure(() => accountsOf(plan, conn, options.signal));
    const context = setup.result;
    if (context.accounts.length > 0) await target.setMeta(plan.provider, 'default_account', context.accounts[0]);
    for (const spec of tables) await target.ensureTable(targetTableOf(plan.provider, tableInfoOf(conn, spec.table), spec.key));

    const now = clock();
    const runStartedAt = await startRun(target, plan.provider, now);
    const since = options.since ?? (await target.getMeta(plan.provider, 'since')) ?? addDays(dayOf(now), -plan.defaultSinceDays);
    await target.setMeta(plan.provider, 'since', since);
    const jobs = planJobs(plan, tables, await target.bookmarks(plan.provider), {
      accounts: context.accounts,
      since,
      lookbackDays: options.lookbackDays ?? plan.defaultLookbackDays,
      now,
      runStartedAt,
    });

    const results = options.runJobs ? await options.runJobs(jobs, context) : await runHere(jobs, options, meter, clock, context);
    for (const [job, result] of results) {
      const entry = summary.tables[job.table]!;
      entry.rows += result.rows;
      entry.upserted += result.upserted;
      entry.calls += result.calls;
    }
    await target.setMeta(plan.provider, 'run_finished_at', clock().toISOString());
    const workerCalls = options.runJobs ? [...results.values()].reduce((n, r) => n + r.calls, 0) : 0;
    const workerWaits = options.runJobs ? [...results.values()].reduce((n, r) => n + r.rateLimitWaits, 0) : 0;
    return { ...summary, calls: meter.total.calls + workerCalls, rateLimitWaits: meter.total.rateLimitWaits + workerWaits };
  } finally {
    if (!options.meter) meter.close();
  }
}

/** The start of the run in progress: the unfinished one's, else `now`. */
async function startRun(target: SyncTarget, provider: string, now: Date): Promise<Date> {
  const started = await target.getMeta(provider, 'run_started_at');
  const finished = await target.getMeta(provider, 'run_finished_at');
  if (started && (!finished || finished < started)) return new Date(started);
  await target.setMeta(provider, 'run_started_at', now.toISOString());
  return now;
}

async function runHere(jobs: readonly SyncJob[], options: SyncOptions, meter: CallMeter, clock: () => Date, context: SyncRunContext): Promise<Map<SyncJob, JobResult>> {
  const results = new Map<SyncJob, JobResult>();
  const accounts = context.pinnedAccount ? new Set(context.accounts) : undefined;
  for (const [index, job] of jobs.entries()) {
    const report = (phase: SyncProgress['phase'], rows: number, done?: JobResult) =>
      options.onProgress?.({ job, index, total: jobs.length, phase, rows, calls: done?.calls ?? 0, rateLimitWaits: done?.rateLimitWaits ?? 0 });
    report('start', 0);
    const result = await runJob(job, {
      conn: options.conn,
      target: options.target,
      meter,
      clock,
      ...(accounts ? { accounts } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onRows: (rows) => report('rows', rows),
    });
    results.set(job, result);
    report('done', result.rows, result);
  }
  return results;
}
