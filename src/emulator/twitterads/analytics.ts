// GET /12/stats/accounts/:account_id — synchronous analytics.
// Validation mirrors the documented limits: all parameters required, at most 20
// entity_ids, whole-hour times, end_time exclusive, at most 7 days, and for DAY
// granularity both ends at midnight in the account's timezone.
import { invalidParameter, invalidTimeWindow } from './api-error.js';
import type { Account } from './entities.js';
import { METRIC_GROUPS, type MetricGroup, type MetricSubject, type StatsEntity, metricNamesFor, metricSeries } from './metrics.js';
import { QueryParams } from './query-params.js';
import type { AdsStore } from './store.js';
import { DAY_MS, HOUR_MS, formatTimestamp, isLocalMidnight, localParts, nextLocalMidnight, parseApiTime } from './time.js';
import type { ParamList } from './oauth-verifier.js';
import type { ObjectData } from './object-data.js';
import { type Segmentation, parseSegmentation, splitIntoSegments } from './segmentation.js';

export const STATS_PARAMS = ['entity', 'entity_ids', 'start_time', 'end_time', 'granularity', 'metric_groups', 'placement', 'segmentation_type', 'country', 'platform'] as const;
export const ENTITIES: readonly StatsEntity[] = [
  'ACCOUNT', 'CAMPAIGN', 'FUNDING_INSTRUMENT', 'LINE_ITEM', 'ORGANIC_TWEET', 'PROMOTED_ACCOUNT', 'PROMOTED_TWEET', 'MEDIA_CREATIVE',
];
const GRANULARITIES = ['DAY', 'HOUR', 'TOTAL'] as const;
export const PLACEMENTS = ['ALL_ON_TWITTER', 'PUBLISHER_NETWORK', 'SPOTLIGHT', 'TREND'] as const;
const MAX_ENTITY_IDS = 20;

export interface StatsResponse {
  data_type: 'stats';
  time_series_length: number;
  data: Array<{
    id: string;
    id_data: Array<{ segment: { segment_name: string; segment_value: string } | null; metrics: Record<string, number[] | null> }>;
  }>;
  request: { params: Record<string, unknown> };
}

export function parseTime(params: QueryParams, name: 'start_time' | 'end_time', account: Account): number {
  const raw = params.requiredString(name);
  const ms = parseApiTime(raw, account.timezone);
  if (ms === null) throw invalidParameter(name, `Expected time, got "${raw}" for ${name}`);
  if (ms % HOUR_MS !== 0) throw invalidParameter(name, `${name} must be expressed in whole hours (0 minutes and 0 seconds), got "${raw}"`);
  return ms;
}

/** Boundaries already computed, by granularity, zone and range: the same windows are asked for again and again. */
const BOUNDARIES = new Map<string, readonly number[]>();
const MAX_CACHED_BOUNDARIES = 10_000;

/** Bucket boundaries: [b0, b1), [b1, b2), ... */
function bucketBoundaries(startMs: number, endMs: number, granularity: (typeof GRANULARITIES)[number], timeZone: string): readonly number[] {
  if (granularity === 'TOTAL') return [startMs, endMs];
  const key = `${granularity}|${timeZone}|${startMs}|${endMs}`;
  let boundaries = BOUNDARIES.get(key);
  if (!boundaries) {
    boundaries = computeBoundaries(startMs, endMs, granularity, timeZone);
    if (BOUNDARIES.size >= MAX_CACHED_BOUNDARIES) BOUNDARIES.clear();
    BOUNDARIES.set(key, boundaries);
  }
  return boundaries;
}

function computeBoundaries(startMs: number, endMs: number, granularity: 'DAY' | 'HOUR', timeZone: string): number[] {
  const boundaries = [startMs];
  let t = startMs;
  while (t < endMs) {
    t = granularity === 'HOUR' ? t + HOUR_MS : Math.min(endMs, nextLocalMidnight(t, timeZone));
    boundaries.push(t);
  }
  return boundaries;
}

/** Per zone, its UTC offset at noon of each UTC day asked for (cached: Intl is slow). */
const OFFSETS = new Map<string, Map<number, number>>();

const OFFSET_FUNCTIONS = new Map<string, (dayStartMs: number) => number>();

/** The zone's UTC offset at noon of a UTC day, in whole hours, as a function of the day (one per zone). */
function dailyOffsetsOf(timeZone: string): (dayStartMs: number) => number {
  const made = OFFSET_FUNCTIONS.get(timeZone);
  if (made) return made;
  let days = OFFSETS.get(timeZone);
  if (!days) OFFSETS.set(timeZone, (days = new Map()));
  const known = days;
  const offsetOn = (dayStartMs: number): number => {
    let offset = known.get(dayStartMs);
    if (offset === undefined) {
      const noon = dayStartMs + 12 * HOUR_MS;
      const p = localParts(noon, timeZone);
      offset = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - noon) / HOUR_MS);
      known.set(dayStartMs, offset);
    }
    return offset;
  };
  OFFSET_FUNCTIONS.set(timeZone, offsetOn);
  return offsetOn;
}

