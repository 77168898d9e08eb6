/**
 * The account-insight breakdown tables (schemas/instagram/account-breakdowns.ts) and OnlineFollowers:
 * GET /{ig-user-id}/insights with metric_type=total_value, one request per breakdown, account and
 * 30-day window (or day), all sent together in batch calls of 50.
 */
import { z } from 'zod';
import type { Row } from '../../catalog/types.js';
import { ApiError } from '../../errors.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import { breakdownColumns, onlineFollowersTable, type BreakdownTableSpec } from '../../../schemas/instagram/account-breakdowns.js';
import type { ColumnInfo } from '../../catalog/types.js';
import type { CallOptions } from '../api-client.js';
import { parseApiTimestamp } from '../row-decoder.js';
import { CustomScan } from '../custom-scan.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import { plannedKey, type KeyColumn } from '../../source/key-column.js';
import { graphId } from '../../../schemas/instagram/common.js';
import { byColumn } from '../binding-values.js';
import { rangeWindows, requestedRange, timeKeys } from './account-insights.js';
import { BATCH_LIMIT, type InstagramClient } from './client.js';

const DAY = 86_400_000;

const totalEnvelope = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      total_value: z
        .object({
          value: z.number().optional(),
          breakdowns: z.array(z.object({ dimension_keys: z.array(z.string()), results: z.array(z.object({ dimension_values: z.array(z.string()), value: z.number() })) })).optional(),
        })
        .optional(),
    }),
  ),
});
const onlineEnvelope = z.object({ data: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.record(z.string(), z.number()).or(z.object({}).passthrough()), end_time: z.string() })) })) });

const breakdownKeys: readonly KeyColumn[] = [
  plannedKey('AccountId', ['=', 'IN'], { acceptsParams: true, idFormat: graphId, name: 'ig_user_id' }),
  plannedKey('Metric', ['=', 'IN'], { name: 'metric' }),
  ...timeKeys,
];

/** Day-long windows covering the range (the AccountTimeSeries* tables). */
function dayWindows(since: Date, until: Date): { since: Date; until: Date }[] {
  const windows: { since: Date; until: Date }[] = [];
  for (let start = since.getTime(); start < until.getTime(); start += DAY) windows.push({ since: new Date(start), until: new Date(Math.min(start + DAY, until.getTime())) });
  return windows;
}

interface Ask {
  readonly accountId: string;
  readonly metrics: readonly string[];
  readonly breakdown?: string;
  readonly window: { readonly since: Date; readonly until: Date };
}



export class BreakdownInsightsTable implements TableSource {
  readonly keyColumns = breakdownKeys;
  readonly info: { readonly name: string; readonly aliases: readonly string[]; readonly description: string; readonly columns: readonly ColumnInfo[] };

  constructor(
    private readonly client: InstagramClient,
    private readonly spec: BreakdownTableSpec,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.info = { name: spec.name, aliases: spec.aliases, description: spec.description, columns: breakdownColumns(spec) };
  }

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(this.spec.name, request.predicates, breakdownKeys);
    return new BreakdownScan(this.client, this.spec, this.now, handling, byColumn(bindings));
  }
}

class BreakdownScan extends CustomScan {
  constructor(
    private readonly client: InstagramClient,
    private readonly spec: BreakdownTableSpec,
    private readonly now: () => Date,
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
  ) {
    super(handling, bound);
  }

