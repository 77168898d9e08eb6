/**
 * Media insights, fetched as the API allows and no more: the media and their types first (the
 * account's media list, or `?ids=` reads for given ids), then `/{media-id}/insights` with only the
 * metrics valid for each media's type, 50 media per batch call.
 */
import { z } from 'zod';
import type { Row, Value } from '../../catalog/types.js';
import { ApiError } from '../../errors.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import { mediaInsightsTable, mediaMetricColumns, validMediaMetrics } from '../../../schemas/instagram/insights.js';
import type { CallOptions } from '../api-client.js';
import { CustomScan } from '../custom-scan.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import { plannedKey, type KeyColumn } from '../../source/key-column.js';
import { graphId } from '../../../schemas/instagram/common.js';
import { byColumn, describeOperands } from '../binding-values.js';
import { BATCH_LIMIT, type InstagramClient } from './client.js';

const mediaTypes = z.array(z.object({ id: z.string(), media_type: z.string().optional(), media_product_type: z.string().optional() }));
const insightsEnvelope = z.object({ data: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.unknown() })).optional() })) });

export interface MediaRef {
  readonly id: string;
  readonly mediaType?: string;
  readonly productType?: string;
}

export interface MediaMetrics {
  readonly media: MediaRef;
  /** Metric name → value; absent metrics were not asked for or not available. */
  readonly values: ReadonlyMap<string, number | null>;
}

/** Which media, and which of their metrics, a query wants. */
export interface MediaSelection {
  /** Given ids (values of a MediaId filter), or undefined for every media of the account. */
  readonly ids?: readonly string[];
  readonly mediaTypes?: readonly string[];
  readonly productTypes?: readonly string[];
  /** API metric names wanted; each media gets those valid for its type. */
  readonly metrics: readonly string[];
}

/** Graph codes that mean "this media has no insights": posted before the business conversion, too few viewers. */
const noInsights = (code: number, subcode: number | undefined) => (code === 100 && subcode === 2108006) || code === 10;

export async function* fetchMediaMetrics(client: InstagramClient, selection: MediaSelection, options: CallOptions): AsyncGenerator<MediaMetrics> {
  const media = (await mediaOf(client, selection.ids, options)).filter(
    (m) => (!selection.mediaTypes || selection.mediaTypes.includes(m.mediaType ?? '')) && (!selection.productTypes || selection.productTypes.includes(m.productType ?? '')),
  );
  const asks = media.map((m) => ({ media: m, metrics: validMediaMetrics(m.mediaType, m.productType).filter((name) => selection.metrics.includes(name)) }));
  const needCalls = asks.filter((a) => a.metrics.length > 0);
  // Rows with no metric to ask for cost no call.
  for (const ask of asks) if (ask.metrics.length === 0) yield { media: ask.media, values: new Map() };
  for (let i = 0; i < needCalls.length; i += BATCH_LIMIT) {
    const chunk = needCalls.slice(i, i + BATCH_LIMIT);
    const urls = chunk.map((a) => client.url(`/${encodeURIComponent(a.media.id)}/insights`, { metric: a.metrics.join(',') }));
    const items = await client.batch(urls, options);
    for (const [k, item] of items.entries()) {
      const ask = chunk[k]!;
      if (!item.ok) {
        if (noInsights(item.failure.code, item.failure.subcode)) {
          yield { media: ask.media, values: new Map(ask.metrics.map((m) => [m, null])) };
          continue;
        }
        throw client.error('GET', `/${ask.media.id}/insights`, item.failure);
      }
      const parsed = insightsEnvelope.safeParse(item.body);
      if (!parsed.success) throw new ApiError(`Malformed response from the Instagram Graph API for GET /${ask.media.id}/insights: expected {"data": [...]}`, 200, 'MALFORMED_RESPONSE');
      const values = new Map<string, number | null>(ask.metrics.map((m) => [m, null]));
      for (const entry of parsed.data.data) {
        const value = entry.values?.[0]?.value;
        values.set(entry.name, typeof value === 'number' ? value : null);
      }
      yield { media: ask.media, values };
    }
  }
}

