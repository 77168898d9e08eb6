/** The library's public surface (DESIGN §1): what `connect()` returns. */
import type { Field, Row, TableInfo, Value } from '../catalog/types.js';

export type Params = readonly Value[] | Readonly<Record<string, Value>>;

export interface QueryOptions {
  readonly signal?: AbortSignal;
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
  /** The fields a SELECT or EXPLAIN would return, planned without any API call. */
  describe(sql: string, params?: Params): Promise<readonly Field[]>;
  /** Tables and procedures, for `.tables`, `.schema` and `.procedures`. */
  tables(): readonly TableInfo[];
  procedures(): readonly ProcedureInfo[];
  close(): Promise<void>;
}
