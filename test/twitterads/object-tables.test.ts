/**
 * Planned calls of the creative, targeting and audience tables (issue 13 item 6): one case per
 * pushed filter, asserted as the exact requests, with no HTTP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twitterAdsSchemas } from '../../src/providers/twitterads/catalog.js';
import { PlanError } from '../../src/errors.js';
import type { PushdownHandling, PushdownPredicate } from '../../src/source/contract.js';
import { drain, eq, FakeClient, isIn, like, plannedTexts, request, tableOf } from '../source/fake-client.js';

const A = '18ce54d4x5t';

interface Case {
  readonly table: string;
  readonly where: readonly PushdownPredicate[];
  /** One array per HTTP call. */
  readonly calls: readonly (readonly string[])[];
  readonly handling?: readonly PushdownHandling[];
}

const T1 = '1846921337400000000';
const T2 = '1846921337400000001';

const cases: Record<string, Case> = {
  // Tweets
  'Tweets: TweetType defaults to PUBLISHED': { table: 'Tweets', where: [eq('AccountId', A)], calls: [[`GET /accounts/${A}/tweets?tweet_type=PUBLISHED`]] },
  'Tweets: TweetType goes to tweet_type': { table: 'Tweets', where: [eq('AccountId', A), eq('TweetType', 'SCHEDULED')], calls: [[`GET /accounts/${A}/tweets?tweet_type=SCHEDULED`]], handling: ['exact', 'exact'] },
  'Tweets: a TweetType the API does not know costs no call': { table: 'Tweets', where: [eq('AccountId', A), eq('TweetType', 'RETWEET')], calls: [] },
  'Tweets: Id IN goes to tweet_ids': { table: 'Tweets', where: [eq('AccountId', A), isIn('Id', T1, T2)], calls: [[`GET /accounts/${A}/tweets?tweet_type=PUBLISHED&tweet_ids=${T1},${T2}`]], handling: ['exact', 'exact'] },
  'Tweets: Name prefix goes to name, re-checked': { table: 'Tweets', where: [eq('AccountId', A), eq('TweetType', 'DRAFT'), like('Name', 'Launch%')], calls: [[`GET /accounts/${A}/tweets?tweet_type=DRAFT&name=Launch`]], handling: ['exact', 'exact', 'inexact'] },
  'Tweets: UserId goes to user_id, re-checked': { table: 'Tweets', where: [eq('AccountId', A), eq('TweetType', 'DRAFT'), eq('UserId', '756201191646691328')], calls: [[`GET /accounts/${A}/tweets?tweet_type=DRAFT&user_id=756201191646691328`]], handling: ['exact', 'exact', 'inexact'] },
  'Tweets: TimelineType and IncludeMentionsAndReplies': {
    table: 'Tweets',
    where: [eq('AccountId', A), eq('TimelineType', 'ORGANIC'), eq('IncludeMentionsAndReplies', true)],
    calls: [[`GET /accounts/${A}/tweets?tweet_type=PUBLISHED&timeline_type=ORGANIC&include_mentions_and_replies=true`]],
  },
  // Cards
  'Cards: Id, CardUri, CardType, Name, IncludeDeleted': {
    table: 'Cards',
    where: [eq('AccountId', A), isIn('Id', 'c1', 'c2'), eq('CardUri', 'card://c1'), eq('CardType', 'IMAGE_WEBSITE'), like('Name', 'Spring%'), eq('IncludeDeleted', true)],
    calls: [[`GET /accounts/${A}/cards?card_ids=c1,c2&card_uris=card://c1&card_type=IMAGE_WEBSITE&q=Spring&with_deleted=true`]],
    handling: ['exact', 'exact', 'exact', 'exact', 'inexact', 'exact'],
  },
  // TargetingCriteria
  'TargetingCriteria: LineItemId goes to line_item_ids': { table: 'TargetingCriteria', where: [eq('AccountId', A), isIn('LineItemId', 'l1', 'l2')], calls: [[`GET /accounts/${A}/targeting_criteria?line_item_ids=l1,l2`]] },
  'TargetingCriteria: Id, Lang, IncludeDeleted': {
    table: 'TargetingCriteria',
    where: [eq('AccountId', A), eq('LineItemId', 'l1'), eq('Id', 'tc1'), eq('Lang', 'fr'), eq('IncludeDeleted', false)],
    calls: [[`GET /accounts/${A}/targeting_criteria?line_item_ids=l1&targeting_criterion_ids=tc1&with_deleted=false&lang=fr`]],
  },
  // CustomAudiences and their permissions
  'CustomAudiences: Name prefix and IncludeDeleted': {
    table: 'CustomAudiences',
    where: [eq('AccountId', A), like('Name', 'VIP%'), eq('IncludeDeleted', true)],
    calls: [[`GET /accounts/${A}/custom_audiences?q=VIP&with_deleted=true`]],
    handling: ['exact', 'inexact', 'exact'],
  },
  'CustomAudiences: Id IN goes to custom_audience_ids': {
    table: 'CustomAudiences',
    where: [eq('AccountId', A), isIn('Id', 'ca1', 'ca2')],
    calls: [[`GET /accounts/${A}/custom_audiences?custom_audience_ids=ca1,ca2`]],
    handling: ['exact', 'exact'],
  },
  'CustomAudiencePermissions: CustomAudienceId fills the path, one call per audience': {
    table: 'CustomAudiencePermissions',
    where: [eq('AccountId', A), isIn('CustomAudienceId', 'ca1', 'ca2')],
    calls: [[`GET /accounts/${A}/custom_audiences/ca1/permissions`], [`GET /accounts/${A}/custom_audiences/ca2/permissions`]],
  },
  'CustomAudiencePermissions: GrantedAccountId and PermissionLevel': {
    table: 'CustomAudiencePermissions',
    where: [eq('AccountId', A), eq('CustomAudienceId', 'ca1'), eq('GrantedAccountId', 'a2'), isIn('PermissionLevel', 'READ_ONLY', 'READ_WRITE')],
    calls: [[`GET /accounts/${A}/custom_audiences/ca1/permissions?granted_account_ids=a2&permission_levels=READ_ONLY,READ_WRITE`]],
    handling: ['exact', 'exact', 'exact', 'exact'],
  },
  // PromotedAccounts, MediaCreatives, AccountMedia, ScheduledPromotedTweets
  'PromotedAccounts: Id, LineItemId, IncludeDeleted': {
    table: 'PromotedAccounts',
    where: [eq('AccountId', A), eq('Id', 'pa1'), isIn('LineItemId', 'l1', 'l2'), eq('IncludeDeleted', true)],
    calls: [[`GET /accounts/${A}/promoted_accounts?promoted_account_ids=pa1&line_item_ids=l1,l2&with_deleted=true`]],
  },
  'MediaCreatives: Id, LineItemId, CampaignId, IncludeDeleted, IncludeDraft': {
    table: 'MediaCreatives',
    where: [eq('AccountId', A), eq('Id', 'mc1'), eq('LineItemId', 'l1'), eq('CampaignId', 'c1'), eq('IncludeDeleted', true), eq('IncludeDraft', true)],
    calls: [[`GET /accounts/${A}/media_creatives?media_creative_ids=mc1&line_item_ids=l1&campaign_id=c1&with_deleted=true&with_draft=true`]],
    handling: ['exact', 'exact', 'exact', 'exact', 'exact', 'exact'],
  },
  'AccountMedia: Id and CreativeType': {
    table: 'AccountMedia',
    where: [eq('AccountId', A), isIn('Id', 'am1', 'am2'), isIn('CreativeType', 'PREROLL', 'VIDEO')],
    calls: [[`GET /accounts/${A}/account_media?account_media_ids=am1,am2&creative_types=PREROLL,VIDEO`]],
  },
  'AccountMedia: a CreativeType the API does not know costs no call': { table: 'AccountMedia', where: [eq('AccountId', A), eq('CreativeType', 'HOLOGRAM')], calls: [] },
  'ScheduledPromotedTweets: Id, LineItemId, IncludeDeleted': {
    table: 'ScheduledPromotedTweets',
    where: [eq('AccountId', A), eq('Id', 's1'), eq('LineItemId', 'l1'), eq('IncludeDeleted', false)],
    calls: [[`GET /accounts/${A}/scheduled_promoted_tweets?scheduled_promoted_tweet_ids=s1&line_item_ids=l1&with_deleted=false`]],
  },
  // Targeting option lists (global)
  'TargetingLocations: Name, CountryCode, LocationType': {
    table: 'TargetingLocations',
    where: [like('Name', 'San%'), eq('CountryCode', 'US'), eq('LocationType', 'CITIES')],
    calls: [['GET /targeting_criteria/locations?q=San&country_code=US&location_type=CITIES']],
    handling: ['inexact', 'exact', 'exact'],
  },
  'TargetingInterests: Name goes to q': { table: 'TargetingInterests', where: [like('Name', 'Sports%')], calls: [['GET /targeting_criteria/interests?q=Sports']], handling: ['inexact'] },
  'TargetingDevices: no filter lists every device': { table: 'TargetingDevices', where: [], calls: [['GET /targeting_criteria/devices']] },
  'TargetingDevices: Name goes to q': { table: 'TargetingDevices', where: [like('Name', 'iPhone%')], calls: [['GET /targeting_criteria/devices?q=iPhone']] },
  'TargetingPlatforms: Lang goes to lang': { table: 'TargetingPlatforms', where: [eq('Lang', 'ja')], calls: [['GET /targeting_criteria/platforms?lang=ja']], handling: ['exact'] },
  'TargetingPlatformVersions: Name goes to q': { table: 'TargetingPlatformVersions', where: [like('Name', 'iOS%')], calls: [['GET /targeting_criteria/platform_versions?q=iOS']] },
  'TargetingLanguages: Name goes to q': { table: 'TargetingLanguages', where: [like('Name', 'Fr%')], calls: [['GET /targeting_criteria/languages?q=Fr']] },
  'TargetingNetworkOperators: Name and CountryCode': {
    table: 'TargetingNetworkOperators',
    where: [like('Name', 'Voda%'), eq('CountryCode', 'GB')],
    calls: [['GET /targeting_criteria/network_operators?q=Voda&country_code=GB']],
  },
  'TargetingConversations: ConversationType goes to conversation_type': {
    table: 'TargetingConversations',
    where: [eq('ConversationType', 'SPORTS')],
    calls: [['GET /targeting_criteria/conversations?conversation_type=SPORTS']],
    handling: ['exact'],
  },
  'TargetingEvents: EventType and CountryCode': {
    table: 'TargetingEvents',
    where: [isIn('EventType', 'SPORTS', 'HOLIDAY'), isIn('CountryCode', 'US', 'GB')],
    calls: [['GET /targeting_criteria/events?event_types=SPORTS,HOLIDAY&country_codes=US,GB']],
    handling: ['exact', 'exact'],
  },
  'TargetingTvShows: Locale and Name': { table: 'TargetingTvShows', where: [eq('Locale', 'en-GB'), like('Name', 'Dr%')], calls: [['GET /targeting_criteria/tv_shows?locale=en-GB&q=Dr']] },
  'TargetingAppStoreCategories: OsType and Name': {
    table: 'TargetingAppStoreCategories',
    where: [eq('OsType', 'IOS'), like('Name', 'Ga%')],
    calls: [['GET /targeting_criteria/app_store_categories?q=Ga&os_type=IOS']],
  },
  // IAB and content categories
  'IabCategories: one list': { table: 'IabCategories', where: [], calls: [['GET /iab_categories']] },
  'ContentCategories: one list': { table: 'ContentCategories', where: [], calls: [['GET /content_categories']] },
};

