/**
 * The account-insight tables with CData's names: total_value metrics of the business account, without
 * a breakdown or split by one (follow type, media product type, contact button type), over the range
 * (Account*) or per day (AccountTimeSeries*). One row per metric, breakdown value and range or day.
 * Which breakdown each metric takes follows Meta's IG User Insights reference (v24.0).
 */
import type { ColumnInfo } from '../../src/catalog/types.js';

export interface BreakdownTableSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  /** The breakdown sent, per metric; undefined: no breakdown. */
  readonly metrics: Readonly<Record<string, string | undefined>>;
  /** The column the breakdown value goes to; undefined: no breakdown. */
  readonly breakdownColumn?: { readonly name: string; readonly description: string };
  /** One request per day (time series) rather than one per 30-day window. */
  readonly perDay: boolean;
}

const totalMetrics = ['reach', 'views', 'accounts_engaged', 'total_interactions', 'likes', 'comments', 'shares', 'saves', 'replies', 'profile_links_taps', 'follows_and_unfollows'];
const productTypeMetrics = ['reach', 'views', 'total_interactions', 'likes', 'comments', 'shares', 'saves', 'replies'];
const every = (names: readonly string[], breakdown?: string) => Object.fromEntries(names.map((n) => [n, breakdown]));

const followType = { name: 'FollowType', description: 'FOLLOWER, NON_FOLLOWER or UNKNOWN (views: follower_type, the others: follow_type).' };
const productType = { name: 'MediaProductType', description: 'AD, CAROUSEL_CONTAINER, IGTV, POST, REEL or STORY.' };
const buttonType = { name: 'ContactButtonType', description: 'BOOK_NOW, CALL, DIRECTION, EMAIL, INSTANT_EXPERIENCE, TEXT or UNDEFINED.' };

const pair = (base: string, what: string, metrics: BreakdownTableSpec['metrics'], breakdownColumn?: BreakdownTableSpec['breakdownColumn']): BreakdownTableSpec[] => [
  { name: `Account${base}`, aliases: [], description: `Account metrics ${what}, totalled over the range (metric_type=total_value, 30-day windows).`, metrics, breakdownColumn, perDay: false },
  { name: `AccountTimeSeries${base}`, aliases: [], description: `Account metrics ${what}, one value per day (metric_type=total_value, one request per day, batched).`, metrics, breakdownColumn, perDay: true },
];

export const breakdownTables: readonly BreakdownTableSpec[] = [
  ...pair('WithoutBreakdown', 'without a breakdown', every(totalMetrics)),
  ...pair('FollowType', 'by follow type', { reach: 'follow_type', views: 'follower_type', follows_and_unfollows: 'follow_type' }, followType),
  ...pair('MediaProductType', 'by media product type', every(productTypeMetrics, 'media_product_type'), productType),
  { name: 'AccountContactButtonType', aliases: [], description: 'Taps on profile links by contact button type, totalled over the range.', metrics: { profile_links_taps: 'contact_button_type' }, breakdownColumn: buttonType, perDay: false },
  { name: 'FollowsAndUnfollows', aliases: [], description: 'Accounts that followed (FOLLOWER) and unfollowed or left (NON_FOLLOWER), per day (follows_and_unfollows by follow_type).', metrics: { follows_and_unfollows: 'follow_type' }, breakdownColumn: followType, perDay: true },
];

export function breakdownColumns(spec: BreakdownTableSpec): readonly ColumnInfo[] {
  return [
    { name: 'AccountId', type: 'String', description: 'The business account. Default: BusinessAccountId or the one /me/accounts finds.' },
    { name: 'Metric', type: 'String', description: `API metric name: ${Object.keys(spec.metrics).join(', ')}. Filtering on it asks only those.` },
    ...(spec.breakdownColumn ? [{ name: spec.breakdownColumn.name, type: 'String' as const, description: spec.breakdownColumn.description }] : []),
    { name: 'StartTime', type: 'Datetime', description: 'Start of the range (or day). Filter with >=; default: 7 days ago.' },
    { name: 'EndTime', type: 'Datetime', description: 'End of the range (or day). Filter with <=; default: now.' },
    { name: 'Value', type: 'Long', description: 'The metric value.' },
  ];
}

export const onlineFollowersTable = {
  name: 'OnlineFollowers',
  aliases: [],
  description: 'Followers online in each hour of each day, for the last 30 days at most (online_followers, period=lifetime).',
  columns: [
    { name: 'AccountId', type: 'String', description: 'The business account.' },
    { name: 'StartTime', type: 'Datetime', description: 'Start of the day the hours belong to. Filter with >=; default: 7 days ago; at most 30 days back.' },
    { name: 'EndTime', type: 'Datetime', description: 'End of that day. Filter with <=; default: now.' },
    { name: 'Hour', type: 'Int', description: 'Hour of the day, 0-23 (in the time zone of the day buckets).' },
    { name: 'Value', type: 'Long', description: 'Followers online in that hour.' },
  ] as readonly ColumnInfo[],
} as const;
