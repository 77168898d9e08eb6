// Writes on targeting and audiences: the targeting_criteria batch endpoint, custom_audiences
// create/update/delete, and the users endpoint (CData's ManageAudienceUsers). Validation is done
// for the whole request before anything changes (batches are all or nothing).
import { ApiError, type ApiErrorDetail, invalidParameter, missingParameter, notFound } from './api-error.js';
import type { ObjectData, Row } from './object-data.js';
import type { ParamList } from './oauth-verifier.js';
import { QueryParams } from './query-params.js';
import { liveAccount } from './read-routes.js';
import type { ApiRequest, ApiResponse, RouteDefinition } from './route-types.js';
import type { AdsStore } from './store.js';
import { formatTimestamp, parseApiTime } from './time.js';
import { LANGUAGES, LOCATIONS, PLATFORMS, INTERESTS } from './targeting-options.js';

const MAX_TARGETING_BATCH = 500;
const MAX_USERS = 2_500;
const MAX_NAME = 255;
const OPERATORS = ['EQ', 'NE', 'LT', 'LTE', 'GT', 'GTE'] as const;
const AGES = ['AGE_13_TO_24', 'AGE_18_TO_34', 'AGE_25_TO_54', 'AGE_35_TO_49', 'AGE_OVER_50', 'AGE_13_TO_34', 'AGE_21_TO_49', 'AGE_OVER_18', 'AGE_OVER_21', 'AGE_OVER_25', 'AGE_OVER_35'];
/** Known values per targeting type; a type mapped to null takes any non-empty value (keywords...). */
const TARGETING_VALUES: Record<string, readonly string[] | null> = {
  LOCATION: LOCATIONS.map((l) => l.targeting_value),
  GENDER: ['1', '2'],
  AGE: AGES,
  PLATFORM: PLATFORMS.map((p) => p.targeting_value),
  LANGUAGE: LANGUAGES.map((l) => l.targeting_value),
  INTEREST: INTERESTS.map((i) => i.targeting_value),
  BROAD_KEYWORD: null,
  PHRASE_KEYWORD: null,
  EXACT_KEYWORD: null,
  UNORDERED_KEYWORD: null,
  CUSTOM_AUDIENCE: null, // checked against the account's audiences
  FOLLOWERS_OF_USER: null,
  SIMILAR_TO_FOLLOWERS_OF_USER: null,
};
const USER_KEYS = ['email', 'phone_number', 'handle', 'twitter_id', 'device_id', 'partner_user_id', 'ip_address'] as const;
/** Every identifier but partner_user_id must be sent SHA-256 hashed (64 hex digits). */
const HASHED = /^[0-9a-f]{64}$/;

export interface AudienceWriteDeps {
  store: AdsStore;
  objects: ObjectData;
}

function shortId(prefix: string, n: number): string {
  return `${prefix}${(36 ** 4 + n * 7919).toString(36)}`;
}

function paramsOf(entry: unknown, index: number): { type: unknown; params: ParamList } {
  const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const p = e.params;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw invalidParameter('params', `operation ${index}: params must be an object`);
  return { type: e.operation_type, params: Object.entries(p as Record<string, unknown>).map(([k, v]) => [k, v === null ? '' : String(v)]) };
}

type Staged = () => Row;

