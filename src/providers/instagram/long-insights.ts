/**
 * Insights in long form: one row per object, metric and period end. Account rows come from the
 * account's time series, media rows from each media's lifetime metrics (batched as MediaInsights).
 */
import type { Row } from '../../catalog/types.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import { accountMetricsByType, longInsightsTable, mediaMetricColumns } from '../../../schemas/instagram/insights.js';
import type { CallOptions } from '../api-client.js';
import { CustomScan } from '../custom-scan.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import { plannedKey, type KeyColumn } from '../../source/key-column.js';
import { graphId } from '../../../schemas/instagram/common.js';
import { byColumn } from '../binding-values.js';
import { fetchAccountValues, requestedRange, timeKeys, type AccountRequest } from './account-insights.js';
import type { InstagramClient } from './client.js';
import { fetchMediaMetrics } from './media-insights.js';

const keyColumns: readonly KeyColumn[] = [
  plannedKey('ObjectId', ['=', 'IN'], { acceptsParams: true, idFormat: graphId }),
  plannedKey('ObjectType', ['=', 'IN']),
  plannedKey('Metric', ['=', 'IN']),
  plannedKey('Period', ['=', 'IN']),
  // A lower bound on EndTime is read as one on StartTime: rows are re-checked locally.
  ...timeKeys,
];

const accountPeriods = ['day', 'week', 'days_28'];

export class LongInsightsTable implements TableSource {
  readonly keyColumns = keyColumns;
  readonly info = longInsightsTable;

  constructor(
    private readonly client: InstagramClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(
      longInsightsTable.name,
      request.predicates.map((p) => (p.column === 'EndTime' && p.kind === 'Compare' && (p.op === '>=' || p.op === '>') ? { ...p, column: 'StartTime' } : p)),
      keyColumns,
    );
    return new LongInsightsScan(this.client, this.now, handling, byColumn(bindings));
  }
}

class LongInsightsScan extends CustomScan {
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
      table: longInsightsTable.name,
      endpoint: `${this.client.endpointPrefix}/{object-id}/insights`,
      pushed: [
        `object=${this.shown('ObjectId', this.client.describeDefault('businessAccount'))}`,
        `object_type=${this.shown('ObjectType', 'ACCOUNT, or MEDIA for ids that are not the account')}`,
        `metric=${this.shown('Metric', '(all)')}`,
        `period=${this.shown('Period', 'day (account) / lifetime (media)')}`,
      ],
      estimatedCalls: null,
      notes: ['account: ≤30 days per request; media: 50 per batch call'],
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    // Every account under BusinessAccountId=*, else the one.
    const accounts = await this.client.businessAccountIds(call);
    const ids = this.values('ObjectId', options);
    const types = this.values('ObjectType', options)?.map((t) => t.toUpperCase());
    const metrics = this.values('Metric', options);
    const periods = this.values('Period', options);
    const accountIds = ids ? ids.filter((id) => accounts.includes(id)) : types?.includes('MEDIA') && !types.includes('ACCOUNT') ? [] : [...accounts];
    const mediaIds = ids ? ids.filter((id) => !accounts.includes(id)) : undefined;
    const wantAccount = (!types || types.includes('ACCOUNT')) && accountIds.length > 0;
    const wantMedia = (!types || types.includes('MEDIA')) && (mediaIds === undefined ? types?.includes('MEDIA') === true : mediaIds.length > 0);
    if (wantAccount) {
      const { since, until } = requestedRange(this.bound, options, this.now());
      const requests: AccountRequest[] = [];
      for (const period of periods ?? ['day']) {
        if (!accountPeriods.includes(period)) continue;
        const available = accountMetricsByType.time_series.filter((m) => period === 'day' || m === 'reach');
        const chosen = available.filter((m) => !metrics || metrics.includes(m));
        for (const accountId of accountIds) if (chosen.length > 0) requests.push({ accountId, metricType: 'time_series', period, metrics: chosen, since, until });
      }
      for (const value of await fetchAccountValues(this.client, requests, call)) {
        yield { ObjectId: value.request.accountId, ObjectType: 'ACCOUNT', Metric: value.metric, Period: value.period, EndTime: value.end, Value: value.value };
      }
    }
    if (wantMedia && (!periods || periods.includes('lifetime'))) {
      const chosen = mediaMetricColumns.map((c) => c.metric).filter((m) => !metrics || metrics.includes(m));
      for await (const { media, values } of fetchMediaMetrics(this.client, { ids: mediaIds, metrics: chosen }, call)) {
        for (const [metric, value] of values) yield { ObjectId: media.id, ObjectType: 'MEDIA', Metric: metric, Period: 'lifetime', EndTime: null, Value: value };
      }
    }
  }
}

export { keyColumns as longInsightsKeyColumns };
