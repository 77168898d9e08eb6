// GET routes for accounts and the account-scoped entity lists/objects.
import { RawJson } from '../shared/raw-json.js';
import { accountState, rowJson } from './row-json.js';
import { notFound } from './api-error.js';
import type { CursorCodec } from './cursor.js';
import type { Account } from './entities.js';
import { SortedViews, pageOf, parseSortBy } from './listing.js';
import { QueryParams } from './query-params.js';
import type { RateCategory } from './rate-limits.js';
import type { ApiRequest, ApiResponse, RouteDefinition } from './route-types.js';
import type { AdsStore, EntityKind } from './store.js';

const MAX_IDS = 200;

interface ResourceSpec {
  kind: EntityKind;
  /** Path segment under /12/accounts/:account_id/. */
  segment: string;
  dataType: string;
  /** Path parameter name for the single-object route, echoed in request.params. */
  idParam: string;
  idField: 'id' | 'media_key';
  /** Id-list filters: query parameter -> object field. */
  idFilters: Record<string, string>;
  /** Fields accepted by sort_by; null when the endpoint has no sort_by. */
  sortFields: readonly string[] | null;
  supportsDraft: boolean;
  supportsDeleted: boolean;
  supportsTotalCount: boolean;
  supportsQuery: boolean;
  queryFields: readonly string[];
  countDefault: number;
  countMax: number;
  extraParams: readonly string[];
  category: RateCategory;
}

const COMMON_SORT = ['created_at', 'updated_at', 'deleted'];

export const RESOURCES: ResourceSpec[] = [
  {
    kind: 'campaign',
    segment: 'campaigns',
    dataType: 'campaign',
    idParam: 'campaign_id',
    idField: 'id',
    idFilters: { campaign_ids: 'id', funding_instrument_ids: 'funding_instrument_id' },
    sortFields: [
      ...COMMON_SORT, 'name', 'start_time', 'end_time', 'daily_budget_amount_local_micro',
      'total_budget_amount_local_micro', 'standard_delivery',
    ],
    supportsDraft: true,
    supportsDeleted: true,
    supportsTotalCount: true,
    supportsQuery: true,
    queryFields: ['name'],
    countDefault: 200,
    countMax: 1000,
    extraParams: [],
    category: 'core_read',
  },
  {
    kind: 'line_item',
    segment: 'line_items',
    dataType: 'line_item',
    idParam: 'line_item_id',
    idField: 'id',
    idFilters: { line_item_ids: 'id', campaign_ids: 'campaign_id', funding_instrument_ids: 'funding_instrument_id' },
    sortFields: [...COMMON_SORT, 'bid_amount_local_micro'],
    supportsDraft: true,
    supportsDeleted: true,
    supportsTotalCount: true,
    supportsQuery: true,
    queryFields: ['name'],
    countDefault: 200,
    countMax: 1000,
    extraParams: [],
    category: 'core_read',
  },
  {
    kind: 'promoted_tweet',
    segment: 'promoted_tweets',
    dataType: 'promoted_tweet',
    idParam: 'promoted_tweet_id',
    idField: 'id',
    idFilters: { promoted_tweet_ids: 'id', line_item_ids: 'line_item_id' },
    sortFields: COMMON_SORT,
    supportsDraft: false,
    supportsDeleted: true,
    supportsTotalCount: true,
    supportsQuery: false,
    queryFields: [],
    countDefault: 200,
    countMax: 1000,
    extraParams: [],
    category: 'core_read',
  },
  {
    kind: 'funding_instrument',
    segment: 'funding_instruments',
    dataType: 'funding_instrument',
    idParam: 'funding_instrument_id',
    idField: 'id',
    idFilters: { funding_instrument_ids: 'id' },
    sortFields: COMMON_SORT,
    supportsDraft: false,
    supportsDeleted: true,
    supportsTotalCount: true,
    supportsQuery: false,
    queryFields: [],
    countDefault: 200,
    countMax: 1000,
    extraParams: [],
    category: 'funding_read',
  },
  {
    kind: 'media',
    segment: 'media_library',
    dataType: 'media_library',
    idParam: 'media_key',
    idField: 'media_key',
    idFilters: {},
    sortFields: null,
    supportsDraft: false,
    supportsDeleted: false,
    supportsTotalCount: false,
    supportsQuery: true,
    queryFields: ['name', 'file_name', 'title'],
    countDefault: 20,
    countMax: 50,
    extraParams: ['media_type'],
    category: 'account_read',
  },
];

