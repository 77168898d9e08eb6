// GET /12/stats/accounts/:account_id/active_entities — which entities had metrics in a range.
// Consistent with the stats: an entity is listed iff it has impressions (every other metric is
// zero without them) in some hour of the range on ALL_ON_TWITTER or PUBLISHER_NETWORK, and
// [activity_start_time, activity_end_time) spans the UTC days that hold them, clipped to the range
// and to the entity's delivery hours.
import { ApiError, invalidParameter, invalidTimeWindow } from './api-error.js';
import { parseTime, subjectFor } from './analytics.js';
import type { Account } from './entities.js';
import { type DayImpressions, type MetricSubject, daysOf, hasImpressions, impressionDaysOf } from './metrics.js';
import type { ObjectData } from './object-data.js';
import type { ParamList } from './oauth-verifier.js';
import { QueryParams } from './query-params.js';
import type { AdsStore } from './store.js';
import { DAY_MS, HOUR_MS, formatTimestamp } from './time.js';

export const ACTIVE_ENTITY_TYPES = ['CAMPAIGN', 'FUNDING_INSTRUMENT', 'LINE_ITEM', 'MEDIA_CREATIVE', 'PROMOTED_ACCOUNT', 'PROMOTED_TWEET'] as const;
const MAX_RANGE_MS = 90 * DAY_MS;
const ACTIVITY_PLACEMENTS = ['ALL_ON_TWITTER', 'PUBLISHER_NETWORK'];

interface Lineage {
  id: string;
  funding_instrument_id?: string;
  campaign_id?: string;
  line_item_id?: string;
}

/** Every entity of the type with the ids of its parents (for the campaign/line item/funding instrument filters). */
function lineage(store: AdsStore, objects: ObjectData, accountId: string, entity: (typeof ACTIVE_ENTITY_TYPES)[number]): Lineage[] {
  const lineItem = (id: string) => store.find<{ campaign_id: string; funding_instrument_id: string }>(accountId, 'line_item', id);
  const viaLineItem = (rows: ReadonlyArray<{ id?: unknown; line_item_id?: unknown }>): Lineage[] =>
    rows.map((r) => {
      const li = lineItem(String(r.line_item_id));
      return { id: String(r.id), line_item_id: String(r.line_item_id), campaign_id: li?.campaign_id, funding_instrument_id: li?.funding_instrument_id };
    });
  switch (entity) {
    case 'FUNDING_INSTRUMENT':
      return store.fundingInstruments(accountId).map((f) => ({ id: f.id, funding_instrument_id: f.id }));
    case 'CAMPAIGN':
      return store.campaigns(accountId).map((c) => ({ id: c.id, campaign_id: c.id, funding_instrument_id: c.funding_instrument_id }));
    case 'LINE_ITEM':
      return store.lineItems(accountId).map((l) => ({ id: l.id, line_item_id: l.id, campaign_id: l.campaign_id, funding_instrument_id: l.funding_instrument_id }));
    case 'PROMOTED_TWEET':
      return viaLineItem(store.promotedTweets(accountId));
    case 'PROMOTED_ACCOUNT':
      return viaLineItem(objects.list(accountId, 'promoted_account'));
    case 'MEDIA_CREATIVE':
      return viaLineItem(objects.list(accountId, 'media_creative'));
  }
}

interface Candidate {
  readonly lineage: Lineage;
  readonly subject: MetricSubject;
  /** Per ACTIVITY_PLACEMENTS entry: the entity's day caches, looked up on first use. */
  days?: Array<{ placement: string; days: ReturnType<typeof daysOf>; impressions: DayImpressions }>;
}

/**
 * Every entity of a type with its lineage and metric subject, per account and type, kept while no write
 * touched a kind they are read from (every write route bumps its kind's version): the per-request work
 * is then the activity scan only.
 */
const CANDIDATES = new WeakMap<AdsStore, Map<string, { key: string; list: Candidate[] }>>();
const STORE_KINDS = ['funding_instrument', 'campaign', 'line_item', 'promoted_tweet'] as const;

function candidatesOf(store: AdsStore, objects: ObjectData, account: Account, entity: (typeof ACTIVE_ENTITY_TYPES)[number], seed: number): Candidate[] {
  let byType = CANDIDATES.get(store);
  if (!byType) CANDIDATES.set(store, (byType = new Map()));
  let key = `${seed}/${account.timezone}`;
  for (const kind of STORE_KINDS) key += `/${store.version(account.id, kind)}`;
  key += `/${objects.version(account.id, 'promoted_account')}/${objects.version(account.id, 'media_creative')}`;
  const slot = `${account.id}/${entity}`;
  const known = byType.get(slot);
  if (known && known.key === key) return known.list;
  const list: Candidate[] = [];
  for (const row of lineage(store, objects, account.id, entity)) {
    const subject = subjectFor(store, account, entity, row.id, objects);
    if (subject) list.push({ lineage: row, subject });
  }
  byType.set(slot, { key, list });
  return list;
}

