/**
 * A TableSource driven by an ApiTableSchema: the one binder matches the offered predicates to
 * the schema's key columns, `planApiCalls` turns the bindings into the exact requests (one call
 * per path value, id lists chunked to the API's maximum, batched where the API batches), and the
 * scan fetches exactly those, streaming rows page by page.
 */
import type { ApiTableSchema } from '../catalog/api-table-schema.js';
import { sourceOf, tableInfoOf } from '../catalog/api-table-schema.js';
import type { Row, TableInfo, Value } from '../catalog/types.js';
import { ApiError } from '../errors.js';
import { bindKeyColumns, type KeyBinding } from '../source/bind-key-columns.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRequest, ScanRunStats, TableSource } from '../source/contract.js';
import type { KeyColumn, KeyDefault } from '../source/key-column.js';
import { firstPageCalls, requestText, type PlannedCalls } from '../source/planned-call.js';
import type { ApiClient, CallOptions, PageRequest } from './api-client.js';
import { apiText, columnType, noValueCanMatch, planApiCalls, sends, type ApiCall, type ApiScanSpec, type DefaultValues } from './api-table-calls.js';
import { concatConcurrently } from './concat-concurrently.js';
import { rowDecoder, type RowDecoder } from './row-decoder.js';

type ResolvedDefault = Extract<KeyDefault, { resolve: string }>;

export class ApiTableSource implements TableSource {
  readonly info: TableInfo;
  /** The schema's key columns, plus the lookup key as a key column of the by-key endpoint. */
  readonly keyColumns: readonly KeyColumn[];
  private readonly decode: RowDecoder;
  /** `perConnection` defaults once resolved: the same for the connection's life. */
  private readonly stableDefaults = new Map<string, readonly string[]>();

  constructor(
    readonly schema: ApiTableSchema,
    private readonly client: ApiClient,
  ) {
    this.info = tableInfoOf(schema);
    this.decode = rowDecoder(schema);
    this.keyColumns = keyColumnsOfSchema(schema);
  }

  plan(request: ScanRequest): ScanPlan {
    const { handling, byPredicate, bindings } = bindKeyColumns(this.schema.name, request.predicates, this.keyColumns, {
      rangeValueOk: (key, value) => apiText(key, columnType(this.schema, key), value) !== undefined,
    });
    const lookup = this.schema.lookup;
    const useLookup = lookup !== undefined && [...bindings.keys()].some((k) => k.column === lookup.column);
    const sortField = this.sortField(request, bindings, useLookup);
    const spec: ApiScanSpec = {
      schema: this.schema,
      keyColumns: this.keyColumns,
      bindings,
      useLookup,
      ...(sortField ? { sortField } : {}),
      ...(this.fieldsFor(request.columns) ? { fields: this.fieldsFor(request.columns)! } : {}),
      ...(this.client.batchLimit && this.client.fetchMany ? { batchLimit: this.client.batchLimit } : {}),
    };
    // The lookup endpoint takes no list filters: what it does not send is checked locally instead.
    byPredicate.forEach((binding, i) => {
      if (binding && !sends(spec, binding.key)) handling[i] = 'inexact';
    });
    return new ApiScanPlan(this, spec, handling);
  }

  /** `fields=` for APIs that return only what is asked for: the top-level fields behind the columns read. */
  private fieldsFor(columns: readonly string[]): string | undefined {
    if (!this.schema.selectFields) return undefined;
    const fields = new Set<string>(['id']);
    for (const column of this.schema.columns) {
      if (!columns.includes(column.name) || column.pseudo || column.fromRequest !== undefined) continue;
      fields.add(sourceOf(column).split('.')[0]!);
    }
    return [...fields].join(',');
  }

  /** The API can sort when the order is one sortable column and the rows come from one call sequence. */
  private sortField(request: ScanRequest, bindings: ReadonlyMap<KeyColumn, KeyBinding>, useLookup: boolean): string | undefined {
    const sort = this.schema.sort;
    const key = request.orderBy?.[0];
    if (!sort || !key || request.orderBy?.length !== 1 || useLookup) return undefined;
    const field = sort.columns[key.column];
    if (field === undefined) return undefined;
    for (const binding of bindings.values()) {
      const single = binding.operands.length <= 1 && binding.operands.every((o) => o.kind === 'Const');
      if (!single) return undefined;
    }
    return `${field}-${key.desc ? 'desc' : 'asc'}`;
  }

