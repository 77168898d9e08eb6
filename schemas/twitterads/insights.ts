/**
 * Insights (CData: AdStats): synchronous analytics, one row per entity × time bucket × placement,
 * one column per metric. Its planning is special (time windows, entity chunks, metric groups), so
 * the schema here is data and src/providers/twitterads/insights-table.ts is the code.
 */
import type { ColumnInfo } from '../../src/catalog/types.js';
import { plannedKey, type KeyColumn } from '../../src/source/key-column.js';
import { twitterAdsId } from './common.js';

export type MetricGroup = 'ENGAGEMENT' | 'BILLING' | 'VIDEO' | 'MEDIA' | 'WEB_CONVERSION' | 'MOBILE_CONVERSION' | 'LIFE_TIME_VALUE_MOBILE_CONVERSION';
export type EntityType = 'ACCOUNT' | 'CAMPAIGN' | 'LINE_ITEM' | 'PROMOTED_TWEET' | 'FUNDING_INSTRUMENT' | 'PROMOTED_ACCOUNT' | 'MEDIA_CREATIVE' | 'ORGANIC_TWEET';
export type Granularity = 'DAY' | 'HOUR' | 'TOTAL';
export type Placement = 'ALL_ON_TWITTER' | 'PUBLISHER_NETWORK' | 'SPOTLIGHT' | 'TREND';

export const metricGroups: readonly MetricGroup[] = ['ENGAGEMENT', 'BILLING', 'VIDEO', 'MEDIA', 'WEB_CONVERSION', 'MOBILE_CONVERSION', 'LIFE_TIME_VALUE_MOBILE_CONVERSION'];
/** The API refuses MOBILE_CONVERSION together with any other group: it goes in a request of its own. */
export const aloneGroups: readonly MetricGroup[] = ['MOBILE_CONVERSION'];

export interface MetricColumn extends ColumnInfo {
  readonly metric: string;
  readonly group: MetricGroup;
}

const metric = (name: string, metricName: string, group: MetricGroup, description: string): MetricColumn => ({
  name,
  type: 'Long',
  metric: metricName,
  group,
  description,
});

export const metricColumns: readonly MetricColumn[] = [
  metric('Impressions', 'impressions', 'ENGAGEMENT', 'Times the ad was shown.'),
  metric('Engagements', 'engagements', 'ENGAGEMENT', 'Total engagements.'),
  metric('Clicks', 'clicks', 'ENGAGEMENT', 'Clicks of any kind.'),
  metric('Retweets', 'retweets', 'ENGAGEMENT', 'Retweets.'),
  metric('Replies', 'replies', 'ENGAGEMENT', 'Replies.'),
  metric('Likes', 'likes', 'ENGAGEMENT', 'Likes.'),
  metric('Follows', 'follows', 'ENGAGEMENT', 'Follows.'),
  metric('CardEngagements', 'card_engagements', 'ENGAGEMENT', 'Card engagements.'),
  metric('AppClicks', 'app_clicks', 'ENGAGEMENT', 'App install or open clicks.'),
  metric('UrlClicks', 'url_clicks', 'ENGAGEMENT', 'Link clicks.'),
  metric('QualifiedImpressions', 'qualified_impressions', 'ENGAGEMENT', 'Qualified impressions.'),
  metric('CarouselSwipes', 'carousel_swipes', 'ENGAGEMENT', 'Carousel swipes.'),
  metric('BilledEngagements', 'billed_engagements', 'BILLING', 'Billed engagements.'),
  metric('BilledChargeLocalMicro', 'billed_charge_local_micro', 'BILLING', 'Spend in micros of the account currency.'),
  metric('VideoTotalViews', 'video_total_views', 'VIDEO', 'Video views.'),
  metric('VideoViews25', 'video_views_25', 'VIDEO', 'Views to 25%.'),
  metric('VideoViews50', 'video_views_50', 'VIDEO', 'Views to 50%.'),
  metric('VideoViews75', 'video_views_75', 'VIDEO', 'Views to 75%.'),
  metric('VideoViews100', 'video_views_100', 'VIDEO', 'Views to the end.'),
  ...apiMetrics('ENGAGEMENT', ['tweets_send', 'poll_card_vote']),
  ...apiMetrics('VIDEO', ['video_cta_clicks', 'video_content_starts', 'video_mrc_views', 'video_3s100pct_views', 'video_6s_views', 'video_15s_views']),
  ...apiMetrics('MEDIA', ['media_views', 'media_engagements']),
  ...apiMetrics('WEB_CONVERSION', ['conversion_purchases', 'conversion_sign_ups', 'conversion_site_visits', 'conversion_downloads', 'conversion_custom']),
  ...apiMetrics('MOBILE_CONVERSION', [
    'mobile_conversion_installs',
    'mobile_conversion_re_engages',
    'mobile_conversion_purchases',
    'mobile_conversion_sign_ups',
    'mobile_conversion_add_to_carts',
    'mobile_conversion_checkouts_initiated',
    'mobile_conversion_logins',
    'mobile_conversion_key_page_views',
  ]),
  ...apiMetrics('LIFE_TIME_VALUE_MOBILE_CONVERSION', [
    'mobile_conversion_lifetime_value_purchases',
    'mobile_conversion_lifetime_value_sign_ups',
    'mobile_conversion_lifetime_value_updates',
    'mobile_conversion_lifetime_value_add_to_carts',
    'mobile_conversion_lifetime_value_checkouts_initiated',
    'mobile_conversion_lifetime_value_spent_credits',
  ]),
];

