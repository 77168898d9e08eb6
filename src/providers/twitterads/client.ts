/**
 * The Twitter Ads REST API as the table sources see it: signed requests, the `data`/`next_cursor`
 * envelope validated at the edge, CAPS error codes mapped to our error classes.
 */
import { z } from 'zod';
import { oauth1Header, type Oauth1Credentials } from '../../auth/oauth1-signer.js';
import { ApiError, AuthError, PlanError } from '../../errors.js';
import { limitConcurrency } from '../../http/concurrency.js';
import { cacheResponses } from '../../http/response-cache.js';
import { respectRateLimits, type RateLimitRules } from '../../http/rate-limit.js';
import { defaultRetryPolicy, retry } from '../../http/retry.js';
import { pathOf, type Transport } from '../../http/transport.js';
import { compose, type HttpRequest, type HttpResponse, type Layer, type Send } from '../../http/types.js';
import type { Logger } from '../../log/logger.js';
import { logExchanges } from '../../http/log-exchanges.js';
import type { ApiClient, CallOptions, PageRequest } from '../api-client.js';

export const TWITTER_ADS_HOST = 'https://ads-api.x.com';

/** The OAuth layer as the client sees it (src/providers/twitterads/oauth.ts). */
export interface Oauth1Session {
  credentials(signal: AbortSignal): Promise<Oauth1Credentials>;
  /** After a 401: true when newer credentials are now available (saved by another connection, or re-authorized). */
  renew(rejected: Oauth1Credentials, signal: AbortSignal): Promise<boolean>;
}

export interface TwitterAdsClientOptions {
  readonly baseUrl: string;
  readonly version: string;
  /** Where the OAuth 1.0a credentials come from, and how they are renewed after a 401. */
  readonly session: Oauth1Session;
  readonly transport: Transport;
  readonly maxConcurrency: number;
  readonly maxRateLimitDelay: number;
  readonly cacheTtlSeconds: number;
  readonly pageSize: number;
  readonly defaultAccountId?: string;
  readonly logger: Logger;
  /** Told of each rate-limit wait (the status line's countdown). */
  readonly onRateLimitWait?: (ms: number) => void;
}

const listEnvelope = z.object({ data: z.array(z.unknown()), next_cursor: z.string().nullable().optional() });
const objectEnvelope = z.object({ data: z.unknown() });
const errorDetail = z.object({ code: z.string(), message: z.string().optional(), parameter: z.string().optional() });
const errorEnvelope = z.object({ errors: z.array(errorDetail).min(1) });
/** A failed batch: one list of errors per operation, empty for the operations that were fine. */
const batchErrorEnvelope = z.object({ operation_errors: z.array(z.array(errorDetail).nullable()) });
const accountsEnvelope = z.object({ data: z.array(z.object({ id: z.string(), timezone: z.string() })) });

export class TwitterAdsClient implements ApiClient {
  readonly endpointPrefix: string;
  readonly preferredPageSize: number;
  readonly fanOut: number;
  private readonly send: Send;
  private firstAccount: Promise<string> | undefined;
  private readonly timezones = new Map<string, Promise<string>>();

  constructor(private readonly options: TwitterAdsClientOptions) {
    this.endpointPrefix = `/${options.version}`;
    this.preferredPageSize = options.pageSize;
    this.fanOut = options.maxConcurrency;
    const rules: RateLimitRules = {
      bucketOf: (request) => `${request.method} ${pathOf(request.url)}`,
      read: readRateLimit,
      isRateLimited: (response) => response.status === 429,
    };
    const log = options.logger;
    this.send = compose(
      cacheResponses(options.cacheTtlSeconds),
      retry(defaultRetryPolicy, (attempt, reason) => log.log(2, `retry ${attempt} after ${reason}`)),
      respectRateLimits(rules, options.maxRateLimitDelay, { onWait: (bucket, ms) => (log.log(2, `rate limit: waiting ${ms} ms for ${bucket}`), options.onRateLimitWait?.(ms)) }),
      this.sign(),
      logExchanges(log),
      limitConcurrency(options.maxConcurrency),
    )(options.transport.send);
  }

