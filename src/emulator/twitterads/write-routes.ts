// Writes: campaigns and line items (POST/PUT/DELETE and the batch endpoints),
// promoted tweets (POST to attach tweets, DELETE to detach). Fields arrive as query
// or form parameters, as the Python SDK sends them; batch bodies are JSON.
import { ApiError, type ApiErrorDetail, invalidParameter, notFound } from './api-error.js';
import type { Campaign, LineItem, PromotedTweet } from './entities.js';
import type { ParamList } from './oauth-verifier.js';
import { QueryParams } from './query-params.js';
import { liveAccount } from './read-routes.js';
import type { ApiRequest, ApiResponse, RouteDefinition } from './route-types.js';
import type { AdsStore } from './store.js';
import { formatTimestamp, parseApiTime } from './time.js';

const MAX_BATCH = 40;
const MAX_TWEET_IDS = 50;
const MAX_NAME = 255;

const CAMPAIGN_FIELDS = [
  'funding_instrument_id', 'name', 'entity_status', 'daily_budget_amount_local_micro', 'total_budget_amount_local_micro',
  'purchase_order_number', 'standard_delivery', 'budget_optimization', 'start_time', 'end_time', 'duration_in_days', 'frequency_cap',
];
const LINE_ITEM_FIELDS = [
  'campaign_id', 'name', 'objective', 'placements', 'product_type', 'bid_amount_local_micro', 'bid_strategy', 'entity_status',
  'goal', 'pay_by', 'start_time', 'end_time', 'total_budget_amount_local_micro', 'advertiser_domain', 'categories',
  'primary_web_event_tag', 'advertiser_user_id',
];
const OBJECTIVES = ['APP_ENGAGEMENTS', 'APP_INSTALLS', 'REACH', 'FOLLOWERS', 'ENGAGEMENTS', 'VIDEO_VIEWS', 'PREROLL_VIEWS', 'WEBSITE_CLICKS'] as const;
const PLACEMENTS = ['ALL_ON_TWITTER', 'PUBLISHER_NETWORK', 'TAP_BANNER', 'TAP_FULL', 'TAP_FULL_LANDSCAPE', 'TAP_NATIVE', 'TWITTER_PROFILE', 'TWITTER_REPLIES', 'TWITTER_SEARCH', 'TWITTER_TIMELINE'];

type Fields = QueryParams;

function micros(fields: Fields, name: string): number | null | undefined {
  const raw = fields.string(name);
  if (raw === undefined) return undefined;
  if (raw === '') return null; // an empty string unsets the field
  if (!/^\d+$/.test(raw)) throw invalidParameter(name, `Expected Long, got "${raw}" for ${name}`);
  return Number(raw);
}

function timeField(fields: Fields, name: string, timeZone: string): string | null | undefined {
  const raw = fields.string(name);
  if (raw === undefined) return undefined;
  if (raw === '') return null;
  const ms = parseApiTime(raw, timeZone);
  if (ms === null) throw invalidParameter(name, `Expected time, got "${raw}" for ${name}`);
  return formatTimestamp(ms);
}

function nameField(fields: Fields): string | undefined {
  const name = fields.string('name');
  if (name !== undefined && name.length > MAX_NAME) throw invalidParameter('name', `name may be at most ${MAX_NAME} characters`);
  return name;
}

function intOrNull(fields: Fields, name: string): number | null | undefined {
  const raw = fields.string(name);
  if (raw === undefined) return undefined;
  if (raw === '') return null;
  if (!/^\d+$/.test(raw)) throw invalidParameter(name, `Expected Integer, got "${raw}" for ${name}`);
  return Number(raw);
}

function servability(c: Campaign, nowMs: number, fundable: boolean): Pick<Campaign, 'reasons_not_servable' | 'servable' | 'effective_status'> {
  const reasons: string[] = [];
  if (c.entity_status === 'DRAFT') reasons.push('INCOMPLETE');
  if (c.entity_status === 'PAUSED') reasons.push('PAUSED_BY_ADVERTISER');
  if (c.end_time !== null && Date.parse(c.end_time) < nowMs) reasons.push('EXPIRED');
  if (!fundable) reasons.push('FUNDING_PROBLEM');
  const effective =
    c.entity_status === 'DRAFT' ? 'DRAFT' : reasons.includes('EXPIRED') ? 'EXPIRED' : c.entity_status === 'PAUSED' || reasons.length ? 'PAUSED' : 'RUNNING';
  return { reasons_not_servable: reasons, servable: reasons.length === 0, effective_status: effective };
}

