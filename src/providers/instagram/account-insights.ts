/**
 * AccountInsights: GET /{ig-user-id}/insights over a time range. The API takes at most 30 days
 * between since and until, so longer ranges become several requests, sent together in one batch.
 */
import { z } from 'zod';
import type { Row, Value } from '../../catalog/types.js';
import { ApiError, PlanError } from '../../errors.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import { accountInsightsTable, accountMetricColumns, accountMetricsByType } from '../../../schemas/instagram/insights.js';
import type { CallOptions } from '../api-client.js';
import { parseApiTimestamp } from '../row-decoder.js';
import { CustomScan } from '../custom-scan.js';
import { bindKeyColumns, operandValues, type KeyBinding } from '../../source/bind-key-columns.js';
import { plannedKey, type KeyColumn } from '../../source/key-column.js';
import { graphId } from '../../../schemas/instagram/common.js';
import { byColumn, textValues } from '../binding-values.js';
import { pathSegment } from '../../source/key-values.js';
import { firstPageCalls, type PlannedCalls, type PlannedRequest } from '../../source/planned-call.js';
import { BATCH_LIMIT, isMissingObject, type InstagramClient } from './client.js';

const DAY = 86_400_000;
const MAX_RANGE = 30 * DAY;
const DEFAULT_RANGE = 7 * DAY;

export type MetricType = 'time_series' | 'total_value';
const periodLength: Readonly<Record<string, number>> = { day: DAY, week: 7 * DAY, days_28: 28 * DAY };

const insightsEnvelope = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      period: z.string(),
      values: z.array(z.object({ value: z.unknown(), end_time: z.string().optional() })).optional(),
      total_value: z.object({ value: z.unknown().optional() }).passthrough().optional(),
    }),
  ),
});

/** One value of one metric: a period ending at `end` (time_series), or the range start..end (total_value). */
export interface AccountValue {
  readonly request: AccountRequest;
  readonly metric: string;
  readonly period: string;
  readonly start: Date;
  readonly end: Date;
  readonly value: number | null;
}

export interface AccountRequest {
  readonly accountId: string;
  readonly metricType: MetricType;
  readonly period: string;
  readonly metrics: readonly string[];
  readonly since: Date;
  readonly until: Date;
}

/** `since`/`until` windows of at most 30 days covering the range. */
export function rangeWindows(since: Date, until: Date): { since: Date; until: Date }[] {
  const windows: { since: Date; until: Date }[] = [];
  for (let start = since.getTime(); start < until.getTime(); start += MAX_RANGE) {
    windows.push({ since: new Date(start), until: new Date(Math.min(start + MAX_RANGE, until.getTime())) });
  }
  return windows;
}

/** One planned request: a request's 30-day window. */
export interface AccountAsk extends PlannedRequest {
  readonly request: AccountRequest;
  readonly window: { readonly since: Date; readonly until: Date };
}

/** The exact requests behind account-insights requests: one per 30-day window (planned calls as data). */
export function accountAsks(requests: readonly AccountRequest[]): AccountAsk[] {
  return requests.flatMap((request) => {
    const segment = pathSegment(request.accountId);
    if (segment === undefined) return [];
    return rangeWindows(request.since, request.until).map((window) => ({
      method: 'GET' as const,
      path: `/${segment}/insights`,
      query: {
        metric: request.metrics.join(','),
        period: request.period,
        metric_type: request.metricType,
        since: String(Math.floor(window.since.getTime() / 1000)),
        until: String(Math.floor(window.until.getTime() / 1000)),
      },
      kind: 'object' as const,
      rowValues: { AccountId: request.accountId },
      request,
      window,
    }));
  });
}

