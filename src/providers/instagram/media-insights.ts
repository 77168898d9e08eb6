/**
 * Media insights, fetched as the API allows and no more: the media and their types first (the
 * account's media list, or `?ids=` reads for given ids), then `/{media-id}/insights` with only the
 * metrics valid for each media's type, 50 media per batch call.
 */
import { z } from 'zod';
import type { Row, Value } from '../../catalog/types.js';
import { ApiError } from '../../errors.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, TableSource } from '../../source/contract.js';
import { mediaInsightsTable, mediaMetricColumns, type MediaInsightsVariant } from '../../../schemas/instagram/insights.js';
import type { TableInfo } from '../../catalog/types.js';
import { servedMediaMetricList } from '../../../schemas/instagram/media-metrics.js';
import type { CallOptions } from '../api-client.js';
import { concatConcurrently } from '../concat-concurrently.js';
import { CustomScan } from '../custom-scan.js';
import { rowMaker } from '../row-shape.js';
import { bindKeyColumns, type KeyBinding } from '../../source/bind-key-columns.js';
import { plannedKey, type KeyColumn } from '../../source/key-column.js';
import { graphId } from '../../../schemas/instagram/common.js';
import { byColumn, describeOperands } from '../binding-values.js';
import { BATCH_LIMIT, type InstagramClient } from './client.js';
import { describeRefusals, mediaRefusal } from './media-refusals.js';

interface MediaTypes {
  id: string;
  media_type?: string;
  media_product_type?: string;
  timestamp?: string;
}
/** Media with their types, checked by a loop inside zod (a ?ids= answer is 50 of them). */
const mediaTypes = z.custom<MediaTypes[]>((value) => Array.isArray(value) && (value as unknown[]).every(isMediaTypes), 'media with ids');
const optionalText = (value: unknown) => value === undefined || typeof value === 'string';
function isMediaTypes(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.id === 'string' && optionalText(m.media_type) && optionalText(m.media_product_type) && optionalText(m.timestamp);
}
interface InsightEntry {
  name: string;
  values?: { value: unknown }[];
}
/** `{"data": [{name, values: [{value}]}]}`, checked by a plain loop (one per media of a 50-media batch): no zod pass, no copy. */
function insightEntriesOf(body: unknown): InsightEntry[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const data = (body as { data?: unknown }).data;
  return isInsightEntries(data) ? (data as InsightEntry[]) : undefined;
}

function isInsightEntries(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as InsightEntry).name !== 'string') return false;
    const values = (entry as InsightEntry).values;
    if (values === undefined) continue;
    if (!Array.isArray(values)) return false;
    for (const v of values as unknown[]) if (typeof v !== 'object' || v === null) return false;
  }
  return true;
}

export interface MediaRef {
  readonly id: string;
  readonly mediaType?: string;
  readonly productType?: string;
  /** When it was posted (ms), which decides whether older versions still serve `impressions`. */
  readonly createdMs?: number;
}

export interface MediaMetrics {
  readonly media: MediaRef;
  /** Metric name → value; absent metrics were not asked for or not available. */
  readonly values: ReadonlyMap<string, number | null>;
  /** Metric name → why the API refused it for this media (its value is then null). */
  readonly errors: ReadonlyMap<string, string>;
}

/** Which media, and which of their metrics, a query wants. */
export interface MediaSelection {
  /** Given ids (values of a MediaId filter), or undefined for every media of the account. */
  readonly ids?: readonly string[];
  readonly mediaTypes?: readonly string[];
  readonly productTypes?: readonly string[];
  /** API metric names wanted; each media gets those valid for its type. */
  readonly metrics: readonly string[];
  /** Without ids: read the account's live stories (`/stories`) rather than its media list. */
  readonly stories?: boolean;
}

interface Ask {
  readonly media: MediaRef;
  /** Metrics still to ask for (shared by media of one kind: replaced, never changed in place). */
  metrics: readonly string[];
  readonly values: Map<string, number | null>;
  readonly errors: Map<string, string>;
}

