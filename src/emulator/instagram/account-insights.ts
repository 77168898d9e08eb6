// GET /{ig-user-id}/insights: metric/period/metric_type validation, the 30-day
// since/until limit, time series (daily buckets ending 07:00 UTC, i.e. Pacific
// midnight as the docs describe), total values with breakdowns, and demographics.
// Every daily value is a function of (seed, metric, day), so totals are sums of days.
import { hashSeed } from '../shared/prng.js';
import { invalidParam } from './graph-error.js';
import { DAY_MS, HOUR_MS, formatGraphTime, parseTimeParam, startOfUtcDay } from './graph-time.js';
import type { IgUserRecord } from './entities.js';

type Period = 'day' | 'week' | 'days_28' | 'month' | 'lifetime' | 'total_over_range';
type MetricType = 'time_series' | 'total_value';

const PERIODS: Period[] = ['day', 'week', 'days_28', 'month', 'lifetime', 'total_over_range'];
const DEMOGRAPHIC_BREAKDOWNS = ['age', 'city', 'country', 'gender'];
const TIMEFRAMES = ['last_14_days', 'last_30_days', 'last_90_days', 'prev_month', 'this_month', 'this_week'];
const MAX_RANGE_S = 2_592_000;
/** Daily buckets end at 07:00 UTC (midnight UTC−07:00). */
const BUCKET_OFFSET_MS = 7 * HOUR_MS;

interface MetricSpec {
  periods: Period[];
  types: MetricType[];
  kind: 'count' | 'online' | 'demographics';
  /** Typical daily magnitude. */
  scale: number;
  breakdowns?: Record<string, string[]>;
  title: string;
  description: string;
  /** Only the last 30 days can be queried (follower_count, online_followers). */
  recentOnly?: boolean;
  timeframeRequired?: boolean;
  /** The timeframes the metric accepts (absent: any of TIMEFRAMES). */
  timeframes?: string[];
}

/** Since v20 (and every version from 2024-08-19) the engaged/reached demographics take only these. */
const RECENT_TIMEFRAMES = ['this_week', 'this_month'];

const MEDIA_PRODUCT_TYPES = ['AD', 'CAROUSEL_CONTAINER', 'IGTV', 'POST', 'REEL', 'STORY'];
const PT = { media_product_type: MEDIA_PRODUCT_TYPES };

const METRICS: Record<string, MetricSpec> = {
  reach: { periods: ['day', 'week', 'days_28'], types: ['time_series', 'total_value'], kind: 'count', scale: 900, breakdowns: { ...PT, follow_type: ['FOLLOWER', 'NON_FOLLOWER', 'UNKNOWN'] }, title: 'Accounts reached', description: 'The number of unique accounts that have seen your content, at least once, including in ads.' },
  follower_count: { periods: ['day'], types: ['time_series'], kind: 'count', scale: 25, title: 'Follower Count', description: 'Total number of new followers each day', recentOnly: true },
  views: { periods: ['day', 'week', 'days_28'], types: ['total_value'], kind: 'count', scale: 2400, breakdowns: { ...PT, follower_type: ['FOLLOWER', 'NON_FOLLOWER', 'UNKNOWN'] }, title: 'Views', description: 'The number of times your content was played or displayed.' },
  accounts_engaged: { periods: ['day'], types: ['total_value'], kind: 'count', scale: 120, title: 'Accounts engaged', description: 'The number of accounts that have interacted with your content, including in ads.' },
  total_interactions: { periods: ['day'], types: ['total_value'], kind: 'count', scale: 260, breakdowns: PT, title: 'Content interactions', description: 'The total number of post interactions, story interactions, reels interactions, video interactions and live video interactions.' },
  likes: { periods: ['day'], types: ['total_value'], kind: 'count', scale: 180, breakdowns: PT, title: 'Likes', description: 'The number of likes on your posts, reels and videos.' },
  comments: { periods: ['day'], types: ['total_value'], kind: 'count', scale: 30, breakdowns: PT, title: 'Comments', description: 'The number of comments on your posts, reels, videos and live videos.' },
  shares: { periods: ['day'], types: ['total_value'], kind: 'count', scale: 20, breakdowns: PT, title: 'Shares', description: 'The number of shares of your posts, stories, reels, videos and live videos.' },
  saves: { periods: ['day'], types: ['total_value'], kind: 'count', scale: 25, breakdowns: PT, title: 'Saves', description: 'The number of saves of your posts, reels and videos.' },
  replies: { periods: ['day'], types: ['total_value'], kind: 'count', scale: 10, breakdowns: PT, title: 'Replies', description: 'The number of replies you received from your story, including text replies and quick reaction replies.' },
  profile_links_taps: { periods: ['day'], types: ['total_value'], kind: 'count', scale: 15, breakdowns: { contact_button_type: ['BOOK_NOW', 'CALL', 'DIRECTION', 'EMAIL', 'INSTANT_EXPERIENCE', 'TEXT', 'UNDEFINED'] }, title: 'Profile links taps', description: 'The number of taps on your business address, call button, email button and text button.' },
  follows_and_unfollows: { periods: ['day'], types: ['total_value'], kind: 'count', scale: 30, breakdowns: { follow_type: ['FOLLOWER', 'NON_FOLLOWER'] }, title: 'Follows and unfollows', description: 'The number of accounts that followed you and the number of accounts that unfollowed you or left Instagram.' },
  online_followers: { periods: ['lifetime'], types: ['time_series'], kind: 'online', scale: 400, title: 'Online followers', description: 'Total number of your followers who were online during the specified range.', recentOnly: true },
  follower_demographics: { periods: ['lifetime'], types: ['total_value'], kind: 'demographics', scale: 1, title: 'Follower demographics', description: "The demographic characteristics of followers, including countries, cities and gender distribution." },
  engaged_audience_demographics: { periods: ['lifetime'], types: ['total_value'], kind: 'demographics', scale: 0.2, title: 'Engaged audience demographics', description: 'The demographic characteristics of the engaged audience, including countries, cities and gender distribution.', timeframeRequired: true, timeframes: RECENT_TIMEFRAMES },
  reached_audience_demographics: { periods: ['lifetime'], types: ['total_value'], kind: 'demographics', scale: 0.6, title: 'Reached audience demographics', description: 'The demographic characteristics of the reached audience, including countries, cities and gender distribution.', timeframeRequired: true, timeframes: RECENT_TIMEFRAMES },
};