/** Every value the requests return; all windows of all requests go out in batches together. */
export async function fetchAccountValues(client: InstagramClient, requests: readonly AccountRequest[], options: CallOptions): Promise<AccountValue[]> {
  const asks = accountAsks(requests);
  const urls = asks.map((ask) => client.url(ask.path, ask.query));
  const items = urls.length === 0 ? [] : await client.batch(urls, options);
  const values: AccountValue[] = [];
  for (const [i, item] of items.entries()) {
    const { request, window } = asks[i]!;
    const path = `/${request.accountId}/insights`;
    // An AccountId that names no account: no rows for it.
    if (!item.ok && isMissingObject(item.failure)) continue;
    if (!item.ok) throw client.error('GET', path, item.failure);
    const parsed = insightsEnvelope.safeParse(item.body);
    if (!parsed.success) throw new ApiError(`Malformed response from the Instagram Graph API for GET ${path}: expected {"data": [...]}`, 200, 'MALFORMED_RESPONSE');
    for (const entry of parsed.data.data) {
      if (request.metricType === 'total_value') {
        const value = entry.total_value?.value;
        values.push({ request, metric: entry.name, period: entry.period, start: window.since, end: window.until, value: typeof value === 'number' ? value : null });
        continue;
      }
      for (const point of entry.values ?? []) {
        const end = point.end_time ? parseApiTimestamp(point.end_time) : undefined;
        if (!end) throw new ApiError(`Malformed response from the Instagram Graph API for GET ${path}: a value without end_time`, 200, 'MALFORMED_RESPONSE');
        const length = periodLength[entry.period] ?? DAY;
        values.push({ request, metric: entry.name, period: entry.period, start: new Date(end.getTime() - length), end, value: typeof point.value === 'number' ? point.value : null });
      }
    }
  }
  return values;
}

/** The range a query asks for: StartTime >= / EndTime <= bounds, else the last 7 days. */
export function requestedRange(bound: ReadonlyMap<string, KeyBinding>, options: Pick<OpenOptions, 'params'>, now: Date): { since: Date; until: Date } {
  const instant = (column: string): Date | undefined => {
    const filter = bound.get(column);
    if (!filter) return undefined;
    const value: Value | undefined = operandValues(filter.operands, options.params)[0];
    const date = value instanceof Date ? value : typeof value === 'string' ? parseApiTimestamp(value) : undefined;
    if (!date) throw new PlanError(`${column} must be compared with a date or timestamp, got ${JSON.stringify(value)}`);
    return date;
  };
  const until = instant('EndTime') ?? now;
  const since = instant('StartTime') ?? new Date(until.getTime() - DEFAULT_RANGE);
  return { since, until };
}

/** since/until narrow the request; the values' own periods are re-checked locally. */
export const timeKeys: readonly KeyColumn[] = [
  plannedKey('StartTime', ['>=', '>', '='], { exactness: 'inexact', name: 'since', note: '30-day windows' }),
  plannedKey('EndTime', ['<=', '<', '='], { exactness: 'inexact', name: 'until', note: '30-day windows' }),
];

const keyColumns: readonly KeyColumn[] = [
  plannedKey('AccountId', ['=', 'IN'], { acceptsParams: true, idFormat: graphId, name: 'ig_user_id' }),
  plannedKey('MetricType', ['=', 'IN'], { name: 'metric_type' }),
  plannedKey('Period', ['=', 'IN'], { name: 'period' }),
  ...timeKeys,
];

export class AccountInsightsTable implements TableSource {
  readonly keyColumns = keyColumns;
  readonly info = accountInsightsTable;
  /** The business account, once found: the same for the connection's life. */
  private readonly known: { account?: string } = {};

  constructor(
    private readonly client: InstagramClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(accountInsightsTable.name, request.predicates, keyColumns);
    const bound = byColumn(bindings);
    const wanted = accountMetricColumns.filter((c) => request.columns.includes(c.name)).map((c) => c.metric);
    return new AccountInsightsScan(this.client, this.now, this.known, handling, bound, wanted);
  }
}

class AccountInsightsScan extends CustomScan {
  /** As planned before any read, for EXPLAIN ANALYZE. */
  private readonly planned: PlannedCalls;