/** Media with their types: the account's whole list, or `?ids=` reads of 50 ids each, batched. */
async function mediaOf(client: InstagramClient, ids: readonly string[] | undefined, options: CallOptions): Promise<MediaRef[]> {
  if (ids === undefined) return (await client.listMedia(options)).map((m) => ({ id: m.id, mediaType: m.media_type, productType: m.media_product_type }));
  const requests = [];
  for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
    requests.push({ kind: 'ids' as const, path: '/', query: { ids: ids.slice(i, i + BATCH_LIMIT).join(','), fields: 'id,media_type,media_product_type' } });
  }
  const found: MediaRef[] = [];
  if (requests.length === 0) return found;
  const pages =
    requests.length === 1 ? [{ objects: await client.getByIds(requests[0]!.path, requests[0]!.query, options) }] : await collect(client.fetchMany(requests, { pageSize: BATCH_LIMIT }, options));
  for (const { objects } of pages) {
    const parsed = mediaTypes.safeParse(objects);
    if (!parsed.success) throw new ApiError('Malformed response from the Instagram Graph API for GET /?ids=: media without id', 200, 'MALFORMED_RESPONSE');
    found.push(...parsed.data.map((m) => ({ id: m.id, mediaType: m.media_type, productType: m.media_product_type })));
  }
  return found;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const keyColumns: readonly KeyColumn[] = [
  plannedKey('MediaId', ['=', 'IN'], { acceptsParams: true, idFormat: graphId, name: 'media', note: '50 media a batch call' }),
  plannedKey('MediaType', ['=', 'IN'], { name: 'media_type' }),
  plannedKey('MediaProductType', ['=', 'IN'], { name: 'media_product_type' }),
];

export class MediaInsightsTable implements TableSource {
  readonly keyColumns = keyColumns;
  readonly info = mediaInsightsTable;

  constructor(private readonly client: InstagramClient) {}

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(mediaInsightsTable.name, request.predicates, keyColumns);
    const bound = byColumn(bindings);
    const metrics = mediaMetricColumns.filter((c) => request.columns.includes(c.name)).map((c) => c.metric);
    return new MediaInsightsScan(this.client, handling, bound, metrics);
  }
}

class MediaInsightsScan extends CustomScan {
  constructor(
    private readonly client: InstagramClient,
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
    private readonly metrics: readonly string[],
  ) {
    super(handling, bound);
  }

  explain(): ScanExplain {
    const ids = this.bound.get('MediaId')?.operands;
    const constIds = ids && ids.every((o) => o.kind === 'Const') ? new Set(ids.map((o) => (o as { value: Value }).value)).size : undefined;
    return {
      table: mediaInsightsTable.name,
      endpoint: `${this.client.endpointPrefix}/{media-id}/insights (POST / batches of ${BATCH_LIMIT})`,
      pushed: [
        `media=${describeOperands(ids, this.client.describeDefault('allMedia'))}`,
        `media_type=${this.shown('MediaType', '(any)')}`,
        `media_product_type=${this.shown('MediaProductType', '(any)')}`,
        `metric=${this.metrics.join(',') || '(none: no insights call)'} (only those valid for each media type)`,
      ],
      estimatedCalls: constIds === undefined ? null : Math.ceil(constIds / BATCH_LIMIT / BATCH_LIMIT) + (this.metrics.length > 0 ? Math.ceil(constIds / BATCH_LIMIT) : 0),
      notes: ['media types are read first (media list, or ?ids= reads), then insights for 50 media per call'],
    };
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    const selection: MediaSelection = {
      ids: this.values('MediaId', options),
      mediaTypes: this.values('MediaType', options),
      productTypes: this.values('MediaProductType', options),
      metrics: this.metrics,
    };
    for await (const { media, values } of fetchMediaMetrics(this.client, selection, call)) {
      const row: Row = { MediaId: media.id, MediaType: media.mediaType ?? null, MediaProductType: media.productType ?? null };
      for (const column of mediaMetricColumns) row[column.name] = values.get(column.metric) ?? null;
      yield row;
    }
  }
}

export { keyColumns as mediaInsightsKeyColumns };