export function activeEntities(store: AdsStore, objects: ObjectData, account: Account, pairs: ParamList, seed: number, nowMs: number): unknown {
  const params = new QueryParams(pairs, ['entity', 'start_time', 'end_time', 'funding_instrument_ids', 'campaign_ids', 'line_item_ids']);
  const entity = params.requiredString('entity');
  if (!(ACTIVE_ENTITY_TYPES as readonly string[]).includes(entity)) {
    throw invalidParameter('entity', `Expected one of ${ACTIVE_ENTITY_TYPES.join(', ')}, got "${entity}" for entity`);
  }
  const startMs = parseTime(params, 'start_time', account);
  const endMs = parseTime(params, 'end_time', account);
  if (endMs <= startMs) throw invalidTimeWindow('end_time', 'end_time must be after start_time');
  if (endMs - startMs > MAX_RANGE_MS) throw invalidTimeWindow('end_time', 'The time window between start_time and end_time may not exceed 90 days');
  const filters = (['funding_instrument_ids', 'campaign_ids', 'line_item_ids'] as const).filter((name) => params.has(name));
  if (filters.length > 1) {
    throw new ApiError(400, [{ code: 'EXCLUSIVE_PARAMETERS', message: `${filters.join(' and ')} are exclusive parameters`, parameter: filters[1]! }]);
  }
  const filterName = filters[0];
  const filterIds = filterName ? new Set(params.list(filterName, 200)) : undefined;
  const field = filterName === 'funding_instrument_ids' ? 'funding_instrument_id' : filterName === 'campaign_ids' ? 'campaign_id' : 'line_item_id';

  const reportedUntil = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const data: Array<{ entity_id: string; activity_start_time: string; activity_end_time: string; placements: string[] }> = [];
  for (const candidate of candidatesOf(store, objects, account, entity as (typeof ACTIVE_ENTITY_TYPES)[number], seed)) {
    const { lineage: row, subject } = candidate;
    if (filterIds && !filterIds.has(String(row[field] ?? ''))) continue;
    // Only the hours the entity can deliver in; then scan UTC days inwards from both ends,
    // so an active entity costs a few day lookups, not one per day of the range.
    const from = Math.max(startMs, subject.activeFromMs);
    const to = Math.min(endMs, Math.ceil(subject.activeUntilMs / HOUR_MS) * HOUR_MS, reportedUntil);
    if (from >= to) continue;
    const firstDay = Math.floor(from / DAY_MS);
    const lastDay = Math.floor((to - 1) / DAY_MS);
    const placements: string[] = [];
    let activityStart = Number.POSITIVE_INFINITY;
    let activityEnd = Number.NEGATIVE_INFINITY;
    // Plain loops, no closures per entity: this runs for every entity of the account.
    candidate.days ??= ACTIVITY_PLACEMENTS.map((placement) => {
      const days = daysOf(seed, subject, placement);
      return { placement, days, impressions: impressionDaysOf(seed, subject, placement, days) };
    });
    for (const { placement, days, impressions } of candidate.days) {
      let lo = firstDay;
      while (lo <= lastDay && !hasImpressions(subject, placement, Math.max(from, lo * DAY_MS), Math.min(to, lo * DAY_MS + DAY_MS), days, impressions)) lo++;
      if (lo > lastDay) continue;
      let hi = lastDay;
      while (hi > lo && !hasImpressions(subject, placement, Math.max(from, hi * DAY_MS), Math.min(to, hi * DAY_MS + DAY_MS), days, impressions)) hi--;
      placements.push(placement);
      activityStart = Math.min(activityStart, Math.max(from, lo * DAY_MS));
      activityEnd = Math.max(activityEnd, Math.min(to, hi * DAY_MS + DAY_MS));
    }
    if (placements.length === 0) continue;
    data.push({
      entity_id: row.id,
      activity_start_time: formatTimestamp(activityStart),
      activity_end_time: formatTimestamp(activityEnd),
      placements,
    });
  }
  return {
    request: { params: { account_id: account.id, entity, start_time: formatTimestamp(startMs), end_time: formatTimestamp(endMs), ...(filterName ? { [filterName]: [...filterIds!] } : {}) } },
    data,
  };
}
