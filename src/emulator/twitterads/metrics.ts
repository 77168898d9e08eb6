// Synthetic metrics. Each (seed, entity, placement, UTC day) has daily totals drawn from a seeded
// stream; an hour's value is the day total spread over the day's hours by a diurnal curve with
// cumulative rounding, so the sum of any run of hours is round(T·C[b]) − round(T·C[a]) — O(1) per bucket,
// and HOUR, DAY and TOTAL buckets of the same hours always sum to the same numbers. Entities are
// independent: an account's numbers are not the sum of its campaigns' (that would cost O(all campaigns)).
import { hashOnward, hashSeed, mulberry32 } from '../shared/prng.js';

export type MetricGroup =
  | 'ENGAGEMENT'
  | 'BILLING'
  | 'VIDEO'
  | 'MEDIA'
  | 'WEB_CONVERSION'
  | 'MOBILE_CONVERSION'
  | 'LIFE_TIME_VALUE_MOBILE_CONVERSION';

export type StatsEntity =
  | 'ACCOUNT'
  | 'CAMPAIGN'
  | 'FUNDING_INSTRUMENT'
  | 'LINE_ITEM'
  | 'ORGANIC_TWEET'
  | 'PROMOTED_ACCOUNT'
  | 'PROMOTED_TWEET'
  | 'MEDIA_CREATIVE';

export const METRIC_GROUPS: readonly MetricGroup[] = [
  'ENGAGEMENT',
  'BILLING',
  'VIDEO',
  'MEDIA',
  'WEB_CONVERSION',
  'MOBILE_CONVERSION',
  'LIFE_TIME_VALUE_MOBILE_CONVERSION',
];

const ENGAGEMENT_METRICS = [
  'impressions', 'tweets_send', 'qualified_impressions', 'follows', 'app_clicks', 'retweets', 'likes',
  'engagements', 'clicks', 'card_engagements', 'poll_card_vote', 'replies', 'url_clicks', 'carousel_swipes',
];
/** ACCOUNT and FUNDING_INSTRUMENT get only part of ENGAGEMENT (no card-level metrics). */
const PARTIAL_ENGAGEMENT_METRICS = [
  'impressions', 'qualified_impressions', 'follows', 'app_clicks', 'retweets', 'likes', 'engagements', 'clicks',
  'replies', 'url_clicks',
];
const METRICS_BY_GROUP: Record<MetricGroup, string[]> = {
  ENGAGEMENT: ENGAGEMENT_METRICS,
  BILLING: ['billed_engagements', 'billed_charge_local_micro'],
  VIDEO: [
    'video_total_views', 'video_views_25', 'video_views_50', 'video_views_75', 'video_views_100',
    'video_cta_clicks', 'video_content_starts', 'video_mrc_views', 'video_3s100pct_views', 'video_6s_views',
    'video_15s_views',
  ],
  MEDIA: ['media_views', 'media_engagements'],
  WEB_CONVERSION: [
    'conversion_purchases', 'conversion_sign_ups', 'conversion_site_visits', 'conversion_downloads', 'conversion_custom',
  ],
  MOBILE_CONVERSION: [
    'mobile_conversion_installs', 'mobile_conversion_re_engages', 'mobile_conversion_purchases',
    'mobile_conversion_sign_ups', 'mobile_conversion_add_to_carts', 'mobile_conversion_checkouts_initiated',
    'mobile_conversion_logins', 'mobile_conversion_key_page_views',
  ],
  LIFE_TIME_VALUE_MOBILE_CONVERSION: [
    'mobile_conversion_lifetime_value_purchases', 'mobile_conversion_lifetime_value_sign_ups',
    'mobile_conversion_lifetime_value_updates', 'mobile_conversion_lifetime_value_add_to_carts',
    'mobile_conversion_lifetime_value_checkouts_initiated', 'mobile_conversion_lifetime_value_spent_credits',
  ],
};

/** Which groups each entity type supports (others are silently left out, as the API populates only supported metrics). */
const GROUPS_BY_ENTITY: Record<StatsEntity, readonly MetricGroup[]> = {
  ACCOUNT: ['ENGAGEMENT'],
  FUNDING_INSTRUMENT: ['ENGAGEMENT', 'BILLING'],
  CAMPAIGN: METRIC_GROUPS,
  LINE_ITEM: METRIC_GROUPS,
  PROMOTED_TWEET: METRIC_GROUPS,
  PROMOTED_ACCOUNT: METRIC_GROUPS,
  MEDIA_CREATIVE: METRIC_GROUPS,
  // Organic tweets are not paid for and not attributed to conversions.
  ORGANIC_TWEET: ['ENGAGEMENT', 'VIDEO', 'MEDIA'],
};

