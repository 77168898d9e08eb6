/**
 * The declarative form of an API-backed table (DESIGN §6): columns and where each comes from,
 * which filters the endpoint takes and how, paging limits and sortable fields. Adding an ordinary
 * table means adding one of these; schemas are checked by `defineApiTable` when they load.
 */
import { z } from 'zod';
import type { IdFormat, KeyColumn, KeyOperator, KeyTarget } from '../source/key-column.js';
import type { ColumnInfo, ColumnType, TableInfo } from './types.js';

export interface ApiColumn extends ColumnInfo {
  /**
   * JSON field of the API object (`owner.id` reads a nested one; `a|b` reads the first that is set, for
   * objects whose shape depends on the request); defaults to the snake_case of the column name.
   */
  readonly source?: string;
  /** Filled from the request rather than the object (AccountId from the `:account_id` path segment). */
  readonly fromRequest?: string;
  /** Part of the table's primary key (sys_keycolumns). */
  readonly key?: boolean;
}

/** An ordinary table's key columns are the source contract's (src/source/key-column.ts). */
export type ApiFilter = KeyColumn;
export type { FilterOperator, FilterTarget };
type FilterOperator = KeyOperator;
type FilterTarget = KeyTarget;

export interface ApiTableSchema {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  /** Path below the API version root, e.g. `/accounts/:account_id/campaigns`. */
  readonly endpoint: string;
  readonly paging: ApiPaging;
  /** `list` (the default): pages of objects. `object`: the endpoint returns one object. */
  readonly returns?: 'list' | 'object';
  /** The API returns only the fields named in `fields=` (the Graph API); the table asks for the columns the query reads. */
  readonly selectFields?: boolean;
  readonly columns: readonly ApiColumn[];
  readonly filters: readonly KeyColumn[];
  /**
   * Reads by key, used instead of the list when the key column is bound by = or IN: a single-object
   * endpoint (`/media_library/:media_key`, one call per key), or with `batch` a multi-id read
   * (`/?ids=a,b`, up to `batch` keys a call, answered as an object keyed by id).
   */
  readonly lookup?: { readonly endpoint: string; readonly column: string; readonly param: string; readonly batch?: number; readonly idFormat?: IdFormat };
  /** INSERT/UPDATE/DELETE: which columns each takes, and the endpoint that applies them. */
  readonly writes?: ApiWrites;
  /** `sort_by` support: column → API field. Only fields whose API order equals SQL order belong here. */
  readonly sort?: { readonly param: string; readonly columns: Readonly<Record<string, string>> };
}

export interface ApiWrites {
  /** Where writes go (a batch endpoint for Twitter Ads), below the version root. */
  readonly endpoint: string;
  /** The API's name for the row id in update and delete operations (`campaign_id`). */
  readonly idParam: string;
  /** Most operations in one call. */
  readonly batchLimit: number;
  readonly insert?: { readonly required: readonly string[]; readonly optional: readonly string[] };
  readonly update?: readonly string[];
  readonly delete?: boolean;
}

export interface ApiPaging {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  /** The API pages with cursors but sends no `next` URL (Graph `/tags`): the client passes the `after` cursor back. */
  readonly cursorOnly?: boolean;
  /** The endpoint answers everything at once and rejects a page size (Twitter's platform_versions). */
  readonly unpaged?: boolean;
}

const columnTypes: readonly ColumnType[] = ['String', 'Int', 'Long', 'Double', 'Boolean', 'Datetime'];

const idFormatShape = z.object({ name: z.string(), pattern: z.instanceof(RegExp), example: z.string() });