function allowedListParams(spec: ResourceSpec): string[] {
  const names = ['count', 'cursor', ...Object.keys(spec.idFilters), ...spec.extraParams];
  if (spec.sortFields) names.push('sort_by');
  if (spec.supportsDraft) names.push('with_draft');
  if (spec.supportsDeleted) names.push('with_deleted');
  if (spec.supportsTotalCount) names.push('with_total_count');
  if (spec.supportsQuery) names.push('q');
  return names;
}

function nameStartsWith(row: object, fields: readonly string[], prefix: string): boolean {
  const lowered = prefix.toLowerCase();
  return fields.some((field) => {
    const value = (row as Record<string, unknown>)[field];
    return typeof value === 'string' && value.toLowerCase().startsWith(lowered);
  });
}

export interface ReadRouteDeps {
  store: AdsStore;
  cursors: CursorCodec;
  views: SortedViews;
}

/** The account a path names, or 404 (deleted accounts only with with_deleted=true where allowed). */
export function liveAccount(store: AdsStore, accountId: string | undefined, allowDeleted = false): Account {
  const account = accountId === undefined ? undefined : store.account(accountId);
  if (!account || (account.deleted && !allowDeleted)) throw notFound(`Account ${accountId ?? ''} was not found`);
  return account;
}

function listResource(deps: ReadRouteDeps, spec: ResourceSpec, request: ApiRequest): ApiResponse {
  const account = liveAccount(deps.store, request.pathParams.account_id);
  const params = new QueryParams(request.query, allowedListParams(spec));
  const count = params.int('count', 1, spec.countMax, spec.countDefault);
  const order = spec.sortFields ? parseSortBy(params, spec.sortFields) : parseSortBy(params, []);
  const withDeleted = spec.supportsDeleted && params.bool('with_deleted');
  const withDraft = spec.supportsDraft && params.bool('with_draft');
  const idSets: Array<[string, Set<string>]> = [];
  for (const [param, field] of Object.entries(spec.idFilters)) {
    const ids = params.list(param, MAX_IDS);
    if (ids) idSets.push([field, new Set(ids)]);
  }
  const q = spec.supportsQuery ? params.string('q') : undefined;
  const mediaType = spec.extraParams.includes('media_type') ? params.oneOf('media_type', ['GIF', 'IMAGE', 'VIDEO'] as const) : undefined;

  const rows = deps.store.list(account.id, spec.kind) as object[];
  const sorted = deps.views.sorted(`${account.id}/${spec.kind}`, deps.store.version(account.id, spec.kind), rows, order, spec.idField);
  const matches = (row: object): boolean => {
    const r = row as Record<string, unknown>;
    if (!withDeleted && r.deleted === true) return false;
    if (spec.supportsDraft && !withDraft && r.entity_status === 'DRAFT') return false;
    for (const [field, ids] of idSets) if (!ids.has(String(r[field]))) return false;
    if (q !== undefined && q !== '' && !nameStartsWith(row, spec.queryFields, q)) return false;
    if (mediaType !== undefined && r.media_type !== mediaType) return false;
    return true;
  };
  const page = pageOf({
    params,
    sorted,
    order,
    idField: spec.idField,
    matches,
    count,
    cursors: deps.cursors,
    querySignature: `${spec.segment}|${account.id}|${params.signature(['cursor', 'count', 'with_total_count'])}`,
    supportsTotalCount: spec.supportsTotalCount,
  });
  // As JSON.stringify({ request, data, data_type, total_count?, next_cursor }) writes it, with each row's text cached.
  const state = accountState(deps.store, account.id);
  const data = page.data.map((row) => rowJson(row, state)).join(',');
  const request_ = JSON.stringify({ params: { account_id: account.id, ...params.echo() } });
  const total = page.total_count !== undefined ? `,"total_count":${JSON.stringify(page.total_count)}` : '';
  return {
    status: 200,
    body: new RawJson(`{"request":${request_},"data":[${data}],"data_type":${JSON.stringify(spec.dataType)}${total},"next_cursor":${JSON.stringify(page.next_cursor)}}`),
  };
}