  constructor(
    private readonly client: InstagramClient,
    private readonly now: () => Date,
    private readonly known: { account?: string },
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
    private readonly wanted: readonly string[],
  ) {
    super(handling, bound);
    this.planned = this.plannedCalls();
  }

  /** The insights requests, once the accounts are known; all go out in batch calls of 50. */
  plannedCalls(params?: ReadonlyMap<string, readonly Value[]>): PlannedCalls {
    const account = this.bound.get('AccountId');
    if (account?.operands.some((o) => o.kind === 'Param' && params?.get(o.id) === undefined)) return { known: false, reason: 'values come from the outer query' };
    const accounts = account ? textValues(account, params) : this.known.account ? [this.known.account] : undefined;
    if (!accounts) return { known: false, reason: 'the business account is found at run time' };
    const asks = accountAsks(this.requests(accounts, { params }));
    const batches: number[][] = [];
    for (let i = 0; i < asks.length; i += BATCH_LIMIT) batches.push(asks.slice(i, i + BATCH_LIMIT).map((_a, k) => i + k));
    return { known: true, requests: asks, batches, morePages: false };
  }

  private requests(accounts: readonly string[], options: Pick<OpenOptions, 'params'>): AccountRequest[] {
    const types = this.values('MetricType', options, ['time_series']).map((t) => (t === 'default' ? 'time_series' : t));
    const periods = this.values('Period', options, ['day']);
    const { since, until } = requestedRange(this.bound, options, this.now());
    const requests: AccountRequest[] = [];
    for (const accountId of accounts) {
      for (const metricType of types) {
        if (metricType !== 'time_series' && metricType !== 'total_value') continue;
        for (const period of periods) {
          // follower_count has day values only; total_value is reported over the range, asked with period=day.
          const valid = accountMetricsByType[metricType].filter((m) => (metricType === 'total_value' ? period === 'day' : period === 'day' || m === 'reach'));
          const metrics = valid.filter((m) => this.wanted.includes(m));
          if (metrics.length > 0 && periodLength[period] !== undefined) requests.push({ accountId, metricType, period, metrics, since, until });
        }
      }
    }
    return requests;
  }

  explain(): ScanExplain {
    return {
      table: accountInsightsTable.name,
      endpoint: `${this.client.endpointPrefix}/{ig-user-id}/insights`,
      pushed: [
        `ig_user_id=${this.shown('AccountId', this.known.account ?? this.client.describeDefault('businessAccount'))}`,
        `metric_type=${this.shown('MetricType', 'time_series')}`,
        `period=${this.shown('Period', 'day')}`,
        `since=${this.shown('StartTime', '(7 days before until)')}`,
        `until=${this.shown('EndTime', '(now)')}`,
      ],
      estimatedCalls: firstPageCalls(this.planned),
      notes: ['at most 30 days per request; the requests of a query go out in batch calls of 50', ...(this.planned.known ? [] : [`calls depend on data: ${this.planned.reason}`])],
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    // BusinessAccountId=*: every account; EXPLAIN ANALYZE then shows them all.
    const accounts = this.values('AccountId', options) ?? (await this.client.businessAccountIds(call));
    if (!this.values('AccountId', options)) this.known.account = accounts.join(',');
    const values = await fetchAccountValues(this.client, this.requests(accounts, options), call);
    const rows = new Map<string, Row>();
    for (const value of values) {
      const { accountId, metricType } = value.request;
      const key = `${accountId}|${metricType}|${value.period}|${value.start.getTime()}|${value.end.getTime()}`;
      let row = rows.get(key);
      if (!row) {
        row = { AccountId: accountId, MetricType: metricType, Period: value.period, StartTime: value.start, EndTime: value.end };
        for (const column of accountMetricColumns) row[column.name] = null;
        rows.set(key, row);
      }
      const column = accountMetricColumns.find((c) => c.metric === value.metric);
      if (column) row[column.name] = value.value;
    }
    yield* rows.values();
  }
}

export { keyColumns as accountInsightsKeyColumns };