/** sync: GET /12/stats/accounts/:id (7 days, no segmentation); async: a job's result (90 days, 45 segmented). */
export type StatsMode = 'sync' | 'async';

export function syncStats(
  store: AdsStore,
  account: Account,
  pairs: ParamList,
  seed: number,
  nowMs: number,
  objects?: ObjectData,
  mode: StatsMode = 'sync',
): StatsResponse {
  return buildStats(store, account, new QueryParams(pairs, STATS_PARAMS), seed, nowMs, objects, mode);
}

export function buildStats(
  store: AdsStore,
  account: Account,
  params: QueryParams,
  seed: number,
  nowMs: number,
  objects: ObjectData | undefined,
  mode: StatsMode,
  /** false: validate only (data left empty) — async jobs compute their result when it is first downloaded. */
  compute = true,
): StatsResponse {
  const entity = params.requiredString('entity');
  if (!(ENTITIES as readonly string[]).includes(entity)) {
    throw invalidParameter('entity', `Expected one of ${ENTITIES.join(', ')}, got "${entity}" for entity`);
  }
  params.requiredString('entity_ids');
  const entityIds = [...new Set(params.list('entity_ids', MAX_ENTITY_IDS) ?? [])];
  const startMs = parseTime(params, 'start_time', account);
  const endMs = parseTime(params, 'end_time', account);
  params.requiredString('granularity');
  const granularity = params.oneOf('granularity', GRANULARITIES)!;
  params.requiredString('metric_groups');
  const groups = params.list('metric_groups', METRIC_GROUPS.length)!;
  for (const group of groups) {
    if (!(METRIC_GROUPS as readonly string[]).includes(group)) {
      throw invalidParameter('metric_groups', `Expected one of ${METRIC_GROUPS.join(', ')}, got "${group}" for metric_groups`);
    }
  }
  if (groups.includes('MOBILE_CONVERSION') && groups.length > 1) {
    throw invalidParameter('metric_groups', 'MOBILE_CONVERSION must be requested separately from other metric groups');
  }
  params.requiredString('placement');
  const placement = params.oneOf('placement', PLACEMENTS)!;
  if (mode === 'sync' && params.has('segmentation_type')) {
    throw invalidParameter('segmentation_type', 'segmentation_type is only supported by asynchronous analytics jobs');
  }
  const segmentation: Segmentation | undefined = mode === 'async' ? parseSegmentation(params) : undefined;
  const maxDays = mode === 'sync' ? 7 : segmentation ? 45 : 90;

  if (endMs <= startMs) throw invalidTimeWindow('end_time', 'end_time must be after start_time');
  const bothMidnight = isLocalMidnight(startMs, account.timezone) && isLocalMidnight(endMs, account.timezone);
  if (granularity === 'DAY' && !bothMidnight) {
    throw invalidTimeWindow(
      'start_time',
      `For DAY granularity start_time and end_time must be midnight in the account timezone (${account.timezone})`,
    );
  }
  const boundaries = bucketBoundaries(startMs, endMs, granularity, account.timezone);
  // N days; a span of N local days that crosses a DST change (N days ± 1 hour) is still N days.
  const localDays = bothMidnight && endMs - startMs <= (maxDays + 1) * DAY_MS ? bucketBoundaries(startMs, endMs, 'DAY', account.timezone).length - 1 : Infinity;
  if (endMs - startMs > maxDays * DAY_MS && localDays > maxDays) {
    throw invalidTimeWindow('end_time', `The time window between start_time and end_time may not exceed ${maxDays} days`);
  }

  const subjects = entityIds.map((id) => subjectFor(store, account, entity as StatsEntity, id, objects));
  const missing = entityIds.filter((_, i) => subjects[i] === undefined);
  if (missing.length > 0) {
    throw invalidParameter('entity_ids', `Entity ids ${missing.join(', ')} are not ${entity} entities of account ${account.id}`);
  }

  const names = metricNamesFor(entity as StatsEntity, groups as MetricGroup[]);
  const lastHourWithData = Math.floor(nowMs / HOUR_MS) * HOUR_MS; // the current hour is not reported yet
  const data = (compute ? subjects : []).map((subject) => {
    const metrics = metricSeries(seed, subject!, placement, boundaries, names, lastHourWithData, nowMs);
    return { id: subject!.id, id_data: segmentation ? splitIntoSegments(seed, subject!.id, segmentation, metrics) : [{ segment: null, metrics }] };
  });

  return {
    data_type: 'stats',
    time_series_length: boundaries.length - 1,
    data,
    request: {
      params: {
        start_time: formatTimestamp(startMs),
        segmentation_type: segmentation?.type ?? null,
        entity_ids: entityIds,
        end_time: formatTimestamp(endMs),
        country: segmentation?.country ?? null,
        placement,
        granularity,
        entity,
        platform: segmentation?.platform ?? null,
        metric_groups: groups,
      },
    },
  };
}