/** Account metrics that are gone: from which version, and from which day for every version. */
const REMOVED_ACCOUNT_METRICS: Record<string, { version: number; allVersionsFrom: string }> = {
  impressions: { version: 22, allVersionsFrom: '2025-04-21' },
  email_contacts: { version: 21, allVersionsFrom: '2025-01-08' },
  get_directions_clicks: { version: 21, allVersionsFrom: '2025-01-08' },
  phone_call_clicks: { version: 21, allVersionsFrom: '2025-01-08' },
  text_message_clicks: { version: 21, allVersionsFrom: '2025-01-08' },
  website_clicks: { version: 21, allVersionsFrom: '2025-01-08' },
  profile_views: { version: 21, allVersionsFrom: '2025-01-08' },
};

const DIMENSIONS: Record<string, string[]> = {
  age: ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'],
  gender: ['F', 'M', 'U'],
  country: ['US', 'GB', 'DE', 'BR', 'JP', 'FR', 'ES', 'IN', 'CA', 'AU', 'IT', 'MX', 'NL', 'SE', 'PL'],
  city: ['London, England', 'New York, New York', 'Los Angeles, California', 'São Paulo, São Paulo (state)', 'Berlin, Berlin', 'Tokyo, Tokyo', 'Paris, Île-de-France', 'Madrid, Comunidad de Madrid', 'Toronto, Ontario', 'Sydney, New South Wales', 'Mumbai, Maharashtra', 'Chicago, Illinois', 'Amsterdam, North Holland', 'Stockholm, Stockholm County', 'Warsaw, Masovian Voivodeship', 'Milan, Lombardy', 'Mexico City, Distrito Federal', 'Austin, Texas', 'Manchester, England', 'Lisbon, Lisbon District'],
};

export interface AccountInsightsParams {
  metric?: string;
  period?: string;
  since?: string;
  until?: string;
  metric_type?: string;
  breakdown?: string;
  timeframe?: string;
}

export interface InsightsLinks {
  /** Builds a link to the same request with different since/until. */
  withRange(sinceS: number, untilS: number): string;
}

