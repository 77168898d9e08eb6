/** The library's public surface (DESIGN §1): what `connect()` returns. */
import type { Field, Row, TableInfo, Value } from '../catalog/types.js';

export type Params = readonly Value[] | Readonly<Record<string, Value>>;

export interface QueryOptions {
  readonly signal?: AbortSignal;
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

/** A procedure callable with EXEC, as listed in sys_procedures. */
export interface ProcedureInfo {
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly { readonly name: string; readonly type: Field['type']; readonly required: boolean; readonly description: string }[];
  readonly results: readonly Field[];
}

export interface Connection {
  /** Runs one statement (SELECT, EXPLAIN, EXEC, ...) and collects every row. */
  query(sql: string, params?: Params, options?: QueryOptions): Promise<QueryResult>;
  /** Runs one SELECT; rows arrive as API pages arrive. `fields` is known before the first row. */
  stream(sql: string, params?: Params, options?: QueryOptions): AsyncIterable<Row> & { readonly fields: Promise<readonly Field[]> };
  /** Tables and procedures, for `.tables`, `.schema` and `.procedures`. */
  tables(): readonly TableInfo[];
  procedures(): readonly ProcedureInfo[];
  close(): Promise<void>;
}
