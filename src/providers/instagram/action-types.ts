/**
 * MediaProfileActivity, StoryProfileActivity, StoryNavigation: `/{media-id}/insights?metric=...&breakdown=...`
 * per media, in batches of 50. A media the API refuses gives one row with the reason, never a failed query.
 */
import { z } from 'zod';
import type { ColumnInfo, Row } from '../../catalog/types.js';
import { ApiError } from '../../errors.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import { actionTypeColumns, type ActionTypeTableSpec } from '../../../schemas/instagram/action-types.js';
import type { CallOptions } from '../api-client.js';
import { CustomScan } from '../custom-scan.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import { plannedKey, type KeyColumn } from '../../source/key-column.js';
import { graphId } from '../../../schemas/instagram/common.js';
import { byColumn } from '../binding-values.js';
import { BATCH_LIMIT, type InstagramClient } from './client.js';
import { mediaOf, storiesOf } from './media-insights.js';
import { mediaRefusal } from './media-refusals.js';

const envelope = z.object({
  data: z.array(z.object({ name: z.string(), total_value: z.object({ breakdowns: z.array(z.object({ results: z.array(z.object({ dimension_values: z.array(z.string()), value: z.number() })) })).optional() }).optional() })),
});

const keyColumns: readonly KeyColumn[] = [plannedKey('MediaId', ['=', 'IN'], { acceptsParams: true, idFormat: graphId, name: 'media', note: '50 media a batch call' })];

export class ActionTypeTable implements TableSource {
  readonly keyColumns = keyColumns;
  readonly info: { readonly name: string; readonly aliases: readonly string[]; readonly description: string; readonly columns: readonly ColumnInfo[] };

  constructor(
    private readonly client: InstagramClient,
    private readonly spec: ActionTypeTableSpec,
  ) {
    this.info = { name: spec.name, aliases: [], description: spec.description, columns: actionTypeColumns };
  }

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(this.spec.name, request.predicates, keyColumns);
    return new ActionTypeScan(this.client, this.spec, handling, byColumn(bindings));
  }
}

class ActionTypeScan extends CustomScan {
  constructor(
    private readonly client: InstagramClient,
    private readonly spec: ActionTypeTableSpec,
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
  ) {
    super(handling, bound);
  }

  explain(): ScanExplain {
    return {
      table: this.spec.name,
      endpoint: `${this.client.endpointPrefix}/{media-id}/insights?metric=${this.spec.metric}&breakdown=${this.spec.breakdown} (POST / batches of ${BATCH_LIMIT})`,
      pushed: [`media=${this.shown('MediaId', this.spec.stories ? '(the live stories)' : this.client.describeDefault('allMedia'))}`],
      estimatedCalls: null,
      notes: [`only ${this.spec.productTypes.join(', ')} media are asked; a refused media gives one row with MetricErrors`],
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    const ids = this.values('MediaId', options);
    const all = ids === undefined && this.spec.stories ? await storiesOf(this.client, call) : await mediaOf(this.client, ids, call);
    const media = all.filter((m) => this.spec.productTypes.includes(m.productType ?? ''));
    for (let i = 0; i < media.length; i += BATCH_LIMIT) {
      const chunk = media.slice(i, i + BATCH_LIMIT);
      const urls = chunk.map((m) => this.client.url(`/${encodeURIComponent(m.id)}/insights`, { metric: this.spec.metric, breakdown: this.spec.breakdown }));
      const items = await this.client.batch(urls, call);
      for (const [k, item] of items.entries()) {
        const m = chunk[k]!;
        if (!item.ok) {
          const refusal = mediaRefusal(item.failure, [this.spec.metric]);
          if (!refusal) throw this.client.error('GET', `/${m.id}/insights`, item.failure);
          yield { MediaId: m.id, ActionType: null, Value: null, MetricErrors: `${this.spec.metric}: ${this.client.mask(refusal.reason)}` };
          continue;
        }
        const parsed = envelope.safeParse(item.body);
        if (!parsed.success) throw new ApiError(`Malformed response from the Instagram Graph API for GET /${m.id}/insights: expected total_value.breakdowns`, 200, 'MALFORMED_RESPONSE');
        for (const entry of parsed.data.data) {
          for (const result of entry.total_value?.breakdowns?.[0]?.results ?? []) yield { MediaId: m.id, ActionType: result.dimension_values[0] ?? null, Value: result.value, MetricErrors: null };
        }
      }
    }
  }
}

export { keyColumns as actionTypeKeyColumns };