function getResource(deps: ReadRouteDeps, spec: ResourceSpec, request: ApiRequest): ApiResponse {
  const account = liveAccount(deps.store, request.pathParams.account_id);
  const params = new QueryParams(request.query, spec.supportsDeleted ? ['with_deleted'] : []);
  const id = request.pathParams[spec.idParam] ?? '';
  const found = deps.store.find<{ deleted: boolean }>(account.id, spec.kind, id);
  if (!found || (found.deleted && !params.bool('with_deleted'))) {
    throw notFound(`${spec.dataType.replace('_', ' ')} ${id} was not found`);
  }
  return {
    status: 200,
    body: {
      data_type: spec.dataType,
      data: found,
      request: { params: { [spec.idParam]: id, account_id: account.id, ...params.echo() } },
    },
  };
}

const ACCOUNT_SORT = [...COMMON_SORT, 'name'];

function listAccounts(deps: ReadRouteDeps, request: ApiRequest): ApiResponse {
  const params = new QueryParams(request.query, ['account_ids', 'count', 'cursor', 'q', 'sort_by', 'with_deleted', 'with_total_count']);
  const count = params.int('count', 1, 1000, 200);
  const order = parseSortBy(params, ACCOUNT_SORT);
  const withDeleted = params.bool('with_deleted');
  const ids = params.list('account_ids', MAX_IDS);
  const idSet = ids ? new Set(ids) : undefined;
  const q = params.string('q');
  const sorted = deps.views.sorted('accounts', 0, deps.store.accountList, order, 'id');
  const page = pageOf({
    params,
    sorted,
    order,
    idField: 'id',
    matches: (a: Account) =>
      (withDeleted || !a.deleted) && (!idSet || idSet.has(a.id)) && (q === undefined || q === '' || nameStartsWith(a, ['name'], q)),
    count,
    cursors: deps.cursors,
    querySignature: `accounts|${params.signature(['cursor', 'count', 'with_total_count'])}`,
    supportsTotalCount: true,
  });
  return {
    status: 200,
    body: {
      request: { params: params.echo() },
      data: page.data,
      data_type: 'account',
      ...(page.total_count !== undefined ? { total_count: page.total_count } : {}),
      next_cursor: page.next_cursor,
    },
  };
}

function getAccount(deps: ReadRouteDeps, request: ApiRequest): ApiResponse {
  const params = new QueryParams(request.query, ['with_deleted']);
  const account = liveAccount(deps.store, request.pathParams.account_id, params.bool('with_deleted'));
  return {
    status: 200,
    body: { data_type: 'account', data: account, request: { params: { account_id: account.id, ...params.echo() } } },
  };
}

export function readRoutes(deps: ReadRouteDeps): RouteDefinition[] {
  const routes: RouteDefinition[] = [
    { method: 'GET', template: '/12/accounts', category: 'global_read', handle: (r) => listAccounts(deps, r) },
    { method: 'GET', template: '/12/accounts/:account_id', category: 'account_read', handle: (r) => getAccount(deps, r) },
  ];
  for (const spec of RESOURCES) {
    const base = `/12/accounts/:account_id/${spec.segment}`;
    routes.push({ method: 'GET', template: base, category: spec.category, handle: (r) => listResource(deps, spec, r) });
    routes.push({
      method: 'GET',
      template: `${base}/:${spec.idParam}`,
      category: spec.category,
      handle: (r) => getResource(deps, spec, r),
    });
  }
  return routes;
}

