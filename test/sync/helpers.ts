/** Shared by the sync tests: both emulators, the rows the API returns, and the rows a target holds. */
import assert from 'node:assert/strict';
import type { Row, Value } from '../../src/catalog/types.js';
import type { Connection } from '../../src/connection/types.js';
import { syncPlanOf, type SyncProvider } from '../../src/sync/sync-tables.js';
import type { SyncTarget } from '../../src/sync/target.js';
import { runSync } from '../../src/sync/run-sync.js';
import { tableInfoOf, targetTableOf } from '../../src/sync/run-job.js';
import { startHarness as startTwitter } from '../twitterads/harness.js';
import { startHarness as startInstagram } from '../instagram/harness.js';

export { startTwitter, startInstagram };

/** Rows as comparable text: Dates in ISO 8601, sorted. */
export function canonical(rows: readonly Row[], columns: readonly string[]): string[] {
  return rows.map((row) => JSON.stringify(columns.map((c) => show(row[c] ?? null)))).sort();
}

function show(value: Value): Value {
  return value instanceof Date ? value.toISOString() : value;
}

export async function targetRows(target: SyncTarget, conn: Connection, provider: SyncProvider, table: string): Promise<Row[]> {
  const spec = syncPlanOf(provider).tables.find((t) => t.table === table)!;
  const rows: Row[] = [];
  for await (const page of target.readRows(targetTableOf(provider, tableInfoOf(conn, table), spec.key))) rows.push(...page);
  return rows;
}

export function dataColumns(conn: Connection, table: string): string[] {
  return tableInfoOf(conn, table).columns.filter((c) => !c.pseudo).map((c) => c.name);
}

/**
 * What the API lists, written independently of src/sync: entity tables as listed with
 * IncludeDeleted = true (deleted entities keep their rows), per account; insights per account and entity type over 7-day windows from `since` to tomorrow.
 */
export async function apiRows(conn: Connection, provider: SyncProvider, table: string, accounts: readonly string[], since: string, tomorrow: string): Promise<Row[]> {
  const rows: Row[] = [];
  const all = async (sql: string, params?: Record<string, Value>) => rows.push(...(await conn.query(sql, params)).rows);
  if (provider === 'twitterads') {
    const withDeleted = table === 'Media' ? '' : ' AND IncludeDeleted = true';
    if (table === 'Accounts') return (await conn.query('SELECT * FROM Accounts WHERE IncludeDeleted = true')).rows;
    for (const account of accounts) {
      if (table !== 'Insights') await all(`SELECT * FROM ${table} WHERE AccountId = @account${withDeleted}`, { account });
      else
        for (const type of ['CAMPAIGN', 'LINE_ITEM'])
          await all(`SELECT * FROM Insights WHERE AccountId = @account AND EntityType = @type AND StartTime >= @since AND EndTime <= @tomorrow`, { account, type, since, tomorrow });
    }
    // Empty buckets (every metric NULL: no delivery that day, or the entity did not exist yet) are not stored.
    if (table === 'Insights') return rows.filter((r) => Object.entries(r).some(([c, v]) => !INSIGHTS_DIMENSIONS.has(c) && v !== null));
    return rows;
  }
  switch (table) {
    case 'Accounts':
    case 'Pages':
      return (await conn.query(`SELECT * FROM ${table}`)).rows;
    case 'AccountInsights':
      await all(`SELECT * FROM AccountInsights WHERE StartTime >= @since AND EndTime <= @tomorrow`, { since, tomorrow });
      return rows;
    default:
      return (await conn.query(`SELECT * FROM ${table}`)).rows;
  }
}

const INSIGHTS_DIMENSIONS = new Set(['AccountId', 'EntityType', 'EntityId', 'StartTime', 'EndTime', 'Granularity', 'Placement']);

type Twitter = Awaited<ReturnType<typeof startTwitter>>;
type Instagram = Awaited<ReturnType<typeof startInstagram>>;

/** Done-when 1: a first sync of both providers' default tables leaves exactly the API's rows, per table. */
export async function assertFirstSync(target: SyncTarget, twitter: Twitter, instagram: Instagram, since: string, tomorrow: string): Promise<Record<string, number>> {
  const calls: Record<string, number> = {};
  for (const [provider, h] of [['twitterads', twitter], ['instagram', instagram]] as const) {
    await h.reset();
    const summary = await runSync({ provider, conn: h.conn, target, since });
    const counted = await h.calls();
    assert.equal(summary.calls, counted.requests, `${provider}: summary calls = emulator requests`);
    calls[provider] = summary.calls;
    assert.equal(Object.values(summary.tables).reduce((n, t) => n + t.calls, 0) <= summary.calls, true);
    const accounts = provider === 'twitterads' ? [...twitter.emulator.credentials.accountIds] : [instagram.emulator.credentials.businessAccountId];
    for (const table of Object.keys(summary.tables)) {
      const columns = dataColumns(h.conn, table);
      const expected = canonical(await apiRows(h.conn, provider, table, accounts, since, tomorrow), columns);
      const stored = canonical(await targetRows(target, h.conn, provider, table), columns);
      assert.ok(expected.length > 0, `${provider}.${table} has rows`);
      assert.deepEqual(stored, expected, `${provider}.${table}`);
      assert.equal(summary.tables[table]!.upserted, expected.length, `${provider}.${table} upserted`);
    }
  }
  return calls;
}
