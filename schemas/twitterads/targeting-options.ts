/**
 * The targeting option lists (`GET targeting_criteria/<kind>`): global, not per account. Each is a
 * table of the values a TargetingCriteria row can take; `q` is the API's name search (re-checked).
 */
import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import type { ApiColumn, ApiFilter, ApiPaging, ApiTableSchema } from '../../src/catalog/api-table-schema.js';

const listPaging: ApiPaging = { defaultPageSize: 200, maxPageSize: 1000 };
/** platform_versions and app_store_categories answer everything at once and reject `count`. */
const unpaged: ApiPaging = { defaultPageSize: 1000, maxPageSize: 1000, unpaged: true };

const name: ApiColumn = { name: 'Name', type: 'String', description: 'Readable name.' };
const targetingType: ApiColumn = { name: 'TargetingType', type: 'String', description: 'The TargetingCriteria.TargetingType this value is used with.' };
const targetingValue: ApiColumn = { name: 'TargetingValue', type: 'String', key: true, description: 'The value to put in TargetingCriteria.TargetingValue.' };
const countryCode: ApiColumn = { name: 'CountryCode', type: 'String', description: 'ISO 3166-1 alpha-2 country code.' };
const osType: ApiColumn = { name: 'OsType', type: 'String', description: 'ANDROID, IOS, ...' };

/** `q`: a name search; the API matches more loosely than LIKE, so rows are re-checked. */
const nameSearch: ApiFilter = { column: 'Name', operators: ['LIKE_PREFIX'], target: { in: 'query', name: 'q' }, exactness: 'inexact', require: 'optional' };
const countryFilter: ApiFilter = { column: 'CountryCode', operators: ['='], target: { in: 'query', name: 'country_code' }, exactness: 'exact', require: 'optional' };

function optionList(table: string, kind: string, description: string, columns: readonly ApiColumn[], filters: readonly ApiFilter[], paging: ApiPaging = listPaging): ApiTableSchema {
  return defineApiTable({
    name: table,
    aliases: [`Ad${table}`],
    description,
    endpoint: `/targeting_criteria/${kind}`,
    paging,
    columns: [targetingValue, name, targetingType, ...columns],
    filters: [nameSearch, ...filters],
  });
}

export const targetingLocations = optionList('TargetingLocations', 'locations', 'Locations to target: countries, regions, metros, cities, postal codes.', [countryCode, { name: 'LocationType', type: 'String', description: 'COUNTRIES, REGIONS, METROS, CITIES or POSTAL_CODES.' }], [
  countryFilter,
  { column: 'LocationType', operators: ['='], target: { in: 'query', name: 'location_type' }, exactness: 'exact', require: 'optional', values: ['COUNTRIES', 'REGIONS', 'METROS', 'CITIES', 'POSTAL_CODES'] },
]);

export const targetingInterests = optionList('TargetingInterests', 'interests', 'Interests to target ("Parent/Child" names).', [], []);

export const targetingDevices = optionList('TargetingDevices', 'devices', 'Mobile devices to target.', [{ name: 'Manufacturer', type: 'String', description: 'Device maker.' }, osType], []);

export const targetingPlatforms = optionList('TargetingPlatforms', 'platforms', 'Platforms to target (iOS, Android, desktop, ...).', [{ name: 'Lang', type: 'String', pseudo: true, description: 'Language of the names (lang).' }], [
  { column: 'Lang', operators: ['='], target: { in: 'query', name: 'lang' }, exactness: 'exact', require: 'optional' },
]);

export const targetingPlatformVersions = optionList('TargetingPlatformVersions', 'platform_versions', 'Operating system versions to target.', [{ name: 'Number', type: 'String', description: 'Version number.' }, osType], [], unpaged);

export const targetingLanguages = optionList('TargetingLanguages', 'languages', 'Languages to target (ISO codes).', [], []);

export const targetingNetworkOperators = optionList('TargetingNetworkOperators', 'network_operators', 'Mobile network operators to target.', [countryCode], [countryFilter]);

