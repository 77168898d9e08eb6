// Synthetic hourly metrics. Every value is a pure function of (seed, entity id,
// placement, hour), so any bucketing (HOUR, DAY, TOTAL) of the same hours sums
// to the same totals. Entities are independent: an account's numbers are not the
// sum of its campaigns' (that would make ACCOUNT stats cost O(all campaigns)).
import { streamFor } from '../shared/prng.js';

export type MetricGroup =
  | 'ENGAGEMENT'
  | 'BILLING'
  | 'VIDEO'
  | 'MEDIA'
  | 'WEB_CONVERSION'
  | 'MOBILE_CONVERSION'
  | 'LIFE_TIME_VALUE_MOBILE_CONVERSION';

export type StatsEntity = 'ACCOUNT' | 'CAMPAIGN' | 'FUNDING_INSTRUMENT' | 'LINE_ITEM' | 'PROMOTED_TWEET';

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
};

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

export interface MetricSubject {
  id: string;
  /** Hours outside [activeFromMs, activeUntilMs) have no delivery. */
  activeFromMs: number;
  activeUntilMs: number;
  /** Rough hourly impressions at peak. */
  volume: number;
  utcOffsetHours: number;
}

/** All metrics for one entity and one hour. Always draws in the same order so values don't depend on the groups asked for. */
export function hourlyMetrics(seed: number, subject: MetricSubject, placement: string, hourMs: number): Map<string, number> {
  const values = new Map<string, number>();
  if (hourMs < subject.activeFromMs || hourMs >= subject.activeUntilMs) return values;
  const r = streamFor(seed, 'metrics', subject.id, placement, hourMs);
  if (r.chance(0.12)) return values; // not delivering this hour
  const localHour = (((Math.floor(hourMs / 3_600_000) + subject.utcOffsetHours) % 24) + 24) % 24;
  const placementShare = placement === 'PUBLISHER_NETWORK' ? 0.08 : 1;
  const impressions = Math.round(subject.volume * DIURNAL[localHour]! * placementShare * (0.5 + r.float()));
  if (impressions === 0) return values;
  const part = (of: number, rate: number) => Math.round(of * rate * (0.5 + r.float()));
  const engagements = part(impressions, 0.03);
  const clicks = part(engagements, 0.45);
  const set = (name: string, value: number) => {
    if (value > 0) values.set(name, value);
  };
  set('impressions', impressions);
  set('qualified_impressions', part(impressions, 0.7));
  set('engagements', engagements);
  set('clicks', Math.min(clicks, engagements));
  set('url_clicks', part(clicks, 0.5));
  set('app_clicks', r.chance(0.3) ? part(clicks, 0.1) : 0);
  set('likes', part(engagements, 0.2));
  set('retweets', part(engagements, 0.05));
  set('replies', part(engagements, 0.02));
  set('follows', part(engagements, 0.01));
  set('card_engagements', r.chance(0.4) ? part(engagements, 0.1) : 0);
  set('carousel_swipes', r.chance(0.1) ? part(engagements, 0.05) : 0);
  set('poll_card_vote', 0); // no poll cards in the demo data: always null
  set('tweets_send', r.chance(0.05) ? 1 : 0);
  const billed = part(engagements, 0.8);
  set('billed_engagements', billed);
  set('billed_charge_local_micro', billed * r.int(100, 2_000) * 1_000);
  const videoViews = r.chance(0.5) ? part(impressions, 0.1) : 0;
  set('video_total_views', videoViews);
  set('video_content_starts', part(videoViews, 1.1));
  set('video_views_25', part(videoViews, 0.7));
  set('video_views_50', part(videoViews, 0.45));
  set('video_views_75', part(videoViews, 0.3));
  set('video_views_100', part(videoViews, 0.15));
  set('video_mrc_views', part(videoViews, 0.6));
  set('video_3s100pct_views', part(videoViews, 0.5));
  set('video_6s_views', part(videoViews, 0.4));
  set('video_15s_views', part(videoViews, 0.2));
  set('video_cta_clicks', part(videoViews, 0.02));
  const mediaViews = part(impressions, 0.15);
  set('media_views', mediaViews);
  set('media_engagements', part(mediaViews, 0.1));
  for (const name of METRICS_BY_GROUP.WEB_CONVERSION) set(name, r.chance(0.15) ? r.int(1, 5) : 0);
  for (const name of METRICS_BY_GROUP.MOBILE_CONVERSION) set(name, r.chance(0.1) ? r.int(1, 4) : 0);
  for (const name of METRICS_BY_GROUP.LIFE_TIME_VALUE_MOBILE_CONVERSION) set(name, r.chance(0.05) ? r.int(1, 3) : 0);
  return values;
}