for (const [name, c] of Object.entries(cases)) {
  test(`planned calls: ${name}`, async () => {
    const client = new FakeClient({ defaults: { defaultAccount: [A] } });
    const plan = tableOf(twitterAdsSchemas, c.table, client).plan(request(c.where));
    assert.deepEqual(plannedTexts(plan), c.calls);
    if (c.handling) assert.deepEqual(plan.handling, c.handling);
    await drain(plan);
    assert.deepEqual(client.sent, c.calls);
    assert.equal(plan.explain().estimatedCalls, c.calls.length);
  });
}

for (const [table, where, needs] of [
  ['TargetingCriteria', [eq('AccountId', A)], /LineItemId/],
  ['CustomAudiencePermissions', [eq('AccountId', A)], /CustomAudienceId/],
  ['TargetingEvents', [], /EventType/],
  ['TargetingTvShows', [like('Name', 'Dr%')], /Locale/],
] as const) {
  test(`planned calls: ${table} without the filter the API requires is a PlanError naming it`, () => {
    assert.throws(
      () => tableOf(twitterAdsSchemas, table, new FakeClient({ defaults: { defaultAccount: [A] } })).plan(request(where)),
      (e: unknown) => e instanceof PlanError && needs.test(e.message),
    );
  });
}

test('unpaged option lists send no page size (the API rejects count there)', async () => {
  for (const table of ['TargetingPlatformVersions', 'TargetingAppStoreCategories', 'ContentCategories']) {
    const schema = twitterAdsSchemas.find((s) => s.name === table)!;
    assert.equal(schema.paging.unpaged, true, table);
  }
  assert.equal(twitterAdsSchemas.find((s) => s.name === 'TargetingTvShows')!.paging.maxPageSize, 50);
  assert.equal(twitterAdsSchemas.find((s) => s.name === 'Cards')!.paging.maxPageSize, 200);
});

test('CData aliases name the new tables', () => {
  const aliases = new Map(twitterAdsSchemas.flatMap((s) => s.aliases.map((a) => [a, s.name] as const)));
  assert.equal(aliases.get('AdTweets'), 'Tweets');
  assert.equal(aliases.get('AdCards'), 'Cards');
  assert.equal(aliases.get('AdAudiences'), 'CustomAudiences');
});