function stageTargeting(deps: AudienceWriteDeps, accountId: string, type: unknown, list: ParamList, nowMs: number, counter: { n: number }): Staged {
  const rows = deps.objects.list(accountId, 'targeting_criterion');
  if (type === 'Delete') {
    const params = new QueryParams(list, ['targeting_criterion_id']);
    const id = params.requiredString('targeting_criterion_id');
    const row = rows.find((r) => r.id === id);
    if (!row || row.deleted === true) throw notFound(`targeting criterion ${id} was not found`);
    return () => {
      Object.assign(row, { deleted: true, updated_at: formatTimestamp(nowMs) });
      deps.objects.reindex(accountId, 'targeting_criterion');
      return row;
    };
  }
  if (type !== 'Create') throw invalidParameter('operation_type', `Expected one of Create, Delete, got ${JSON.stringify(type)} for operation_type`);
  const params = new QueryParams(list, ['line_item_id', 'targeting_type', 'targeting_value', 'operator_type', 'tailored_audience_expansion', 'location_type']);
  const lineItemId = params.requiredString('line_item_id');
  const lineItem = deps.store.find<{ deleted: boolean }>(accountId, 'line_item', lineItemId);
  if (!lineItem || lineItem.deleted) throw invalidParameter('line_item_id', `line item ${lineItemId} was not found`);
  const targetingType = params.requiredString('targeting_type');
  if (!(targetingType in TARGETING_VALUES)) {
    throw invalidParameter('targeting_type', `Expected one of ${Object.keys(TARGETING_VALUES).join(', ')}, got "${targetingType}" for targeting_type`);
  }
  const value = params.requiredString('targeting_value');
  const known = TARGETING_VALUES[targetingType];
  if (known && !known.includes(value)) throw invalidParameter('targeting_value', `"${value}" is not a valid ${targetingType} targeting value`);
  if (targetingType === 'CUSTOM_AUDIENCE') {
    const audience = deps.objects.find(accountId, 'custom_audience', value);
    if (!audience || audience.deleted === true) throw invalidParameter('targeting_value', `custom audience ${value} was not found`);
  }
  const operator = params.oneOf('operator_type', OPERATORS) ?? 'EQ';
  if (operator !== 'EQ' && operator !== 'NE' && targetingType !== 'AGE') {
    throw invalidParameter('operator_type', `operator_type ${operator} is only valid for AGE targeting`);
  }
  const expansion = params.has('tailored_audience_expansion') ? params.bool('tailored_audience_expansion') : null;
  if (expansion !== null && targetingType !== 'CUSTOM_AUDIENCE') {
    throw invalidParameter('tailored_audience_expansion', 'tailored_audience_expansion is only valid for CUSTOM_AUDIENCE targeting');
  }
  const duplicate = rows.some((r) => !r.deleted && r.line_item_id === lineItemId && r.targeting_type === targetingType && r.targeting_value === value && r.operator_type === operator);
  if (duplicate) throw new ApiError(400, [{ code: 'DUPLICATE_TARGETING_CRITERIA', message: `line item ${lineItemId} already has this ${targetingType} criterion`, parameter: 'targeting_value' }]);
  const id = shortId('tc', rows.length + counter.n++);
  const location = targetingType === 'LOCATION' ? LOCATIONS.find((l) => l.targeting_value === value) : undefined;
  return () => {
    const row: Row = {
      line_item_id: lineItemId,
      name: location?.name ?? value,
      id,
      location_type: location?.location_type ?? null,
      targeting_type: targetingType,
      targeting_value: value,
      operator_type: operator,
      tailored_audience_expansion: expansion,
      created_at: formatTimestamp(nowMs),
      updated_at: formatTimestamp(nowMs),
      deleted: false,
    };
    rows.push(row);
    deps.objects.reindex(accountId, 'targeting_criterion');
    return row;
  };
}

function batchTargeting(deps: AudienceWriteDeps, request: ApiRequest): ApiResponse {
  const account = liveAccount(deps.store, request.pathParams.account_id);
  new QueryParams(request.query, []);
  const body = request.jsonBody;
  if (!Array.isArray(body)) throw invalidParameter('body', 'The batch request body must be a JSON array of operations');
  if (body.length < 1 || body.length > MAX_TARGETING_BATCH) {
    throw invalidParameter('body', `A batch must contain between 1 and ${MAX_TARGETING_BATCH} operations, got ${body.length}`);
  }
  const errors: ApiErrorDetail[][] = [];
  const staged: Staged[] = [];
  const counter = { n: 0 };
  const echo = body.map((entry: unknown, index: number) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    try {
      const { type, params } = paramsOf(entry, index);
      staged.push(stageTargeting(deps, account.id, type, params, request.nowMs, counter));
      errors.push([]);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      errors.push(error.details);
    }
    return { params: e.params ?? null, operation_type: e.operation_type ?? null };
  });
  if (errors.some((e) => e.length > 0)) return { status: 400, body: { operation_errors: errors, request: echo } };
  return { status: 200, body: { data_type: 'targeting_criterion', data: staged.map((apply) => apply()), request: echo } };
}