const schemaShape = z.object({
  name: z.string().regex(/^[A-Z][A-Za-z0-9]*$/),
  aliases: z.array(z.string()),
  description: z.string().min(1),
  endpoint: z.string().startsWith('/'),
  paging: z.object({ defaultPageSize: z.number().int().positive(), maxPageSize: z.number().int().positive(), cursorOnly: z.boolean().optional(), unpaged: z.boolean().optional() }),
  returns: z.enum(['list', 'object']).optional(),
  selectFields: z.boolean().optional(),
  columns: z
    .array(
      z.object({
        name: z.string().regex(/^[A-Z][A-Za-z0-9]*$/),
        type: z.enum(columnTypes as [ColumnType, ...ColumnType[]]),
        description: z.string().optional(),
        source: z.string().optional(),
        fromRequest: z.string().optional(),
        pseudo: z.boolean().optional(),
        key: z.boolean().optional(),
      }),
    )
    .min(1),
  filters: z.array(
    z.object({
      column: z.string(),
      operators: z.array(z.enum(['=', 'IN', 'LIKE_PREFIX', '<', '<=', '>', '>='])).min(1),
      require: z.enum(['required', 'optional', 'any_of']),
      acceptsParams: z.boolean().optional(),
      target: z.union([
        z.object({ in: z.literal('path'), name: z.string(), notFound: z.literal('empty').optional() }),
        z.object({ in: z.literal('query'), name: z.string(), maxValues: z.number().int().positive().optional() }),
      ]),
      exactness: z.enum(['exact', 'inexact']),
      default: z.union([z.object({ constant: z.string() }), z.object({ resolve: z.string(), perConnection: z.boolean().optional() })]).optional(),
      example: z.string().optional(),
      values: z.array(z.string()).optional(),
      idFormat: idFormatShape.optional(),
      format: z.literal('unix-seconds').optional(),
    }),
  ),
  writes: z
    .object({
      endpoint: z.string().startsWith('/'),
      idParam: z.string(),
      batchLimit: z.number().int().positive(),
      insert: z.object({ required: z.array(z.string()), optional: z.array(z.string()) }).optional(),
      update: z.array(z.string()).optional(),
      delete: z.boolean().optional(),
    })
    .optional(),
  lookup: z.object({ endpoint: z.string().startsWith('/'), column: z.string(), param: z.string(), batch: z.number().int().positive().optional(), idFormat: idFormatShape.optional() }).optional(),
  sort: z.object({ param: z.string(), columns: z.record(z.string(), z.string()) }).optional(),
});

/** Checks a schema's shape and its internal references; throws at load time, not at query time. */
export function defineApiTable(schema: ApiTableSchema): ApiTableSchema {
  schemaShape.parse(schema);
  const columns = new Set(schema.columns.map((c) => c.name));
  if (columns.size !== schema.columns.length) throw new Error(`Table ${schema.name}: duplicate column names`);
  for (const filter of schema.filters) {
    if (!columns.has(filter.column)) throw new Error(`Table ${schema.name}: filter on unknown column ${filter.column}`);
    const column = schema.columns.find((c) => c.name === filter.column)!;
    if (filter.default && 'constant' in filter.default && !constantFits(column.type, filter.default.constant)) {
      throw new Error(`Table ${schema.name}: default '${filter.default.constant}' of ${filter.column} is not a ${column.type}`);
    }
    if (filter.idFormat && !filter.idFormat.pattern.test(filter.idFormat.example)) throw new Error(`Table ${schema.name}: ${filter.idFormat.name} example does not match its pattern`);
    if (filter.target.in === 'path' && !schema.endpoint.includes(`:${filter.target.name}`)) {
      throw new Error(`Table ${schema.name}: path parameter :${filter.target.name} is not in ${schema.endpoint}`);
    }
  }
  for (const segment of schema.endpoint.matchAll(/:([a-z_]+)/g)) {
    if (!schema.filters.some((f) => f.target.in === 'path' && f.target.name === segment[1])) {
      throw new Error(`Table ${schema.name}: nothing fills :${segment[1]}`);
    }
  }
  const lookup = schema.lookup;
  if (lookup && (!columns.has(lookup.column) || (lookup.batch === undefined && !lookup.endpoint.includes(`:${lookup.param}`)))) {
    throw new Error(`Table ${schema.name}: lookup must name a column and, without batch, a :param of its endpoint`);
  }
  const writable = [...(schema.writes?.insert?.required ?? []), ...(schema.writes?.insert?.optional ?? []), ...(schema.writes?.update ?? [])];
  for (const column of writable) if (!columns.has(column)) throw new Error(`Table ${schema.name}: writes name unknown column ${column}`);
  for (const column of Object.keys(schema.sort?.columns ?? {})) {
    if (!columns.has(column)) throw new Error(`Table ${schema.name}: sort on unknown column ${column}`);
  }
  return schema;
}

/** A default constant must read as its column's type (a Boolean default is `true` or `false`). */
function constantFits(type: ColumnType, text: string): boolean {
  switch (type) {
    case 'Boolean':
      return text === 'true' || text === 'false';
    case 'Int':
    case 'Long':
      return /^-?\d+$/.test(text);
    case 'Double':
      return Number.isFinite(Number(text));
    case 'Datetime':
      return !Number.isNaN(Date.parse(text));
    case 'String':
      return true;
  }
}

export function tableInfoOf(schema: ApiTableSchema): TableInfo {
  return { name: schema.name, aliases: schema.aliases, description: schema.description, columns: schema.columns };
}

/** `DailyBudgetAmountLocalMicro` → `daily_budget_amount_local_micro`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function sourceOf(column: ApiColumn): string {
  return column.source ?? snakeCase(column.name);
}