// ---- campaigns ---------------------------------------------------------------

function applyCampaignFields(store: AdsStore, accountId: string, base: Campaign, fields: Fields, nowMs: number, creating: boolean): Campaign {
  const account = store.account(accountId)!;
  const next: Campaign = { ...base };
  const fiId = fields.string('funding_instrument_id');
  if (fiId !== undefined) {
    const fi = store.find<{ deleted: boolean }>(accountId, 'funding_instrument', fiId);
    if (!fi || fi.deleted) throw invalidParameter('funding_instrument_id', `Funding instrument ${fiId} was not found for account ${accountId}`);
    next.funding_instrument_id = fiId;
  }
  const name = nameField(fields);
  if (name !== undefined) next.name = name;
  const allowedStatus = creating ? (['ACTIVE', 'DRAFT', 'PAUSED'] as const) : (['ACTIVE', 'PAUSED'] as const);
  const status = fields.oneOf('entity_status', allowedStatus);
  if (status !== undefined) next.entity_status = status;
  const daily = micros(fields, 'daily_budget_amount_local_micro');
  if (daily !== undefined) next.daily_budget_amount_local_micro = daily;
  const total = micros(fields, 'total_budget_amount_local_micro');
  if (total !== undefined) next.total_budget_amount_local_micro = total;
  const po = fields.string('purchase_order_number');
  if (po !== undefined) next.purchase_order_number = po === '' ? null : po;
  if (fields.has('standard_delivery')) next.standard_delivery = fields.bool('standard_delivery');
  const optimization = fields.oneOf('budget_optimization', ['CAMPAIGN', 'LINE_ITEM'] as const);
  if (optimization !== undefined) next.budget_optimization = optimization;
  const start = timeField(fields, 'start_time', account.timezone);
  if (start) next.start_time = start;
  const end = timeField(fields, 'end_time', account.timezone);
  if (end !== undefined) next.end_time = end;
  const duration = intOrNull(fields, 'duration_in_days');
  if (duration !== undefined) next.duration_in_days = duration;
  const cap = intOrNull(fields, 'frequency_cap');
  if (cap !== undefined) next.frequency_cap = cap;
  if (next.total_budget_amount_local_micro !== null && next.daily_budget_amount_local_micro !== null && next.daily_budget_amount_local_micro > next.total_budget_amount_local_micro) {
    throw invalidParameter('daily_budget_amount_local_micro', 'daily_budget_amount_local_micro may not exceed total_budget_amount_local_micro');
  }
  const fi = store.find<{ able_to_fund: boolean }>(accountId, 'funding_instrument', next.funding_instrument_id);
  Object.assign(next, servability(next, nowMs, fi?.able_to_fund ?? false));
  next.updated_at = formatTimestamp(nowMs);
  return next;
}

function newCampaign(store: AdsStore, accountId: string, fields: Fields, nowMs: number): Campaign {
  fields.requiredString('funding_instrument_id');
  fields.requiredString('name');
  const now = formatTimestamp(nowMs);
  const blank: Campaign = {
    name: '', start_time: now, reasons_not_servable: [], servable: true, daily_budget_amount_local_micro: null, end_time: null,
    funding_instrument_id: '', standard_delivery: true, total_budget_amount_local_micro: null, id: '', entity_status: 'ACTIVE',
    account_id: accountId, currency: store.currency(accountId), created_at: now, updated_at: now, deleted: false,
    budget_optimization: 'CAMPAIGN', purchase_order_number: null, effective_status: 'RUNNING', duration_in_days: null, frequency_cap: null,
  };
  return applyCampaignFields(store, accountId, blank, fields, nowMs, true);
}

// ---- line items --------------------------------------------------------------

