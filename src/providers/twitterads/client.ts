/**
 * The Twitter Ads REST API as the table sources see it: signed requests, the `data`/`next_cursor`
 * envelope validated at the edge, CAPS error codes mapped to our error classes.
 */
import { z } from 'zod';
import { oauth1Header, type Oauth1Credentials } from '../../auth/oauth1-signer.js';
import { ApiError, AuthError, PlanError } from '../../errors.js';
import { jsonBody } from '../../http/json-body.js';
import { plausibleReset, type RateLimitReading, type RateLimitRules, type Throttle } from '../../http/rate-limit.js';
import type { RetryPolicy } from '../../http/retry.js';
import { httpStack } from '../../http/stack.js';
import { pathOf, type Transport } from '../../http/transport.js';
import type { Clock, HttpRequest, HttpResponse, Layer, Send } from '../../http/types.js';
import type { Logger } from '../../log/logger.js';
import { redact } from '../../log/redact.js';
import type { ApiClient, CallOptions, PageRequest } from '../api-client.js';

export const TWITTER_ADS_HOST = 'https://ads-api.x.com';

/** The OAuth layer as the client sees it (src/providers/twitterads/oauth.ts). */
export interface Oauth1Session {
  credentials(signal: AbortSignal): Promise<Oauth1Credentials>;
  /** After a 401: true when newer credentials are now available (saved by another connection, or re-authorized). */
  renew(rejected: Oauth1Credentials, signal: AbortSignal): Promise<boolean>;
  /** Every credential this session holds, so messages can mask them. */
  secrets(): readonly string[];
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
  /** Tests inject time and a faster retry policy. */
  readonly clock?: Clock;
  readonly retryPolicy?: RetryPolicy;
}

