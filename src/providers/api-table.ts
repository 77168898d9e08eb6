/**
 * A TableSource driven by an ApiTableSchema: it matches the offered predicates to the endpoint's
 * filters, turns IN lists into as few calls as the API allows (one call per path value, id lists
 * chunked to the API's maximum), and streams rows page by page.
 */
import type { ApiFilter, ApiTableSchema, FilterTarget } from '../catalog/api-table-schema.js';
import { sourceOf, tableInfoOf } from '../catalog/api-table-schema.js';
import type { ColumnType, Row, TableInfo, Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { Operand, OpenOptions, PushdownHandling, PushdownPredicate, ScanExplain, ScanPlan, ScanRequest, ScanRunStats, TableSource } from '../plan/scan.js';
import type { ApiClient, ApiRequest, CallOptions, PageRequest } from './api-client.js';
import { concatConcurrently } from './concat-concurrently.js';
import { parseApiTimestamp, rowDecoder, type RowDecoder } from './row-decoder.js';
import { operandValues } from './simple-filters.js';

/** A filter and what the query gave it: constants now, or parameters filled in at open. */
interface Binding {
  readonly filter: ApiFilter;
  readonly operands: readonly Operand[];
  /** LIKE 'abc%' → 'abc'. */
  readonly prefix?: string;
}

/** One API request before paging: path values and query parameters. */
interface Call {
  readonly path: string;
  readonly query: Record<string, string>;
  readonly requestValues: Record<string, Value>;
  readonly kind: ApiRequest['kind'];
}

export class ApiTableSource implements TableSource {
  readonly info: TableInfo;
  /** The schema's filters, plus the lookup key as a path filter of the single-object endpoint. */
  readonly filters: readonly ApiFilter[];
  private readonly decode: RowDecoder;

  constructor(
    readonly schema: ApiTableSchema,
    private readonly client: ApiClient,
  ) {
    this.info = tableInfoOf(schema);
    this.decode = rowDecoder(schema);
    const lookup = schema.lookup;
    const lookupTarget: FilterTarget | undefined = lookup && (lookup.batch ? { in: 'query', name: lookup.param, maxValues: lookup.batch } : { in: 'path', name: lookup.param });
    this.filters = lookup && lookupTarget ? [...schema.filters, { column: lookup.column, operators: ['=', 'IN'], target: lookupTarget, exactness: 'exact' }] : schema.filters;
  }

  plan(request: ScanRequest): ScanPlan {
    const bindings = new Map<ApiFilter, Binding>();
    const bound: (Binding | undefined)[] = request.predicates.map((predicate) => {
      const binding = this.bind(predicate, bindings);
      if (binding) bindings.set(binding.filter, binding);
      return binding;
    });
    const handling: PushdownHandling[] = bound.map((b) => b?.filter.exactness ?? 'unsupported');
    for (const filter of this.filters) {
      if (filter.required && !bindings.has(filter) && filter.default === undefined) {
        const example = filter.example ?? `${filter.column} = '...'`;
        throw new PlanError(`${this.schema.name} needs a filter on ${filter.column}, e.g. SELECT * FROM ${this.schema.name} WHERE ${example}`);
      }
    }
    const lookup = this.schema.lookup;
    const useLookup = lookup !== undefined && [...bindings.keys()].some((f) => f.column === lookup.column);
    if (useLookup) {
      // The lookup endpoint takes no list filters: those are checked locally instead.
      bound.forEach((binding, i) => {
        if (binding && binding.filter.target.in === 'query' && binding.filter.column !== lookup.column) handling[i] = 'inexact';
      });
    }
    const sortField = this.sortField(request, bindings, useLookup);
    return new ApiScanPlan(this, bindings, handling, useLookup, sortField, this.fieldsFor(request.columns));
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

  /** The first filter of the predicate's column that can take it and is still free. */
  private bind(predicate: PushdownPredicate, taken: ReadonlyMap<ApiFilter, Binding>): Binding | undefined {
    for (const filter of this.filters) {
      if (filter.column !== predicate.column || taken.has(filter)) continue;
      const binding = this.bindTo(filter, predicate);
      if (binding) return binding;
    }
    return undefined;
  }

  private bindTo(filter: ApiFilter, predicate: PushdownPredicate): Binding | undefined {
    switch (predicate.kind) {
      case 'Compare': {
        const ops = filter.operators;
        if (predicate.op === '=') return ops.includes('=') || ops.includes('IN') ? { filter, operands: [predicate.operand] } : undefined;
        if (predicate.op === '<>' || !ops.includes(predicate.op) || predicate.operand.kind !== 'Const') return undefined;
        return apiText(filter, this.columnType(filter), predicate.operand.value) === undefined ? undefined : { filter, operands: [predicate.operand] };
      }
      case 'In': {
        if (filter.operators.includes('IN')) return { filter, operands: predicate.operands };
        const only = predicate.operands[0];
        return predicate.operands.length === 1 && only?.kind === 'Const' && filter.operators.includes('=') ? { filter, operands: predicate.operands } : undefined;
      }
      case 'Like': {
        const prefix = /^([^%_\\[]+)%$/.exec(predicate.pattern)?.[1];
        return prefix !== undefined && filter.operators.includes('LIKE_PREFIX') ? { filter, operands: [], prefix } : undefined;
      }
      case 'IsNull':
        return undefined;
    }
  }

  /** The API can sort when the order is one sortable column and the rows come from one call sequence. */
  private sortField(request: ScanRequest, bindings: ReadonlyMap<ApiFilter, Binding>, useLookup: boolean): string | undefined {
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

  /** Pages of rows, as the API sends them, in call order; at most `limit` rows in all. */
  async *fetch(calls: readonly Call[], options: OpenOptions, stats: ScanRunStats): AsyncGenerator<Row[]> {
    const callOptions: CallOptions = { signal: options.signal, onCall: () => void stats.calls++ };
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
  private async *pagesOfAll(calls: readonly Call[], paging: PageRequest, options: CallOptions, limited: boolean): AsyncGenerator<Row[]> {
    if (calls.length > 1 && this.client.fetchMany) {
      for await (const { index, objects } of this.client.fetchMany(calls, paging, options)) {
        const requestValues = calls[index]!.requestValues;
        yield objects.map((object) => this.decode(object, requestValues));
      }
      return;
    }
    // With a LIMIT, extra calls in flight could be wasted: go one at a time.
    yield* concatConcurrently(
      calls.map((call) => () => this.pagesOf(call, paging, options)),
      limited ? 1 : this.client.fanOut,
    );
  }

  private async *pagesOf(call: Call, paging: PageRequest, options: CallOptions): AsyncGenerator<Row[]> {
    switch (call.kind) {
      case 'object': {
        const object = await this.client.getOne(call.path, call.query, options);
        if (object !== undefined) yield [this.decode(object, call.requestValues)];
        return;
      }
      case 'ids': {
        if (!this.client.getByIds) throw new Error(`${this.schema.name}: this API has no multi-id read`);
        yield (await this.client.getByIds(call.path, call.query, options)).map((object) => this.decode(object, call.requestValues));
        return;
      }
      case 'list':
        for await (const page of this.client.list(call.path, call.query, paging, options)) {
          yield page.map((object) => this.decode(object, call.requestValues));
        }
    }
  }

  pageSize(limit: number | undefined): number {
    const { maxPageSize } = this.schema.paging;
    const preferred = this.client.preferredPageSize > 0 ? Math.min(this.client.preferredPageSize, maxPageSize) : maxPageSize;
    return limit === undefined ? preferred : Math.max(1, Math.min(preferred, limit));
  }

  columnType(filter: ApiFilter): ColumnType {
    return this.schema.columns.find((c) => c.name === filter.column)?.type ?? 'String';
  }

  get apiClient(): ApiClient {
    return this.client;
  }
}

class ApiScanPlan implements ScanPlan {
  private readonly totals: ScanRunStats = { calls: 0, rows: 0 };
  readonly sorted: boolean;

  constructor(
    private readonly table: ApiTableSource,
    private readonly bindings: ReadonlyMap<ApiFilter, Binding>,
    readonly handling: readonly PushdownHandling[],
    private readonly useLookup: boolean,
    private readonly sortField: string | undefined,
    private readonly fields: string | undefined,
  ) {
    this.sorted = sortField !== undefined;
  }

  /** Filters a call sends: with a lookup, only the path filters and the lookup key itself. */
  private sends(filter: ApiFilter): boolean {
    return !this.useLookup || filter.target.in === 'path' || filter.column === this.table.schema.lookup?.column;
  }

  stats(): ScanRunStats {
    return { ...this.totals };
  }

  async *openBatches(options: OpenOptions): AsyncGenerator<readonly Row[]> {
    const calls = await this.calls(options);
    yield* this.table.fetch(calls, options, this.totals);
  }

  async *open(options: OpenOptions): AsyncGenerator<Row> {
    for await (const page of this.openBatches(options)) yield* page;
  }

  explain(): ScanExplain {
    const { schema, apiClient } = this.table;
    const pushed: string[] = [];
    const notes: string[] = [];
    let estimate: number | null = 1;
    for (const filter of this.table.filters) {
      const binding = this.bindings.get(filter);
      const name = filter.target.in === 'path' ? `:${filter.target.name}` : filter.target.name;
      if (!binding) {
        if (filter.default && 'resolve' in filter.default) pushed.push(`${name}=${apiClient.describeDefault(filter.default.resolve)}`);
        continue;
      }
      if (binding.prefix !== undefined) {
        pushed.push(`${name}=${binding.prefix} (prefix, re-checked locally)`);
        continue;
      }
      if (binding.operands.some((o) => o.kind === 'Param')) {
        pushed.push(`${name}=(values from the outer query)`);
        estimate = null;
        continue;
      }
      // The lookup endpoint takes no list filters: those stay local (the engine shows them).
      if (!this.sends(filter)) continue;
      const values = allowedValues(filter, this.columnType(filter), operandValues(binding.operands, undefined));
      pushed.push(`${name}=${values.join(',')}`);
      const max = filter.target.in === 'query' ? (filter.target.maxValues ?? 1) : 1;
      const calls = Math.ceil(values.length / max);
      if (calls > 1) notes.push(`${filter.column}: ${values.length} values in ${calls} calls${max > 1 ? ` of up to ${max}` : ''}`);
      if (estimate !== null) estimate = values.length === 0 ? 0 : estimate * calls;
    }
    if (this.sortField) pushed.push(`${schema.sort?.param}=${this.sortField}`);
    const lookup = schema.lookup;
    const endpoint = this.useLookup && lookup ? lookup.endpoint : schema.endpoint;
    const boundIds = [...this.bindings.values()].some((b) => b.filter.target.in === 'query' && b.filter.operators.includes('IN') && b.prefix === undefined);
    if (!this.useLookup && !boundIds && estimate !== null && estimate > 0) {
      notes.push(`1 call per page of ${this.table.pageSize(undefined)} rows`);
      estimate = null;
    }
    return { table: schema.name, endpoint: `${apiClient.endpointPrefix}${endpoint}`, pushed, estimatedCalls: estimate, notes };
  }

  private columnType(filter: ApiFilter): ColumnType {
    return this.table.columnType(filter);
  }

  /** Every API request this scan makes: the cartesian product of path values and id-list chunks. */
  private async calls(options: OpenOptions): Promise<Call[]> {
    const { schema, apiClient } = this.table;
    const callOptions: CallOptions = { signal: options.signal, onCall: () => void this.totals.calls++ };
    const lookup = this.useLookup ? schema.lookup : undefined;
    const kind: Call['kind'] = lookup ? (lookup.batch ? 'ids' : 'object') : schema.returns === 'object' ? 'object' : 'list';
    let calls: Call[] = [{ path: lookup ? lookup.endpoint : schema.endpoint, query: this.fields ? { fields: this.fields } : {}, requestValues: {}, kind }];
    for (const filter of this.table.filters) {
      const binding = this.bindings.get(filter);
      const target = filter.target;
      if (!this.sends(filter)) continue;
      let values: string[];
      if (binding?.prefix !== undefined) values = [binding.prefix];
      else if (binding) values = allowedValues(filter, this.columnType(filter), operandValues(binding.operands, options.params));
      else if (filter.default && 'resolve' in filter.default) values = [...(await apiClient.resolveDefault(filter.default.resolve, callOptions))];
      else if (filter.default) {
        for (const call of calls) call.requestValues[filter.column] = typed(this.columnType(filter), filter.default.constant);
        continue;
      } else continue;
      if (values.length === 0) return [];
      const groups = target.in === 'path' ? values.map((v) => [v]) : chunk(values, target.maxValues ?? 1);
      calls = calls.flatMap((call) =>
        groups.map((group) => {
          const next: Call = { ...call, query: { ...call.query }, requestValues: { ...call.requestValues } };
          if (group.length === 1) next.requestValues[filter.column] = typed(this.columnType(filter), group[0]!);
          if (target.in === 'path') return { ...next, path: next.path.replace(`:${target.name}`, encodeURIComponent(group[0]!)) };
          next.query[target.name] = group.join(',');
          return next;
        }),
      );
    }
    if (this.sortField && schema.sort) for (const call of calls) call.query[schema.sort.param] = this.sortField;
    return calls;
  }
}


/**
 * API text for each distinct value the filter can match. NULL never equals anything, and a value
 * outside the filter's allowed set, or not of the column's type, matches no row: no call is made for it.
 */
function allowedValues(filter: ApiFilter, type: ColumnType, values: readonly Value[]): string[] {
  const texts = values.flatMap((v) => {
    const text = apiText(filter, type, v);
    return text === undefined ? [] : [text];
  });
  const unique = [...new Set(texts)];
  return filter.values ? unique.filter((v) => filter.values!.includes(v)) : unique;
}

function apiText(filter: ApiFilter, type: ColumnType, value: Value): string | undefined {
  if (value === null) return undefined;
  if (filter.format === 'unix-seconds') {
    const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? parseApiTimestamp(value)?.getTime() : undefined;
    return time === undefined ? undefined : String(Math.floor(time / 1000));
  }
  if (type === 'Boolean') {
    const text = String(value).toLowerCase();
    return text === 'true' || text === '1' ? 'true' : text === 'false' || text === '0' ? 'false' : undefined;
  }
  if (value instanceof Date) return value.toISOString().replace(/\.000Z$/, 'Z');
  return String(value);
}

/** The row value of a filter column that came from the request (pseudo-columns, path values). */
function typed(type: ColumnType, text: string): Value {
  return type === 'Boolean' ? text === 'true' : text;
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}