function applyLineItemFields(store: AdsStore, accountId: string, base: LineItem, fields: Fields, nowMs: number, creating: boolean): LineItem {
  const account = store.account(accountId)!;
  const next: LineItem = { ...base };
  const campaignId = fields.string('campaign_id');
  if (campaignId !== undefined) {
    const campaign = store.find<Campaign>(accountId, 'campaign', campaignId);
    if (!campaign || campaign.deleted) throw invalidParameter('campaign_id', `Campaign ${campaignId} was not found for account ${accountId}`);
    next.campaign_id = campaignId;
    next.funding_instrument_id = campaign.funding_instrument_id;
  }
  const name = nameField(fields);
  if (name !== undefined) next.name = name;
  const objective = fields.oneOf('objective', OBJECTIVES);
  if (objective !== undefined) next.objective = objective;
  const placements = fields.list('placements', PLACEMENTS.length);
  if (placements !== undefined) {
    for (const p of placements) if (!PLACEMENTS.includes(p)) throw invalidParameter('placements', `Unknown placement "${p}"`);
    next.placements = placements;
  }
  const productType = fields.oneOf('product_type', ['PROMOTED_TWEETS', 'MEDIA', 'PROMOTED_ACCOUNT'] as const);
  if (productType !== undefined) next.product_type = productType;
  const bid = micros(fields, 'bid_amount_local_micro');
  if (bid !== undefined) next.bid_amount_local_micro = bid;
  const strategy = fields.oneOf('bid_strategy', ['AUTO', 'MAX', 'TARGET'] as const);
  if (strategy !== undefined) next.bid_strategy = strategy;
  const status = fields.oneOf('entity_status', creating ? (['ACTIVE', 'DRAFT', 'PAUSED'] as const) : (['ACTIVE', 'PAUSED'] as const));
  if (status !== undefined) next.entity_status = status;
  const goal = fields.string('goal');
  if (goal !== undefined) next.goal = goal === '' ? null : goal;
  const payBy = fields.string('pay_by');
  if (payBy !== undefined) next.pay_by = payBy;
  const start = timeField(fields, 'start_time', account.timezone);
  if (start !== undefined) next.start_time = start;
  const end = timeField(fields, 'end_time', account.timezone);
  if (end !== undefined) next.end_time = end;
  const total = micros(fields, 'total_budget_amount_local_micro');
  if (total !== undefined) next.total_budget_amount_local_micro = total;
  const domain = fields.string('advertiser_domain');
  if (domain !== undefined) next.advertiser_domain = domain === '' ? null : domain;
  const categories = fields.list('categories', 50, 0);
  if (categories !== undefined) next.categories = categories;
  const tag = fields.string('primary_web_event_tag');
  if (tag !== undefined) next.primary_web_event_tag = tag === '' ? null : tag;
  const advertiser = fields.string('advertiser_user_id');
  if (advertiser !== undefined) next.advertiser_user_id = advertiser;
  next.updated_at = formatTimestamp(nowMs);
  return next;
}

function newLineItem(store: AdsStore, accountId: string, fields: Fields, nowMs: number): LineItem {
  fields.requiredString('campaign_id');
  fields.requiredString('objective');
  fields.requiredString('placements');
  fields.requiredString('product_type');
  const now = formatTimestamp(nowMs);
  const blank: LineItem = {
    placement_type: 'PROMOTED_TWEETS_FOR_TIMELINES', bid_strategy: 'AUTO', name: 'Untitled', placements: [], bid_amount_local_micro: null,
    advertiser_domain: null, advertiser_user_id: '1000000000', primary_web_event_tag: null, pay_by: 'IMPRESSION',
    product_type: 'PROMOTED_TWEETS', total_budget_amount_local_micro: null, objective: 'ENGAGEMENTS', id: '', entity_status: 'ACTIVE',
    account_id: accountId, goal: null, categories: [], currency: store.currency(accountId), start_time: null, end_time: null,
    creative_source: 'MANUAL', funding_instrument_id: '', created_at: now, updated_at: now, campaign_id: '', deleted: false,
  };
  const item = applyLineItemFields(store, accountId, blank, fields, nowMs, true);
  if (item.bid_strategy !== 'AUTO' && item.bid_amount_local_micro === null) {
    throw invalidParameter('bid_amount_local_micro', `bid_amount_local_micro is required for bid_strategy ${item.bid_strategy}`);
  }
  return item;
}

// ---- shared machinery --------------------------------------------------------

interface EntityOps<T extends { id: string; deleted: boolean }> {
  kind: 'campaign' | 'line_item';
  segment: string;
  idParam: string;
  fields: string[];
  create(store: AdsStore, accountId: string, fields: Fields, nowMs: number): T;
  update(store: AdsStore, accountId: string, existing: T, fields: Fields, nowMs: number): T;
}

const CAMPAIGN_OPS: EntityOps<Campaign> = {
  kind: 'campaign',
  segment: 'campaigns',
  idParam: 'campaign_id',
  fields: CAMPAIGN_FIELDS,
  create: newCampaign,
  update: (store, accountId, existing, fields, nowMs) => applyCampaignFields(store, accountId, existing, fields, nowMs, false),
};

const LINE_ITEM_OPS: EntityOps<LineItem> = {
  kind: 'line_item',
  segment: 'line_items',
  idParam: 'line_item_id',
  fields: LINE_ITEM_FIELDS,
  create: newLineItem,
  update: (store, accountId, existing, fields, nowMs) => applyLineItemFields(store, accountId, existing, fields, nowMs, false),
};

