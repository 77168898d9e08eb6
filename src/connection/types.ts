/** The library's public surface (DESIGN §1): what `connect()` returns and takes. */
import type { z } from 'zod';
import type { Field, Row, TableInfo, Value } from '../catalog/types.js';
import type { instagramProperties, PropertyDefinition, twitterAdsProperties } from './properties.js';

export type { Field, Row, Value } from '../catalog/types.js';

export type Params = readonly Value[] | Readonly<Record<string, Value>>;

export interface QueryOptions {
  /** Cancels the query (CancelledError); all its HTTP work stops. */
  readonly signal?: AbortSignal;
  /** Fails the query with TimeoutError once it has run this long (milliseconds, whole query). */
  readonly timeoutMs?: number;
  /** Called as the query's API work advances (each request sent and answered, each page, each rate-limit wait). */
  readonly onProgress?: (progress: QueryProgress) => void;
}

/** A snapshot of a running query's work, for a status line. Counts are of this connection's HTTP work while the query runs. */
export interface QueryProgress {
  /** API requests answered. */
  readonly calls: number;
  /** API requests on the wire now. */
  readonly inFlight: number;
  /** Result pages the engine has produced, and their rows. */
  readonly pages: number;
  readonly rows: number;
  /** Rate-limit waits so far, and when the current one ends (epoch ms), if one is under way. */
  readonly rateLimitWaits: number;
  readonly waitingUntil: number | undefined;
}

export interface QueryResult {
  readonly rows: Row[];
  readonly fields: readonly Field[];
  /** Rows changed by INSERT/UPDATE/DELETE; absent for SELECT. */
  readonly affectedRows?: number;
}

/** Rows of one SELECT as pages arrive. `fields` resolves before the first row, without iterating. */
export interface RowStream extends AsyncIterable<Row> {
  readonly fields: Promise<readonly Field[]>;
}

/** A procedure callable with EXEC, as listed in sys_procedures. */
export interface ProcedureInfo {
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly { readonly name: string; readonly type: Field['type']; readonly required: boolean; readonly description: string }[];
  readonly results: readonly Field[];
}

/** A connection property as the connection uses it: secrets masked, and where the value came from. */
export interface ConnectionProperty {
  readonly name: string;
  /** The value as text; `****` for a secret. */
  readonly value: string;
  /** `connection string`, `connect() options`, `connection NAME`, `env SOCIALSQL_X` or `default`. */
  readonly source: string;
}

export interface Connection extends AsyncDisposable {
  /** Runs one statement (SELECT, EXPLAIN, EXEC, ...) and collects every row. */
  query(sql: string, params?: Params, options?: QueryOptions): Promise<QueryResult>;
  /** Runs one SELECT; rows arrive as API pages arrive. `fields` is known before the first row. */
  stream(sql: string, params?: Params, options?: QueryOptions): RowStream;
  /** The fields a SELECT or EXPLAIN would return, planned without any API call. */
  describe(sql: string, params?: Params): Promise<readonly Field[]>;
  /** Tables and procedures, for `.tables`, `.schema` and `.procedures`. */
  tables(): readonly TableInfo[];
  procedures(): readonly ProcedureInfo[];
  /** The properties set (given or defaulted), masked, with their origins. */
  properties(): readonly ConnectionProperty[];
  close(): Promise<void>;
}

type PropertyValueOf<D> = D extends { readonly schema: infer S extends z.ZodType } ? z.output<S> : never;

/** Typed properties from a provider's property list: each optional, of the type its schema yields. */
export type PropertiesOf<Definitions extends readonly PropertyDefinition[]> = {
  readonly [D in Definitions[number] as D['name']]?: PropertyValueOf<D>;
};

/** What the provider entries' connect() takes besides a connection string. */
export type ConnectOptions<Properties> = Properties & {
  /** A named connection from the configuration file; the other properties given here win over it. */
  readonly connection?: string;
};

export type TwitterAdsProperties = PropertiesOf<typeof twitterAdsProperties>;
export type InstagramProperties = PropertiesOf<typeof instagramProperties>;
export type TwitterAdsConnectOptions = ConnectOptions<TwitterAdsProperties>;
export type InstagramConnectOptions = ConnectOptions<InstagramProperties>;
