// The recent emulated requests, for GET /__emulator/requests: what a client really sent,
// so tests can compare it with what was planned. Bounded; the oldest entries drop first.

/** Decoded parameters; a name sent more than once keeps every value, in order. */
export type DecodedParams = Record<string, string | string[]>;

/** One part of a batch request: a Graph batch item, or a Twitter batch operation as sent. */
export type LoggedPart =
  | { method: string; path: string; query: DecodedParams; body?: DecodedParams }
  | Record<string, unknown>;

export interface LoggedRequest {
  method: string;
  /** The path as sent (version prefix included), without the query string. */
  path: string;
  query: DecodedParams;
  /** Form-body parameters, when the request had a form body. */
  body?: DecodedParams;
  /** The parts of a batch request, in order. */
  parts?: LoggedPart[];
  /** The HTTP status answered; absent while the request is in flight. */
  status?: number;
}

/** Credentials are never logged (DESIGN: secrets never appear in logs). */
const CREDENTIAL_PARAMS = new Set(['access_token', 'appsecret_proof', 'client_secret', 'fb_exchange_token', 'code', 'oauth_verifier']);

export function decodeParams(pairs: Iterable<readonly [string, string]>): DecodedParams {
  const out: DecodedParams = {};
  for (const [name, value] of pairs) {
    if (CREDENTIAL_PARAMS.has(name)) continue;
    const seen = out[name];
    if (seen === undefined) out[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[name] = [seen, value];
  }
  return out;
}

export const DEFAULT_LOG_CAPACITY = 10_000;

export class RequestLog {
  private readonly ring: (LoggedRequest | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity = DEFAULT_LOG_CAPACITY) {
    this.ring = new Array<LoggedRequest | undefined>(capacity);
  }

  /** Appends an entry and returns it, so the caller can add the parts and status later. */
  append(entry: LoggedRequest): LoggedRequest {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
    return entry;
  }

  /** Oldest first. */
  entries(): LoggedRequest[] {
    const start = (this.next - this.size + this.capacity) % this.capacity;
    const out: LoggedRequest[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.ring[(start + i) % this.capacity]!);
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
  }
}
