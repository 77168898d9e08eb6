// The creative, targeting, audience and reference-list GET endpoints, as CatalogSpecs.
// Parameters and count limits follow the v12 API reference pages (see docs/twitter-ads-facts.md).
import { notFound } from './api-error.js';
import { type CatalogDeps, type CatalogSpec, type ParamSpec, type Row, catalogRoutes } from './catalog-routes.js';
import { DEFAULT_ORDER, type SortOrder } from './listing.js';
import type { ObjectData, ObjectKind } from './object-data.js';
import { liveAccount } from './read-routes.js';
import type { ApiRequest, RouteDefinition } from './route-types.js';
import type { AdsStore } from './store.js';
import * as options from './targeting-options.js';

const COMMON_SORT = ['created_at', 'updated_at', 'deleted'];
const BY_NAME: SortOrder = { field: 'name', descending: false };
const NEWEST_TWEET_FIRST: SortOrder = { field: 'id_str', descending: true };

export const TWEET_TYPES = ['DRAFT', 'PUBLISHED', 'SCHEDULED'] as const;
export const TIMELINE_TYPES = ['ALL', 'NULLCAST', 'ORGANIC'] as const;

export interface ObjectRouteDeps extends CatalogDeps {
  store: AdsStore;
  objects: ObjectData;
}

function accountRows(deps: ObjectRouteDeps, kind: ObjectKind) {
  return (request: ApiRequest): readonly Row[] => deps.objects.list(liveAccount(deps.store, request.pathParams.account_id).id, kind);
}

function accountSpec(
  deps: ObjectRouteDeps,
  kind: ObjectKind,
  segment: string,
  dataType: string,
  params: ParamSpec[],
  extra: Partial<CatalogSpec> = {},
): CatalogSpec {
  return {
    template: `/12/accounts/:account_id/${segment}`,
    dataType,
    category: 'account_read',
    rows: accountRows(deps, kind),
    listKey: (r) => `${r.pathParams.account_id}/${kind}`,
    version: (r) => deps.objects.version(r.pathParams.account_id ?? '', kind),
    idField: 'id',
    defaultOrder: DEFAULT_ORDER,
    sortFields: COMMON_SORT,
    params,
    withDeleted: true,
    withTotalCount: true,
    count: { fallback: 200, max: 1000 },
    ...extra,
  };
}

function globalSpec(segment: string, dataType: string, rows: readonly Row[], params: ParamSpec[], extra: Partial<CatalogSpec> = {}): CatalogSpec {
  return {
    template: `/12/${segment}`,
    dataType,
    category: 'account_read',
    rows: () => rows,
    listKey: () => segment,
    idField: 'targeting_value',
    defaultOrder: BY_NAME,
    params,
    count: { fallback: 200, max: 1000 },
    ...extra,
  };
}

/** Published tweets carry the user object unless trim_user=true; the internal tweet_type is not served. */
function presentTweet(row: Row, params: { bool(name: string): boolean }): Row {
  const { tweet_type: _type, nullcast, ...rest } = row;
  if (row.tweet_type !== 'PUBLISHED') return { ...rest, nullcast };
  const user = rest.user as { id: string; id_str: string };
  return params.bool('trim_user') ? { ...rest, user: { id: user.id, id_str: user.id_str } } : rest;
}