function existingLive<T extends { deleted: boolean }>(store: AdsStore, accountId: string, kind: 'campaign' | 'line_item' | 'promoted_tweet', id: string): T {
  const found = store.find<T>(accountId, kind, id);
  if (!found || found.deleted) throw notFound(`${kind.replace('_', ' ')} ${id} was not found`);
  return found;
}

/** A staged change: applied to the store only when the whole request (or batch) is valid. */
type Staged<T> = { op: 'insert'; item: T } | { op: 'replace'; target: T; item: T };

function commit<T extends { id: string }>(store: AdsStore, accountId: string, kind: 'campaign' | 'line_item' | 'promoted_tweet', staged: Staged<T>[]): T[] {
  const results: T[] = [];
  for (const change of staged) {
    if (change.op === 'insert') {
      store.insert(accountId, kind, change.item as unknown as Campaign);
      results.push(change.item);
    } else {
      Object.assign(change.target as object, change.item);
      results.push(change.target);
    }
  }
  store.touch(accountId, kind);
  return results;
}

function stage<T extends { id: string; deleted: boolean }>(
  store: AdsStore,
  accountId: string,
  ops: EntityOps<T>,
  operation: 'Create' | 'Update' | 'Delete',
  fields: ParamList,
  nowMs: number,
  pendingDeletes: Set<string>,
): Staged<T> {
  if (operation === 'Create') {
    const item = ops.create(store, accountId, new QueryParams(fields, ops.fields), nowMs);
    item.id = store.newId(accountId, ops.kind);
    return { op: 'insert', item };
  }
  const params = new QueryParams(fields, [ops.idParam, ...(operation === 'Update' ? ops.fields : [])]);
  const id = params.requiredString(ops.idParam);
  if (pendingDeletes.has(id)) throw notFound(`${ops.kind.replace('_', ' ')} ${id} was not found`);
  const existing = existingLive<T>(store, accountId, ops.kind, id);
  if (operation === 'Delete') {
    pendingDeletes.add(id);
    return { op: 'replace', target: existing, item: { ...existing, deleted: true, updated_at: formatTimestamp(nowMs) } };
  }
  const noId = new QueryParams(fields.filter(([k]) => k !== ops.idParam), ops.fields);
  return { op: 'replace', target: existing, item: ops.update(store, accountId, existing, noId, nowMs) };
}

function singleWrite<T extends { id: string; deleted: boolean }>(store: AdsStore, ops: EntityOps<T>, operation: 'Create' | 'Update' | 'Delete', request: ApiRequest): ApiResponse {
  const account = liveAccount(store, request.pathParams.account_id);
  const fields: ParamList = [...request.query, ...request.form];
  const id = request.pathParams[ops.idParam];
  const withId: ParamList = id === undefined ? fields : [[ops.idParam, id], ...fields];
  const staged = stage(store, account.id, ops, operation, withId, request.nowMs, new Set());
  const [item] = commit(store, account.id, ops.kind, [staged]);
  const echo = new QueryParams(fields, ops.fields).echo();
  return {
    status: 200,
    body: { data_type: ops.kind, data: item, request: { params: { ...echo, ...(id ? { [ops.idParam]: id } : {}), account_id: account.id } } },
  };
}

function toParamList(params: unknown, index: number): ParamList {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw invalidParameter('params', `operation ${index}: params must be an object`);
  }
  return Object.entries(params as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v === null ? '' : String(v)]);
}

function batchWrite<T extends { id: string; deleted: boolean }>(store: AdsStore, ops: EntityOps<T>, request: ApiRequest): ApiResponse {
  const account = liveAccount(store, request.pathParams.account_id);
  new QueryParams(request.query, []); // no query parameters on batch endpoints
  const body = request.jsonBody;
  if (!Array.isArray(body)) throw invalidParameter('body', 'The batch request body must be a JSON array of operations');
  if (body.length < 1 || body.length > MAX_BATCH) {
    throw invalidParameter('body', `A batch must contain between 1 and ${MAX_BATCH} operations, got ${body.length}`);
  }
  const echo: Array<{ params: unknown; operation_type: unknown }> = [];
  const operationErrors: ApiErrorDetail[][] = [];
  const staged: Staged<T>[] = [];
  const pendingDeletes = new Set<string>();
  body.forEach((entry: unknown, index: number) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    echo.push({ params: e.params ?? null, operation_type: e.operation_type ?? null });
    try {
      const type = e.operation_type;
      if (type !== 'Create' && type !== 'Update' && type !== 'Delete') {
        throw invalidParameter('operation_type', `Expected one of Create, Update, Delete, got ${JSON.stringify(type)} for operation_type`);
      }
      staged.push(stage(store, account.id, ops, type, toParamList(e.params, index), request.nowMs, pendingDeletes));
      operationErrors.push([]);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      operationErrors.push(error.details);
    }
  });
  if (operationErrors.some((errors) => errors.length > 0)) {
    // All or nothing: nothing staged is applied.
    return { status: 400, body: { operation_errors: operationErrors, request: echo } };
  }
  const data = commit(store, account.id, ops.kind, staged);
  return { status: 200, body: { data_type: ops.kind, data, request: echo } };
}