/** Media metrics one by one (see fetchMediaMetricPages). */
export async function* fetchMediaMetrics(client: InstagramClient, selection: MediaSelection, options: CallOptions, concurrency = 1): AsyncGenerator<MediaMetrics> {
  for await (const page of fetchMediaMetricPages(client, selection, options, concurrency)) yield* page;
}

/**
 * Media metrics as each batch call answers them (up to 50 at once). Insights degrade per media, never
 * per query: a refused metric is NULL for that media with its reason in `errors`, and the media's other
 * metrics are asked again in the next round (one more batch call for all such media together). Each
 * round removes at least one metric, so rounds are bounded.
 */
export async function* fetchMediaMetricPages(client: InstagramClient, selection: MediaSelection, options: CallOptions, concurrency = 1): AsyncGenerator<readonly MediaMetrics[]> {
  const media = (selection.stories && selection.ids === undefined ? await storiesOf(client, options) : await mediaOf(client, selection.ids, options)).filter(
    (m) => (!selection.mediaTypes || selection.mediaTypes.includes(m.mediaType ?? '')) && (!selection.productTypes || selection.productTypes.includes(m.productType ?? '')),
  );
  const now = client.now();
  // Media of one kind share one served list: the wanted ones are picked from it once, not per media.
  const wanted = new Map<readonly string[], readonly string[]>();
  const asks: Ask[] = media.map((m) => {
    const served = servedMediaMetricList(m, client.version, now);
    let metrics = wanted.get(served);
    if (metrics === undefined) wanted.set(served, (metrics = served.filter((name) => selection.metrics.includes(name))));
    return { media: m, metrics, values: new Map(metrics.map((name) => [name, null])), errors: new Map() };
  });
  // Rows with no metric to ask for cost no call.
  const unasked = asks.filter((a) => a.metrics.length === 0).map(done);
  if (unasked.length > 0) yield unasked;
  let pending = asks.filter((a) => a.metrics.length > 0);
  while (pending.length > 0) {
    // A round's batch calls overlap up to `concurrency` (MaxConcurrency; 1 under a LIMIT), rows in media
    // order; each chunk keeps its own retry list so the next round's order does not depend on timing.
    const chunks: Ask[][] = [];
    for (let i = 0; i < pending.length; i += BATCH_LIMIT) chunks.push(pending.slice(i, i + BATCH_LIMIT));
    const again = chunks.map((): Ask[] => []);
    yield* concatConcurrently(
      chunks.map((chunk, c) => () => askChunk(client, chunk, again[c]!, options)),
      concurrency,
    );
    pending = again.flat();
  }
}

const done = (ask: Ask): MediaMetrics => ({ media: ask.media, values: ask.values, errors: ask.errors });

/** One batch call for up to 50 media: answered media go out together, media with metrics left to ask go to `again`. */
async function* askChunk(client: InstagramClient, chunk: readonly Ask[], again: Ask[], options: CallOptions): AsyncGenerator<readonly MediaMetrics[]> {
  // Media of one kind share their metric list, so its query is built once (and the client encodes it once).
  const queries = new Map<readonly string[], Readonly<Record<string, string>>>();
  const queryOf = (metrics: readonly string[]) => queries.get(metrics) ?? queries.set(metrics, Object.freeze({ metric: metrics.join(',') })).get(metrics)!;
  const urls = chunk.map((a) => client.url(`/${encodeURIComponent(a.media.id)}/insights`, queryOf(a.metrics)));
  const items = await client.batch(urls, options);
  const answered: MediaMetrics[] = [];
  for (const [k, item] of items.entries()) {
    const ask = chunk[k]!;
    if (!item.ok) {
      const refusal = mediaRefusal(item.failure, ask.metrics);
      if (!refusal) throw client.error('GET', `/${ask.media.id}/insights`, item.failure);
      const refused = refusal.kind === 'media' ? ask.metrics : refusal.metrics;
      for (const metric of refused) ask.errors.set(metric, client.mask(refusal.reason));
      ask.metrics = ask.metrics.filter((m) => !refused.includes(m));
      if (ask.metrics.length > 0) again.push(ask);
      else answered.push(done(ask));
      continue;
    }
    const entries = insightEntriesOf(item.body);
    if (!entries) throw new ApiError(`Malformed response from the Instagram Graph API for GET /${ask.media.id}/insights: expected {"data": [...]}`, 200, 'MALFORMED_RESPONSE');
    for (const entry of entries) {
      const value = entry.values?.[0]?.value;
      ask.values.set(entry.name, typeof value === 'number' ? value : null);
    }
    answered.push(done(ask));
  }
  if (answered.length > 0) yield answered;
}