export function objectRoutes(deps: ObjectRouteDeps): RouteDefinition[] {
  const tweets = accountSpec(deps, 'tweet', 'tweets', 'tweet', [
    { kind: 'enum', name: 'tweet_type', field: 'tweet_type', values: TWEET_TYPES, required: true },
    { kind: 'ids', name: 'tweet_ids', field: 'id_str' },
    { kind: 'prefix', name: 'name', fields: ['name'], maxLength: 80 },
    { kind: 'bool', name: 'include_mentions_and_replies' },
    { kind: 'bool', name: 'trim_user' },
    // user_id: the promotable user whose tweets to list (only the account's own user here).
    {
      kind: 'custom',
      name: 'user_id',
      build: (params, request) => {
        const userId = params.string('user_id');
        return userId === undefined ? undefined : () => userId === deps.objects.userId(request.pathParams.account_id ?? '');
      },
    },
    // timeline_type (default NULLCAST) selects published tweets by nullcast; drafts and scheduled tweets pass.
    {
      kind: 'custom',
      name: 'timeline_type',
      build: (params) => {
        const type = params.oneOf('timeline_type', TIMELINE_TYPES) ?? 'NULLCAST';
        if (type === 'ALL') return undefined;
        return (row) => row.tweet_type !== 'PUBLISHED' || row.nullcast === (type === 'NULLCAST');
      },
    },
  ], {
    idField: 'id_str',
    defaultOrder: NEWEST_TWEET_FIRST,
    sortFields: undefined,
    withDeleted: false,
    withTotalCount: false,
    present: presentTweet,
  });

  const cards = accountSpec(deps, 'card', 'cards', 'card', [
    { kind: 'ids', name: 'card_ids', field: 'id' },
    { kind: 'ids', name: 'card_uris', field: 'card_uri' },
    { kind: 'enum', name: 'card_type', field: 'card_type', values: ['IMAGE_WEBSITE', 'VIDEO_WEBSITE', 'IMAGE_APP', 'VIDEO_APP', 'IMAGE_CAROUSEL_WEBSITE'] },
    { kind: 'prefix', name: 'q', fields: ['name'], maxLength: 80 },
    { kind: 'bool', name: 'include_legacy_cards' },
  ], { count: { fallback: 200, max: 200 }, sortFields: [...COMMON_SORT, 'name'] });

  const targetingCriteria = accountSpec(deps, 'targeting_criterion', 'targeting_criteria', 'targeting_criterion', [
    { kind: 'ids', name: 'line_item_ids', field: 'line_item_id', required: true },
    { kind: 'ids', name: 'targeting_criterion_ids', field: 'id' },
    { kind: 'string', name: 'lang' },
  ]);

  const customAudiences = accountSpec(deps, 'custom_audience', 'custom_audiences', 'custom_audience', [
    { kind: 'ids', name: 'custom_audience_ids', field: 'id' },
    { kind: 'prefix', name: 'q', fields: ['name'], maxLength: 80 },
  ], { sortFields: [...COMMON_SORT, 'name', 'audience_size'] });

  const permissions: CatalogSpec = {
    ...accountSpec(deps, 'custom_audience_permission', 'custom_audiences/:custom_audience_id/permissions', 'custom_audience_permission', [
      { kind: 'ids', name: 'granted_account_ids', field: 'granted_account_id' },
      { kind: 'enums', name: 'permission_levels', field: 'permission_level', values: ['READ_ONLY', 'READ_WRITE'] },
    ]),
    rows: (request) => {
      const accountId = liveAccount(deps.store, request.pathParams.account_id).id;
      const audienceId = request.pathParams.custom_audience_id ?? '';
      const audience = deps.objects.find(accountId, 'custom_audience', audienceId);
      if (!audience) throw notFound(`custom audience ${audienceId} was not found`);
      return deps.objects.list(accountId, 'custom_audience_permission').filter((p) => p.custom_audience_id === audienceId);
    },
    listKey: (r) => `${r.pathParams.account_id}/permissions/${r.pathParams.custom_audience_id}`,
  };

  const promotedAccounts = accountSpec(deps, 'promoted_account', 'promoted_accounts', 'promoted_account', [
    { kind: 'ids', name: 'line_item_ids', field: 'line_item_id' },
    { kind: 'ids', name: 'promoted_account_ids', field: 'id' },
  ]);

  const mediaCreatives = accountSpec(deps, 'media_creative', 'media_creatives', 'media_creative', [
    { kind: 'equals', name: 'campaign_id', field: 'campaign_id' },
    { kind: 'ids', name: 'line_item_ids', field: 'line_item_id' },
    { kind: 'ids', name: 'media_creative_ids', field: 'id' },
  ], { withDraft: true, present: ({ campaign_id: _c, ...rest }) => rest });

  const accountMedia = accountSpec(deps, 'account_media', 'account_media', 'account_media', [
    { kind: 'ids', name: 'account_media_ids', field: 'id' },
    { kind: 'enums', name: 'creative_types', field: 'creative_type', values: ['BANNER', 'BANNER_TABLET', 'INTERSTITIAL', 'INTERSTITIAL_LANDSCAPE', 'INTERSTITIAL_LANDSCAPE_TABLET', 'INTERSTITIAL_TABLET', 'MEDIUM_RECTANGLE', 'PREROLL', 'VAST_PREROLL', 'VIDEO'] },
  ]);

  const scheduledPromotedTweets = accountSpec(deps, 'scheduled_promoted_tweet', 'scheduled_promoted_tweets', 'scheduled_promoted_tweet', [
    { kind: 'ids', name: 'line_item_ids', field: 'line_item_id' },
    { kind: 'ids', name: 'scheduled_promoted_tweet_ids', field: 'id' },
  ]);

  const q: ParamSpec = { kind: 'prefix', name: 'q', fields: ['name'] };
  const globals: CatalogSpec[] = [
    globalSpec('targeting_criteria/locations', 'targeting_criterion', options.LOCATIONS, [
      q,
      { kind: 'enum', name: 'location_type', field: 'location_type', values: options.LOCATION_TYPES },
      { kind: 'equals', name: 'country_code', field: 'country_code' },
    ]),
    globalSpec('targeting_criteria/interests', 'targeting_criterion', options.INTERESTS, [q]),
    globalSpec('targeting_criteria/devices', 'targeting_criterion', options.DEVICES, [q]),
    globalSpec('targeting_criteria/platforms', 'targeting_criterion', options.PLATFORMS, [q, { kind: 'string', name: 'lang' }], { defaultOrder: { field: 'targeting_value', descending: false } }),
    globalSpec('targeting_criteria/platform_versions', 'targeting_criterion', options.PLATFORM_VERSIONS, [q], { count: undefined }),
    globalSpec('targeting_criteria/languages', 'targeting_criterion', options.LANGUAGES, [q]),
    globalSpec('targeting_criteria/network_operators', 'targeting_criterion', options.NETWORK_OPERATORS, [
      q,
      { kind: 'equals', name: 'country_code', field: 'country_code' },
    ]),
    globalSpec('targeting_criteria/conversations', 'targeting_criterion', options.CONVERSATIONS, [
      { kind: 'enum', name: 'conversation_type', field: 'conversation_type', values: options.CONVERSATION_TYPES },
    ]),
    globalSpec('targeting_criteria/events', 'targeting_criterion', options.EVENTS, [
      { kind: 'enums', name: 'event_types', field: 'event_type', values: options.EVENT_TYPES, required: true },
      { kind: 'ids', name: 'country_codes', field: 'country_code' },
      { kind: 'string', name: 'start_time' },
      { kind: 'string', name: 'end_time' },
    ]),
    globalSpec('targeting_criteria/tv_shows', 'targeting_criterion', options.TV_SHOWS, [
      { kind: 'enum', name: 'locale', field: 'locale', values: options.TV_LOCALES, required: true },
      q,
    ], { count: { fallback: 50, max: 50 } }),
    globalSpec('targeting_criteria/app_store_categories', 'targeting_criterion', options.APP_STORE_CATEGORIES, [
      q,
      { kind: 'enum', name: 'os_type', field: 'os_type', values: ['ANDROID', 'IOS'] },
    ], { count: undefined }),
    globalSpec('iab_categories', 'iab_category', options.IAB_CATEGORIES, [], {
      idField: 'id',
      defaultOrder: { field: 'id', descending: false },
      withTotalCount: true,
    }),
    globalSpec('content_categories', 'content_category', options.CONTENT_CATEGORIES, [], { idField: 'id', count: undefined }),
  ];

  const accountSpecs = [tweets, cards, targetingCriteria, customAudiences, permissions, promotedAccounts, mediaCreatives, accountMedia, scheduledPromotedTweets];
  return catalogRoutes(deps, [...accountSpecs, ...globals], [
    { spec: cards, idParam: 'card_id' },
    { spec: { ...targetingCriteria, params: [] }, idParam: 'targeting_criterion_id' },
    { spec: customAudiences, idParam: 'custom_audience_id' },
    { spec: promotedAccounts, idParam: 'promoted_account_id' },
    { spec: mediaCreatives, idParam: 'media_creative_id' },
    { spec: accountMedia, idParam: 'account_media_id' },
    { spec: scheduledPromotedTweets, idParam: 'scheduled_promoted_tweet_id' },
  ]);
}
