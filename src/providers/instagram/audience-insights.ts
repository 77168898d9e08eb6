/**
 * AudienceInsights: demographic breakdowns (metric_type=total_value, period=lifetime, breakdown,
 * timeframe). One request per metric × breakdown × timeframe, all sent in one batch.
 */
import { z } from 'zod';
import type { Row } from '../../catalog/types.js';
import { ApiError } from '../../errors.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import { audienceInsightsTable, audienceMetrics, audienceTypes, timeframes } from '../../../schemas/instagram/insights.js';
import type { CallOptions } from '../api-client.js';
import { CustomScan } from '../custom-scan.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import { plannedKey, type KeyColumn } from '../../source/key-column.js';
import { graphId } from '../../../schemas/instagram/common.js';
import { byColumn } from '../binding-values.js';
import type { InstagramClient } from './client.js';

const breakdownEnvelope = z.object({
  data: z.array(
    z.object({
      total_value: z
        .object({
          breakdowns: z.array(z.object({ results: z.array(z.object({ dimension_values: z.array(z.string()), value: z.number() })).optional() })).optional(),
        })
        .optional(),
    }),
  ),
});

const DEFAULT_TYPES = ['age', 'gender', 'city', 'country'];
const DEFAULT_TIMEFRAME = 'last_30_days';

const keyColumns: readonly KeyColumn[] = [
  plannedKey('AccountId', ['=', 'IN'], { acceptsParams: true, idFormat: graphId, name: 'ig_user_id' }),
  plannedKey('Metric', ['=', 'IN'], { name: 'metric' }),
  plannedKey('AudienceType', ['=', 'IN'], { name: 'breakdown' }),
  plannedKey('Timeframe', ['=', 'IN'], { name: 'timeframe' }),
];

export class AudienceInsightsTable implements TableSource {
  readonly keyColumns = keyColumns;
  readonly info = audienceInsightsTable;

  constructor(private readonly client: InstagramClient) {}

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(audienceInsightsTable.name, request.predicates, keyColumns);
    return new AudienceScan(this.client, handling, byColumn(bindings));
  }
}

class AudienceScan extends CustomScan {
  constructor(
    private readonly client: InstagramClient,
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
  ) {
    super(handling, bound);
  }

  explain(): ScanExplain {
    return {
      table: audienceInsightsTable.name,
      endpoint: `${this.client.endpointPrefix}/{ig-user-id}/insights (metric_type=total_value, period=lifetime)`,
      pushed: [
        `ig_user_id=${this.shown('AccountId', this.client.describeDefault('businessAccount'))}`,
        `metric=${this.shown('Metric', 'follower_demographics')}`,
        `breakdown=${this.shown('AudienceType', DEFAULT_TYPES.join(' | '))}`,
        `timeframe=${this.shown('Timeframe', DEFAULT_TIMEFRAME)}`,
      ],
      estimatedCalls: 1,
      notes: ['one request per metric × breakdown × timeframe, sent together in one batch call'],
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    const accounts = this.values('AccountId', options) ?? [await this.client.businessAccountId(call)];
    // A value the API does not know matches no row: it costs no call.
    const metrics = this.values('Metric', options, ['follower_demographics']).filter((m) => (audienceMetrics as readonly string[]).includes(m));
    const types = this.values('AudienceType', options, DEFAULT_TYPES).filter((t) => audienceTypes[t] !== undefined);
    const frames = this.values('Timeframe', options, [DEFAULT_TIMEFRAME]).filter((t) => (timeframes as readonly string[]).includes(t));
    const asks = accounts.flatMap((accountId) => metrics.flatMap((metric) => types.flatMap((type) => frames.map((timeframe) => ({ accountId, metric, type, timeframe })))));
    if (asks.length === 0) return;
    const urls = asks.map((a) =>
      this.client.url(`/${encodeURIComponent(a.accountId)}/insights`, { metric: a.metric, period: 'lifetime', metric_type: 'total_value', breakdown: audienceTypes[a.type]!, timeframe: a.timeframe }),
    );
    const items = await this.client.batch(urls, call);
    for (const [i, item] of items.entries()) {
      const ask = asks[i]!;
      const path = `/${ask.accountId}/insights`;
      if (!item.ok) throw this.client.error('GET', path, item.failure);
      const parsed = breakdownEnvelope.safeParse(item.body);
      if (!parsed.success) throw new ApiError(`Malformed response from the Instagram Graph API for GET ${path}: expected a total_value breakdown`, 200, 'MALFORMED_RESPONSE');
      for (const result of parsed.data.data[0]?.total_value?.breakdowns?.[0]?.results ?? []) {
        yield { AccountId: ask.accountId, Metric: ask.metric, AudienceType: ask.type, Timeframe: ask.timeframe, AudienceGroup: result.dimension_values.join(', '), Value: result.value };
      }
    }
  }
}

export { keyColumns as audienceInsightsKeyColumns };