interface TimedEntity {
  id: string;
  created_at: string;
  updated_at: string;
  deleted: boolean;
  start_time?: string | null;
  end_time?: string | null;
  entity_status?: string;
}

const TWITTER_EPOCH_MS = 1_288_834_974_657n;

/** The instant a snowflake id was minted. */
function snowflakeMs(id: string): number {
  return /^\d+$/.test(id) ? Number((BigInt(id) >> 22n) + TWITTER_EPOCH_MS) : Number.NaN;
}

export function subjectFor(store: AdsStore, account: Account, entity: StatsEntity, id: string, objects?: ObjectData): MetricSubject | undefined {
  let found: TimedEntity | undefined;
  let volume = 400;
  switch (entity) {
    case 'ACCOUNT':
      found = id === account.id ? account : undefined;
      volume = 5_000;
      break;
    case 'FUNDING_INSTRUMENT':
      found = store.find(account.id, 'funding_instrument', id);
      volume = 3_000;
      break;
    case 'CAMPAIGN':
      found = store.find(account.id, 'campaign', id);
      volume = 800;
      break;
    case 'LINE_ITEM':
      found = store.find(account.id, 'line_item', id);
      volume = 400;
      break;
    case 'PROMOTED_TWEET':
      found = store.find(account.id, 'promoted_tweet', id);
      volume = 200;
      break;
    case 'PROMOTED_ACCOUNT':
      found = objects?.find(account.id, 'promoted_account', id) as TimedEntity | undefined;
      volume = 150;
      break;
    case 'MEDIA_CREATIVE':
      found = objects?.find(account.id, 'media_creative', id) as TimedEntity | undefined;
      volume = 150;
      break;
    case 'ORGANIC_TWEET': {
      // Organic stats are per published tweet of the account's user, by tweet id.
      const tweet = objects?.find(account.id, 'tweet', id);
      if (tweet && tweet.tweet_type === 'PUBLISHED') {
        const created = formatTimestamp(snowflakeMs(id));
        found = { id, created_at: created, updated_at: created, deleted: false };
      }
      volume = 120;
      break;
    }
  }
  if (!found) return undefined;
  const span = activeSpanOf(found);
  return { id, activeFromMs: span.fromMs, activeUntilMs: span.untilMs, volume, utcOffsetHoursOn: dailyOffsetsOf(account.timezone) };
}

interface ActiveSpan {
  readonly fromMs: number;
  readonly untilMs: number;
  /** The fields the span was read from: a write that changes one of them makes it stale. */
  readonly from: TimedEntity;
}

/** Spans already read, per entity object (writes change objects in place, so the fields are compared). */
const SPANS = new WeakMap<TimedEntity, ActiveSpan>();

/** The hours an entity can deliver in: from its (hour-rounded) start, until its end or deletion; none while a draft. */
function activeSpanOf(found: TimedEntity): ActiveSpan {
  const known = SPANS.get(found);
  if (known && sameTiming(known.from, found)) return known;
  const draft = found.entity_status === 'DRAFT';
  const from = Date.parse(found.start_time ?? found.created_at);
  let until = found.end_time ? Date.parse(found.end_time) : Number.POSITIVE_INFINITY;
  if (found.deleted) until = Math.min(until, Date.parse(found.updated_at));
  const span: ActiveSpan = {
    fromMs: draft ? Number.POSITIVE_INFINITY : Math.ceil(from / HOUR_MS) * HOUR_MS,
    untilMs: until,
    from: { id: found.id, created_at: found.created_at, updated_at: found.updated_at, deleted: found.deleted, start_time: found.start_time, end_time: found.end_time, entity_status: found.entity_status },
  };
  SPANS.set(found, span);
  return span;
}

function sameTiming(a: TimedEntity, b: TimedEntity): boolean {
  return a.created_at === b.created_at && a.updated_at === b.updated_at && a.deleted === b.deleted && a.start_time === b.start_time && a.end_time === b.end_time && a.entity_status === b.entity_status;
}
