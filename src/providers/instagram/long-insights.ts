/**
 * Insights in long form: one row per object, metric and period end. Account rows come from the
 * account's time series, media rows from each media's lifetime metrics (batched as MediaInsights).
 */
import type { Row } from '../../catalog/types.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, ScanRunStats, TableSource } from '../../plan/scan.js';
import { accountMetricsByType, longInsightsTable, mediaMetricColumns } from '../../../schemas/instagram/insights.js';
import type { CallOptions } from '../api-client.js';
import { bindFilters, describeOperands, textValues, type BoundFilter } from '../simple-filters.js';
import { fetchAccountValues, requestedRange, timeFilters, type AccountRequest } from './account-insights.js';
import type { InstagramClient } from './client.js';
import { fetchMediaMetrics } from './media-insights.js';

const filters = [
  { column: 'ObjectId', operators: ['=', 'IN'], acceptsParam: true },
  { column: 'ObjectType', operators: ['=', 'IN'] },
  { column: 'Metric', operators: ['=', 'IN'] },
  { column: 'Period', operators: ['=', 'IN'] },
  { column: 'StartTime', operators: timeFilters[0].operators },
  { column: 'EndTime', operators: timeFilters[1].operators },
] as const;

const accountPeriods = ['day', 'week', 'days_28'];

export class LongInsightsTable implements TableSource {
  readonly filters = filters;
  readonly info = longInsightsTable;

  constructor(
    private readonly client: InstagramClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  plan(request: ScanRequest): ScanPlan {
    const { handling, bound } = bindFilters(
      request.predicates.map((p) => (p.column === 'EndTime' && p.kind === 'Compare' && (p.op === '>=' || p.op === '>') ? { ...p, column: 'StartTime' } : p)),
      filters,
    );
    // Time bounds narrow the request; rows are re-checked locally.
    request.predicates.forEach((p, i) => {
      if (p.column === 'EndTime' && handling[i] === 'exact') handling[i] = 'inexact';
    });
    return new LongInsightsScan(this.client, this.now, handling, bound);
  }
}

class LongInsightsScan implements ScanPlan {
  readonly sorted = false;
  private readonly totals: ScanRunStats = { calls: 0, rows: 0 };

  constructor(
    private readonly client: InstagramClient,
    private readonly now: () => Date,
    readonly handling: readonly PushdownHandling[],
    private readonly bound: ReadonlyMap<string, BoundFilter>,
  ) {}

  stats(): ScanRunStats {
    return { ...this.totals };
  }

  explain(): ScanExplain {
    const b = this.bound;
    return {
      table: longInsightsTable.name,
      endpoint: `${this.client.endpointPrefix}/{object-id}/insights`,
      pushed: [
        `object=${describeOperands(b.get('ObjectId')?.operands, this.client.describeDefault('businessAccount'))}`,
        `object_type=${describeOperands(b.get('ObjectType')?.operands, 'ACCOUNT, or MEDIA for ids that are not the account')}`,
        `metric=${describeOperands(b.get('Metric')?.operands, '(all)')}`,
        `period=${describeOperands(b.get('Period')?.operands, 'day (account) / lifetime (media)')}`,
      ],
      estimatedCalls: null,
      notes: ['account: ≤30 days per request; media: 50 per batch call'],
    };
  }

  async *open(options: OpenOptions): AsyncGenerator<Row> {
    const callOptions: CallOptions = { signal: options.signal, onCall: () => void this.totals.calls++ };
    const b = this.bound;
    const list = (column: string) => (b.get(column) ? textValues(b.get(column)!.operands, options.params) : undefined);
    const account = await this.client.businessAccountId(callOptions);
    const ids = list('ObjectId');
    const types = list('ObjectType')?.map((t) => t.toUpperCase());
    const metrics = list('Metric');
    const periods = list('Period');
    const accountIds = ids ? ids.filter((id) => id === account) : types?.includes('MEDIA') && !types.includes('ACCOUNT') ? [] : [account];
    const mediaIds = ids ? ids.filter((id) => id !== account) : undefined;
    const wantAccount = (!types || types.includes('ACCOUNT')) && accountIds.length > 0;
    const wantMedia = (!types || types.includes('MEDIA')) && (mediaIds === undefined ? types?.includes('MEDIA') === true : mediaIds.length > 0);
    let yielded = 0;
    const emit = (row: Row): boolean => {
      this.totals.rows++;
      return options.limit !== undefined && ++yielded >= options.limit;
    };

    if (wantAccount) {
      const { since, until } = requestedRange(b, options, this.now());
      const requests: AccountRequest[] = [];
      for (const period of periods ?? ['day']) {
        if (!accountPeriods.includes(period)) continue;
        const available = accountMetricsByType.time_series.filter((m) => period === 'day' || m === 'reach');
        const chosen = available.filter((m) => !metrics || metrics.includes(m));
        for (const accountId of accountIds) if (chosen.length > 0) requests.push({ accountId, metricType: 'time_series', period, metrics: chosen, since, until });
      }
      for (const value of await fetchAccountValues(this.client, requests, callOptions)) {
        const row: Row = { ObjectId: value.request.accountId, ObjectType: 'ACCOUNT', Metric: value.metric, Period: value.period, EndTime: value.end, Value: value.value };
        yield row;
        if (emit(row)) return;
      }
    }
    if (wantMedia && (!periods || periods.includes('lifetime'))) {
      const chosen = mediaMetricColumns.map((c) => c.metric).filter((m) => !metrics || metrics.includes(m));
      for await (const { media, values } of fetchMediaMetrics(this.client, { ids: mediaIds, metrics: chosen }, callOptions)) {
        for (const [metric, value] of values) {
          const row: Row = { ObjectId: media.id, ObjectType: 'MEDIA', Metric: metric, Period: 'lifetime', EndTime: null, Value: value };
          yield row;
          if (emit(row)) return;
        }
      }
    }
  }
}
