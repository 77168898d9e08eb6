/**
 * What a sync reads, per provider: each table's query (per account, per time window for insights),
 * and its primary key. Entity tables are read with IncludeDeleted = true: an entity deleted later keeps
 * its row (Deleted = true), and the target answers IncludeDeleted queries offline as the API does. The queries are ordinary socialsql SELECTs, so a
 * sync plans its API calls exactly as the same query typed in the shell would.
 */
import type { Value } from '../catalog/types.js';
import type { DayWindow } from './windows.js';

export type SyncProvider = 'twitterads' | 'instagram';

export interface SyncQuery {
  readonly sql: string;
  readonly params: Readonly<Record<string, Value>>;
}

/** One slice of a table the API is asked for separately (Twitter's insights: one entity type a call). */
export interface TableVariant {
  /** '' when the table has one; else part of the bookmark name (`Insights/CAMPAIGN`). */
  readonly name: string;
  query(account: string, window: DayWindow | undefined): SyncQuery;
}

export interface SyncTableSpec {
  readonly table: string;
  readonly key: readonly string[];
  /** Read once per account (else once for the connection, rows kept for the chosen accounts). */
  readonly perAccount: boolean;
  /** Column that names a row's account, to keep only the chosen accounts of a per-connection table. */
  readonly accountColumn?: string;
  /**
   * Columns that only say where a row belongs (key, bucket end): a row whose other columns are all
   * NULL is an empty bucket (a day an entity did not deliver, or did not exist yet) and is not stored.
   */
  readonly dimensions?: readonly string[];
  /** Insights: windows of this many days, re-read over the look-back. Absent: re-read whole each run. */
  readonly windowDays?: number;
  readonly variants: readonly TableVariant[];
}

export interface ProviderSyncPlan {
  readonly provider: SyncProvider;
  readonly tables: readonly SyncTableSpec[];
  /** Tables synced when --tables is not given. */
  readonly defaultTables: readonly string[];
  readonly defaultLookbackDays: number;
  /** First sync of insights: this many days back unless --since says otherwise. */
  readonly defaultSinceDays: number;
  /** Accounts the token sees (the connection's AccountId alone when it sets one). */
  readonly accountsQuery: string;
  /** The property that pins one account. */
  readonly accountProperty: string;
}

const whole = (sql: string): TableVariant => ({ name: '', query: () => ({ sql, params: {} }) });
const perAccount = (sql: string): TableVariant => ({ name: '', query: (account) => ({ sql, params: { account } }) });
const windowed = (name: string, sql: string): TableVariant => ({
  name,
  query: (account, window) => ({ sql, params: { account, start: window!.start, end: window!.end } }),
});

export const twitterAdsSyncPlan: ProviderSyncPlan = {
  provider: 'twitterads',
  defaultLookbackDays: 3,
  defaultSinceDays: 28,
  accountsQuery: 'SELECT Id FROM Accounts',
  accountProperty: 'AccountId',
  defaultTables: ['Accounts', 'FundingInstruments', 'Campaigns', 'LineItems', 'PromotedTweets', 'Media', 'Insights'],
  tables: [
    { table: 'Accounts', key: ['Id'], perAccount: false, accountColumn: 'Id', variants: [whole('SELECT * FROM Accounts WHERE IncludeDeleted = true')] },
    ...['FundingInstruments', 'Campaigns', 'LineItems', 'PromotedTweets'].map((table) => ({
      table,
      key: ['Id'],
      perAccount: true,
      variants: [perAccount(`SELECT * FROM ${table} WHERE AccountId = @account AND IncludeDeleted = true`)],
    })),
    { table: 'Media', key: ['MediaKey'], perAccount: true, variants: [perAccount('SELECT * FROM Media WHERE AccountId = @account')] },
    {
      table: 'Insights',
      key: ['AccountId', 'EntityType', 'EntityId', 'StartTime', 'Granularity', 'Placement'],
      dimensions: ['AccountId', 'EntityType', 'EntityId', 'StartTime', 'EndTime', 'Granularity', 'Placement'],
      perAccount: true,
      windowDays: 7,
      variants: ['CAMPAIGN', 'LINE_ITEM'].map((type) =>
        windowed(
          type,
          `SELECT * FROM Insights WHERE AccountId = @account AND EntityType = '${type}' AND Granularity = 'DAY' AND Placement = 'ALL_ON_TWITTER' AND StartTime >= @start AND EndTime <= @end`,
        ),
      ),
    },
  ],
};

const ofAccountMedia = 'MediaId IN (SELECT Id FROM Media WHERE AccountId = @account)';

export const instagramSyncPlan: ProviderSyncPlan = {
  provider: 'instagram',
  // Meta: account insights can take up to 48 hours to settle.
  defaultLookbackDays: 2,
  defaultSinceDays: 30,
  accountsQuery: 'SELECT Id FROM Accounts',
  accountProperty: 'BusinessAccountId',
  defaultTables: ['Accounts', 'Pages', 'Media', 'Children', 'Comments', 'Stories', 'Tags', 'MediaInsights', 'AccountInsights', 'AudienceInsights'],
  tables: [
    { table: 'Accounts', key: ['Id'], perAccount: false, accountColumn: 'Id', variants: [whole('SELECT * FROM Accounts')] },
    { table: 'Pages', key: ['Id'], perAccount: false, accountColumn: 'InstagramBusinessAccountId', variants: [whole('SELECT * FROM Pages')] },
    ...['Media', 'Stories', 'Tags'].map((table) => ({ table, key: ['Id'], perAccount: true, variants: [perAccount(`SELECT * FROM ${table} WHERE AccountId = @account`)] })),
    ...['Children', 'Comments'].map((table) => ({ table, key: ['Id'], perAccount: true, variants: [perAccount(`SELECT * FROM ${table} WHERE ${ofAccountMedia}`)] })),
    // Lifetime totals that change whenever people look: re-read whole each run (one batch call per 50 media).
    { table: 'MediaInsights', key: ['MediaId'], perAccount: true, variants: [perAccount(`SELECT * FROM MediaInsights WHERE ${ofAccountMedia}`)] },
    {
      table: 'AccountInsights',
      key: ['AccountId', 'MetricType', 'Period', 'StartTime'],
      perAccount: true,
      windowDays: 30,
      variants: [windowed('', 'SELECT * FROM AccountInsights WHERE AccountId = @account AND StartTime >= @start AND EndTime <= @end')],
    },
    {
      table: 'AudienceInsights',
      key: ['AccountId', 'Metric', 'AudienceType', 'Timeframe', 'AudienceGroup'],
      perAccount: true,
      variants: [perAccount('SELECT * FROM AudienceInsights WHERE AccountId = @account')],
    },
  ],
};

export function syncPlanOf(provider: SyncProvider): ProviderSyncPlan {
  return provider === 'twitterads' ? twitterAdsSyncPlan : instagramSyncPlan;
}