/** The account's live stories with their types (the media list never has them). */
export async function storiesOf(client: InstagramClient, options: CallOptions): Promise<MediaRef[]> {
  return (await client.listMedia(options, 'stories')).map(mediaRef);
}

/** Media with their types: the account's whole list, or `?ids=` reads of 50 ids each, batched. */
export async function mediaOf(client: InstagramClient, ids: readonly string[] | undefined, options: CallOptions): Promise<MediaRef[]> {
  if (ids === undefined) return (await client.listMedia(options)).map(mediaRef);
  const requests = [];
  for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
    requests.push({ kind: 'ids' as const, path: '/', query: { ids: ids.slice(i, i + BATCH_LIMIT).join(','), fields: 'id,media_type,media_product_type,timestamp' } });
  }
  const found: MediaRef[] = [];
  if (requests.length === 0) return found;
  const pages =
    requests.length === 1 ? [{ objects: await client.getByIds(requests[0]!.path, requests[0]!.query, options) }] : await collect(client.fetchMany(requests, { pageSize: BATCH_LIMIT }, options));
  for (const { objects } of pages) {
    const parsed = mediaTypes.safeParse(objects);
    if (!parsed.success) throw new ApiError('Malformed response from the Instagram Graph API for GET /?ids=: media without id', 200, 'MALFORMED_RESPONSE');
    found.push(...parsed.data.map(mediaRef));
  }
  return found;
}