// ---- promoted tweets ---------------------------------------------------------

function attachTweets(store: AdsStore, request: ApiRequest): ApiResponse {
  const account = liveAccount(store, request.pathParams.account_id);
  const params = new QueryParams([...request.query, ...request.form], ['line_item_id', 'tweet_ids']);
  const lineItemId = params.requiredString('line_item_id');
  params.requiredString('tweet_ids');
  const tweetIds = params.list('tweet_ids', MAX_TWEET_IDS)!;
  for (const id of tweetIds) if (!/^\d{1,20}$/.test(id)) throw invalidParameter('tweet_ids', `Expected Long, got "${id}" for tweet_ids`);
  const lineItem = store.find<LineItem>(account.id, 'line_item', lineItemId);
  if (!lineItem || lineItem.deleted) throw invalidParameter('line_item_id', `Line item ${lineItemId} was not found for account ${account.id}`);
  const now = formatTimestamp(request.nowMs);
  const staged: Staged<PromotedTweet>[] = tweetIds.map((tweetId) => ({
    op: 'insert',
    item: {
      line_item_id: lineItemId, id: store.newId(account.id, 'promoted_tweet'), entity_status: 'ACTIVE', created_at: now, updated_at: now,
      approval_status: 'ACCEPTED', tweet_id: tweetId, deleted: false,
    },
  }));
  const data = commit(store, account.id, 'promoted_tweet', staged);
  return {
    status: 200,
    body: {
      data_type: 'promoted_tweet',
      data,
      // The real API echoes tweet_ids as JSON numbers; 19-digit ids do not survive that in JavaScript, so they stay strings.
      request: { params: { line_item_id: lineItemId, tweet_ids: tweetIds, account_id: account.id } },
      total_count: data.length,
    },
  };
}

function detachTweet(store: AdsStore, request: ApiRequest): ApiResponse {
  const account = liveAccount(store, request.pathParams.account_id);
  new QueryParams([...request.query, ...request.form], []);
  const id = request.pathParams.promoted_tweet_id ?? '';
  const existing = existingLive<PromotedTweet>(store, account.id, 'promoted_tweet', id);
  const [item] = commit(store, account.id, 'promoted_tweet', [
    { op: 'replace', target: existing, item: { ...existing, deleted: true, updated_at: formatTimestamp(request.nowMs) } },
  ]);
  return { status: 200, body: { data_type: 'promoted_tweet', data: item, request: { params: { promoted_tweet_id: id, account_id: account.id } } } };
}

export function writeRoutes(store: AdsStore): RouteDefinition[] {
  const routes: RouteDefinition[] = [];
  for (const ops of [CAMPAIGN_OPS, LINE_ITEM_OPS] as Array<EntityOps<Campaign> | EntityOps<LineItem>>) {
    const base = `/12/accounts/:account_id/${ops.segment}`;
    const one = `${base}/:${ops.idParam}`;
    const o = ops as EntityOps<Campaign>;
    routes.push(
      { method: 'POST', template: base, category: 'write', handle: (r) => singleWrite(store, o, 'Create', r) },
      { method: 'PUT', template: one, category: 'write', handle: (r) => singleWrite(store, o, 'Update', r) },
      { method: 'DELETE', template: one, category: 'write', handle: (r) => singleWrite(store, o, 'Delete', r) },
      { method: 'POST', template: `/12/batch/accounts/:account_id/${ops.segment}`, category: 'write', handle: (r) => batchWrite(store, o, r) },
    );
  }
  routes.push(
    { method: 'POST', template: '/12/accounts/:account_id/promoted_tweets', category: 'write', handle: (r) => attachTweets(store, r) },
    { method: 'DELETE', template: '/12/accounts/:account_id/promoted_tweets/:promoted_tweet_id', category: 'write', handle: (r) => detachTweet(store, r) },
  );
  return routes;
}
