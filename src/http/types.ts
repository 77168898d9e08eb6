/**
 * The HTTP layer is a stack of small wrappers around one `Send` function, in the manner of
 * undici's interceptors: transport → concurrency → rate limit → retry → auth.
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
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type Send = (request: HttpRequest) => Promise<HttpResponse>;
export type Layer = (next: Send) => Send;

/** Applies layers outermost first: compose(a, b)(send) calls a, which calls b, which calls send. */
export function compose(...layers: Layer[]): Layer {
  return (send) => layers.reduceRight((next, layer) => layer(next), send);
}
