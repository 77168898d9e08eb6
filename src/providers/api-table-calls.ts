/**
 * Planned calls of an ordinary (schema-driven) table: a pure function from a bound scan and its
 * parameter values to the exact requests. The scan fetches exactly these; EXPLAIN shows them.
 */
import type { ApiTableSchema } from '../catalog/api-table-schema.js';
import type { ColumnType, Value } from '../catalog/types.js';
import { operandValues, type KeyBinding } from '../source/bind-key-columns.js';
import type { KeyColumn, KeyDefault } from '../source/key-column.js';
import { pathSegment, sendableValues } from '../source/key-values.js';
import type { PlannedCalls, PlannedRequest } from '../source/planned-call.js';
import { parseDateLiteral } from '../sql/date-literal.js';
import { parseApiTimestamp } from './row-decoder.js';

/** A bound scan of one table: everything the requests depend on except parameter values. */
export interface ApiScanSpec {
  readonly schema: ApiTableSchema;
  /** The schema's key columns, plus the lookup key when the scan reads by key. */
  readonly keyColumns: readonly KeyColumn[];
  readonly bindings: ReadonlyMap<KeyColumn, KeyBinding>;
  /** Reads by key through `schema.lookup`. */
  readonly useLookup: boolean;
  /** `sort_by` value, when the API sorts. */
  readonly sortField?: string;
  /** `fields=` for APIs that return only the fields asked for. */
  readonly fields?: string;
  /** Requests per call of the API's batch endpoint; undefined when it has none. */
  readonly batchLimit?: number;
}

/** Values of `resolve` defaults, when known (undefined: not resolved yet). */
export type DefaultValues = (value: Extract<KeyDefault, { resolve: string }>) => readonly string[] | undefined;

/** A planned request, plus what the fetch needs to read its answer. */
export interface ApiCall extends PlannedRequest {
  /** The API's "not found" for this request means no rows (a parent id that does not exist). */
  readonly notFoundIsEmpty: boolean;
}

export function planApiCalls(spec: ApiScanSpec, params: ReadonlyMap<string, readonly Value[]> | undefined, defaults: DefaultValues): PlannedCalls & ({ known: false } | { requests: readonly ApiCall[] }) {
  const { schema } = spec;
  if (noValueCanMatch(spec, params)) return { known: true, requests: [], batches: [], morePages: false };
  const lookup = spec.useLookup ? schema.lookup : undefined;
  const kind: PlannedRequest['kind'] = lookup ? (lookup.batch ? 'ids' : 'object') : schema.returns === 'object' ? 'object' : 'list';
  let calls: ApiCall[] = [{ method: 'GET', path: lookup ? lookup.endpoint : schema.endpoint, query: spec.fields ? { fields: spec.fields } : {}, rowValues: {}, kind, notFoundIsEmpty: false }];
  for (const key of spec.keyColumns) {
    if (!sends(spec, key)) continue;
    const binding = spec.bindings.get(key);
    const type = columnType(schema, key);
    let values: readonly string[];
    if (binding?.prefix !== undefined) values = [binding.prefix];
    else if (binding) {
      if (binding.operands.some((o) => o.kind === 'Param' && params?.get(o.id) === undefined)) return { known: false, reason: `${key.column} takes its values from the outer query` };
      values = keyTexts(key, type, operandValues(binding.operands, params));
    } else if (key.default && 'resolve' in key.default) {
      const resolved = defaults(key.default);
      if (resolved === undefined) return { known: false, reason: `${key.column} defaults to a value found at run time` };
      values = sendableValues(key, resolved);
    } else if (key.require === 'required' && key.default?.constant !== undefined) {
      // The API has no default for a required parameter: ours is sent (Twitter's tweet_type=PUBLISHED).
      values = [key.default.constant];
    } else {
      const constant = key.default?.constant;
      if (constant !== undefined) calls = calls.map((call) => ({ ...call, rowValues: { ...call.rowValues, [key.column]: typed(type, constant) } }));
      continue;
    }
    if (values.length === 0) return { known: true, requests: [], batches: [], morePages: false };
    calls = calls.flatMap((call) => fanOut(call, key, type, values));
  }
  if (spec.sortField && schema.sort) calls = calls.map((call) => ({ ...call, query: { ...call.query, [schema.sort!.param]: spec.sortField! } }));
  return { known: true, requests: calls, batches: batchesOf(calls.length, spec.batchLimit), morePages: kind === 'list' && !boundedById(spec) };
}