  /** Values of a default known without a call (resolved before, for the connection's life). */
  readonly knownDefault: DefaultValues = (d) => (d.perConnection ? this.stableDefaults.get(d.resolve) : undefined);

  /** Resolves every unbound `resolve` default the scan sends, so that its calls can be planned. */
  async resolveDefaults(spec: ApiScanSpec, options: CallOptions): Promise<Map<string, readonly string[]>> {
    const resolved = new Map<string, readonly string[]>();
    for (const key of spec.keyColumns) {
      const d = key.default;
      if (!d || !('resolve' in d) || spec.bindings.has(key) || !sends(spec, key)) continue;
      const known = this.knownDefault(d);
      const values = known ?? (await this.client.resolveDefault(d.resolve, options));
      if (d.perConnection) this.stableDefaults.set(d.resolve, values);
      resolved.set(d.resolve, values);
    }
    return resolved;
  }

  describeDefault(d: ResolvedDefault): string {
    return this.knownDefault(d)?.join(',') ?? this.client.describeDefault(d.resolve);
  }

  /** Pages of rows, as the API sends them, in call order; at most `limit` rows in all. */
  async *fetch(calls: readonly ApiCall[], options: OpenOptions, callOptions: CallOptions, stats: ScanRunStats): AsyncGenerator<Row[]> {
    const limit = options.limit;
    const paging: PageRequest = { pageSize: this.pageSize(limit), cursorOnly: this.schema.paging.cursorOnly === true };
    let left = limit ?? Infinity;
    for await (const page of this.pagesOfAll(calls, paging, callOptions, limit !== undefined)) {
      if (page.length === 0) continue;
      const rows = page.length > left ? page.slice(0, left) : page;
      stats.rows += rows.length;
      left -= rows.length;
      yield rows;
      if (left <= 0) return;
    }
  }

  /** A fan-out goes through the API's batch endpoint when it has one; otherwise calls overlap, in order. */
  private async *pagesOfAll(calls: readonly ApiCall[], paging: PageRequest, options: CallOptions, limited: boolean): AsyncGenerator<Row[]> {
    if (calls.length > 1 && this.client.fetchMany) {
      for await (const { index, objects } of this.client.fetchMany(calls, paging, options)) {
        const rowValues = calls[index]!.rowValues;
        yield objects.map((object) => this.decode(object, rowValues));
      }
      return;
    }
    // With a LIMIT, extra calls in flight could be wasted: go one at a time.
    yield* concatConcurrently(
      calls.map((call) => () => this.pagesOf(call, paging, options)),
      limited ? 1 : this.client.fanOut,
    );
  }

  private async *pagesOf(call: ApiCall, paging: PageRequest, options: CallOptions): AsyncGenerator<Row[]> {
    try {
      switch (call.kind) {
        case 'object': {
          const object = await this.client.getOne(call.path, call.query, options);
          if (object !== undefined) yield [this.decode(object, call.rowValues)];
          return;
        }
        case 'ids': {
          if (!this.client.getByIds) throw new ApiError(`${this.schema.name}: this API has no multi-id read`, 0, 'UNSUPPORTED');
          yield (await this.client.getByIds(call.path, call.query, options)).map((object) => this.decode(object, call.rowValues));
          return;
        }
        case 'list':
          for await (const page of this.client.list(call.path, call.query, paging, options)) {
            yield page.map((object) => this.decode(object, call.rowValues));
          }
      }
    } catch (error) {
      // A parent that does not exist (an AccountId that is no live account) has no rows.
      if (call.notFoundIsEmpty && error instanceof ApiError && error.status === 404 && error.apiCode === 'NOT_FOUND') return;
      throw error;
    }
  }

  pageSize(limit: number | undefined): number {
    const { maxPageSize } = this.schema.paging;
    const preferred = this.client.preferredPageSize > 0 ? Math.min(this.client.preferredPageSize, maxPageSize) : maxPageSize;
    return limit === undefined ? preferred : Math.max(1, Math.min(preferred, limit));
  }

  get apiClient(): ApiClient {
    return this.client;
  }
}

/** The schema's key columns, plus the lookup key as a key column of the by-key endpoint. */
export function keyColumnsOfSchema(schema: ApiTableSchema): readonly KeyColumn[] {
  const lookup = schema.lookup;
  if (!lookup) return schema.filters;
  const lookupKey: KeyColumn = {
    column: lookup.column,
    operators: ['=', 'IN'],
    require: 'optional',
    target: lookup.batch ? { in: 'query', name: lookup.param, maxValues: lookup.batch } : { in: 'path', name: lookup.param },
    exactness: 'exact',
    ...(lookup.idFormat ? { idFormat: lookup.idFormat } : {}),
  };
  return [...schema.filters, lookupKey];
}