/** An object's `id`, when it has one, is a non-empty string or a number: a null id names nothing. */
const listItem = z.unknown().refine((item) => typeof item === 'object' && item !== null && (!('id' in item) || (typeof item.id === 'string' && item.id !== '') || typeof item.id === 'number'), 'objects with usable ids');
const listEnvelope = z.object({ data: z.array(listItem), next_cursor: z.string().nullable().optional() });
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
  private everyAccountList: Promise<readonly string[]> | undefined;
  private readonly timezones = new Map<string, Promise<string>>();

  constructor(private readonly options: TwitterAdsClientOptions) {
    this.endpointPrefix = `/${options.version}`;
    this.preferredPageSize = options.pageSize;
    this.fanOut = options.maxConcurrency;
    this.send = httpStack({
      apiName: 'Twitter Ads',
      send: options.transport.send,
      auth: this.sign(),
      rateLimits: twitterRateLimits,
      maxConcurrency: options.maxConcurrency,
      maxRateLimitDelay: options.maxRateLimitDelay,
      cacheTtlSeconds: options.cacheTtlSeconds,
      logger: options.logger,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
      progress: options.transport.progress,
    });
  }

  /**
   * Follows `next_cursor` until the API sends none. An empty page with a cursor is followed (the API
   * may filter a page to nothing); a cursor that repeats is an error, so paging always ends.
   */
  async *list(path: string, query: Readonly<Record<string, string>>, paging: PageRequest, options: CallOptions): AsyncGenerator<readonly unknown[]> {
    let cursor: string | undefined;
    const seen = new Set<string>();
    do {
      const params = { ...query, ...(paging.unpaged ? {} : { count: String(paging.pageSize) }), ...(cursor ? { cursor } : {}) };
      const page = (await this.getJson(path, params, options, { shape: listEnvelope, expected: '{"data": [...], "next_cursor": ...}' })) as z.infer<typeof listEnvelope>;
      yield page.data;
      cursor = page.next_cursor ?? undefined;
      if (cursor !== undefined) {
        if (seen.has(cursor)) throw new ApiError(`Twitter Ads paging of GET ${path} repeated a next_cursor it had already sent; stopped to avoid an endless loop`, 200, 'PAGING_LOOP');
        seen.add(cursor);
      }
    } while (cursor);
  }

  async getOne(path: string, query: Readonly<Record<string, string>>, options: CallOptions): Promise<unknown> {
    const body = await this.getJson(path, query, options, { notFoundIsEmpty: true, shape: objectEnvelope, expected: '{"data": {...}}' });
    if (body === undefined) return undefined;
    return (body as z.infer<typeof objectEnvelope>).data;
  }

  /**
   * Parsed JSON of a GET (checked against `shape` when given, e.g. the analytics envelope). A
   * malformed or truncated body is retried below the cache, so only bodies that parsed are cached.
   */
  async getJson(path: string, query: Readonly<Record<string, string>>, options: CallOptions, flags: { notFoundIsEmpty?: boolean; shape?: z.ZodType; expected?: string } = {}): Promise<unknown> {
    const url = new URL(`${this.options.baseUrl}/${this.options.version}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await this.call({ method: 'GET', url: url.toString(), signal: options.signal, onSent: options.onCall, parse: jsonBody(flags.shape, flags.expected) });
    if (flags.notFoundIsEmpty && response.status === 404) return undefined;
    if (response.status >= 400) throw this.apiError('GET', path, response);
    return response.parsed;
  }

  /**
   * An async-analytics exchange whose headers matter (X-Concurrent-Job-Limit-Remaining): a job
   * created with POST (query parameters, signed), or jobs polled with GET, never from the cache.
   */
  async jobExchange(method: 'GET' | 'POST', path: string, query: Readonly<Record<string, string>>, shape: z.ZodType, options: CallOptions): Promise<{ body: unknown; headers: Readonly<Record<string, string>> }> {
    const url = new URL(`${this.options.baseUrl}/${this.options.version}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await this.call({ method, url: url.toString(), signal: options.signal, onSent: options.onCall, uncached: true, ...(method === 'GET' ? { parse: jsonBody(shape, 'async analytics jobs') } : {}) });
    if (response.status >= 400) throw this.apiError(method, path, response);
    if (method === 'GET') return { body: response.parsed, headers: response.headers };
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      throw malformed(method, path, `invalid JSON (${response.body.length} bytes)`);
    }
    const checked = shape.safeParse(json);
    if (!checked.success) throw malformed(method, path, 'expected an async analytics job');
    return { body: checked.data, headers: response.headers };
  }

  /**
   * A write: POST/PUT/DELETE with query parameters (signed, as the Python SDK sends them), or a
   * POST with a JSON body (the batch endpoints). Answers the parsed body.
   */
  async write(method: 'POST' | 'PUT' | 'DELETE', path: string, request: { query?: Readonly<Record<string, string>>; json?: unknown }, options: CallOptions): Promise<unknown> {
    const url = new URL(`${this.options.baseUrl}/${this.options.version}${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const json = request.json === undefined ? undefined : JSON.stringify(request.json);
    const response = await this.call({
      method,
      url: url.toString(),
      signal: options.signal,
      onSent: options.onCall,
      ...(json !== undefined ? { body: json, headers: { 'content-type': 'application/json' } } : {}),
    });
    if (response.status >= 400) throw this.apiError(method, path, response);
    try {
      return JSON.parse(response.body) as unknown;
    } catch {
      throw malformed(method, path, `invalid JSON (${response.body.length} bytes)`);
    }
  }

  /**
   * A batch write: the parsed body; or, when the API refused the batch (all or nothing, so nothing
   * was applied) and every refused operation's errors pass `skippable`, the indexes of those
   * operations, for the caller to send the others again. Any other refusal is an ApiError.
   */
  async batchWrite(
    path: string,
    operations: readonly unknown[],
    skippable: (codes: readonly string[]) => boolean,
    options: CallOptions,
  ): Promise<{ body: unknown } | { refused: readonly number[] }> {
    const url = `${this.options.baseUrl}/${this.options.version}${path}`;
    const json = JSON.stringify(operations);
    const response = await this.call({ method: 'POST', url, signal: options.signal, onSent: options.onCall, body: json, headers: { 'content-type': 'application/json' } });
    if (response.status === 400) {
      const refused = refusedOperations(response.body, operations.length, skippable);
      if (refused) return { refused };
    }
    if (response.status >= 400) throw this.apiError('POST', path, response);
    try {
      return { body: JSON.parse(response.body) as unknown };
    } catch {
      throw malformed('POST', path, `invalid JSON (${response.body.length} bytes)`);
    }
  }

  /** One request through the stack; every message that leaves it has the credentials masked. */
  private async call(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await this.send(request);
    } catch (error) {
      throw this.masked(error);
    }
  }

  private masked(error: unknown): unknown {
    if (error instanceof Error) {
      const clean = redact(error.message, this.options.session.secrets());
      if (clean !== error.message) error.message = clean;
    }
    return error;
  }

  private apiError(method: string, path: string, response: HttpResponse): Error {
    return this.masked(apiError(method, path, response)) as Error;
  }

  async resolveDefault(name: string, options: CallOptions): Promise<readonly string[]> {
    if (name !== 'defaultAccount') throw new Error(`Unknown default ${name}`);
    return this.defaultAccounts(options);
  }

  /** `AccountId=*`: a query with no AccountId covers every account the credentials can see. */
  get everyAccount(): boolean {
    return this.options.defaultAccountId === '*';
  }

  /** The accounts a query without AccountId covers: the default account, or with AccountId=* every account (listed once). */
  async defaultAccounts(options: CallOptions): Promise<readonly string[]> {
    if (!this.everyAccount) return [await this.defaultAccount(options)];
    this.everyAccountList ??= this.fetchEveryAccount(options);
    try {
      return await this.everyAccountList;
    } catch (error) {
      this.everyAccountList = undefined;
      throw error;
    }
  }

  /** The AccountId property, else the first account the credentials can see (looked up once). */
  async defaultAccount(options: CallOptions): Promise<string> {
    if (this.everyAccount) throw new PlanError("AccountId=* covers every account, and this needs one: name it (WHERE AccountId = '…', or an AccountId column in INSERT)");
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
    if (this.everyAccount) return '(every account: AccountId=*, listed once)';
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
    const body = (await this.getJson('/accounts', { account_ids: accountId, with_deleted: 'true' }, options, { shape: accountsEnvelope, expected: 'accounts with id and timezone' })) as z.infer<typeof accountsEnvelope>;
    const account = body.data.find((a) => a.id === accountId);
    if (!account) throw new PlanError(`Ads account ${accountId} is not accessible with these credentials`);
    return account.timezone;
  }

  /**
   * Time zones of several accounts in one `GET accounts?account_ids=` (200 a call) instead of one call
   * each: account listings are global reads, the API's smallest budget. Accounts it does not list stay
   * unknown (timezoneOf then answers for them as before).
   */
  async primeTimezones(accountIds: readonly string[], options: CallOptions): Promise<void> {
    const missing = [...new Set(accountIds)].filter((id) => !this.timezones.has(id) && /^[0-9a-z]{1,32}$/.test(id));
    if (missing.length < 2) return;
    for (let i = 0; i < missing.length; i += 200) {
      const chunk = missing.slice(i, i + 200);
      const listed = this.getJson('/accounts', { account_ids: chunk.join(','), with_deleted: 'true', count: '1000' }, options, { shape: accountsEnvelope, expected: 'accounts with id and timezone' }).then(
        (body) => new Map((body as z.infer<typeof accountsEnvelope>).data.map((a) => [a.id, a.timezone])),
      );
      for (const id of chunk) {
        const zone = listed.then((zones) => zones.get(id) ?? this.fetchTimezone(id, options));
        this.timezones.set(id, zone);
        zone.catch(() => this.timezones.delete(id));
      }
      await listed.catch(() => undefined);
    }
  }

  /** Every account the credentials can see, with their time zones remembered (AccountId=*). */
  private async fetchEveryAccount(options: CallOptions): Promise<readonly string[]> {
    const ids: string[] = [];
    for await (const page of this.list('/accounts', {}, { pageSize: 1000 }, options)) {
      const parsed = accountsEnvelope.shape.data.safeParse(page);
      if (!parsed.success) throw new ApiError('Malformed response from Twitter Ads for GET /accounts: accounts without id and timezone', 200, 'MALFORMED_RESPONSE');
      for (const account of parsed.data) {
        ids.push(account.id);
        if (!this.timezones.has(account.id)) this.timezones.set(account.id, Promise.resolve(account.timezone));
      }
    }
    if (ids.length === 0) throw new PlanError('These credentials can access no ads account; check the token');
    return ids;
  }

  private async fetchFirstAccount(options: CallOptions): Promise<string> {
    const body = (await this.getJson('/accounts', { count: '1' }, options, { shape: accountsEnvelope, expected: 'accounts with id and timezone' })) as z.infer<typeof accountsEnvelope>;
    const first = body.data[0];
    if (!first) throw new PlanError('These credentials can access no ads account; set AccountId or check the token');
    this.timezones.set(first.id, Promise.resolve(first.timezone));
    return first.id;
  }

  /** Signs each attempt afresh; a 401 gets one retry when the session could renew the credentials. */
  private sign(): Layer {
    const session = this.options.session;
    const clock = this.options.clock;
    const signed = (request: HttpRequest, credentials: Oauth1Credentials): HttpRequest => ({
      ...request,
      headers: {
        ...request.headers,
        authorization: oauth1Header(request.method, request.url, credentials, clock ? { timestamp: String(Math.floor(clock.now() / 1000)) } : {}),
      },
    });
    return (next) => async (request) => {
      const credentials = await session.credentials(request.signal);
      const response = await next(signed(request, credentials));
      if (response.status !== 401 || !(await session.renew(credentials, request.signal))) return response;
      return next(signed(request, await session.credentials(request.signal)));
    };
  }
}

/** The documented Ads API window: budgets are counted per 15 minutes. */
const WINDOW_MS = 15 * 60_000;

/**
 * GETs of these account resources have a budget per ads account (x-account-rate-limit-*; Ads API
 * announcement "Account-level rate limits now live"); every other endpoint, stats included, has one
 * budget per user token shared by all the token's accounts (x-rate-limit-*).
 */
const accountLevelResources = new Set(['campaigns', 'line_items', 'promoted_tweets', 'targeting_criteria', 'funding_instruments', 'promoted_accounts', 'scheduled_tweets', 'scheduled_promoted_tweets', 'web_event_tags']);

/** Requests that share a budget share a bucket: per account for account-level GETs, else per endpoint across accounts. */
export function rateBucketOf(method: string, path: string): string {
  const m = /^(\/[^/]+\/(?:[a-z_]+\/)*?accounts\/)([^/]+)(\/[^/]+)?(.*)$/.exec(path);
  if (!m) return `${method} ${path}`;
  const [, before, , resource = '', rest] = m;
  if (method === 'GET' && !before!.includes('/stats/') && accountLevelResources.has(resource.slice(1))) return `${method} ${path}`;
  return `${method} ${before}:account_id${resource}${rest}`;
}

export const twitterRateLimits: RateLimitRules = {
  bucketOf: (request) => rateBucketOf(request.method, pathOf(request.url)),
  read: readRateLimit,
  throttle: (response, now): Throttle | undefined => {
    if (response.status !== 429) return undefined;
    const reading = readRateLimit(response, now);
    if (reading?.resetAt !== undefined) return { resetAt: reading.resetAt, estimated: false };
    const retryAfter = Number(response.headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter > 0 && retryAfter <= 86_400) return { resetAt: now + retryAfter * 1000, estimated: false };
    return { resetAt: now + WINDOW_MS, estimated: true };
  },
};

/**
 * Remaining calls and reset. Account-scoped reads carry two budgets, both enforced: the user-level
 * one of the endpoint (x-rate-limit-*, shared by every account) and the account's own
 * (x-account-rate-limit-*). The one with fewer calls left binds; reading only the account's would
 * run into a 429 once other accounts' calls have spent the user-level budget. A reset that is not
 * plausible is dropped, never turned into an invalid Date.
 */
function readRateLimit(response: HttpResponse, now: number): RateLimitReading | undefined {
  const user = familyReading(response, 'x-rate-limit', now);
  const account = familyReading(response, 'x-account-rate-limit', now);
  if (user === undefined || account === undefined) return account ?? user;
  const left = (r: RateLimitReading) => r.remaining ?? Number.POSITIVE_INFINITY;
  if (left(user) !== left(account)) return left(user) < left(account) ? user : account;
  // As many left in both: the later reset is the one both budgets have surely turned by.
  return (user.resetAt ?? 0) > (account.resetAt ?? 0) ? user : account;
}

function familyReading(response: HttpResponse, prefix: 'x-rate-limit' | 'x-account-rate-limit', now: number): RateLimitReading | undefined {
  const h = response.headers;
  const remainingText = h[`${prefix}-remaining`];
  const remaining = remainingText !== undefined && /^\s*\d+\s*$/.test(remainingText) ? Number(remainingText) : undefined;
  const resetAt = plausibleReset(Number(h[`${prefix}-reset`]) * 1000, now);
  if (remaining === undefined && resetAt === undefined) return undefined;
  return { ...(remaining !== undefined ? { remaining } : {}), ...(resetAt !== undefined ? { resetAt } : {}) };
}

/** The refused operations of a batch body, when there are some and every one of them is skippable. */
function refusedOperations(text: string, count: number, skippable: (codes: readonly string[]) => boolean): number[] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const batch = batchErrorEnvelope.safeParse(body);
  if (!batch.success || batch.data.operation_errors.length !== count) return undefined;
  const refused: number[] = [];
  for (const [index, errors] of batch.data.operation_errors.entries()) {
    if (!errors || errors.length === 0) continue;
    if (!skippable(errors.map((e) => e.code))) return undefined;
    refused.push(index);
  }
  return refused.length > 0 ? refused : undefined;
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

function malformed(method: string, path: string, detail: string): ApiError {
  return new ApiError(`Malformed response from Twitter Ads for ${method} ${path}: ${detail}`, 200, 'MALFORMED_RESPONSE');
}