  async *list(path: string, query: Readonly<Record<string, string>>, paging: PageRequest, options: CallOptions): AsyncGenerator<readonly unknown[]> {
    let cursor: string | undefined;
    do {
      const params = { ...query, count: String(paging.pageSize), ...(cursor ? { cursor } : {}) };
      const body = await this.getJson(path, params, options);
      const page = listEnvelope.safeParse(body);
      if (!page.success) throw malformed(path, 'expected {"data": [...], "next_cursor": ...}');
      yield page.data.data;
      cursor = page.data.next_cursor ?? undefined;
    } while (cursor);
  }

  async getOne(path: string, query: Readonly<Record<string, string>>, options: CallOptions): Promise<unknown> {
    const body = await this.getJson(path, query, options, { notFoundIsEmpty: true });
    if (body === undefined) return undefined;
    const parsed = objectEnvelope.safeParse(body);
    if (!parsed.success) throw malformed(path, 'expected {"data": {...}}');
    return parsed.data.data;
  }

  /** Raw JSON of a GET, for the analytics endpoint whose envelope differs. */
  async getJson(path: string, query: Readonly<Record<string, string>>, options: CallOptions, flags: { notFoundIsEmpty?: boolean } = {}): Promise<unknown> {
    const url = new URL(`${this.options.baseUrl}/${this.options.version}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    // A malformed body is retried like a dropped connection: it is usually a truncated transfer.
    for (let attempt = 0; ; attempt++) {
      const response = await this.send({ method: 'GET', url: url.toString(), signal: options.signal, onSent: options.onCall });
      if (flags.notFoundIsEmpty && response.status === 404) return undefined;
      if (response.status >= 400) throw apiError('GET', path, response);
      try {
        return JSON.parse(response.body) as unknown;
      } catch {
        if (attempt >= 2) throw malformed(path, `invalid JSON (${response.body.length} bytes)`);
        this.options.logger.log(2, `malformed body from GET ${path}; retrying`);
      }
    }
  }

  /**
   * A write: POST/PUT/DELETE with query parameters (signed, as the Python SDK sends them), or a
   * POST with a JSON body (the batch endpoints). Answers the parsed body.
   */
  async write(method: 'POST' | 'PUT' | 'DELETE', path: string, request: { query?: Readonly<Record<string, string>>; json?: unknown }, options: CallOptions): Promise<unknown> {
    const url = new URL(`${this.options.baseUrl}/${this.options.version}${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const json = request.json === undefined ? undefined : JSON.stringify(request.json);
    const response = await this.send({
      method,
      url: url.toString(),
      signal: options.signal,
      onSent: options.onCall,
      ...(json !== undefined ? { body: json, headers: { 'content-type': 'application/json' } } : {}),
    });
    if (response.status >= 400) throw apiError(method, path, response);
    try {
      return JSON.parse(response.body) as unknown;
    } catch {
      throw malformed(path, `invalid JSON (${response.body.length} bytes)`);
    }
  }

  async resolveDefault(name: string, options: CallOptions): Promise<readonly string[]> {
    if (name !== 'defaultAccount') throw new Error(`Unknown default ${name}`);
    return [await this.defaultAccount(options)];
  }

  /** The AccountId property, else the first account the credentials can see (looked up once). */
  async defaultAccount(options: CallOptions): Promise<string> {
    if (this.options.defaultAccountId) return this.options.defaultAccountId;
    this.firstAccount ??= this.fetchFirstAccount(options);
    try {
      return await this.firstAccount;
    } catch (error) {
      this.firstAccount = undefined;
      throw error;
    }
  }

  describeDefault(name: string): string {
    if (name !== 'defaultAccount') return `(${name})`;
    return this.options.defaultAccountId ?? '(first account: +1 call the first time)';
  }

  /** The account's IANA time zone, which DAY analytics buckets follow. Cached per connection. */
  async timezoneOf(accountId: string, options: CallOptions): Promise<string> {
    let zone = this.timezones.get(accountId);
    if (!zone) {
      zone = this.fetchTimezone(accountId, options);
      this.timezones.set(accountId, zone);
      zone.catch(() => this.timezones.delete(accountId));
    }
    return zone;
  }

  private async fetchTimezone(accountId: string, options: CallOptions): Promise<string> {
    const body = await this.getJson('/accounts', { account_ids: accountId, with_deleted: 'true' }, options);
    const parsed = accountsEnvelope.safeParse(body);
    if (!parsed.success) throw malformed('/accounts', 'expected accounts with id and timezone');
    const account = parsed.data.data.find((a) => a.id === accountId);
    if (!account) throw new PlanError(`Ads account ${accountId} is not accessible with these credentials`);
    return account.timezone;
  }

  private async fetchFirstAccount(options: CallOptions): Promise<string> {
    const body = await this.getJson('/accounts', { count: '1' }, options);
    const parsed = accountsEnvelope.safeParse(body);
    if (!parsed.success) throw malformed('/accounts', 'expected accounts with id and timezone');
    const first = parsed.data.data[0];
    if (!first) throw new PlanError('These credentials can access no ads account; set AccountId or check the token');
    this.timezones.set(first.id, Promise.resolve(first.timezone));
    return first.id;
  }

  /** Signs each attempt afresh; a 401 gets one retry when the session could renew the credentials. */
  private sign(): Layer {
    const session = this.options.session;
    const signed = (request: HttpRequest, credentials: Oauth1Credentials): HttpRequest => ({
      ...request,
      headers: { ...request.headers, authorization: oauth1Header(request.method, request.url, credentials) },
    });
    return (next) => async (request) => {
      const credentials = await session.credentials(request.signal);
      const response = await next(signed(request, credentials));
      if (response.status !== 401 || !(await session.renew(credentials, request.signal))) return response;
      return next(signed(request, await session.credentials(request.signal)));
    };
  }
}

function readRateLimit(response: HttpResponse) {
  const h = response.headers;
  // Account-level limits take precedence when present (Twitter Ads rate-limiting docs).
  const prefix = h['x-account-rate-limit-remaining'] !== undefined ? 'x-account-rate-limit' : 'x-rate-limit';
  const remaining = Number(h[`${prefix}-remaining`]);
  const reset = Number(h[`${prefix}-reset`]);
  if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return undefined;
  return { remaining, resetAt: new Date(reset * 1000) };
}


function apiError(method: string, path: string, response: HttpResponse): Error {
  let code: string | undefined;
  let detail = '';
  try {
    const body: unknown = JSON.parse(response.body);
    const parsed = errorEnvelope.safeParse(body);
    const batch = batchErrorEnvelope.safeParse(body);
    if (parsed.success) {
      const first = parsed.data.errors[0]!;
      code = first.code;
      detail = `: ${first.message ?? first.code}${first.parameter ? ` (parameter ${first.parameter})` : ''}`;
    } else if (batch.success) {
      const failed = batch.data.operation_errors.findIndex((errors) => (errors?.length ?? 0) > 0);
      const first = batch.data.operation_errors[failed]?.[0];
      if (first) {
        code = first.code;
        detail = `: operation ${failed + 1}: ${first.message ?? first.code}${first.parameter ? ` (parameter ${first.parameter})` : ''}; the batch was not applied`;
      }
    }
  } catch {
    detail = ` (non-JSON body of ${response.body.length} bytes)`;
  }
  const where = `${method} ${path}`;
  if (response.status === 401) {
    return new AuthError(
      `Twitter Ads rejected the credentials for ${where} (${code ?? 'HTTP 401'}). Check OAuthClientId, OAuthClientSecret, OAuthAccessToken and OAuthAccessTokenSecret.`,
    );
  }
  return new ApiError(`Twitter Ads API error on ${where}: HTTP ${response.status} ${code ?? ''}${detail}`.replace('  ', ' '), response.status, code);
}

function malformed(path: string, detail: string): ApiError {
  return new ApiError(`Malformed response from Twitter Ads for GET ${path}: ${detail}`, 200, 'MALFORMED_RESPONSE');
}