// ---- custom audiences ---------------------------------------------------------

function audienceFields(request: ApiRequest): QueryParams {
  return new QueryParams([...request.query, ...request.form], ['name', 'description']);
}

function checkedName(params: QueryParams, required: boolean): string | undefined {
  const name = required ? params.requiredString('name') : params.string('name');
  if (name !== undefined && (name.length === 0 || name.length > MAX_NAME)) throw invalidParameter('name', `name must be 1 to ${MAX_NAME} characters`);
  return name;
}

function liveAudience(deps: AudienceWriteDeps, accountId: string, id: string): Row {
  const audience = deps.objects.find(accountId, 'custom_audience', id);
  if (!audience || audience.deleted === true) throw notFound(`custom audience ${id} was not found`);
  return audience;
}

function createAudience(deps: AudienceWriteDeps, request: ApiRequest): ApiResponse {
  const account = liveAccount(deps.store, request.pathParams.account_id);
  const params = audienceFields(request);
  const name = checkedName(params, true)!;
  const rows = deps.objects.list(account.id, 'custom_audience');
  const now = formatTimestamp(request.nowMs);
  const audience: Row = {
    targetable: false,
    name,
    targetable_types: [],
    audience_type: 'CRM',
    description: params.string('description') ?? null,
    permission_level: 'READ_WRITE',
    owner_account_id: account.id,
    id: shortId('ca', rows.length + 1),
    reasons_not_targetable: ['TOO_SMALL'],
    list_type: null,
    created_at: now,
    updated_at: now,
    partner_source: 'OTHER',
    deleted: false,
    audience_size: null,
  };
  rows.push(audience);
  deps.objects.reindex(account.id, 'custom_audience');
  return { status: 200, body: { data_type: 'custom_audience', data: audience, request: { params: { account_id: account.id, ...params.echo() } } } };
}

function updateAudience(deps: AudienceWriteDeps, request: ApiRequest): ApiResponse {
  const account = liveAccount(deps.store, request.pathParams.account_id);
  const id = request.pathParams.custom_audience_id ?? '';
  const params = audienceFields(request);
  const name = checkedName(params, false);
  const audience = liveAudience(deps, account.id, id);
  if (name !== undefined) audience.name = name;
  if (params.has('description')) audience.description = params.string('description') || null;
  audience.updated_at = formatTimestamp(request.nowMs);
  deps.objects.reindex(account.id, 'custom_audience');
  return { status: 200, body: { data_type: 'custom_audience', data: audience, request: { params: { account_id: account.id, custom_audience_id: id, ...params.echo() } } } };
}

function deleteAudience(deps: AudienceWriteDeps, request: ApiRequest): ApiResponse {
  const account = liveAccount(deps.store, request.pathParams.account_id);
  new QueryParams([...request.query, ...request.form], []);
  const id = request.pathParams.custom_audience_id ?? '';
  const audience = liveAudience(deps, account.id, id);
  audience.deleted = true;
  audience.updated_at = formatTimestamp(request.nowMs);
  deps.objects.reindex(account.id, 'custom_audience');
  return { status: 200, body: { data_type: 'custom_audience', data: audience, request: { params: { account_id: account.id, custom_audience_id: id } } } };
}

// ---- audience users (ManageAudienceUsers) ----------------------------------------