  explain(): ScanExplain {
    const groups = new Set(Object.values(this.spec.metrics).map((b) => b ?? '(none)'));
    return {
      table: this.spec.name,
      endpoint: `${this.client.endpointPrefix}/{ig-user-id}/insights?metric_type=total_value`,
      pushed: [
        `ig_user_id=${this.shown('AccountId', this.client.describeDefault('businessAccount'))}`,
        `metric=${this.shown('Metric', Object.keys(this.spec.metrics).join(','))}`,
        `breakdown=${[...groups].join(' | ')} (one request each)`,
        `since=${this.shown('StartTime', '(7 days before until)')}`,
        `until=${this.shown('EndTime', '(now)')}`,
      ],
      estimatedCalls: null,
      notes: [this.spec.perDay ? 'one request per day of the range, per breakdown; batch calls of 50' : 'at most 30 days per request, per breakdown; batch calls of 50'],
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    const accounts = this.values('AccountId', options) ?? (await this.client.businessAccountIds(call));
    const wanted = this.values('Metric', options);
    const metrics = Object.keys(this.spec.metrics).filter((m) => !wanted || wanted.includes(m));
    const { since, until } = requestedRange(this.bound, options, this.now());
    const windows = this.spec.perDay ? dayWindows(since, until) : rangeWindows(since, until);
    const byBreakdown = new Map<string | undefined, string[]>();
    for (const m of metrics) byBreakdown.set(this.spec.metrics[m], [...(byBreakdown.get(this.spec.metrics[m]) ?? []), m]);
    const asks: Ask[] = [];
    for (const accountId of accounts) for (const [breakdown, group] of byBreakdown) for (const window of windows) asks.push({ accountId, metrics: group, breakdown, window });
    for (let i = 0; i < asks.length; i += BATCH_LIMIT) {
      const chunk = asks.slice(i, i + BATCH_LIMIT);
      const urls = chunk.map((a) =>
        this.client.url(`/${encodeURIComponent(a.accountId)}/insights`, {
          metric: a.metrics.join(','),
          period: 'day',
          metric_type: 'total_value',
          since: String(Math.floor(a.window.since.getTime() / 1000)),
          until: String(Math.floor(a.window.until.getTime() / 1000)),
          ...(a.breakdown ? { breakdown: a.breakdown } : {}),
        }),
      );
      const items = await this.client.batch(urls, call);
      for (const [k, item] of items.entries()) {
        const ask = chunk[k]!;
        const path = `/${ask.accountId}/insights`;
        if (!item.ok) throw this.client.error('GET', path, item.failure);
        const parsed = totalEnvelope.safeParse(item.body);
        if (!parsed.success) throw new ApiError(`Malformed response from the Instagram Graph API for GET ${path}: expected {"data": [...]} with total_value`, 200, 'MALFORMED_RESPONSE');
        const base = { AccountId: ask.accountId, StartTime: ask.window.since, EndTime: ask.window.until };
        for (const entry of parsed.data.data) {
          const column = this.spec.breakdownColumn?.name;
          if (!column) {
            yield { ...base, Metric: entry.name, Value: entry.total_value?.value ?? null };
            continue;
          }
          for (const result of entry.total_value?.breakdowns?.[0]?.results ?? []) yield { ...base, Metric: entry.name, [column]: result.dimension_values[0] ?? null, Value: result.value };
        }
      }
    }
  }
}

const onlineKeys: readonly KeyColumn[] = [plannedKey('AccountId', ['=', 'IN'], { acceptsParams: true, idFormat: graphId, name: 'ig_user_id' }), ...timeKeys];

/** OnlineFollowers: online_followers (period=lifetime), one value per hour of each day, the last 30 days only. */
export class OnlineFollowersTable implements TableSource {
  readonly keyColumns = onlineKeys;
  readonly info = onlineFollowersTable;

  constructor(
    private readonly client: InstagramClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(onlineFollowersTable.name, request.predicates, onlineKeys);
    return new OnlineFollowersScan(this.client, this.now, handling, byColumn(bindings));
  }
}

class OnlineFollowersScan extends CustomScan {
  constructor(
    private readonly client: InstagramClient,
    private readonly now: () => Date,
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
  ) {
    super(handling, bound);
  }

  explain(): ScanExplain {
    return {
      table: onlineFollowersTable.name,
      endpoint: `${this.client.endpointPrefix}/{ig-user-id}/insights?metric=online_followers&period=lifetime`,
      pushed: [`ig_user_id=${this.shown('AccountId', this.client.describeDefault('businessAccount'))}`, `since=${this.shown('StartTime', '(7 days before until)')}`, `until=${this.shown('EndTime', '(now)')}`],
      estimatedCalls: null,
      notes: ['the API serves online_followers for the last 30 days only: older bounds are raised to 30 days ago'],
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    const accounts = this.values('AccountId', options) ?? (await this.client.businessAccountIds(call));
    const now = this.now();
    const range = requestedRange(this.bound, options, now);
    // The last 30 days only, and at most 30 days between since and until.
    const earliest = new Date(Math.max(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 30 * DAY, range.until.getTime() - 30 * DAY));
    const since = range.since < earliest ? earliest : range.since;
    if (since >= range.until) return;
    const urls = accounts.map((a) =>
      this.client.url(`/${encodeURIComponent(a)}/insights`, { metric: 'online_followers', period: 'lifetime', since: String(Math.floor(since.getTime() / 1000)), until: String(Math.floor(range.until.getTime() / 1000)) }),
    );
    const items = await this.client.batch(urls, call);
    for (const [k, item] of items.entries()) {
      const accountId = accounts[k]!;
      const path = `/${accountId}/insights`;
      if (!item.ok) throw this.client.error('GET', path, item.failure);
      const parsed = onlineEnvelope.safeParse(item.body);
      if (!parsed.success) throw new ApiError(`Malformed response from the Instagram Graph API for GET ${path}: expected online_followers values`, 200, 'MALFORMED_RESPONSE');
      for (const entry of parsed.data.data) {
        for (const point of entry.values) {
          const end = parseApiTimestamp(point.end_time);
          if (!end) throw new ApiError(`Malformed response from the Instagram Graph API for GET ${path}: bad end_time`, 200, 'MALFORMED_RESPONSE');
          for (const [hour, value] of Object.entries(point.value)) if (typeof value === 'number') yield { AccountId: accountId, StartTime: new Date(end.getTime() - DAY), EndTime: end, Hour: Number(hour), Value: value };
        }
      }
    }
  }
}

export { breakdownKeys as breakdownKeyColumns, onlineKeys as onlineFollowersKeyColumns };
