/**
 * Each account's API budget, shared by every worker through PostgreSQL. A job holds its account's
 * advisory lock while it runs (one job per account at a time, on any machine; the lock goes with
 * the session when a worker dies), and first waits out any window the last job found spent. The
 * windows come from the responses' rate-limit headers, recorded in `socialsql.api_budget`; within
 * a job, the connector's own rate limiter follows the same headers request by request.
 */
import type pg from 'pg';
import { CancelledError, RateLimitError } from '../../errors.js';
import type { BudgetReading } from '../call-meter.js';
import { STATE_SCHEMA } from '../postgres-target.js';

export class AccountBudget {
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly provider: string,
    /** Most milliseconds to wait for a spent window (MaxRateLimitDelay). */
    private readonly maxWaitMs = 15 * 60_000,
  ) {}

  static async install(pool: pg.Pool): Promise<void> {
    await pool.query(`CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.api_budget (
      provider text NOT NULL, account text NOT NULL, bucket text NOT NULL, remaining int8 NOT NULL, reset_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (provider, account, bucket))`);
  }

  /** Runs `work` holding `account`'s lock, after any spent window of it has reset. */
  async hold<T>(account: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    if (account === '') return work();
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`socialsql.budget.${this.provider}.${account}`]);
      try {
        await this.waitForReset(client, account, signal);
        return await work();
      } finally {
        await this.writes.catch(() => {});
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`socialsql.budget.${this.provider}.${account}`]).catch(() => {});
      }
    } finally {
      client.release();
    }
  }

  /** Records a reading (in order, without blocking the request that produced it). */
  record(account: string, reading: BudgetReading): void {
    if (account === '') return;
    this.writes = this.writes
      .then(() =>
        this.pool.query(
          `INSERT INTO ${STATE_SCHEMA}.api_budget (provider, account, bucket, remaining, reset_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (provider, account, bucket) DO UPDATE SET remaining = EXCLUDED.remaining, reset_at = EXCLUDED.reset_at, updated_at = now()`,
          [this.provider, account, reading.bucket, reading.remaining, reading.resetAt],
        ),
      )
      .catch(() => {});
  }

  private async waitForReset(client: pg.PoolClient, account: string, signal: AbortSignal): Promise<void> {
    const spent = await client.query<{ reset_at: Date | null }>(
      `SELECT max(reset_at) AS reset_at FROM ${STATE_SCHEMA}.api_budget WHERE provider = $1 AND account = $2 AND remaining <= 0 AND reset_at > now()`,
      [this.provider, account],
    );
    const resetAt = spent.rows[0]?.reset_at;
    if (!resetAt) return;
    const ms = resetAt.getTime() - Date.now() + 250;
    if (ms > this.maxWaitMs) throw new RateLimitError(`Account ${account} has spent its rate-limit window until ${resetAt.toISOString()}`, resetAt);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(timer), reject(new CancelledError())), { once: true });
    });
  }
}