export function accountInsights(seed: number, user: IgUserRecord, params: AccountInsightsParams, nowMs: number, links: InsightsLinks | null, version = 24): unknown {
  if (params.metric === undefined || params.metric.trim() === '') throw invalidParam('The parameter metric is required');
  const names = params.metric.split(',').map((m) => m.trim()).filter((m) => m !== '');
  for (const name of names) {
    const removed = REMOVED_ACCOUNT_METRICS[name];
    if (removed && (version >= removed.version || nowMs >= Date.parse(`${removed.allVersionsFrom}T00:00:00Z`))) {
      throw invalidParam(
        `Starting from version ${removed.version}+, the following metric is no longer supported: ${name}. Instead, please refer to the documentation at https://developers.facebook.com/docs/instagram-api/reference/ig-user/insights for a list of supported metrics.`,
      );
    }
  }
  names.forEach((name, index) => {
    if (!Object.hasOwn(METRICS, name)) throw invalidParam(`metric[${index}] must be one of the following values: ${Object.keys(METRICS).join(', ')}`);
  });
  if (params.period === undefined || params.period === '') throw invalidParam('The parameter period is required');
  if (!PERIODS.includes(params.period as Period)) throw invalidParam(`period must be one of the following values: ${PERIODS.join(', ')}`);
  const period = params.period as Period;
  const rawType = params.metric_type ?? 'default';
  if (!['default', 'time_series', 'total_value'].includes(rawType)) {
    throw invalidParam('metric_type must be one of the following values: default, time_series, total_value');
  }
  const specs = names.map((name) => [name, METRICS[name]!] as const);
  const needsTotal = specs.filter(([, s]) => !s.types.includes('time_series')).map(([n]) => n);
  const needsSeries = specs.filter(([, s]) => !s.types.includes('total_value')).map(([n]) => n);
  if (rawType !== 'total_value' && needsTotal.length > 0) {
    throw invalidParam(`The following metrics (${needsTotal.join(',')}) should be specified with parameter metric_type=total_value`);
  }
  if (rawType === 'total_value' && needsSeries.length > 0) {
    throw invalidParam(`The following metrics (${needsSeries.join(',')}) should be specified with parameter metric_type=time_series`);
  }
  const badPeriod = specs.filter(([, s]) => !s.periods.includes(period)).map(([n]) => n);
  if (badPeriod.length > 0) {
    throw invalidParam(`The following metrics (${badPeriod.join(',')}) do not support period=${period}; supported: ${[...new Set(specs.flatMap(([, s]) => s.periods))].join(', ')}`);
  }
  const metricType: MetricType = rawType === 'total_value' ? 'total_value' : 'time_series';

  // Without since/until: yesterday through today.
  const sinceMs = params.since !== undefined ? parseTimeParam('since', params.since, nowMs) : startOfUtcDay(nowMs) - DAY_MS;
  const untilMs = params.until !== undefined ? parseTimeParam('until', params.until, nowMs) : nowMs;
  if (untilMs < sinceMs) throw invalidParam('The since parameter must be before the until parameter');
  if ((untilMs - sinceMs) / 1000 > MAX_RANGE_S) throw invalidParam('There cannot be more than 30 days (2592000 s) between since and until');
  for (const [name, spec] of specs) {
    if (spec.recentOnly && sinceMs < startOfUtcDay(nowMs) - 30 * DAY_MS) {
      throw invalidParam(`${name} metric only supports querying data for the last 30 days`);
    }
  }
  if (params.timeframe !== undefined && !TIMEFRAMES.includes(params.timeframe)) {
    throw invalidParam(`timeframe must be one of the following values: ${TIMEFRAMES.join(', ')}`);
  }

  const ends = bucketEnds(sinceMs, untilMs);
  const data = specs.map(([name, spec]) => {
    const id = `${user.id}/insights/${name}/${period}`;
    const daily = (endMs: number) => dailyValue(seed, name, spec, endMs);
    if (spec.kind === 'demographics') {
      return { name, period, title: spec.title, description: spec.description, total_value: demographics(seed, user, name, spec, params), id };
    }
    if (metricType === 'total_value') {
      const total = ends.reduce((sum, end) => sum + windowValue(daily, end, period), 0);
      const totalValue: Record<string, unknown> = { value: total };
      if (params.breakdown !== undefined && params.breakdown !== '') totalValue.breakdowns = [breakdownOf(seed, name, spec, params.breakdown, total)];
      return { name, period, title: spec.title, description: spec.description, total_value: totalValue, id };
    }
    if (params.breakdown !== undefined && params.breakdown !== '') throw invalidParam('breakdown is only supported with metric_type=total_value');
    const values = ends.map((end) =>
      spec.kind === 'online'
        ? { value: onlineByHour(seed, end, spec.scale), end_time: formatGraphTime(end) }
        : { value: windowValue(daily, end, period), end_time: formatGraphTime(end) },
    );
    return { name, period, values, title: spec.title, description: spec.description, id };
  });
  const body: Record<string, unknown> = { data };
  if (metricType === 'time_series' && links && params.since !== undefined && params.until !== undefined) {
    const sinceS = Math.floor(sinceMs / 1000);
    const untilS = Math.floor(untilMs / 1000);
    const span = Math.max(1, untilS - sinceS);
    body.paging = { previous: links.withRange(sinceS - span, sinceS), next: links.withRange(untilS, untilS + span) };
  }
  return body;
}

