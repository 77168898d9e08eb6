/**
 * The sync's job queue: pg-boss in the PostgreSQL target. Tuned so that a worker that dies mid-job
 * has it retried by another within seconds: each active job sends a heartbeat every 2 s, and a job
 * without one for 10 s (pg-boss's minimum) is failed and retried; the monitor looks every second.
 */
import { PgBoss } from 'pg-boss';
import { z } from 'zod';
import type { SyncJob } from '../jobs.js';

export const SYNC_QUEUE = 'socialsql-sync';
export const HEARTBEAT_SECONDS = 10;
export const HEARTBEAT_REFRESH_SECONDS = 2;

export async function startBoss(url: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 4, monitorIntervalSeconds: 1, superviseIntervalSeconds: 1 });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue(SYNC_QUEUE, { heartbeatSeconds: HEARTBEAT_SECONDS, retryLimit: 5, retryDelay: 1, expireInSeconds: 3600 });
  return boss;
}

const windowSchema = z.object({ start: z.string(), end: z.string() });

/** What a queued job carries: no secrets (see connection-secrets.ts). */
export const jobPayloadSchema = z.object({
  runId: z.string(),
  index: z.number().int(),
  connection: z.string(),
  /** The pinned account, when the connection sets one: per-connection tables keep only its rows. */
  pinnedAccounts: z.array(z.string()).optional(),
  job: z.object({
    provider: z.enum(['twitterads', 'instagram']),
    account: z.string(),
    table: z.string(),
    variant: z.string(),
    window: windowSchema.optional(),
    read: windowSchema.optional(),
  }),
});

export type JobPayload = z.infer<typeof jobPayloadSchema>;

export function toSyncJob(payload: JobPayload): SyncJob {
  const { window, read, ...rest } = payload.job;
  return { ...rest, ...(window ? { window } : {}), ...(read ? { read } : {}) };
}

/** One finished job's numbers, where the coordinator collects them. */
export async function installResults(pool: { query(sql: string): Promise<unknown> }, schema: string): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS ${schema}.sync_results (
    run_id text NOT NULL, job_index int NOT NULL, rows int8 NOT NULL, upserted int8 NOT NULL, calls int8 NOT NULL,
    rate_limit_waits int8 NOT NULL, attempts int NOT NULL DEFAULT 1, worker text NOT NULL, PRIMARY KEY (run_id, job_index))`);
}