/** The metric groups an entity type is served with (others are left out of its response). */
export function groupsFor(entity: StatsEntity): readonly MetricGroup[] {
  return GROUPS_BY_ENTITY[entity];
}

/** Metric names of one group, in response order. */
export function metricsOfGroup(group: MetricGroup): readonly string[] {
  return METRICS_BY_GROUP[group];
}

/** Share of an entity's delivery each placement gets. */
export const PLACEMENT_SHARE: Record<string, number> = { ALL_ON_TWITTER: 1, PUBLISHER_NETWORK: 0.08, SPOTLIGHT: 0.03, TREND: 0.02 };

/** Metric names, in response order, for an entity type and the requested groups. */
export function metricNamesFor(entity: StatsEntity, groups: readonly MetricGroup[]): string[] {
  const names: string[] = [];
  for (const group of groups) {
    if (!GROUPS_BY_ENTITY[entity].includes(group)) continue;
    const groupNames =
      group === 'ENGAGEMENT' && (entity === 'ACCOUNT' || entity === 'FUNDING_INSTRUMENT')
        ? PARTIAL_ENGAGEMENT_METRICS
        : METRICS_BY_GROUP[group];
    for (const name of groupNames) if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Share of traffic by local hour of day: quiet nights, busy evenings. */
const DIURNAL = [
  0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.55, 0.75, 0.85, 0.9, 0.95,
  1.0, 0.95, 0.9, 0.9, 0.95, 1.0, 1.1, 1.2, 1.2, 1.0, 0.7, 0.45,
];
const DIURNAL_SUM = DIURNAL.reduce((a, b) => a + b, 0);

/** Every metric, in a fixed order: the index into a day's totals. */
export const ALL_METRICS: readonly string[] = [...new Set(METRIC_GROUPS.flatMap((g) => METRICS_BY_GROUP[g]))];
const METRIC_INDEX = new Map(ALL_METRICS.map((name, i) => [name, i]));
const M = (name: string): number => METRIC_INDEX.get(name)!;

/** Cumulative share of a UTC day's traffic before each UTC hour (25 entries, last = 1), per UTC offset. */
const CUMULATIVE_BY_OFFSET = new Map<number, Float64Array>();
function cumulativeShare(utcOffsetHours: number): Float64Array {
  let c = CUMULATIVE_BY_OFFSET.get(utcOffsetHours);
  if (!c) {
    c = new Float64Array(25);
    for (let h = 0; h < 24; h++) c[h + 1] = c[h]! + DIURNAL[(((h + utcOffsetHours) % 24) + 24) % 24]! / DIURNAL_SUM;
    c[24] = 1;
    CUMULATIVE_BY_OFFSET.set(utcOffsetHours, c);
  }
  return c;
}

export interface MetricSubject {
  id: string;
  /** Hours outside [activeFromMs, activeUntilMs) have no delivery. */
  activeFromMs: number;
  activeUntilMs: number;
  /** Rough hourly impressions at peak. */
  volume: number;
  /** The local time of day shapes the hourly curve. */
  utcOffsetHoursOn(dayStartMs: number): number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Spend is revised for three days after the UTC day ends (as billing corrections land), then final. */
export const SPEND_REVISION_MS = 3 * DAY;
const SPEND_FIRST_SHARE = 0.9;

/** The share of a day's final spend reported at `nowMs`: 90% until the day ends, rising hourly to 100% three days later. */
export function spendShare(dayEndMs: number, nowMs: number): number {
  const age = Math.floor((nowMs - dayEndMs) / HOUR) * HOUR;
  if (age >= SPEND_REVISION_MS) return 1;
  return SPEND_FIRST_SHARE + ((1 - SPEND_FIRST_SHARE) * Math.max(0, age)) / SPEND_REVISION_MS;
}

/** mulberry32 as an object: the hot path avoids per-call closures. */
class DayStream {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** round(of · rate · U[0.5, 1.5)) */
  part(of: number, rate: number): number {
    return Math.round(of * rate * (0.5 + this.next()));
  }
}

const I = {
  impressions: M('impressions'), qualified: M('qualified_impressions'), engagements: M('engagements'), clicks: M('clicks'),
  urlClicks: M('url_clicks'), appClicks: M('app_clicks'), likes: M('likes'), retweets: M('retweets'), replies: M('replies'),
  follows: M('follows'), cardEngagements: M('card_engagements'), carouselSwipes: M('carousel_swipes'), tweetsSend: M('tweets_send'),
  billedEngagements: M('billed_engagements'), spend: M('billed_charge_local_micro'), videoTotal: M('video_total_views'),
  videoStarts: M('video_content_starts'), v25: M('video_views_25'), v50: M('video_views_50'), v75: M('video_views_75'),
  v100: M('video_views_100'), mrc: M('video_mrc_views'), v3s: M('video_3s100pct_views'), v6s: M('video_6s_views'),
  v15s: M('video_15s_views'), cta: M('video_cta_clicks'), mediaViews: M('media_views'), mediaEngagements: M('media_engagements'),
};
const IMPRESSIONS = M('impressions');
const WEB = METRICS_BY_GROUP.WEB_CONVERSION.map(M);
const MOBILE = METRICS_BY_GROUP.MOBILE_CONVERSION.map(M);
const LTV = METRICS_BY_GROUP.LIFE_TIME_VALUE_MOBILE_CONVERSION.map(M);

function generateDay(seed: number, id: string, volume: number, placement: string, dayIndex: number): Float64Array {
  const t = new Float64Array(ALL_METRICS.length);
  const r = new DayStream(hashSeed(seed, 'day', id, placement, dayIndex));
  if (r.chance(0.05)) return t; // not delivering that day
  const placementShare = PLACEMENT_SHARE[placement] ?? 1;
  const impressions = Math.round(volume * DIURNAL_SUM * placementShare * (0.5 + r.next()));
  if (impressions === 0) return t;
  const engagements = r.part(impressions, 0.03);
  const clicks = r.part(engagements, 0.45);
  t[I.impressions] = impressions;
  t[I.qualified] = r.part(impressions, 0.7);
  t[I.engagements] = engagements;
  t[I.clicks] = Math.min(clicks, engagements);
  t[I.urlClicks] = r.part(clicks, 0.5);
  t[I.appClicks] = r.chance(0.3) ? r.part(clicks, 0.1) : 0;
  t[I.likes] = r.part(engagements, 0.2);
  t[I.retweets] = r.part(engagements, 0.05);
  t[I.replies] = r.part(engagements, 0.02);
  t[I.follows] = r.part(engagements, 0.01);
  t[I.cardEngagements] = r.chance(0.4) ? r.part(engagements, 0.1) : 0;
  t[I.carouselSwipes] = r.chance(0.1) ? r.part(engagements, 0.05) : 0;
  // poll_card_vote stays 0: no poll cards in the demo data, so always null
  t[I.tweetsSend] = r.chance(0.3) ? r.int(1, 3) : 0;
  const billed = r.part(engagements, 0.8);
  t[I.billedEngagements] = billed;
  t[I.spend] = billed * r.int(100, 2_000) * 1_000;
  const videoViews = r.chance(0.5) ? r.part(impressions, 0.1) : 0;
  t[I.videoTotal] = videoViews;
  t[I.videoStarts] = r.part(videoViews, 1.1);
  t[I.v25] = r.part(videoViews, 0.7);
  t[I.v50] = r.part(videoViews, 0.45);
  t[I.v75] = r.part(videoViews, 0.3);
  t[I.v100] = r.part(videoViews, 0.15);
  t[I.mrc] = r.part(videoViews, 0.6);
  t[I.v3s] = r.part(videoViews, 0.5);
  t[I.v6s] = r.part(videoViews, 0.4);
  t[I.v15s] = r.part(videoViews, 0.2);
  t[I.cta] = r.part(videoViews, 0.02);
  const mediaViews = r.part(impressions, 0.15);
  t[I.mediaViews] = mediaViews;
  t[I.mediaEngagements] = r.part(mediaViews, 0.1);
  for (const k of WEB) t[k] = r.chance(0.6) ? r.int(1, 12) : 0;
  for (const k of MOBILE) t[k] = r.chance(0.5) ? r.int(1, 8) : 0;
  for (const k of LTV) t[k] = r.chance(0.3) ? r.int(1, 5) : 0;
  return t;
}

/** Days' impressions of one entity and placement, drawn alone (see impressionsOfDay), with the hash prefix they share. */
export interface DayImpressions {
  readonly prefix: number;
  readonly byDay: Map<number, number>;
}
const IMPRESSIONS_BY_DAYS = new WeakMap<DayMap, DayImpressions>();
const impressionMaps: Array<Map<number, number>> = [];
let cachedImpressions = 0;
const MAX_CACHED_IMPRESSIONS = 1_000_000;

/** The impressions-only days that go with a DayMap of daysOf (look it up once per entity and placement). */
export function impressionDaysOf(seed: number, subject: Pick<MetricSubject, 'id'>, placement: string, days: DayMap): DayImpressions {
  let known = IMPRESSIONS_BY_DAYS.get(days);
  if (!known) {
    known = { prefix: hashOnward(0x811c9dc5, [seed, 'day', subject.id, placement]), byDay: new Map() };
    IMPRESSIONS_BY_DAYS.set(days, known);
    impressionMaps.push(known.byDay);
  }
  return known;
}

/**
 * A day's impressions alone: generateDay's first two draws, without the other metrics and without
 * caching the whole day (active_entities scans thousands of entity-days and would flush the day cache).
 */
function impressionsOfDay(volume: number, placement: string, dayIndex: number, known: DayImpressions): number {
  const cached = known.byDay.get(dayIndex);
  if (cached !== undefined) return cached;
  // hashOnward from the prefix's state gives hashSeed(seed, 'day', id, placement, dayIndex).
  const r = new DayStream(hashOnward(known.prefix, [dayIndex]));
  const impressions = r.chance(0.05) ? 0 : Math.round(volume * DIURNAL_SUM * (PLACEMENT_SHARE[placement] ?? 1) * (0.5 + r.next()));
  if (cachedImpressions >= MAX_CACHED_IMPRESSIONS) {
    for (const m of impressionMaps) m.clear(); // bounded like the day cache; the maps stay registered
    cachedImpressions = 0;
  }
  known.byDay.set(dayIndex, impressions);
  cachedImpressions++;
  return impressions;
}

/**
 * Days already generated, per seed, volume, placement and entity id, then by day index: nested maps
 * of strings the caller already holds, so a lookup hashes no new string. Bounded (cleared when full:
 * regenerating is cheap, only slower than a hit).
 */
type DayMap = Map<number, Float64Array>;
const dayCache = new Map<number, Map<number, Map<string, Map<string, DayMap>>>>();
let cachedDays = 0;
const MAX_CACHED_DAYS = 100_000;

/** The generated days of one entity and placement (filled as they are asked for), for dailyTotals and hasImpressions. */
export function daysOf(seed: number, subject: Pick<MetricSubject, 'id' | 'volume'>, placement: string): DayMap {
  let byVolume = dayCache.get(seed);
  if (!byVolume) dayCache.set(seed, (byVolume = new Map()));
  let byPlacement = byVolume.get(subject.volume);
  if (!byPlacement) byVolume.set(subject.volume, (byPlacement = new Map()));
  let byId = byPlacement.get(placement);
  if (!byId) byPlacement.set(placement, (byId = new Map()));
  let days = byId.get(subject.id);
  if (!days) byId.set(subject.id, (days = new Map()));
  return days;
}

function dayIn(days: DayMap, seed: number, subject: Pick<MetricSubject, 'id' | 'volume'>, placement: string, dayIndex: number): Float64Array {
  let totals = days.get(dayIndex);
  if (!totals) {
    totals = generateDay(seed, subject.id, subject.volume, placement, dayIndex);
    if (cachedDays >= MAX_CACHED_DAYS) {
      // Every entity's days go, this one's included; the map in hand stays registered and usable.
      for (const byPlacement of dayCache.values()) for (const byId of byPlacement.values()) for (const ids of byId.values()) for (const d of ids.values()) d.clear();
      cachedDays = 0;
    }
    days.set(dayIndex, totals);
    cachedDays++;
  }
  return totals;
}

/** Final totals of every metric (ALL_METRICS order) for one entity, placement and UTC day, as if it delivered all day. */
export function dailyTotals(seed: number, subject: Pick<MetricSubject, 'id' | 'volume'>, placement: string, dayIndex: number): Float64Array {
  return dayIn(daysOf(seed, subject, placement), seed, subject, placement, dayIndex);
}

/**
 * Whether the subject has impressions in [startMs, endMs), two hour boundaries within one UTC day
 * and within its active, reported hours: what `metricSeries(..., [startMs, endMs], ['impressions'])`
 * answers non-null for, without building a series.
 */
export function hasImpressions(subject: MetricSubject, placement: string, startMs: number, endMs: number, days: DayMap, impressions: DayImpressions): boolean {
  const day = Math.floor(startMs / DAY);
  const total = days.get(day)?.[IMPRESSIONS] ?? impressionsOfDay(subject.volume, placement, day, impressions);
  if (total === 0 || endMs <= startMs) return false;
  const dayStart = day * DAY;
  const share = cumulativeShare(subject.utcOffsetHoursOn(dayStart));
  return Math.round(total * share[(endMs - dayStart) / HOUR]!) - Math.round(total * share[(startMs - dayStart) / HOUR]!) !== 0;
}

/**
 * Bucket sums of the named metrics over [boundaries[0], boundaries[last]), clipped to the subject's
 * active hours and to hours before `reportedUntilMs`; null for a metric with no activity at all.
 */
export function metricSeries(
  seed: number,
  subject: MetricSubject,
  placement: string,
  boundaries: readonly number[],
  names: readonly string[],
  reportedUntilMs: number,
  nowMs: number,
): Record<string, number[] | null> {
  const buckets = boundaries.length - 1;
  const days = daysOf(seed, subject, placement);
  const indexes = names.map(M);
  const spendAt = names.indexOf('billed_charge_local_micro');
  // Made when a metric first has a non-zero day total (most are null for most entities): a packed array of zeros.
  const sums: Array<number[] | null> = names.map(() => null);
  const from = Math.max(boundaries[0]!, subject.activeFromMs);
  // An hour counts when it starts before the entity stops (as delivery within that hour does).
  const to = Math.min(boundaries[buckets]!, Math.ceil(subject.activeUntilMs / HOUR) * HOUR, reportedUntilMs);
  const edges: number[] = []; // hours of the day where a bucket (or the clipped range) starts or ends
  const edgeBuckets: number[] = []; // the bucket each span [edges[j], edges[j+1]) belongs to
  let bucket = 0;
  for (let day = Math.floor(from / DAY); from < to && day * DAY < to; day++) {
    const dayStart = day * DAY;
    const dayEnd = dayStart + DAY;
    const lo = Math.max(from, dayStart);
    const hi = Math.min(to, dayEnd);
    while (bucket < buckets && boundaries[bucket + 1]! <= lo) bucket++;
    edges.length = 0;
    edgeBuckets.length = 0;
    edges.push((lo - dayStart) / HOUR);
    for (let b = bucket; b < buckets && boundaries[b]! < hi; b++) {
      edgeBuckets.push(b);
      edges.push((Math.min(boundaries[b + 1]!, hi) - dayStart) / HOUR);
    }
    const totals = dayIn(days, seed, subject, placement, day);
    const share = cumulativeShare(subject.utcOffsetHoursOn(dayStart));
    for (let k = 0; k < indexes.length; k++) {
      const total = k === spendAt ? Math.round(totals[indexes[k]!]! * spendShare(dayEnd, nowMs)) : totals[indexes[k]!]!;
      if (total === 0) continue;
      let series = sums[k]!;
      if (series === null) {
        series = [];
        for (let b = 0; b < buckets; b++) series.push(0);
        sums[k] = series;
      }
      let previous = Math.round(total * share[edges[0]!]!);
      for (let j = 0; j < edgeBuckets.length; j++) {
        const current = Math.round(total * share[edges[j + 1]!]!);
        series[edgeBuckets[j]!]! += current - previous;
        previous = current;
      }
    }
  }
  const metrics: Record<string, number[] | null> = {};
  for (let k = 0; k < names.length; k++) {
    const series = sums[k]!;
    let any = false;
    if (series !== null) for (let b = 0; b < series.length && !any; b++) any = series[b] !== 0;
    metrics[names[k]!] = any ? series : null;
  }
  return metrics;
}
