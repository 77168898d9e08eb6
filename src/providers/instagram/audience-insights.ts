/**
 * AudienceInsights: demographic breakdowns (metric_type=total_value, period=lifetime, breakdown,
 * timeframe). One request per metric × breakdown × timeframe, all sent in one batch.
 */
import { z } from 'zod';
import type { Row, Value } from '../../catalog/types.js';
import { ApiError } from '../../errors.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import { audienceInsightsTable, audienceMetrics, audienceTimeframes, audienceTypes, defaultAudienceTimeframe } from '../../../schemas/instagram/insights.js';
import type { CallOptions } from '../api-client.js';
import { CustomScan } from '../custom-scan.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import { plannedKey, type KeyColumn } from '../../source/key-column.js';
import { graphId } from '../../../schemas/instagram/common.js';
import { byColumn, textValues } from '../binding-values.js';
import { pathSegment } from '../../source/key-values.js';
import { firstPageCalls, type PlannedCalls, type PlannedRequest } from '../../source/planned-call.js';
import { BATCH_LIMIT, isMissingObject, type InstagramClient } from './client.js';

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

const keyColumns: readonly KeyColumn[] = [
  plannedKey('AccountId', ['=', 'IN'], { acceptsParams: true, idFormat: graphId, name: 'ig_user_id' }),
  plannedKey('Metric', ['=', 'IN'], { name: 'metric' }),
  plannedKey('AudienceType', ['=', 'IN'], { name: 'breakdown' }),
  plannedKey('Timeframe', ['=', 'IN'], { name: 'timeframe' }),
];

export class AudienceInsightsTable implements TableSource {
  readonly keyColumns = keyColumns;
  readonly info = audienceInsightsTable;
  /** The business account, once found: the same for the connection's life. */
  private readonly known: { accounts?: readonly string[] } = {};

  constructor(private readonly client: InstagramClient) {}

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(audienceInsightsTable.name, request.predicates, keyColumns);
    return new AudienceScan(this.client, this.known, handling, byColumn(bindings));
  }
}

interface Ask extends PlannedRequest {
  readonly accountId: string;
  readonly metric: string;
  readonly type: string;
  readonly timeframe: string;
}

class AudienceScan extends CustomScan {
  /** As planned before any read, for EXPLAIN ANALYZE. */
  private readonly planned: PlannedCalls;

  constructor(
    private readonly client: InstagramClient,
    private readonly known: { accounts?: readonly string[] },
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
  ) {
    super(handling, bound);
    this.planned = this.plannedCalls();
  }

  explain(): ScanExplain {
    const planned = this.planned;
    return {
      table: audienceInsightsTable.name,
      endpoint: `${this.client.endpointPrefix}/{ig-user-id}/insights (metric_type=total_value, period=lifetime)`,
      pushed: [
        `ig_user_id=${this.shown('AccountId', this.known.accounts?.join(', ') ?? this.client.describeDefault('businessAccount'))}`,
        `metric=${this.shown('Metric', 'follower_demographics')}`,
        `breakdown=${this.shown('AudienceType', DEFAULT_TYPES.join(' | '))}`,
        `timeframe=${this.shown('Timeframe', 'last_30_days for follower_demographics, this_month for the others')} (only those each metric accepts)`,
      ],
      estimatedCalls: firstPageCalls(planned),
      notes: ['one request per metric × breakdown × timeframe, sent together in batch calls of 50', ...(planned.known ? [] : [`calls depend on data: ${planned.reason}`])],
    };
  }

  /** The breakdown requests, once the accounts are known. */
  plannedCalls(params?: ReadonlyMap<string, readonly Value[]>): PlannedCalls {
    const account = this.bound.get('AccountId');
    if (account?.operands.some((o) => o.kind === 'Param' && params?.get(o.id) === undefined)) return { known: false, reason: 'values come from the outer query' };
    const accounts = account ? textValues(account, params) : this.known.accounts;
    if (!accounts) return { known: false, reason: 'the business account is found at run time' };
    const asks = this.asks(accounts, params);
    return { known: true, requests: asks, batches: batchesOf(asks.length, BATCH_LIMIT), morePages: false };
  }

  private asks(accounts: readonly string[], params: OpenOptions['params']): Ask[] {
    const options = { params };
    // A value the API does not know matches no row: it costs no call.
    const metrics = this.values('Metric', options, ['follower_demographics']).filter((m): m is (typeof audienceMetrics)[number] => (audienceMetrics as readonly string[]).includes(m));
    const types = this.values('AudienceType', options, DEFAULT_TYPES).filter((t) => audienceTypes[t] !== undefined);
    // Each metric is asked only for the timeframes it accepts.
    const framesOf = (metric: (typeof audienceMetrics)[number]) => this.values('Timeframe', options, [defaultAudienceTimeframe[metric]]).filter((t) => audienceTimeframes[metric].includes(t));
    return accounts.flatMap((accountId) => {
      const segment = pathSegment(accountId);
      if (segment === undefined) return [];
      return metrics.flatMap((metric) =>
        types.flatMap((type) =>
          framesOf(metric).map((timeframe): Ask => ({
            method: 'GET',
            path: `/${segment}/insights`,
            query: { metric, period: 'lifetime', metric_type: 'total_value', breakdown: audienceTypes[type]!, timeframe },
            kind: 'object',
            rowValues: { AccountId: accountId },
            accountId,
            metric,
            type,
            timeframe,
          })),
        ),
      );
    });
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    const accounts = this.values('AccountId', options) ?? (this.known.accounts = await this.client.businessAccountIds(call));
    const asks = this.asks(accounts, options.params);
    if (asks.length === 0) return;
    const items = await this.client.batch(asks.map((a) => this.client.url(a.path, a.query)), call);
    for (const [i, item] of items.entries()) {
      const ask = asks[i]!;
      const path = `/${ask.accountId}/insights`;
      // An AccountId that names no account: no rows for it.
      if (!item.ok && isMissingObject(item.failure)) continue;
      if (!item.ok) throw this.client.error('GET', path, item.failure);
      const parsed = breakdownEnvelope.safeParse(item.body);
      if (!parsed.success) throw new ApiError(`Malformed response from the Instagram Graph API for GET ${path}: expected a total_value breakdown`, 200, 'MALFORMED_RESPONSE');
      for (const result of parsed.data.data[0]?.total_value?.breakdowns?.[0]?.results ?? []) {
        yield { AccountId: ask.accountId, Metric: ask.metric, AudienceType: ask.type, Timeframe: ask.timeframe, AudienceGroup: result.dimension_values.join(', '), Value: result.value };
      }
    }
  }
}

function batchesOf(count: number, size: number): number[][] {
  const batches: number[][] = [];
  for (let i = 0; i < count; i += size) batches.push([...Array(Math.min(size, count - i)).keys()].map((k) => i + k));
  return batches;
}

export { keyColumns as audienceInsightsKeyColumns };