export const targetingConversations = defineApiTable({
  name: 'TargetingConversations',
  aliases: ['AdTargetingConversations'],
  description: 'Conversation topics to target.',
  endpoint: '/targeting_criteria/conversations',
  paging: listPaging,
  columns: [targetingValue, name, targetingType, { name: 'ConversationType', type: 'String', description: 'ACTORS, SPORTS, TECHNOLOGY, ...' }],
  filters: [{ column: 'ConversationType', operators: ['='], target: { in: 'query', name: 'conversation_type' }, exactness: 'exact', require: 'optional' }],
});

export const targetingEvents = defineApiTable({
  name: 'TargetingEvents',
  aliases: ['AdTargetingEvents'],
  description: 'Events to target (the API requires EventType).',
  endpoint: '/targeting_criteria/events',
  paging: listPaging,
  columns: [
    targetingValue,
    name,
    { name: 'EventType', type: 'String', description: 'CONFERENCE, HOLIDAY, MUSIC_AND_ENTERTAINMENT, OTHER, POLITICS, RECURRING or SPORTS.' },
    countryCode,
    { name: 'IsGlobal', type: 'Boolean', description: 'Whether the event is worldwide.' },
    { name: 'StartTime', type: 'Datetime', description: 'When the event starts.' },
    { name: 'EndTime', type: 'Datetime', description: 'When the event ends.' },
    { name: 'ReachLowerBound', type: 'Long', source: 'reach.lower_bound', description: 'Estimated reach, lower bound; NULL when unknown.' },
    { name: 'ReachUpperBound', type: 'Long', source: 'reach.upper_bound', description: 'Estimated reach, upper bound; NULL when unknown.' },
  ],
  filters: [
    {
      column: 'EventType',
      operators: ['=', 'IN'],
      target: { in: 'query', name: 'event_types', maxValues: 7 },
      exactness: 'exact',
      require: 'required',
      values: ['CONFERENCE', 'HOLIDAY', 'MUSIC_AND_ENTERTAINMENT', 'OTHER', 'POLITICS', 'RECURRING', 'SPORTS'],
      example: "EventType = 'SPORTS'",
    },
    { column: 'CountryCode', operators: ['=', 'IN'], target: { in: 'query', name: 'country_codes', maxValues: 200 }, exactness: 'exact', require: 'optional' },
  ],
});

export const targetingTvShows = defineApiTable({
  name: 'TargetingTvShows',
  aliases: ['AdTargetingTvShows'],
  description: 'TV shows to target (the API requires Locale).',
  endpoint: '/targeting_criteria/tv_shows',
  paging: { defaultPageSize: 50, maxPageSize: 50 },
  columns: [targetingValue, name, targetingType, { name: 'Genre', type: 'String', description: 'Show genre.' }, { name: 'Locale', type: 'String', description: 'en-US, en-GB, ja-JP, de-DE, fr-FR or es-ES.' }],
  filters: [
    { column: 'Locale', operators: ['='], target: { in: 'query', name: 'locale' }, exactness: 'exact', require: 'required', values: ['en-US', 'en-GB', 'ja-JP', 'de-DE', 'fr-FR', 'es-ES'], example: "Locale = 'en-US'" },
    nameSearch,
  ],
});

export const targetingAppStoreCategories = optionList('TargetingAppStoreCategories', 'app_store_categories', 'App store categories to target.', [osType], [
  { column: 'OsType', operators: ['='], target: { in: 'query', name: 'os_type' }, exactness: 'exact', require: 'optional', values: ['ANDROID', 'IOS'] },
], unpaged);

export const targetingOptionLists: readonly ApiTableSchema[] = [
  targetingLocations,
  targetingInterests,
  targetingDevices,
  targetingPlatforms,
  targetingPlatformVersions,
  targetingLanguages,
  targetingNetworkOperators,
  targetingConversations,
  targetingEvents,
  targetingTvShows,
  targetingAppStoreCategories,
];
