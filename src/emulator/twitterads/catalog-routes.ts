// Declarative list endpoints for the creative, targeting and audience objects and the global
// reference lists: each spec names its parameters (id filters, enums, prefix search, flags) and
// the generic handler validates them strictly, filters, sorts and pages with the shared cursors.
import { ApiError, invalidParameter, missingParameter, notFound } from './api-error.js';
import { type SortOrder, type SortedViews, pageOf, parseSortBy } from './listing.js';
import { QueryParams } from './query-params.js';
import type { RateCategory } from './rate-limits.js';
import type { ApiRequest, ApiResponse, RouteDefinition } from './route-types.js';
import type { CursorCodec } from './cursor.js';

export type Row = Record<string, unknown>;

export type ParamSpec =
  /** Comma-separated ids matched against a field (at most `max`, default 200). */
  | { kind: 'ids'; name: string; field: string; max?: number; required?: boolean }
  /** One value of an enum matched against a field (`field: null`: validated, not a filter). */
  | { kind: 'enum'; name: string; field: string | null; values: readonly string[]; required?: boolean; fallback?: string }
  /** Comma-separated enum values, any of which matches the field. */
  | { kind: 'enums'; name: string; field: string; values: readonly string[]; required?: boolean }
  /** Case-insensitive prefix match on any of the fields (q, name). */
  | { kind: 'prefix'; name: string; fields: readonly string[]; maxLength?: number }
  /** Exact match of one value. */
  | { kind: 'equals'; name: string; field: string; required?: boolean }
  /** Accepted and validated but no effect on the emulated data. */
  | { kind: 'bool'; name: string }
  | { kind: 'string'; name: string; required?: boolean }
  /** Anything else: builds its own matcher from the parsed parameters and the request. */
  | { kind: 'custom'; name: string; build(params: QueryParams, request: ApiRequest): ((row: Row) => boolean) | undefined };

export interface CatalogSpec {
  method?: 'GET';
  template: string;
  dataType: string;
  category: RateCategory;
  /** Rows for the request (path parameters resolved); throws 404 for an unknown parent. */
  rows(request: ApiRequest): readonly Row[];
  /** Identity of the rows' list, for the sorted-view cache. */
  listKey(request: ApiRequest): string;
  /** Bumped when the rows change (writes); absent: the rows never change. */
  version?(request: ApiRequest): number;
  idField: string;
  defaultOrder: SortOrder;
  sortFields?: readonly string[];
  params: readonly ParamSpec[];
  withDeleted?: boolean;
  withDraft?: boolean;
  withTotalCount?: boolean;
  /** count limits; absent: the endpoint returns everything in one response (no count, no cursor). */
  count?: { fallback: number; max: number };
  /** Rewrites a row for output (drops internal fields, applies trim_user, ...). */
  present?(row: Row, params: QueryParams): Row;
  /** Extra request validation (mutually required parameters...). */
  validate?(params: QueryParams): void;
}

export interface CatalogDeps {
  cursors: CursorCodec;
  views: SortedViews;
}

function allowedNames(spec: CatalogSpec): string[] {
  const names = spec.params.map((p) => p.name);
  if (spec.count) names.push('count', 'cursor');
  if (spec.sortFields) names.push('sort_by');
  if (spec.withDeleted) names.push('with_deleted');
  if (spec.withDraft) names.push('with_draft');
  if (spec.withTotalCount) names.push('with_total_count');
  return names;
}

type Matcher = (row: Row) => boolean;

function matcherFor(param: ParamSpec, params: QueryParams, request: ApiRequest): Matcher | undefined {
  if ('required' in param && param.required && !params.has(param.name)) throw missingParameter(param.name);
  switch (param.kind) {
    case 'ids': {
      const ids = params.list(param.name, param.max ?? 200);
      if (!ids) return undefined;
      const set = new Set(ids);
      return (row) => set.has(String(row[param.field]));
    }
    case 'enum': {
      const value = params.oneOf(param.name, param.values) ?? param.fallback;
      if (value === undefined || param.field === null) return undefined;
      return (row) => row[param.field!] === value;
    }
    case 'enums': {
      const values = params.list(param.name, param.values.length);
      if (!values) return undefined;
      for (const v of values) {
        if (!param.values.includes(v)) throw invalidParameter(param.name, `Expected one of ${param.values.join(', ')}, got "${v}" for ${param.name}`);
      }
      const set = new Set(values);
      return (row) => set.has(String(row[param.field]));
    }
    case 'prefix': {
      const text = params.string(param.name);
      if (text === undefined || text === '') return undefined;
      if (param.maxLength !== undefined && text.length > param.maxLength) {
        throw invalidParameter(param.name, `${param.name} may be at most ${param.maxLength} characters`);
      }
      const lowered = text.toLowerCase();
      return (row) => param.fields.some((f) => typeof row[f] === 'string' && (row[f] as string).toLowerCase().startsWith(lowered));
    }
    case 'equals': {
      const value = params.string(param.name);
      if (value === undefined) return undefined;
      return (row) => String(row[param.field]) === value;
    }
    case 'bool':
      params.bool(param.name);
      return undefined;
    case 'string':
      return undefined;
    case 'custom':
      return param.build(params, request);
  }
}