function mediaRef(m: MediaTypes): MediaRef {
  const createdMs = m.timestamp === undefined ? Number.NaN : Date.parse(m.timestamp);
  return { id: m.id, mediaType: m.media_type, productType: m.media_product_type, ...(Number.isFinite(createdMs) ? { createdMs } : {}) };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Every MediaInsights row has this shape (row-shape.ts): built as one object literal. */
const makeRow = rowMaker(['MediaId', 'MediaType', 'MediaProductType', ...mediaMetricColumns.map((c) => c.name), 'MetricErrors']);

const keyColumns: readonly KeyColumn[] = [
  plannedKey('MediaId', ['=', 'IN'], { acceptsParams: true, idFormat: graphId, name: 'media', note: '50 media a batch call' }),
  plannedKey('MediaType', ['=', 'IN'], { name: 'media_type' }),
  plannedKey('MediaProductType', ['=', 'IN'], { name: 'media_product_type' }),
];

export class MediaInsightsTable implements TableSource {
  readonly keyColumns = keyColumns;
  readonly info: TableInfo;

  constructor(
    private readonly client: InstagramClient,
    private readonly variant?: MediaInsightsVariant,
  ) {
    this.info = variant ? { ...mediaInsightsTable, name: variant.name, aliases: variant.aliases, description: variant.description } : mediaInsightsTable;
  }

  plan(request: ScanRequest): ScanPlan {
    const { handling, bindings } = bindKeyColumns(this.info.name, request.predicates, keyColumns);
    const bound = byColumn(bindings);
    const metrics = mediaMetricColumns.filter((c) => request.columns.includes(c.name)).map((c) => c.metric);
    return new MediaInsightsScan(this.client, handling, bound, metrics, this.info.name, this.variant);
  }
}

class MediaInsightsScan extends CustomScan {
  constructor(
    private readonly client: InstagramClient,
    handling: readonly PushdownHandling[],
    bound: ReadonlyMap<string, KeyBinding>,
    private readonly metrics: readonly string[],
    private readonly table: string,
    private readonly variant: MediaInsightsVariant | undefined,
  ) {
    super(handling, bound);
  }

  explain(): ScanExplain {
    const ids = this.bound.get('MediaId')?.operands;
    const constIds = ids && ids.every((o) => o.kind === 'Const') ? new Set(ids.map((o) => (o as { value: Value }).value)).size : undefined;
    return {
      table: this.table,
      endpoint: `${this.client.endpointPrefix}/{media-id}/insights (POST / batches of ${BATCH_LIMIT})`,
      pushed: [
        `media=${describeOperands(ids, this.variant?.stories ? '(the live stories: +1 call per page)' : this.client.describeDefault('allMedia'))}`,
        `media_type=${this.shown('MediaType', this.variant?.mediaTypes?.join(',') ?? '(any)')}`,
        `media_product_type=${this.shown('MediaProductType', this.variant?.productTypes?.join(',') ?? '(any)')}`,
        `metric=${this.metrics.join(',') || '(none: no insights call)'} (only those ${this.client.version} serves for each media type)`,
      ],
      estimatedCalls: constIds === undefined ? null : Math.ceil(constIds / BATCH_LIMIT / BATCH_LIMIT) + (this.metrics.length > 0 ? Math.ceil(constIds / BATCH_LIMIT) : 0),
      notes: [
        'media types are read first (media list, or ?ids= reads), then insights for 50 media per call',
        'a metric the API refuses for one media is NULL for it (reason in MetricErrors); its other metrics are asked again in one more batch round',
      ],
    };
  }

  /** Rows as each batch call answers them: a batch's rows arrive together, so none is held back. */
  override async *pages(options: OpenOptions): AsyncGenerator<readonly Row[]> {
    const call: CallOptions = { signal: options.signal, onCall: () => void this.totals.calls++ };
    let left = options.limit ?? Infinity;
    for await (const page of this.rowPages(options, call)) {
      const rows = page.length > left ? page.slice(0, left) : page;
      this.totals.rows += rows.length;
      left -= rows.length;
      yield rows;
      if (left <= 0) return;
    }
  }

  protected async *rows(options: OpenOptions, call: CallOptions): AsyncGenerator<Row> {
    for await (const page of this.rowPages(options, call)) yield* page;
  }

  private async *rowPages(options: OpenOptions, call: CallOptions): AsyncGenerator<Row[]> {
    const selection: MediaSelection = {
      ids: this.values('MediaId', options),
      mediaTypes: narrowed(this.values('MediaType', options), this.variant?.mediaTypes),
      productTypes: narrowed(this.values('MediaProductType', options), this.variant?.productTypes),
      metrics: this.metrics,
      stories: this.variant?.stories,
    };
    for await (const page of fetchMediaMetricPages(this.client, selection, call, options.limit === undefined ? this.client.fanOut : 1)) {
      yield page.map(({ media, values, errors }) => {
        const cells: Value[] = [media.id, media.mediaType ?? null, media.productType ?? null];
        for (const column of mediaMetricColumns) cells.push(values.get(column.metric) ?? null);
        cells.push(describeRefusals(errors));
        return makeRow(cells);
      });
    }
  }
}

/** A filter the query gave, within the variant's fixed one. */
function narrowed(given: readonly string[] | undefined, fixed: readonly string[] | undefined): readonly string[] | undefined {
  if (!fixed) return given;
  return given ? given.filter((v) => fixed.includes(v)) : fixed;
}

export { keyColumns as mediaInsightsKeyColumns };
