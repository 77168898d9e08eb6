/**
 * `socialsql sync … --workers N`: this process plans the jobs (as a one-process sync would), puts
 * them on the target's pg-boss queue, starts N `socialsql worker` processes (secrets in their
 * environment, never in argv or the queue) and waits until every job has a result. Workers on
 * other machines pointed at the same target take jobs from the same queue.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CancelledError, TargetError } from '../../errors.js';
import type { SyncJob } from '../jobs.js';
import { STATE_SCHEMA } from '../postgres-target.js';
import type { JobResult } from '../run-job.js';
import { runSync, type SyncOptions, type SyncRunContext, type SyncSummary } from '../run-sync.js';
import { AccountBudget } from './account-budget.js';
import { splitSecrets } from './connection-secrets.js';
import { installResults, startBoss, SYNC_QUEUE, type JobPayload } from './queue.js';

export interface WorkerSyncOptions extends SyncOptions {
  readonly workers: number;
  readonly targetUrl: string;
  readonly connectionString: string;
  /** Each worker's stderr lines, e.g. `job 3 start Campaigns abc` (tests kill a worker mid-job with this). */
  readonly onWorkerLine?: (worker: ChildProcess, index: number, line: string) => void;
}

const POLL_MS = 250;

export async function runSyncWithWorkers(options: WorkerSyncOptions): Promise<SyncSummary> {
  return runSync({ ...options, runJobs: (jobs, context) => runOnWorkers(jobs, context, options) });
}

async function runOnWorkers(jobs: readonly SyncJob[], context: SyncRunContext, options: WorkerSyncOptions): Promise<Map<SyncJob, JobResult>> {
  const results = new Map<SyncJob, JobResult>();
  if (jobs.length === 0) return results;
  const pool = new pg.Pool({ connectionString: options.targetUrl, max: 2 });
  pool.on('error', () => {});
  const boss = await startBoss(options.targetUrl);
  const children: ChildProcess[] = [];
  try {
    await AccountBudget.install(pool);
    await installResults(pool, STATE_SCHEMA);
    const runId = randomUUID();
    const { shared, env } = splitSecrets(options.provider, options.connectionString.trim() || 'Emulator=true');
    for (const [index, job] of jobs.entries()) {
      const payload: JobPayload = { runId, index, connection: shared, ...(context.pinnedAccount ? { pinnedAccounts: [...context.accounts] } : {}), job: { ...job } };
      await boss.send(SYNC_QUEUE, payload);
    }
    for (let i = 0; i < options.workers; i++) children.push(startWorker(options, env, i));

    const seen = new Set<number>();
    for (;;) {
      if (options.signal?.aborted) throw new CancelledError();
      const done = await pool.query<{ job_index: number; rows: string; upserted: string; calls: string; rate_limit_waits: string }>(
        `SELECT job_index, rows, upserted, calls, rate_limit_waits FROM ${STATE_SCHEMA}.sync_results WHERE run_id = $1`,
        [runId],
      );
      for (const row of done.rows) {
        const job = jobs[row.job_index]!;
        const result = { rows: Number(row.rows), upserted: Number(row.upserted), calls: Number(row.calls), rateLimitWaits: Number(row.rate_limit_waits) };
        results.set(job, result);
        if (!seen.has(row.job_index)) {
          seen.add(row.job_index);
          options.onProgress?.({ job, index: seen.size - 1, total: jobs.length, phase: 'done', rows: result.rows, calls: result.calls, rateLimitWaits: result.rateLimitWaits });
        }
      }
      if (results.size === jobs.length) return results;
      const failed = await pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'failed' AND data->>'runId' = $2`, [SYNC_QUEUE, runId]);
      if (failed.rows[0].n > 0) throw new TargetError(`${failed.rows[0].n} sync job(s) failed on every retry; see the workers' messages`);
      if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) throw new TargetError('Every worker stopped before the sync finished');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((resolve) => c.once('exit', resolve)))));
    await boss.stop({ graceful: false, timeout: 2000 }).catch(() => {});
    await pool.end();
  }
}

/** `socialsql worker <target>` as a child of this process: same Node, same loader (tsx in development). */
function startWorker(options: WorkerSyncOptions, secrets: Record<string, string>, index: number): ChildProcess {
  const entry = fileURLToPath(new URL(`../../cli/main.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, entry, 'worker', options.targetUrl], {
    env: { ...process.env, ...secrets },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let buffer = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      options.onWorkerLine?.(child, index, line);
    }
  });
  return child;
}