export function listCatalog(deps: CatalogDeps, spec: CatalogSpec, request: ApiRequest): ApiResponse {
  const rows = spec.rows(request);
  const params = new QueryParams(request.query, allowedNames(spec));
  const matchers = spec.params.map((p) => matcherFor(p, params, request)).filter((m): m is Matcher => m !== undefined);
  spec.validate?.(params);
  const order = spec.sortFields ? parseSortBy(params, spec.sortFields) : spec.defaultOrder;
  const effectiveOrder = params.has('sort_by') ? order : spec.defaultOrder;
  const withDeleted = spec.withDeleted === true && params.bool('with_deleted');
  const withDraft = spec.withDraft === true && params.bool('with_draft');
  if (!withDeleted) matchers.push((row) => row.deleted !== true);
  if (spec.withDraft && !withDraft) matchers.push((row) => row.entity_status !== 'DRAFT');
  const matches = (row: Row): boolean => matchers.every((m) => m(row));
  const present = (row: Row): Row => (spec.present ? spec.present(row, params) : row);
  const echo = { ...request.pathParams, ...params.echo() };

  if (!spec.count) {
    return { status: 200, body: { request: { params: echo }, data: rows.filter(matches).map(present), data_type: spec.dataType, next_cursor: null } };
  }
  const count = params.int('count', 1, spec.count.max, spec.count.fallback);
  const sorted = deps.views.sorted(spec.listKey(request), spec.version?.(request) ?? 0, rows, effectiveOrder, spec.idField);
  const page = pageOf({
    params,
    sorted,
    order: effectiveOrder,
    idField: spec.idField,
    matches,
    count,
    cursors: deps.cursors,
    querySignature: `${spec.template}|${JSON.stringify(request.pathParams)}|${params.signature(['cursor', 'count', 'with_total_count'])}`,
    supportsTotalCount: spec.withTotalCount === true,
  });
  return {
    status: 200,
    body: {
      request: { params: echo },
      data: page.data.map(present),
      data_type: spec.dataType,
      ...(page.total_count !== undefined ? { total_count: page.total_count } : {}),
      next_cursor: page.next_cursor,
    },
  };
}

/** GET one object by its path id (deleted ones only with with_deleted=true). */
export function getCatalogObject(spec: CatalogSpec, idParam: string, request: ApiRequest): ApiResponse {
  const rows = spec.rows(request);
  const params = new QueryParams(request.query, spec.withDeleted ? ['with_deleted'] : []);
  const id = request.pathParams[idParam] ?? '';
  const found = rows.find((row) => String(row[spec.idField]) === id);
  if (!found || (found.deleted === true && !params.bool('with_deleted'))) throw notFound(`${spec.dataType.replace(/_/g, ' ')} ${id} was not found`);
  return {
    status: 200,
    body: { data_type: spec.dataType, data: spec.present ? spec.present(found, params) : found, request: { params: { ...request.pathParams, ...params.echo() } } },
  };
}

export function catalogRoutes(deps: CatalogDeps, specs: readonly CatalogSpec[], singles: ReadonlyArray<{ spec: CatalogSpec; idParam: string }>): RouteDefinition[] {
  const routes: RouteDefinition[] = specs.map((spec) => ({
    method: 'GET',
    template: spec.template,
    category: spec.category,
    handle: (r) => listCatalog(deps, spec, r),
  }));
  for (const { spec, idParam } of singles) {
    routes.push({ method: 'GET', template: `${spec.template}/:${idParam}`, category: spec.category, handle: (r) => getCatalogObject(spec, idParam, r) });
  }
  return routes;
}

export function exclusive(params: QueryParams, a: string, b: string): void {
  if (params.has(a) && params.has(b)) {
    throw new ApiError(400, [{ code: 'EXCLUSIVE_PARAMETERS', message: `${a} and ${b} are exclusive parameters`, parameter: a }]);
  }
}
