/**
 * `socialsql worker <postgres-target>`: takes sync jobs from the target's pg-boss queue until
 * stopped. Each job runs under its account's shared budget; its numbers go to `sync_results`
 * (upserted, so a retried job counts once). A job whose worker dies is retried by another worker
 * once its heartbeat is stale (queue.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { hostname } from 'node:os';
import type { Connection } from '../../connection/types.js';
import { CallMeter } from '../call-meter.js';
import { openPostgresTarget, STATE_SCHEMA } from '../postgres-target.js';
import { runJob } from '../run-job.js';
import type { SyncProvider } from '../sync-tables.js';
import { AccountBudget } from './account-budget.js';
import { withSecretsFromEnv } from './connection-secrets.js';
import { HEARTBEAT_REFRESH_SECONDS, installResults, jobPayloadSchema, startBoss, SYNC_QUEUE, toSyncJob } from './queue.js';

export interface WorkerOptions {
  readonly targetUrl: string;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly openConnection?: (provider: SyncProvider, connectionString: string) => Promise<Connection>;
}

export async function runWorker(options: WorkerOptions): Promise<void> {
  const env = options.env ?? process.env;
  const open = options.openConnection ?? (async (p, cs) => (await import('../../providers/open.js')).openConnection(p, cs));
  const target = await openPostgresTarget(options.targetUrl);
  await AccountBudget.install(target.pool);
  await installResults(target.pool, STATE_SCHEMA);
  const boss = await startBoss(options.targetUrl);
  const meter = new CallMeter();
  const connections = new Map<string, Promise<Connection>>();
  const budgets = new Map<string, AccountBudget>();
  const scope = new AsyncLocalStorage<{ budget: AccountBudget; account: string }>();
  meter.onReading = (reading) => {
    const current = scope.getStore();
    current?.budget.record(current.account, reading);
  };
  const name = `${hostname()}:${process.pid}`;

  await boss.work(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5, heartbeatRefreshSeconds: HEARTBEAT_REFRESH_SECONDS }, async ([queued]) => {
    const payload = jobPayloadSchema.parse(queued!.data);
    const job = toSyncJob(payload);
    options.log(`job ${payload.index} start ${job.table} ${job.account}`);
    const key = `${job.provider}\u0000${payload.connection}`;
    if (!connections.has(key)) connections.set(key, open(job.provider, withSecretsFromEnv(job.provider, payload.connection, env)));
    const conn = await connections.get(key)!;
    let budget = budgets.get(job.provider);
    if (!budget) budgets.set(job.provider, (budget = new AccountBudget(target.pool, job.provider)));
    const result = await budget.hold(job.account, options.signal, () =>
      scope.run({ budget: budget!, account: job.account }, () =>
        runJob(job, {
          conn,
          target,
          meter,
          clock: () => new Date(),
          signal: options.signal,
          ...(payload.pinnedAccounts ? { accounts: new Set(payload.pinnedAccounts) } : {}),
        }),
      ),
    );
    await target.pool.query(
      `INSERT INTO ${STATE_SCHEMA}.sync_results (run_id, job_index, rows, upserted, calls, rate_limit_waits, worker) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (run_id, job_index) DO UPDATE SET rows = EXCLUDED.rows, upserted = EXCLUDED.upserted, calls = EXCLUDED.calls,
         rate_limit_waits = EXCLUDED.rate_limit_waits, attempts = ${STATE_SCHEMA}.sync_results.attempts + 1, worker = EXCLUDED.worker`,
      [payload.runId, payload.index, result.rows, result.upserted, result.calls, result.rateLimitWaits, name],
    );
    options.log(`job ${payload.index} done ${result.rows} rows ${result.calls} calls`);
    return result;
  });
  options.log(`worker ${name} ready`);

  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await boss.stop({ graceful: false, timeout: 5000 }).catch(() => {});
  for (const conn of connections.values()) await (await conn.catch(() => undefined))?.close();
  meter.close();
  await target.close();
}
