/**
 * The HTTP layer is a stack of small wrappers around one `Send` function, in the manner of
 * undici's interceptors (src/http/stack.ts puts them in order):
 * cache → retry → validate → concurrency → rate limit → auth → log → transport.
 */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL, query string included. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
  /** Called each time the request actually goes on the wire (retries count; cache hits do not). */
  readonly onSent?: () => void;
  /** A read that changes nothing, whatever its method (a Graph `POST /` batch of GETs): retried and cacheable like a GET. */
  readonly read?: boolean;
  /** Checks a 2xx body: its parsed value, or why it is malformed (then the read is retried, and nothing is cached). */
  readonly parse?: BodyParser;
  /** Never answered from the response cache (a job's status, which changes while it runs). */
  readonly uncached?: boolean;
  /** The body is binary (a gzip file): the response carries `bytes`, and `body` is left empty. */
  readonly binary?: boolean;
}

export type ParseOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly detail: string };
export type BodyParser = (body: string) => ParseOutcome;

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The raw body, for `binary` requests. */
  readonly bytes?: Buffer;
  /** What `request.parse` made of a 2xx body (set by the validate layer). */
  readonly parsed?: unknown;
}

export type Send = (request: HttpRequest) => Promise<HttpResponse>;
export type Layer = (next: Send) => Send;

/** Applies layers outermost first: compose(a, b)(send) calls a, which calls b, which calls send. */
export function compose(...layers: Layer[]): Layer {
  return (send) => layers.reduceRight((next, layer) => layer(next), send);
}

/** A read: GETs, and requests marked `read` (batches of GETs). */
export function isRead(request: HttpRequest): boolean {
  return request.read ?? request.method === 'GET';
}

/** Time as the layers see it; tests inject a fake one. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}
