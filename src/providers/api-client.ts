/** What a provider's API client offers the generic table source. */
export interface CallOptions {
  readonly signal: AbortSignal;
  /** Called once per HTTP request actually sent (retries included, cache hits not), for EXPLAIN ANALYZE. */
  readonly onCall: () => void;
}

/** One request of a fan-out: a page list, one object, or a multi-id read. */
export interface ApiRequest {
  readonly kind: 'list' | 'object' | 'ids';
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
}

export interface ApiClient {
  /** `GET /12` or `GET /v21.0`: how EXPLAIN names this API's endpoints. */
  readonly endpointPrefix: string;
  /** Rows per page the user asked for (Pagesize), 0 for "as many as the API allows". */
  readonly preferredPageSize: number;
  /** Requests per call of the API's batch endpoint (`fetchMany`), for planning calls. */
  readonly batchLimit?: number;
  /** How many calls of one fan-out may overlap (MaxConcurrency). */
  readonly fanOut: number;
  /** Pages of raw objects from a list endpoint, following the API's own paging. */
  list(path: string, query: Readonly<Record<string, string>>, paging: PageRequest, options: CallOptions): AsyncIterable<readonly unknown[]>;
  /** One object, or undefined when the API says it does not exist. */
  getOne(path: string, query: Readonly<Record<string, string>>, options: CallOptions): Promise<unknown>;
  /** Objects of a multi-id read (`?ids=a,b`), for APIs that have one. */
  getByIds?(path: string, query: Readonly<Record<string, string>>, options: CallOptions): Promise<readonly unknown[]>;
  /** Several requests at once, for APIs that batch them (Graph `POST /`); objects arrive tagged with their request's index. */
  fetchMany?(requests: readonly ApiRequest[], paging: PageRequest, options: CallOptions): AsyncIterable<{ readonly index: number; readonly objects: readonly unknown[] }>;
  /** Values for `default: { resolve }` filters, e.g. `defaultAccount`; a default may stand for several values (every media). */
  resolveDefault(name: string, options: CallOptions): Promise<readonly string[]>;
  /** How EXPLAIN describes a default that is resolved at run time. */
  describeDefault(name: string): string;
}

export interface PageRequest {
  readonly pageSize: number;
  /** The API sends cursors but no next URL. */
  readonly cursorOnly?: boolean;
  /** The endpoint takes no page size (`count` is an unknown parameter there). */
  readonly unpaged?: boolean;
}