/** Bucket end times (07:00 UTC each day) in (since, until], or the next one when the range is shorter than a day. */
function bucketEnds(sinceMs: number, untilMs: number): number[] {
  const first = Math.floor((sinceMs - BUCKET_OFFSET_MS) / DAY_MS) * DAY_MS + BUCKET_OFFSET_MS + DAY_MS;
  const ends: number[] = [];
  for (let end = first; end <= untilMs; end += DAY_MS) ends.push(end);
  if (ends.length === 0) ends.push(first);
  return ends;
}

function dailyValue(seed: number, name: string, spec: MetricSpec, endMs: number): number {
  const day = Math.floor(endMs / DAY_MS);
  const h = hashSeed(seed, 'account-insights', name, day);
  return Math.round(spec.scale * (0.5 + (h % 1000) / 1000));
}

/** week / days_28 values cover the trailing window (deduplicated reach: ~70% of the sum). */
function windowValue(daily: (endMs: number) => number, endMs: number, period: Period): number {
  const days = period === 'week' ? 7 : period === 'days_28' ? 28 : 1;
  if (days === 1) return daily(endMs);
  let sum = 0;
  for (let i = 0; i < days; i++) sum += daily(endMs - i * DAY_MS);
  return Math.round(sum * 0.7);
}

function onlineByHour(seed: number, endMs: number, scale: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let hour = 0; hour < 24; hour++) {
    const daylight = 0.3 + 0.7 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
    out[String(hour)] = Math.round(scale * daylight * (0.8 + (hashSeed(seed, 'online', endMs, hour) % 400) / 1000));
  }
  return out;
}

/** Splits a total over the breakdown's dimension values with seeded weights. */
function breakdownOf(seed: number, name: string, spec: MetricSpec, breakdown: string, total: number): unknown {
  const values = spec.breakdowns?.[breakdown];
  if (!values) {
    const allowed = Object.keys(spec.breakdowns ?? {});
    throw invalidParam(
      allowed.length === 0 ? `The metric ${name} does not support breakdowns` : `breakdown[0] must be one of the following values: ${allowed.join(', ')}`,
    );
  }
  const weights = values.map((v) => 1 + (hashSeed(seed, name, breakdown, v) % 100));
  const sum = weights.reduce((a, b) => a + b, 0);
  let left = total;
  const results = values.map((value, i) => {
    const share = i === values.length - 1 ? left : Math.floor((total * weights[i]!) / sum);
    left -= share;
    return { dimension_values: [value], value: share };
  });
  return { dimension_keys: [breakdown], results: results.filter((r) => r.value > 0) };
}

function demographics(seed: number, user: IgUserRecord, name: string, spec: MetricSpec, params: AccountInsightsParams): unknown {
  if (spec.timeframeRequired && params.timeframe === undefined) throw invalidParam('The parameter timeframe is required for this metric');
  if (params.timeframe !== undefined && spec.timeframes && !spec.timeframes.includes(params.timeframe)) {
    // Wording not verified; Meta documents that only this_week and this_month remain for these metrics.
    throw invalidParam(`The timeframe ${params.timeframe} is not supported for ${name}; supported: ${spec.timeframes.join(', ')}`);
  }
  const audience = Math.round(user.followersCount * spec.scale * (params.timeframe === 'this_week' ? 0.5 : 1));
  if (params.breakdown === undefined || params.breakdown === '') return { value: audience };
  const keys = params.breakdown.split(',').map((k) => k.trim());
  keys.forEach((key, index) => {
    if (!DEMOGRAPHIC_BREAKDOWNS.includes(key)) throw invalidParam(`breakdown[${index}] must be one of the following values: ${DEMOGRAPHIC_BREAKDOWNS.join(', ')}`);
  });
  let combos: string[][] = [[]];
  for (const key of keys) combos = combos.flatMap((combo) => DIMENSIONS[key]!.map((value) => [...combo, value]));
  const weights = combos.map((combo) => {
    const h = hashSeed(seed, name, params.timeframe ?? '', ...combo);
    // Skew towards the first values (25-34, F, US...), as real audiences are skewed.
    const rank = combo.reduce((r, value, i) => r + DIMENSIONS[keys[i]!]!.indexOf(value), 0);
    return (1 + (h % 100)) / (1 + rank);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const results = combos
    .map((combo, i) => ({ dimension_values: combo, value: Math.round((audience * weights[i]!) / sum) }))
    .filter((r) => r.value > 0)
    // Only the top 45 entries are returned (documented limit); kept in dimension order.
    .sort((a, b) => b.value - a.value)
    .slice(0, 45)
    .sort((a, b) => combos.findIndex((c) => c.join() === a.dimension_values.join()) - combos.findIndex((c) => c.join() === b.dimension_values.join()));
  return { breakdowns: [{ dimension_keys: keys, results }] };
}