/** True when some key column was given values of which none can match (so no default needs resolving and no call is made). */
export function noValueCanMatch(spec: ApiScanSpec, params: ReadonlyMap<string, readonly Value[]> | undefined): boolean {
  for (const [key, binding] of spec.bindings) {
    if (!sends(spec, key) || binding.prefix !== undefined) continue;
    if (binding.operands.some((o) => o.kind === 'Param' && params?.get(o.id) === undefined)) continue;
    if (keyTexts(key, columnType(spec.schema, key), operandValues(binding.operands, params)).length === 0) return true;
  }
  return false;
}

/** With a lookup, a call sends only the lookup key and the path key columns of the lookup endpoint. */
export function sends(spec: ApiScanSpec, key: KeyColumn): boolean {
  const lookup = spec.schema.lookup;
  if (!spec.useLookup || !lookup) return true;
  return key.column === lookup.column || (key.target.in === 'path' && lookup.endpoint.includes(`:${key.target.name}`));
}

/** One call per path value; list values chunked to the API's maximum per call. */
function fanOut(call: ApiCall, key: KeyColumn, type: ColumnType, values: readonly string[]): ApiCall[] {
  const target = key.target;
  if (target.in === 'path') {
    return values.flatMap((value) => {
      const segment = pathSegment(value);
      if (segment === undefined) return [];
      return [{ ...call, path: call.path.replace(`:${target.name}`, segment), rowValues: { ...call.rowValues, [key.column]: typed(type, value) }, notFoundIsEmpty: call.notFoundIsEmpty || target.notFound === 'empty' }];
    });
  }
  if (target.in !== 'query') return [call];
  return chunk(values, target.maxValues ?? 1).map((group) => ({
    ...call,
    query: { ...call.query, [target.name]: group.join(',') },
    rowValues: group.length === 1 ? { ...call.rowValues, [key.column]: typed(type, group[0]!) } : call.rowValues,
  }));
}

/** An id list answers in one page when the page holds every id the call names. */
function boundedById(spec: ApiScanSpec): boolean {
  return [...spec.bindings.values()].some((b) => b.key.target.in === 'query' && (b.key.target.maxValues ?? 1) > 1 && b.prefix === undefined && (b.key.target.maxValues ?? 1) <= spec.schema.paging.maxPageSize);
}

function batchesOf(count: number, batchLimit: number | undefined): number[][] {
  const indexes = [...Array(count).keys()];
  return batchLimit && count > 1 ? chunk(indexes, batchLimit) : indexes.map((i) => [i]);
}

export function columnType(schema: ApiTableSchema, key: KeyColumn): ColumnType {
  return schema.columns.find((c) => c.name === key.column)?.type ?? 'String';
}

/** API text for each distinct value that can match: NULL, values of the wrong type and values no id can have match no row. */
export function keyTexts(key: KeyColumn, type: ColumnType, values: readonly Value[]): string[] {
  return sendableValues(
    key,
    values.flatMap((v) => {
      const text = apiText(key, type, v);
      return text === undefined ? [] : [text];
    }),
  );
}

export function apiText(key: KeyColumn, type: ColumnType, value: Value): string | undefined {
  if (value === null) return undefined;
  if (key.format === 'unix-seconds') {
    const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? parseApiTimestamp(value)?.getTime() : undefined;
    return time === undefined ? undefined : String(Math.floor(time / 1000));
  }
  if (type === 'Boolean') {
    const text = String(value).toLowerCase();
    return text === 'true' || text === '1' ? 'true' : text === 'false' || text === '0' ? 'false' : undefined;
  }
  // A timestamp goes as UTC text, read as SQL reads it, so the row's value is the instant sent.
  if (type === 'Datetime') {
    const time = value instanceof Date ? value : typeof value === 'string' ? parseDateLiteral(value) : null;
    return time === null || Number.isNaN(time.getTime()) ? undefined : time.toISOString().replace(/\.000Z$/, 'Z');
  }
  if (value instanceof Date) return value.toISOString().replace(/\.000Z$/, 'Z');
  return String(value);
}

/** The row value of a key column that came from the request (pseudo-columns, path values). */
function typed(type: ColumnType, text: string): Value {
  if (type === 'Datetime') return parseDateLiteral(text) ?? text;
  return type === 'Boolean' ? text === 'true' : text;
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}
