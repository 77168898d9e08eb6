/**
 * AudienceInsights: demographic breakdowns (metric_type=total_value, period=lifetime, breakdown,
 * timeframe). One request per metric × breakdown × timeframe, all sent in one batch.
 */
import { z } from 'zod';
import type { Row } from '../../catalog/types.js';
import { ApiError } from '../../errors.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, ScanRunStats, TableSource } from '../../plan/scan.js';
import { audienceInsightsTable, audienceMetrics, audienceTypes, timeframes } from '../../../schemas/instagram/insights.js';
import type { CallOptions } from '../api-client.js';
import { bindFilters, describeOperands, textValues, type BoundFilter } from '../simple-filters.js';
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

const filters = [
  { column: 'AccountId', operators: ['=', 'IN'], acceptsParam: true },
  { column: 'Metric', operators: ['=', 'IN'] },
  { column: 'AudienceType', operators: ['=', 'IN'] },
  { column: 'Timeframe', operators: ['=', 'IN'] },
] as const;

export class AudienceInsightsTable implements TableSource {
  readonly filters = filters;
  readonly info = audienceInsightsTable;

  constructor(private readonly client: InstagramClient) {}

  plan(request: ScanRequest): ScanPlan {
    const { handling, bound } = bindFilters(request.predicates, filters);
    return new AudienceScan(this.client, handling, bound);
  }
}

class AudienceScan implements ScanPlan {
  readonly sorted = false;
  private readonly totals: ScanRunStats = { calls: 0, rows: 0 };

  constructor(
    private readonly client: InstagramClient,
    readonly handling: readonly PushdownHandling[],
    private readonly bound: ReadonlyMap<string, BoundFilter>,
  ) {}

  stats(): ScanRunStats {
    return { ...this.totals };
  }

  explain(): ScanExplain {
    const b = this.bound;
    return {
      table: audienceInsightsTable.name,
      endpoint: `${this.client.endpointPrefix}/{ig-user-id}/insights (metric_type=total_value, period=lifetime)`,
      pushed: [
        `ig_user_id=${describeOperands(b.get('AccountId')?.operands, this.client.describeDefault('businessAccount'))}`,
        `metric=${describeOperands(b.get('Metric')?.operands, 'follower_demographics')}`,
        `breakdown=${describeOperands(b.get('AudienceType')?.operands, DEFAULT_TYPES.join(' | '))}`,
        `timeframe=${describeOperands(b.get('Timeframe')?.operands, DEFAULT_TIMEFRAME)}`,
      ],
      estimatedCalls: 1,
      notes: ['one request per metric × breakdown × timeframe, sent together in one batch call'],
    };
  }

  async *open(options: OpenOptions): AsyncGenerator<Row> {
    const callOptions: CallOptions = { signal: options.signal, onCall: () => void this.totals.calls++ };
    const b = this.bound;
    const list = (column: string, fallback: readonly string[]) => (b.get(column) ? textValues(b.get(column)!.operands, options.params) : [...fallback]);
    const accounts = b.get('AccountId') ? list('AccountId', []) : [await this.client.businessAccountId(callOptions)];
    // A value the API does not know matches no row: it costs no call.
    const metrics = list('Metric', ['follower_demographics']).filter((m) => (audienceMetrics as readonly string[]).includes(m));
    const types = list('AudienceType', DEFAULT_TYPES).filter((t) => audienceTypes[t] !== undefined);
    const frames = list('Timeframe', [DEFAULT_TIMEFRAME]).filter((t) => (timeframes as readonly string[]).includes(t));
    const asks = accounts.flatMap((accountId) => metrics.flatMap((metric) => types.flatMap((type) => frames.map((timeframe) => ({ accountId, metric, type, timeframe })))));
    if (asks.length === 0) return;
    const urls = asks.map((a) =>
      this.client.url(`/${encodeURIComponent(a.accountId)}/insights`, { metric: a.metric, period: 'lifetime', metric_type: 'total_value', breakdown: audienceTypes[a.type]!, timeframe: a.timeframe }),
    );
    const items = await this.client.batch(urls, callOptions);
    let yielded = 0;
    for (const [i, item] of items.entries()) {
      const ask = asks[i]!;
      const path = `/${ask.accountId}/insights`;
      if (!item.ok) throw this.client.error('GET', path, item.failure);
      const parsed = breakdownEnvelope.safeParse(item.body);
      if (!parsed.success) throw new ApiError(`Malformed response from the Instagram Graph API for GET ${path}: expected a total_value breakdown`, 200, 'MALFORMED_RESPONSE');
      for (const result of parsed.data.data[0]?.total_value?.breakdowns?.[0]?.results ?? []) {
        this.totals.rows++;
        yield { AccountId: ask.accountId, Metric: ask.metric, AudienceType: ask.type, Timeframe: ask.timeframe, AudienceGroup: result.dimension_values.join(', '), Value: result.value };
        if (options.limit !== undefined && ++yielded >= options.limit) return;
      }
    }
  }
}
