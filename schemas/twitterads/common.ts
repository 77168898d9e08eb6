/** Pieces every account-scoped Twitter Ads table shares. */
import type { ApiColumn, ApiFilter } from '../../src/catalog/api-table-schema.js';
import type { IdFormat } from '../../src/source/key-column.js';

/** Twitter Ads entity ids are short base-36 strings (`18ce54d4x5t`, `hsa0t4`). */
export const twitterAdsId: IdFormat = { name: 'Twitter Ads id', pattern: /^[0-9a-z]{1,32}$/, example: '18ce54d4x5t' };

/** Tweet ids are decimal snowflakes (`1846921337400000000`). */
export const tweetId: IdFormat = { name: 'Tweet id', pattern: /^\d{1,20}$/, example: '1846921337400000000' };

/** Media library keys: a media category number, `_`, a numeric id (`3_1234567890123456789`). */
export const mediaKeyId: IdFormat = { name: 'media key', pattern: /^\d{1,3}_\d{1,25}$/, example: '3_1234567890123456789' };

/** `:account_id`: the query's AccountId, else the AccountId property, else the first account. */
export const accountFilter: ApiFilter = {
  column: 'AccountId',
  operators: ['=', 'IN'],
  target: { in: 'path', name: 'account_id', notFound: 'empty' },
  exactness: 'exact',
  require: 'required',
  default: { resolve: 'defaultAccount', perConnection: true },
  idFormat: twitterAdsId,
  example: "AccountId = '18ce54d4x5t'",
};

export const accountColumn: ApiColumn = {
  name: 'AccountId',
  type: 'String',
  fromRequest: 'account_id',
  description: 'The ads account the row belongs to.',
};

export const includeDeleted: { column: ApiColumn; filter: ApiFilter } = {
  column: { name: 'IncludeDeleted', type: 'Boolean', pseudo: true, description: 'Set true to include deleted rows (with_deleted). Default false.' },
  filter: { column: 'IncludeDeleted', operators: ['='], target: { in: 'query', name: 'with_deleted' }, exactness: 'exact', require: 'optional', default: { constant: 'false' } },
};

export const includeDraft: { column: ApiColumn; filter: ApiFilter } = {
  column: { name: 'IncludeDraft', type: 'Boolean', pseudo: true, description: 'Set true to include draft rows (with_draft). Default false.' },
  filter: { column: 'IncludeDraft', operators: ['='], target: { in: 'query', name: 'with_draft' }, exactness: 'exact', require: 'optional', default: { constant: 'false' } },
};

/** `q`: the API's case-insensitive name prefix search, used for `Name LIKE 'abc%'` and re-checked locally. */
export const namePrefixFilter: ApiFilter = {
  column: 'Name',
  operators: ['LIKE_PREFIX'],
  target: { in: 'query', name: 'q' },
  exactness: 'inexact',
  require: 'optional',
};

export function idListFilter(column: string, param: string): ApiFilter {
  return { column, operators: ['=', 'IN'], target: { in: 'query', name: param, maxValues: 200 }, exactness: 'exact', require: 'optional', idFormat: twitterAdsId };
}

/** Timestamps every entity carries. */
export const auditColumns: readonly ApiColumn[] = [
  { name: 'CreatedAt', type: 'Datetime', description: 'When the entity was created.' },
  { name: 'UpdatedAt', type: 'Datetime', description: 'When the entity was last changed.' },
  { name: 'Deleted', type: 'Boolean', description: 'Whether the entity is deleted (only returned with IncludeDeleted = true).' },
];

/** Paging for entity lists: count 1..1000, default 200. */
export const entityPaging = { defaultPageSize: 200, maxPageSize: 1000 } as const;

/** created_at/updated_at order the same in the API and in SQL (whole-second UTC timestamps, never null). */
export const timestampSort = { param: 'sort_by', columns: { CreatedAt: 'created_at', UpdatedAt: 'updated_at' } } as const;
