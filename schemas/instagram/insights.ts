/**
 * The insights tables: their columns, and which metrics the Graph API accepts for each media
 * type. Their planning (fan-out in batches, metric sets per row, 30-day windows) is code, in
 * src/providers/instagram/*-insights*.ts.
 */
import type { ColumnInfo } from '../../src/catalog/types.js';

export interface MetricColumn extends ColumnInfo {
  readonly metric: string;
}

const metric = (name: string, metricName: string, description: string): MetricColumn => ({ name, type: 'Long', metric: metricName, description });

export const mediaMetricColumns: readonly MetricColumn[] = [
  metric('Reach', 'reach', 'Unique accounts that saw the media.'),
  metric('Views', 'views', 'Times the media was played or displayed.'),
  metric('Likes', 'likes', 'Likes.'),
  metric('Comments', 'comments', 'Comments.'),
  metric('Shares', 'shares', 'Shares.'),
  metric('Saved', 'saved', 'Saves.'),
  metric('TotalInteractions', 'total_interactions', 'Likes, saves, comments and shares, less unlikes, unsaves and deleted comments.'),
  metric('Follows', 'follows', 'Accounts that followed from the media.'),
  metric('ProfileVisits', 'profile_visits', 'Profile visits from the media.'),
  metric('Replies', 'replies', 'Replies to a story.'),
  metric('Navigation', 'navigation', 'Story navigation actions.'),
  metric('IgReelsAvgWatchTime', 'ig_reels_avg_watch_time', 'Average watch time of a reel, in milliseconds.'),
  metric('IgReelsVideoViewTotalTime', 'ig_reels_video_view_total_time', 'Total watch time of a reel, in milliseconds.'),
  metric('Impressions', 'impressions', 'Times the media was seen. Removed in v22.0 and, since 2025-04-21, on every version except v21.0 and older for media posted up to 2024-07-01; NULL otherwise (use Views).'),
];

export const mediaInsightsTable = {
  name: 'MediaInsights',
  aliases: ['MediaInsightsPost', 'MediaInsightsReels', 'MediaInsightsStory'],
  description: 'Lifetime metrics of each media, one row per media (GET /{media-id}/insights, in batches of 50). Only metrics valid for the media type are asked for; the others are NULL. A metric the API refuses for one media is NULL for that media, with the reason in MetricErrors; the query goes on.',
  columns: [
    { name: 'MediaId', type: 'String', description: 'The media. Default: every media of the account.' },
    { name: 'MediaType', type: 'String', description: 'IMAGE, VIDEO or CAROUSEL_ALBUM (filtering on it saves calls).' },
    { name: 'MediaProductType', type: 'String', description: 'FEED, REELS or STORY (filtering on it saves calls).' },
    ...mediaMetricColumns,
    { name: 'MetricErrors', type: 'String', description: 'Why the API refused metrics for this media (e.g. `views: (#100) The Media Insights API does not support the views metric for this media product type. (code 100)`); those metrics are NULL. NULL when nothing was refused.' },
  ] as readonly ColumnInfo[],
} as const;

export const accountMetricColumns: readonly MetricColumn[] = [
  metric('Reach', 'reach', 'Unique accounts reached.'),
  metric('FollowerCount', 'follower_count', 'New followers in the period (time_series only).'),
  metric('Views', 'views', 'Times content was played or displayed (total_value only).'),
  metric('AccountsEngaged', 'accounts_engaged', 'Accounts that interacted (total_value only).'),
  metric('TotalInteractions', 'total_interactions', 'Interactions (total_value only).'),
  metric('Likes', 'likes', 'Likes (total_value only).'),
  metric('Comments', 'comments', 'Comments (total_value only).'),
  metric('Shares', 'shares', 'Shares (total_value only).'),
  metric('Saves', 'saves', 'Saves (total_value only).'),
  metric('Replies', 'replies', 'Replies (total_value only).'),
  metric('ProfileLinksTaps', 'profile_links_taps', 'Taps on profile links (total_value only).'),
];

/** Metrics each MetricType reports. time_series gives a value per period; total_value one per range. */
export const accountMetricsByType: Readonly<Record<'time_series' | 'total_value', readonly string[]>> = {
  time_series: ['reach', 'follower_count'],
  total_value: ['reach', 'views', 'accounts_engaged', 'total_interactions', 'likes', 'comments', 'shares', 'saves', 'replies', 'profile_links_taps'],
};

export const accountInsightsTable = {
  name: 'AccountInsights',
  aliases: [],
  description: 'Metrics of the business account over time (GET /{ig-user-id}/insights). Ranges over 30 days are split into 30-day windows.',
  columns: [
    { name: 'AccountId', type: 'String', description: 'The business account. Default: BusinessAccountId or the one /me/accounts finds.' },
    { name: 'MetricType', type: 'String', description: "time_series (default; CData's 'default') or total_value." },
    { name: 'Period', type: 'String', description: 'day (default), week or days_28 (time_series reach only).' },
    { name: 'StartTime', type: 'Datetime', description: 'Start of the period or range. Filter with >=; default: 7 days ago.' },
    { name: 'EndTime', type: 'Datetime', description: 'End of the period or range. Filter with <=; default: now.' },
    ...accountMetricColumns,
  ] as readonly ColumnInfo[],
} as const;

export const audienceTypes: Readonly<Record<string, string>> = { age: 'age', gender: 'gender', city: 'city', country: 'country', 'gender and age': 'age,gender', 'age,gender': 'age,gender' };
export const timeframes = ['last_14_days', 'last_30_days', 'last_90_days', 'prev_month', 'this_month', 'this_week'] as const;
export const audienceMetrics = ['follower_demographics', 'engaged_audience_demographics', 'reached_audience_demographics'] as const;

export const audienceInsightsTable = {
  name: 'AudienceInsights',
  aliases: [],
  description: 'Demographics of followers, engaged or reached audience (metric_type=total_value with a breakdown). The API lists the top 45 groups.',
  columns: [
    { name: 'AccountId', type: 'String', description: 'The business account.' },
    { name: 'Metric', type: 'String', description: 'follower_demographics (default), engaged_audience_demographics or reached_audience_demographics.' },
    { name: 'AudienceType', type: 'String', description: "age, gender, city, country or 'gender and age'. Default: all four single ones." },
    { name: 'Timeframe', type: 'String', description: 'last_14_days, last_30_days (default), last_90_days, prev_month, this_month or this_week.' },
    { name: 'AudienceGroup', type: 'String', description: 'The group, e.g. 25-34, F, London, England; several dimensions joined with ", ".' },
    { name: 'Value', type: 'Long', description: 'Accounts in the group.' },
  ] as readonly ColumnInfo[],
} as const;

export const longInsightsTable = {
  name: 'Insights',
  aliases: [],
  description: 'Every insight in long form: one row per object, metric and period end. Media metrics are lifetime values.',
  columns: [
    { name: 'ObjectId', type: 'String', description: 'The account or media id.' },
    { name: 'ObjectType', type: 'String', description: 'ACCOUNT (default) or MEDIA.' },
    { name: 'Metric', type: 'String', description: 'API metric name, e.g. reach.' },
    { name: 'Period', type: 'String', description: 'day, week, days_28 or lifetime.' },
    { name: 'EndTime', type: 'Datetime', description: 'End of the period; NULL for lifetime media metrics.' },
    { name: 'Value', type: 'Long', description: 'The metric value.' },
  ] as readonly ColumnInfo[],
} as const;