function checkUsers(users: unknown, index: number): number {
  if (!Array.isArray(users) || users.length === 0) throw invalidParameter('users', `operation ${index}: users must be a non-empty array`);
  users.forEach((user: unknown, u: number) => {
    if (typeof user !== 'object' || user === null || Array.isArray(user)) throw invalidParameter('users', `operation ${index}: user ${u} must be an object`);
    const keys = Object.keys(user);
    if (keys.length === 0) throw invalidParameter('users', `operation ${index}: user ${u} has no identifiers`);
    for (const key of keys) {
      if (!(USER_KEYS as readonly string[]).includes(key)) throw invalidParameter('users', `operation ${index}: unknown user identifier "${key}"; expected ${USER_KEYS.join(', ')}`);
      const values = (user as Record<string, unknown>)[key];
      if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string' && v !== '')) {
        throw invalidParameter('users', `operation ${index}: user ${u} ${key} must be a non-empty array of strings`);
      }
      if (key !== 'partner_user_id' && !values.every((v) => HASHED.test(v as string))) {
        throw invalidParameter('users', `operation ${index}: user ${u} ${key} values must be SHA-256 hashes (64 lowercase hex digits)`);
      }
    }
  });
  return users.length;
}

function timeParam(value: unknown, name: string, index: number, timeZone: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' ? parseApiTime(value, timeZone) : null;
  if (ms === null) throw invalidParameter(name, `operation ${index}: expected time, got ${JSON.stringify(value)} for ${name}`);
  return ms;
}

function audienceUsers(deps: AudienceWriteDeps, request: ApiRequest): ApiResponse {
  const account = liveAccount(deps.store, request.pathParams.account_id);
  new QueryParams(request.query, []);
  const id = request.pathParams.custom_audience_id ?? '';
  const audience = liveAudience(deps, account.id, id);
  const body = request.jsonBody;
  if (!Array.isArray(body) || body.length === 0) throw invalidParameter('body', 'The request body must be a non-empty JSON array of operations');
  let total = 0;
  body.forEach((entry: unknown, index: number) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (e.operation_type !== 'Update' && e.operation_type !== 'Delete') {
      throw invalidParameter('operation_type', `operation ${index}: expected Update or Delete, got ${JSON.stringify(e.operation_type)}`);
    }
    const p = e.params;
    if (typeof p !== 'object' || p === null) throw missingParameter('params');
    const params = p as Record<string, unknown>;
    for (const key of Object.keys(params)) {
      if (!['users', 'effective_at', 'expires_at'].includes(key)) throw invalidParameter(key, `operation ${index}: ${key} is not a valid parameter`);
    }
    const effective = timeParam(params.effective_at, 'effective_at', index, account.timezone);
    const expires = timeParam(params.expires_at, 'expires_at', index, account.timezone);
    if (effective !== undefined && expires !== undefined && expires <= effective) {
      throw invalidParameter('expires_at', `operation ${index}: expires_at must be after effective_at`);
    }
    total += checkUsers(params.users, index);
  });
  if (total > MAX_USERS) throw invalidParameter('users', `At most ${MAX_USERS} users may be sent in one request, got ${total}`);
  // Matching takes hours on the real API (6-8 h): the audience's size is not changed here.
  audience.updated_at = formatTimestamp(request.nowMs);
  return {
    status: 200,
    body: { request: { params: { account_id: account.id, custom_audience_id: id } }, data: { success_count: total, total_count: total } },
  };
}

export function audienceWriteRoutes(deps: AudienceWriteDeps): RouteDefinition[] {
  return [
    { method: 'POST', template: '/12/batch/accounts/:account_id/targeting_criteria', category: 'write', handle: (r) => batchTargeting(deps, r) },
    { method: 'POST', template: '/12/accounts/:account_id/custom_audiences', category: 'write', handle: (r) => createAudience(deps, r) },
    { method: 'PUT', template: '/12/accounts/:account_id/custom_audiences/:custom_audience_id', category: 'write', handle: (r) => updateAudience(deps, r) },
    { method: 'DELETE', template: '/12/accounts/:account_id/custom_audiences/:custom_audience_id', category: 'write', handle: (r) => deleteAudience(deps, r) },
    { method: 'POST', template: '/12/accounts/:account_id/custom_audiences/:custom_audience_id/users', category: 'write', handle: (r) => audienceUsers(deps, r) },
  ];
}
