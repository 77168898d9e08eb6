/** What a provider's API client offers the generic table source. */
export interface CallOptions {
  readonly signal: AbortSignal;
  /** Called once per HTTP request actually sent (retries included, cache hits not), for EXPLAIN ANALYZE. */
  readonly onCall: () => void;
}

export interface ApiClient {
  /** `GET /12` or `GET /v21.0`: how EXPLAIN names this API's endpoints. */
  readonly endpointPrefix: string;
  /** Rows per page the user asked for (Pagesize), 0 for "as many as the API allows". */
  readonly preferredPageSize: number;
  /** Pages of raw objects from a list endpoint, following the API's own paging. */
  list(path: string, query: Readonly<Record<string, string>>, pageSize: number, options: CallOptions): AsyncIterable<readonly unknown[]>;
  /** One object, or undefined when the API says it does not exist. */
  getOne(path: string, query: Readonly<Record<string, string>>, options: CallOptions): Promise<unknown>;
  /** Values for `default: { resolve }` filters, e.g. `defaultAccount`. */
  resolveDefault(name: string, options: CallOptions): Promise<string>;
  /** How EXPLAIN describes a default that is resolved at run time. */
  describeDefault(name: string): string;
}
