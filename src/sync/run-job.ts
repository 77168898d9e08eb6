/**
 * Runs one sync job: its SELECT through the connection (so the engine plans the calls), rows
 * written to the target in batches, then the bookmark. A retried job rewrites the same rows,
 * which upserts make harmless.
 */
import type { Row, TableInfo, Value } from '../catalog/types.js';
import type { Connection } from '../connection/types.js';
import { PlanError } from '../errors.js';
import type { CallMeter } from './call-meter.js';
import { bookmarkTable, type SyncJob } from './jobs.js';
import { syncPlanOf, type SyncTableSpec } from './sync-tables.js';
import type { SyncTarget, TargetTable } from './target.js';

const WRITE_BATCH = 5000;

export interface JobResult {
  readonly rows: number;
  readonly upserted: number;
  readonly calls: number;
  readonly rateLimitWaits: number;
}

export interface JobContext {
  readonly conn: Connection;
  readonly target: SyncTarget;
  readonly meter: CallMeter;
  /** When the API is read; injectable so tests follow the emulator's clock. */
  readonly clock: () => Date;
  /** Accounts this sync covers; rows of per-connection tables for other accounts are left out. */
  readonly accounts?: ReadonlySet<string>;
  readonly signal?: AbortSignal;
  /** Called after each written batch (rows so far). */
  readonly onRows?: (rows: number) => void;
}

export function specOf(job: Pick<SyncJob, 'provider' | 'table'>): SyncTableSpec {
  const spec = syncPlanOf(job.provider).tables.find((t) => t.table === job.table);
  if (!spec) throw new PlanError(`${job.provider} has no table ${job.table} to sync`);
  return spec;
}

/** The target table for a catalog table: its data columns (no pseudo-columns) and the sync key. */
export function targetTableOf(provider: string, info: TableInfo, key: readonly string[]): TargetTable {
  return { provider, table: info.name, columns: info.columns.filter((c) => !c.pseudo).map((c) => ({ name: c.name, type: c.type })), key };
}

export function tableInfoOf(conn: Connection, table: string): TableInfo {
  const info = conn.tables().find((t) => t.name === table);
  if (!info) throw new PlanError(`The connection has no table ${table}`);
  return info;
}

export async function runJob(job: SyncJob, context: JobContext): Promise<JobResult> {
  const spec = specOf(job);
  const table = targetTableOf(job.provider, tableInfoOf(context.conn, job.table), spec.key);
  const variant = spec.variants.find((v) => v.name === job.variant);
  if (!variant) throw new PlanError(`${job.table} has no variant ${job.variant}`);
  const query = variant.query(job.account, job.read);
  const readAt = context.clock();
  const keep = !spec.perAccount && spec.accountColumn && context.accounts ? { column: spec.accountColumn, accounts: context.accounts } : undefined;

  const measures = spec.dimensions ? table.columns.map((c) => c.name).filter((c) => !spec.dimensions!.includes(c)) : undefined;
  let rows = 0;
  let upserted = 0;
  const { tally } = await context.meter.measure(async () => {
    let batch = new Map<string, Row>();
    const flush = async () => {
      if (batch.size === 0) return;
      upserted += await context.target.write(table, [...batch.values()]);
      batch = new Map();
      context.onRows?.(rows);
    };
    for await (const row of context.conn.stream(query.sql, query.params, context.signal ? { signal: context.signal } : {})) {
      if (keep && !keep.accounts.has(String(row[keep.column]))) continue;
      if (measures && measures.every((c) => (row[c] ?? null) === null)) continue;
      rows++;
      batch.set(keyOf(row, spec.key), row);
      if (batch.size >= WRITE_BATCH) await flush();
    }
    await flush();
  });
  await context.target.saveBookmark({
    provider: job.provider,
    account: job.account,
    table: bookmarkTable(job.table, job.variant),
    windowStart: job.window?.start ?? '',
    windowEnd: job.window?.end ?? '',
    readAt,
    rows,
  });
  return { rows, upserted, calls: tally.calls, rateLimitWaits: tally.rateLimitWaits };
}

function keyOf(row: Row, key: readonly string[]): string {
  return key.map((k) => show(row[k] ?? null)).join('\u0000');
}

function show(value: Value): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