/** Columns named by the PascalCase of the API's metric names (`video_3s100pct_views` → `Video3s100pctViews`). */
function apiMetrics(group: MetricGroup, names: readonly string[]): MetricColumn[] {
  return names.map((name) => metric(pascalCase(name), name, group, `${name} (${group}).`));
}

function pascalCase(name: string): string {
  return name
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export const dimensionColumns: readonly ColumnInfo[] = [
  { name: 'AccountId', type: 'String', description: 'Ads account. Default: the AccountId property, else the first account.' },
  { name: 'EntityType', type: 'String', description: 'ACCOUNT, CAMPAIGN, LINE_ITEM, PROMOTED_TWEET, FUNDING_INSTRUMENT, PROMOTED_ACCOUNT, MEDIA_CREATIVE or ORGANIC_TWEET. Default ACCOUNT, or the type of the joined table.' },
  { name: 'EntityId', type: 'String', description: 'Entity the metrics belong to; up to 20 per call.' },
  { name: 'StartTime', type: 'Datetime', description: 'Start of the bucket (inclusive). Filter with >=, >, = or BETWEEN; a bare date means midnight in the account time zone.' },
  { name: 'EndTime', type: 'Datetime', description: 'End of the bucket (exclusive). Filter with <=, < or =.' },
  { name: 'Granularity', type: 'String', description: 'DAY (default), HOUR or TOTAL.' },
  { name: 'Placement', type: 'String', description: 'ALL_ON_TWITTER (default), PUBLISHER_NETWORK, SPOTLIGHT or TREND.' },
  { name: 'SegmentationType', type: 'String', description: `Split each row by audience segment (async jobs only): AGE, GENDER, METROS (with Country), PLATFORMS or CONVERSION_TAGS. Null: not segmented.` },
  { name: 'SegmentName', type: 'String', description: "The segment's name (e.g. 'Age 25 to 34'); null when not segmented." },
  { name: 'SegmentValue', type: 'String', description: "The segment's value (e.g. AGE_25_TO_34); null when not segmented." },
  { name: 'Country', type: 'String', description: 'Two-letter country code of a segmentation that requires one (METROS).' },
  { name: 'Platform', type: 'String', description: 'Platform of a segmentation that requires one (none of the enabled types as of 2026).' },
];

/**
 * Segmentation types the async endpoint enables (docs.x.com analytics, as of 2026), with the
 * parameter each requires. Older docs listed more (LOCATIONS, DEVICES, INTERESTS, KEYWORDS, ...):
 * those are refused at planning time with a message naming these.
 */
export const segmentationTypes: Readonly<Record<string, { readonly requires?: 'Country' | 'Platform' }>> = {
  AGE: {},
  GENDER: {},
  METROS: { requires: 'Country' },
  PLATFORMS: {},
  CONVERSION_TAGS: {},
};

export const insightsTable = {
  name: 'Insights',
  // AdStats is a table of its own (ad-stats.ts): CData's range semantics for StartTime/EndTime.
  aliases: [],
  description: 'Analytics metrics per entity and time bucket: GET stats/accounts/:account_id in 7-day windows, or async jobs (POST stats/jobs/accounts/:account_id, 90-day windows, segmentation) per UseAsyncAPI.',
  columns: [...dimensionColumns, ...metricColumns],
} as const;


/** Metric groups each entity type can be asked for (Twitter Ads analytics docs). */
export const groupsByEntity: Readonly<Record<EntityType, readonly MetricGroup[]>> = {
  ACCOUNT: ['ENGAGEMENT'],
  FUNDING_INSTRUMENT: ['ENGAGEMENT', 'BILLING'],
  CAMPAIGN: metricGroups,
  LINE_ITEM: metricGroups,
  PROMOTED_TWEET: metricGroups,
  PROMOTED_ACCOUNT: metricGroups,
  MEDIA_CREATIVE: metricGroups,
  ORGANIC_TWEET: ['ENGAGEMENT', 'VIDEO', 'MEDIA'],
};

/** The entity type of a table's ids, so `JOIN Insights i ON i.EntityId = c.Id` needs no EntityType. */
export const entityTypeOfTable: Readonly<Record<string, EntityType>> = {
  Accounts: 'ACCOUNT',
  Campaigns: 'CAMPAIGN',
  LineItems: 'LINE_ITEM',
  PromotedTweets: 'PROMOTED_TWEET',
  FundingInstruments: 'FUNDING_INSTRUMENT',
  PromotedAccounts: 'PROMOTED_ACCOUNT',
  MediaCreatives: 'MEDIA_CREATIVE',
  Tweets: 'ORGANIC_TWEET',
};

export const entityTypes: readonly EntityType[] = ['ACCOUNT', 'CAMPAIGN', 'LINE_ITEM', 'PROMOTED_TWEET', 'FUNDING_INSTRUMENT', 'PROMOTED_ACCOUNT', 'MEDIA_CREATIVE', 'ORGANIC_TWEET'];
export const granularities: readonly Granularity[] = ['DAY', 'HOUR', 'TOTAL'];
export const placements: readonly Placement[] = ['ALL_ON_TWITTER', 'PUBLISHER_NETWORK', 'SPOTLIGHT', 'TREND'];

/**
 * The key columns of the stats endpoint: the planner accepts exactly these (Param: values from a
 * join or subquery), and sys_keycolumns lists them.
 */
export const insightsKeyColumns: readonly KeyColumn[] = [
  plannedKey('AccountId', ['=', 'IN'], { acceptsParams: true, idFormat: twitterAdsId, name: ':account_id' }),
  plannedKey('EntityType', ['=', 'IN'], { name: 'entity' }),
  // Ids joined from an entity table say their type: `JOIN Insights i ON i.EntityId = c.Id` needs no EntityType.
  plannedKey('EntityId', ['=', 'IN'], {
    acceptsParams: true,
    idFormat: twitterAdsId,
    name: 'entity_ids',
    note: '20 a call; the type comes from a joined entity table',
    joinImplies: Object.entries(entityTypeOfTable).map(([table, type]) => ({ from: { table, column: 'Id' }, then: { column: 'EntityType', value: type } })),
  }),
  plannedKey('Granularity', ['=', 'IN'], { name: 'granularity' }),
  plannedKey('Placement', ['=', 'IN'], { name: 'placement' }),
  plannedKey('StartTime', ['>=', '>', '='], { name: 'start_time', note: '7-day windows (sync) or 90-day jobs (45 segmented), whole hours' }),
  plannedKey('EndTime', ['<=', '<', '='], { name: 'end_time', note: '7-day windows (sync) or 90-day jobs (45 segmented), whole hours' }),
  plannedKey('SegmentationType', ['='], { name: 'segmentation_type', note: 'async jobs only' }),
  plannedKey('Country', ['='], { name: 'country', note: 'with SegmentationType METROS' }),
  plannedKey('Platform', ['='], { name: 'platform', note: 'with a SegmentationType that requires it' }),
];