class ApiScanPlan implements ScanPlan {
  private readonly totals: ScanRunStats = { calls: 0, rows: 0 };
  readonly sorted: boolean;

  constructor(
    private readonly table: ApiTableSource,
    readonly spec: ApiScanSpec,
    readonly handling: readonly PushdownHandling[],
  ) {
    this.sorted = spec.sortField !== undefined;
    this.planned = this.plannedCalls();
  }

  /** As planned before any read: EXPLAIN ANALYZE shows the estimate next to what the read then did. */
  private readonly planned: PlannedCalls;

  stats(): ScanRunStats {
    return { ...this.totals };
  }

  /** The requests this scan sends for these parameter values, or why that depends on data. */
  plannedCalls(params?: ReadonlyMap<string, readonly Value[]>): PlannedCalls {
    return planApiCalls(this.spec, params, this.table.knownDefault);
  }

  async *pages(options: OpenOptions): AsyncGenerator<readonly Row[]> {
    const callOptions: CallOptions = { signal: options.signal, onCall: () => void this.totals.calls++ };
    if (noValueCanMatch(this.spec, options.params)) return;
    const resolved = await this.table.resolveDefaults(this.spec, callOptions);
    const planned = planApiCalls(this.spec, options.params, (d) => resolved.get(d.resolve) ?? this.table.knownDefault(d));
    if (!planned.known) throw new ApiError(`Internal: ${this.spec.schema.name} could not plan its calls: ${planned.reason}`, 0, 'INTERNAL');
    yield* this.table.fetch(planned.requests, options, callOptions, this.totals);
  }

  explain(): ScanExplain {
    const { schema, useLookup } = this.spec;
    const client = this.table.apiClient;
    const planned = this.planned;
    const pushed: string[] = [];
    const notes: string[] = [];
    for (const key of this.spec.keyColumns) {
      const binding = this.spec.bindings.get(key);
      const name = key.target.in === 'path' ? `:${key.target.name}` : key.target.name;
      if (!sends(this.spec, key)) continue;
      if (!binding) {
        if (key.default && 'resolve' in key.default) pushed.push(`${name}=${this.table.describeDefault(key.default)}`);
        continue;
      }
      if (binding.prefix !== undefined) pushed.push(`${name}=${binding.prefix} (prefix, re-checked locally)`);
      else if (binding.operands.some((o) => o.kind === 'Param')) pushed.push(`${name}=(values from the outer query)`);
      else pushed.push(`${name}=${distinctSent(planned, key, name).join(',')}`);
    }
    if (this.spec.sortField) pushed.push(`${schema.sort?.param}=${this.spec.sortField}`);
    const lookup = schema.lookup;
    const endpoint = useLookup && lookup ? lookup.endpoint : schema.endpoint;
    if (planned.known) {
      const calls = planned.batches.length;
      if (planned.requests.length > 1) notes.push(`${planned.requests.length} requests in ${calls} call${calls === 1 ? '' : 's'}${calls < planned.requests.length ? ' (batched)' : ''}`);
      for (const request of planned.requests.slice(0, 3)) notes.push(requestText(request));
      if (planned.requests.length > 3) notes.push(`… ${planned.requests.length - 3} more`);
      if (planned.morePages && calls > 0) notes.push(`+1 call per further page of ${this.table.pageSize(undefined)} rows`);
      if (planned.requests.length === 0) notes.push('no call: no value given can match a row');
    } else notes.push(`calls depend on data: ${planned.reason}`);
    return { table: schema.name, endpoint: `${client.endpointPrefix}${endpoint}`, pushed, estimatedCalls: firstPageCalls(planned), notes };
  }
}

/** The values a key column sends over all planned requests, as sent. */
function distinctSent(planned: PlannedCalls, key: KeyColumn, name: string): string[] {
  if (!planned.known) return [];
  const values = new Set<string>();
  for (const request of planned.requests) {
    if (key.target.in === 'query') {
      const text = request.query[name];
      if (text !== undefined) values.add(text);
    } else {
      const value = request.rowValues[key.column];
      if (value !== undefined && value !== null) values.add(String(value));
    }
  }
  return [...values];
}
