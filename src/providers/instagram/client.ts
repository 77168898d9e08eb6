/**
 * The Instagram Graph API as the table sources see it: bearer-token requests with appsecret_proof,
 * `data`/`paging` envelopes validated at the edge, `paging.next` followed only to the configured
 * host, per-media fan-out through `POST /` batches of 50, and Graph errors mapped to our classes.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ApiError, AuthError, PlanError, RateLimitError } from '../../errors.js';
import { systemClock } from '../../http/clock.js';
import { jsonBody } from '../../http/json-body.js';
import type { RateLimitReading, RateLimitRules, Throttle } from '../../http/rate-limit.js';
import { defaultRetryPolicy, type RetryPolicy } from '../../http/retry.js';
import { httpStack } from '../../http/stack.js';
import type { Transport } from '../../http/transport.js';
import type { BodyParser, Clock, HttpRequest, HttpResponse, Layer, Send } from '../../http/types.js';
import type { Logger } from '../../log/logger.js';
import { redact } from '../../log/redact.js';
import type { ApiClient, ApiRequest, CallOptions, PageRequest } from '../api-client.js';
import type { AuthSchemeName } from './login-schemes.js';
import { permissionError } from './permission-errors.js';
import { isTemporaryGraphAnswer } from './temporary-errors.js';

export const GRAPH_HOST = 'https://graph.facebook.com';
/** Instagram Login's Graph host. */
export const INSTAGRAM_GRAPH_HOST = 'https://graph.instagram.com';
/** BusinessAccountId=*: every Instagram business account of every Page of the user. */
export const EVERY_ACCOUNT = '*';

/** The OAuth layer as the client sees it (src/providers/instagram/oauth.ts). */
export interface TokenSession {
  /** A token good for the next request: refreshed first when it is about to expire. */
  token(signal: AbortSignal): Promise<string>;
  /** After a 190: true when a newer token is now available. */
  renew(rejected: string, signal: AbortSignal): Promise<boolean>;
  /** Every token this session has held, so messages can mask them. */
  secrets(): readonly string[];
}
export const BATCH_LIMIT = 50;

export interface InstagramClientOptions {
  readonly baseUrl: string;
  readonly version: string;
  /** Where the access token comes from, and how it is renewed. */
  readonly session: TokenSession;
  /** When known, every request carries appsecret_proof (Facebook Login only). */
  readonly clientSecret?: string;
  /** FacebookLogin (default): the account comes from the user's Pages. InstagramLogin: the account is /me. */
  readonly scheme?: AuthSchemeName;
  /** An id, or `*` for every business account of every Page. */
  readonly businessAccountId?: string;
  /** AuthenticateAsPage: the Page (id or name) whose token Graph requests use. */
  readonly authenticateAsPage?: string;
  readonly transport: Transport;
  readonly maxConcurrency: number;
  readonly maxRateLimitDelay: number;
  readonly cacheTtlSeconds: number;
  readonly pageSize: number;
  readonly logger: Logger;
  /** Tests inject time and a faster retry policy. */
  readonly clock?: Clock;
  readonly retryPolicy?: RetryPolicy;
}

const graphError = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number(),
    error_subcode: z.number().optional(),
    error_user_title: z.string().optional(),
    is_transient: z.boolean().optional(),
  }),
});
/** An object's `id`, when it has one, is a non-empty string or a number: a null id names nothing. */
const usableId = (item: unknown) => typeof item === 'object' && item !== null && (!('id' in item) || (typeof item.id === 'string' && item.id !== '') || typeof item.id === 'number');
/** Checked by a loop inside zod (a page is up to 100 objects), saying which object is wrong. */
const listItems = z.custom<unknown[]>((value) => Array.isArray(value), 'an array').superRefine((items, ctx) => {
  const bad = items.findIndex((item) => !usableId(item));
  if (bad >= 0) ctx.addIssue({ code: 'custom', message: 'objects with usable ids', path: [bad] });
});
/** A page of a listing, as the Graph API documents it: the schema a batch item's page is held to. */
export const listEnvelope = z.object({
  data: listItems,
  paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});
/** One answer of a batch: null when the request timed out inside the batch. */
type BatchAnswer = { code: number; body?: string | null } | null;
/** Checked by a loop inside zod: a batch of 50 answers would otherwise cost an object (and a copy) per answer. */
const batchResponse = z.custom<BatchAnswer[]>(isBatchAnswers, 'expected [{"code": number, "body": string}, ...]');

function isBatchAnswers(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const answer of value as unknown[]) {
    if (answer === null) continue;
    if (typeof answer !== 'object' || typeof (answer as { code?: unknown }).code !== 'number') return false;
    const body = (answer as { body?: unknown }).body;
    if (body !== undefined && body !== null && typeof body !== 'string') return false;
  }
  return true;
}
const pagesEnvelope = z.array(
  z.object({ id: z.string(), name: z.string().optional(), access_token: z.string().optional(), instagram_business_account: z.object({ id: z.string() }).optional() }),
);
type PageEntry = z.infer<typeof pagesEnvelope>[number];
const meEnvelope = z.object({ id: z.string().min(1) });
const idsEnvelope = z.array(z.object({ id: z.string(), media_type: z.string().optional(), media_product_type: z.string().optional(), timestamp: z.string().optional() }));

/**
 * Graph's answer for an id that names no object it can read (#100 subcode 33, or #803 for ids=):
 * SQL's answer for such an id is no rows, not an error.
 */
export function isMissingObject(failure: Pick<GraphFailure, 'code' | 'subcode'>): boolean {
  return failure.code === 803 || (failure.code === 100 && failure.subcode === 33);
}

/** A Graph error as data: code, subcode and the API's message. */
export interface GraphFailure {
  readonly status: number;
  readonly code: number;
  readonly subcode?: number;
  readonly message: string;
  /** Graph's own hint that trying again may succeed. */
  readonly transient?: boolean;
  /** A throttle's end, read from the usage headers of the answer that carried it. */
  readonly throttle?: Throttle;
}

/** One sub-response of a batch: parsed JSON, or the Graph error it carried. */
export type BatchItem = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly failure: GraphFailure };

/** Throttling codes: app (4), user (17), pages (32), custom (613), and the business-use-case range. */
const throttleCodes = new Set([4, 17, 32, 613]);
const isThrottle = (code: number) => throttleCodes.has(code) || (code >= 80000 && code <= 80014);
/** Codes Graph documents as temporary: unknown (1), service (2), and the throttles. */
const transientCodes = new Set([1, 2, 4, 17, 32, 613]);
const isTransient = (failure: GraphFailure) => failure.transient === true || transientCodes.has(failure.code) || isThrottle(failure.code) || failure.status >= 500;
/** Graph windows are a rolling hour: without a regain time, an hour is the honest estimate. */
const GRAPH_WINDOW_MS = 3_600_000;

export class InstagramClient implements ApiClient {
  readonly endpointPrefix: string;
  readonly preferredPageSize: number;
  readonly fanOut: number;
  readonly batchLimit = BATCH_LIMIT;
  /** The Graph version every path is prefixed with, e.g. v24.0. */
  readonly version: string;
  private readonly send: Send;
  private readonly origin: string;
  /** `${baseUrl}/${version}` as URL normalises it, when the base URL has no query or fragment. */
  private readonly urlPrefix: string | undefined;
  private businessAccounts: Promise<readonly string[]> | undefined;
  private page: Promise<PageEntry & { access_token: string }> | undefined;
  private pageTokens: string[] = [];
  readonly scheme: AuthSchemeName;
  private readonly clock: Clock;
  private readonly retryPolicy: RetryPolicy;
  /** The frozen query url() encoded last, and its text. */
  private lastQuery: Readonly<Record<string, string>> | undefined;
  private lastSearch = '';

  constructor(private readonly options: InstagramClientOptions) {
    this.version = options.version;
    this.scheme = options.scheme ?? 'FacebookLogin';
    this.endpointPrefix = `/${options.version}`;
    this.preferredPageSize = options.pageSize;
    this.fanOut = options.maxConcurrency;
    this.origin = new URL(options.baseUrl).origin;
    const prefix = new URL(`${options.baseUrl}/${options.version}`);
    this.urlPrefix = prefix.search === '' && prefix.hash === '' && !/[?#]/.test(options.baseUrl) ? prefix.toString() : undefined;
    this.clock = options.clock ?? systemClock;
    this.retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
    this.send = httpStack({
      apiName: 'the Instagram Graph API',
      send: options.transport.send,
      auth: this.authenticate(),
      rateLimits: graphRateLimits,
      maxConcurrency: options.maxConcurrency,
      maxRateLimitDelay: options.maxRateLimitDelay,
      cacheTtlSeconds: options.cacheTtlSeconds,
      logger: options.logger,
      clock: this.clock,
      retryPolicy: { ...this.retryPolicy, transientAnswer: isTemporaryGraphAnswer },
      progress: options.transport.progress,
    });
  }

  /** Follows `paging.next` (or the `after` cursor) until there is none; a next URL that repeats is an error, so paging always ends. */
  async *list(path: string, query: Readonly<Record<string, string>>, paging: PageRequest, options: CallOptions): AsyncGenerator<readonly unknown[]> {
    let url: string | undefined = this.url(path, { ...query, limit: String(paging.pageSize) });
    const seen = new Set<string>([url]);
    while (url) {
      const item = await this.fetchJson(url, options, listBody);
      // The edge of an object that does not exist (AccountId = '12345'): no rows.
      if (!item.ok && seen.size === 1 && isMissingObject(item.failure)) return;
      if (!item.ok) throw this.error('GET', new URL(url).pathname, item.failure);
      const page = item.body as z.infer<typeof listEnvelope>;
      yield page.data;
      url = this.nextUrl(page, url, paging, path);
      if (url !== undefined) checkNew(seen, url, path);
    }
  }

  async getOne(path: string, query: Readonly<Record<string, string>>, options: CallOptions): Promise<unknown> {
    try {
      return await this.getJson(this.url(path, query), options);
    } catch (error) {
      if (error instanceof ApiError && error.apiCode === '100/33') return undefined;
      throw error;
    }
  }

  /**
   * A multi-id read (`?ids=a,b`). Graph refuses the whole request (#803) when one id does not exist;
   * SQL's answer for such an id is no row, so the ids are then read one by one, in batches, and the
   * ones that do not exist are left out.
   */
  async getByIds(path: string, query: Readonly<Record<string, string>>, options: CallOptions): Promise<readonly unknown[]> {
    try {
      return objectValues(await this.getJson(this.url(path, query), options), path);
    } catch (error) {
      const ids = query.ids?.split(',').filter((id) => id !== '');
      if (!(error instanceof ApiError) || error.apiCode !== '803' || !ids || ids.length === 0) throw error;
      const { ids: _all, ...rest } = query;
      const items = await this.batch(ids.map((id) => this.url(`${path === '/' ? '' : path}/${encodeURIComponent(id)}`, rest)), options);
      const found: unknown[] = [];
      for (const item of items) {
        if (item.ok) found.push(item.body);
        else if (!isMissingObject(item.failure)) throw this.error('GET', path, item.failure);
      }
      return found;
    }
  }

  /**
   * Runs many reads in rounds: every first page in batches of 50, then every next page, and so
   * on. N requests of one page each cost ceil(N/50) calls. A round's batches are all sent at once
   * (the stack admits MaxConcurrency) and read in order as each arrives, not when the last has.
   */
  async *fetchMany(requests: readonly ApiRequest[], paging: PageRequest, options: CallOptions): AsyncGenerator<{ index: number; objects: readonly unknown[] }> {
    // Fan-out requests mostly share one query object: one frozen copy of each, so url() encodes it once.
    const copies = new Map<Readonly<Record<string, string>>, { list?: Readonly<Record<string, string>>; other?: Readonly<Record<string, string>> }>();
    const queryOf = (request: ApiRequest): Readonly<Record<string, string>> => {
      let copy = copies.get(request.query);
      if (!copy) copies.set(request.query, (copy = {}));
      if (request.kind === 'list') return (copy.list ??= Object.freeze({ ...request.query, limit: String(paging.pageSize) }));
      return (copy.other ??= Object.freeze({ ...request.query }));
    };
    let round = requests.map((request, index) => ({ index, request, url: this.url(request.path, queryOf(request)) }));
    const seen = round.map((r) => new Set([r.url]));
    const firsts = round.map((r) => r.url);
    while (round.length > 0) {
      const chunks: (typeof round)[] = [];
      for (let i = 0; i < round.length; i += BATCH_LIMIT) chunks.push(round.slice(i, i + BATCH_LIMIT));
      const answers = chunks.map((chunk) => this.batch(chunk.map((r) => r.url), options));
      // A later batch may fail while an earlier one is read: it is thrown when its turn comes.
      for (const answer of answers) answer.catch(() => undefined);
      const next: typeof round = [];
      for (const [c, chunk] of chunks.entries()) {
        for (const [i, item] of (await answers[c]!).entries()) {
          const { index, request, url } = chunk[i]!;
          if (!item.ok) {
            // An object, or the first page of an edge, of an id that names nothing: no rows for it.
            if ((request.kind === 'object' || url === firsts[index]) && isMissingObject(item.failure)) continue;
            throw this.error('GET', request.path, item.failure);
          }
          if (request.kind === 'object') yield { index, objects: [item.body] };
          else if (request.kind === 'ids') yield { index, objects: objectValues(item.body, request.path) };
          else {
            const page = parseList(item.body, request.path);
            yield { index, objects: page.data };
            const nextUrl = this.nextUrl(page, url, paging, request.path);
            if (nextUrl) {
              checkNew(seen[index]!, nextUrl, request.path);
              next.push({ index, request, url: nextUrl });
            }
          }
        }
      }
      round = next;
    }
  }

  /**
   * GET requests (absolute URLs on the Graph host) through `POST /` batches of at most 50, answered
   * in order. A batch is a read: the stack retries it whole when it fails on the wire. Items that
   * fail transiently (is_transient, codes 1, 2, 4, 17, 32, 613, a 5xx, a timeout) are sent again in
   * a smaller batch, without the items that succeeded; throttled items wait for the reset first.
   */
  async batch(urls: readonly string[], options: CallOptions): Promise<BatchItem[]> {
    const answers: BatchItem[] = new Array<BatchItem>(urls.length);
    let pending = urls.map((_, i) => i);
    for (let attempt = 0; pending.length > 0; attempt++) {
      const chunks: number[][] = [];
      for (let i = 0; i < pending.length; i += BATCH_LIMIT) chunks.push(pending.slice(i, i + BATCH_LIMIT));
      const results = await Promise.all(chunks.map((chunk) => this.batchOnce(chunk.map((i) => urls[i]!), options)));
      const again: number[] = [];
      let throttle: Throttle | undefined;
      results.forEach((result, c) =>
        result.items.forEach((item, j) => {
          const index = chunks[c]![j]!;
          if (!item.ok && isTransient(item.failure) && attempt < this.retryPolicy.maxRetries) {
            again.push(index);
            if (isThrottle(item.failure.code)) {
              const reset = throttleReset(result.headers, this.clock.now());
              if (!throttle || reset.resetAt > throttle.resetAt) throttle = reset;
            }
          } else answers[index] = !item.ok && isThrottle(item.failure.code) ? { ok: false, failure: { ...item.failure, throttle: throttleReset(result.headers, this.clock.now()) } } : item;
        }),
      );
      pending = again;
      if (pending.length === 0) break;
      this.options.logger.log(2, `batch: ${pending.length} of ${urls.length} requests failed transiently; sending them again`);
      if (throttle) await this.waitForReset(throttle, options.signal);
      else await this.clock.sleep(Math.min(this.retryPolicy.maxDelayMs, this.retryPolicy.baseDelayMs * 2 ** attempt), options.signal);
    }
    return answers;
  }

  private async waitForReset(throttle: Throttle, signal: AbortSignal): Promise<void> {
    const ms = throttle.resetAt - this.clock.now();
    if (ms > this.options.maxRateLimitDelay * 1000) throw rateLimitError('POST /', throttle, this.options.maxRateLimitDelay);
    if (ms > 0) await this.clock.sleep(ms, signal);
  }

  private async batchOnce(urls: readonly string[], options: CallOptions): Promise<{ items: BatchItem[]; headers: Readonly<Record<string, string>> }> {
    // One request needs no batch envelope.
    if (urls.length === 1) return { items: [await this.fetchJson(urls[0]!, options, anyJson)], headers: {} };
    const batch = urls.map((url) => ({ method: 'GET', relative_url: this.relativeUrl(url) }));
    const body = `batch=${encodeURIComponent(JSON.stringify(batch))}&include_headers=false`;
    const response = await this.call({
      method: 'POST',
      url: `${this.options.baseUrl}/`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: options.signal,
      onSent: options.onCall,
      read: true,
      parse: batchBody(urls.length),
    });
    if (response.status >= 400) throw this.error('POST', '/', failureOf(response, this.clock.now()) ?? { status: response.status, code: 0, message: 'batch failed' });
    const parsed = response.parsed as BatchAnswer[];
    const items = parsed.map((item): BatchItem => {
      if (!item) return { ok: false, failure: { status: 0, code: 1, message: 'A batch request timed out', transient: true } };
      const json = item.body ? safeJson(item.body) : undefined;
      if (item.code === 200 && json !== undefined) return { ok: true, body: json };
      const error = graphError.safeParse(json);
      return error.success
        ? { ok: false, failure: { status: item.code, code: error.data.error.code, subcode: error.data.error.error_subcode, message: error.data.error.message, transient: error.data.error.is_transient } }
        : { ok: false, failure: { status: item.code, code: 0, message: `HTTP ${item.code} with an unreadable body` } };
    });
    return { items, headers: response.headers };
  }

  /** A write (POST with form parameters, or DELETE); answers the API's JSON. */
  async write(method: 'POST' | 'DELETE', path: string, params: Readonly<Record<string, string>>, options: CallOptions): Promise<unknown> {
    const response = await this.call({
      method,
      url: this.url(path, method === 'DELETE' ? params : {}),
      headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: method === 'POST' ? new URLSearchParams(params).toString() : undefined,
      signal: options.signal,
      onSent: options.onCall,
    });
    const failure = response.status >= 400 ? failureOf(response, this.clock.now()) : undefined;
    if (response.status >= 400) throw this.error(method, path, failure ?? { status: response.status, code: 0, message: `HTTP ${response.status}` });
    return parseJson(response, path);
  }

  async resolveDefault(name: string, options: CallOptions): Promise<readonly string[]> {
    switch (name) {
      case 'businessAccount':
        return this.businessAccountIds(options);
      case 'allMedia':
        return (await this.listMedia(options)).map((m) => m.id);
      case 'carouselMedia':
        return (await this.listMedia(options)).filter((m) => m.media_type === 'CAROUSEL_ALBUM').map((m) => m.id);
      default:
        throw new Error(`Unknown default ${name}`);
    }
  }

  describeDefault(name: string): string {
    switch (name) {
      case 'businessAccount':
        if (this.options.businessAccountId === EVERY_ACCOUNT) return '(every business account of every Page, from /me/accounts: +1 call per 100 Pages the first time)';
        if (this.options.businessAccountId) return this.options.businessAccountId;
        if (this.scheme === 'InstagramLogin') return '(the Instagram user who logged in, from /me: +1 call the first time)';
        if (this.options.authenticateAsPage) return `(the business account of Page ${this.options.authenticateAsPage}, from /me/accounts: +1 call the first time)`;
        return '(from /me/accounts: +1 call the first time)';
      case 'allMedia':
        return '(every media of the account: +1 call per page of media)';
      case 'carouselMedia':
        return '(every carousel of the account: +1 call per page of media)';
      default:
        return `(${name})`;
    }
  }

  /**
   * The default account: BusinessAccountId; under Instagram Login the user who logged in (/me);
   * with AuthenticateAsPage that Page's account; else the first Page's account. With
   * BusinessAccountId=* the first of every account: tables that read all of them use businessAccountIds.
   */
  async businessAccountId(options: CallOptions): Promise<string> {
    return (await this.businessAccountIds(options))[0]!;
  }

  /** Every account the connection reads by default: one, or with BusinessAccountId=* all of them (looked up once). */
  async businessAccountIds(options: CallOptions): Promise<readonly string[]> {
    const given = this.options.businessAccountId;
    if (given && given !== EVERY_ACCOUNT) return [given];
    this.businessAccounts ??= this.discoverBusinessAccounts(given === EVERY_ACCOUNT, options);
    try {
      return await this.businessAccounts;
    } catch (error) {
      this.businessAccounts = undefined;
      throw error;
    }
  }

  /**
   * Every media (or live story) of the business account, of every account under BusinessAccountId=*,
   * with its types: what per-media fan-outs start from.
   */
  async listMedia(options: CallOptions, edge: 'media' | 'stories' = 'media'): Promise<z.infer<typeof idsEnvelope>> {
    const media: z.infer<typeof idsEnvelope> = [];
    for (const account of await this.businessAccountIds(options)) {
      for await (const page of this.list(`/${encodeURIComponent(account)}/${edge}`, { fields: 'id,media_type,media_product_type,timestamp' }, { pageSize: 100 }, options)) {
        const parsed = idsEnvelope.safeParse(page);
        if (!parsed.success) throw malformed(`GET /${account}/${edge}`, 'media without id');
        media.push(...parsed.data);
      }
    }
    return media;
  }

  private async discoverBusinessAccounts(every: boolean, options: CallOptions): Promise<readonly string[]> {
    if (this.scheme === 'InstagramLogin') {
      // No Pages under Instagram Login: the token is the account's own.
      const me = meEnvelope.safeParse(await this.getJson(this.url('/me', { fields: 'id' }), options));
      if (!me.success) throw malformed('GET /me', 'expected the Instagram user id');
      return [me.data.id];
    }
    if (this.options.authenticateAsPage && !every) {
      const page = await this.pageToAuthenticateAs(options);
      if (!page.instagram_business_account) throw new PlanError(`The Page ${page.name ?? page.id} (AuthenticateAsPage) has no Instagram business account linked; link one, or choose another Page`);
      return [page.instagram_business_account.id];
    }
    const found: string[] = [];
    for (const page of await this.pages(options)) {
      const id = page.instagram_business_account?.id;
      if (id && !found.includes(id)) found.push(id);
      if (id && !every) return found;
    }
    if (found.length === 0) throw new PlanError('No Facebook Page of this user has an Instagram business account; set BusinessAccountId');
    return found;
  }

  /** The user's Pages (GET /me/accounts, 100 a page), with their tokens and linked accounts. */
  private async pages(options: CallOptions): Promise<PageEntry[]> {
    const pages: PageEntry[] = [];
    for await (const page of this.list('/me/accounts', { fields: 'id,name,access_token,instagram_business_account' }, { pageSize: 100 }, options)) {
      const parsed = pagesEnvelope.safeParse(page);
      if (!parsed.success) throw malformed('GET /me/accounts', 'expected Pages');
      pages.push(...parsed.data);
      for (const p of parsed.data) if (p.access_token && !this.pageTokens.includes(p.access_token)) this.pageTokens.push(p.access_token);
    }
    return pages;
  }

  /** AuthenticateAsPage: the Page it names, by id or (case-insensitive) name, with its access token. Looked up once. */
  private pageToAuthenticateAs(options: CallOptions): Promise<PageEntry & { access_token: string }> {
    this.page ??= (async () => {
      const wanted = this.options.authenticateAsPage!;
      const pages = await this.pages(options);
      const page = pages.find((p) => p.id === wanted) ?? pages.find((p) => p.name?.toLowerCase() === wanted.toLowerCase());
      if (!page) {
        const names = pages.map((p) => (p.name ? `${p.name} (${p.id})` : p.id)).join(', ');
        throw new PlanError(`AuthenticateAsPage=${wanted} names none of your Facebook Pages${names ? `: ${names}` : ''}`);
      }
      if (!page.access_token) throw new AuthError(`GET /me/accounts gave no access token for the Page ${page.name ?? page.id}: the user needs a task on the Page (pages_show_list, pages_read_engagement)`);
      return { ...page, access_token: page.access_token };
    })();
    this.page.catch(() => (this.page = undefined));
    return this.page;
  }

  url(path: string, query: Readonly<Record<string, string>>): string {
    // A plain path (no dot segments, nothing to escape) after the normalised prefix is what URL would
    // give; fan-outs build thousands of these.
    const prefix = this.urlPrefix;
    if (prefix !== undefined && PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path)) {
      // Fan-outs pass one frozen query object for many paths: it is encoded once (a frozen one cannot have changed since).
      let search: string;
      if (query === this.lastQuery) search = this.lastSearch;
      else {
        search = formQuery(query);
        if (Object.isFrozen(query)) [this.lastQuery, this.lastSearch] = [query, search];
      }
      return search === '' ? `${prefix}${path}` : `${prefix}${path}?${search}`;
    }
    const url = new URL(`${this.options.baseUrl}/${this.options.version}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }

  /** A batch item's relative_url: the path (without its leading /) and query of a URL on our host. */
  private relativeUrl(url: string): string {
    if (url.startsWith(`${this.origin}/`) && !url.includes('#')) return url.slice(this.origin.length + 1);
    const parsed = new URL(url);
    return `${parsed.pathname.replace(/^\//, '')}${parsed.search}`;
  }

  /** `paging.next`, followed only to the host we were configured with, so the token never leaves it. */
  private nextUrl(page: z.infer<typeof listEnvelope>, current: string, paging: PageRequest, path: string): string | undefined {
    const next = page.paging?.next;
    if (next) {
      let target: URL;
      try {
        target = new URL(next);
      } catch {
        throw malformed(`GET ${path}`, 'paging.next is not a URL');
      }
      if (target.origin !== this.origin) {
        throw new ApiError(`Refusing to follow paging.next of GET ${path} to ${target.origin}: only ${this.origin} is trusted with the access token`, 200, 'UNTRUSTED_NEXT_URL');
      }
      return target.toString();
    }
    const after = page.paging?.cursors?.after;
    if (paging.cursorOnly && after && page.data.length > 0) {
      const url = new URL(current);
      url.searchParams.set('after', after);
      return url.toString();
    }
    return undefined;
  }

  private async getJson(url: string, options: CallOptions, parse: BodyParser = anyJson): Promise<unknown> {
    const item = await this.fetchJson(url, options, parse);
    if (!item.ok) throw this.error('GET', new URL(url).pathname, item.failure);
    return item.body;
  }

  /** One GET: its checked JSON, or the Graph failure it answered with. A malformed body is retried below the cache. */
  private async fetchJson(url: string, options: CallOptions, parse: BodyParser): Promise<BatchItem> {
    const response = await this.call({ method: 'GET', url, signal: options.signal, onSent: options.onCall, parse });
    if (response.status >= 400) return { ok: false, failure: failureOf(response, this.clock.now()) ?? { status: response.status, code: 0, message: `HTTP ${response.status}` } };
    return { ok: true, body: response.parsed };
  }

  /** One request through the stack; every message that leaves it has the credentials masked. */
  private async call(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await this.send(request);
    } catch (error) {
      if (error instanceof Error) error.message = this.mask(error.message);
      throw error;
    }
  }

  /** The client's clock: which metrics a version still serves depends on the day. */
  now(): number {
    return this.clock.now();
  }

  /** Page tokens read for AuthenticateAsPage or from /me/accounts: masked like the user's. */
  pageSecrets(): readonly string[] {
    return this.pageTokens;
  }

  /** `text` with known tokens and the app secret masked as whole tokens, and anything credential-shaped (appsecret_proof=…, access_token=…). */
  mask(text: string): string {
    return redact(text, [...this.options.session.secrets(), ...this.pageTokens, this.options.clientSecret]);
  }

  /** Our error for a Graph failure. Messages never carry the token: it is not in them, and is masked if it were. */
  error(method: string, path: string, failure: GraphFailure): Error {
    const code = failure.subcode !== undefined ? `${failure.code}/${failure.subcode}` : String(failure.code);
    const message = this.mask(failure.message);
    if (isThrottle(failure.code)) {
      // The reset the usage headers gave (estimated_time_to_regain_access), else one Graph window.
      const throttle = failure.throttle ?? { resetAt: this.clock.now() + GRAPH_WINDOW_MS, estimated: true };
      const resetAt = new Date(throttle.resetAt);
      return new RateLimitError(
        `Instagram rate limit reached on ${method} ${path} (${message}, code ${code}), still throttled after retries; access returns ${throttle.estimated ? `by ${resetAt.toISOString()} (estimated: one Graph window)` : `at ${resetAt.toISOString()} (from the usage headers)`}`,
        resetAt,
        throttle.estimated,
      );
    }
    const permission = permissionError(method, path, failure, message);
    if (permission) return permission;
    if (failure.code === 190 || failure.code === 102) {
      const expired = failure.subcode === 463;
      return new AuthError(
        `Instagram rejected the access token for ${method} ${path} (${code}: ${message}). ` +
          (expired
            ? 'The token has expired: get a new one with EXEC GetOAuthAccessToken, or let socialsql refresh it with InitiateOAuth=REFRESH and OAuthSettingsLocation.'
            : 'Check OAuthAccessToken, or get a new one with EXEC GetOAuthAccessToken.'),
      );
    }
    return new ApiError(`Instagram Graph API error on ${method} ${path}: ${message} (code ${code})`, failure.status, code);
  }

  /**
   * Bearer token and appsecret_proof (Facebook Login; Instagram Login has none) on each attempt; a
   * 190 gets one retry when the session has a newer token. With AuthenticateAsPage, requests use
   * the Page's token, except /me/accounts, which only the user's token can list.
   */
  private authenticate(): Layer {
    const { session } = this.options;
    const proofKey = this.scheme === 'FacebookLogin' ? this.options.clientSecret : undefined;
    // The proof of the token last used: a token serves many requests.
    let proof: { token: string; hex: string } | undefined;
    const proofOf = (key: string, token: string) => {
      if (proof?.token !== token) proof = { token, hex: createHmac('sha256', key).update(token).digest('hex') };
      return proof.hex;
    };
    const withToken = (request: HttpRequest, token: string): HttpRequest => {
      const url = new URL(request.url);
      if (proofKey) url.searchParams.set('appsecret_proof', proofOf(proofKey, token));
      return { ...request, url: url.toString(), headers: { ...request.headers, authorization: `Bearer ${token}` } };
    };
    const asPage = (request: HttpRequest) => this.options.authenticateAsPage !== undefined && !new URL(request.url).pathname.endsWith('/me/accounts');
    return (next) => async (request) => {
      if (asPage(request)) {
        // The Page lookup counts as a call of the query that needed it (EXPLAIN ANALYZE).
        const lookup = { signal: request.signal, onCall: request.onSent ?? (() => undefined) };
        const page = await this.pageToAuthenticateAs(lookup);
        const response = await next(withToken(request, page.access_token));
        if (failureOf(response)?.code !== 190) return response;
        // The Page token was refused: read the Pages again (with a renewed user token when needed) and retry once.
        this.page = undefined;
        const again = await this.pageToAuthenticateAs(lookup);
        return again.access_token === page.access_token ? response : next(withToken(request, again.access_token));
      }
      const token = await session.token(request.signal);
      const response = await next(withToken(request, token));
      if (failureOf(response)?.code !== 190 || !(await session.renew(token, request.signal))) return response;
      return next(withToken(request, await session.token(request.signal)));
    };
  }
}

function failureOf(response: HttpResponse, now?: number): GraphFailure | undefined {
  if (response.status < 400) return undefined;
  const parsed = graphError.safeParse(safeJson(response.body));
  if (!parsed.success) return undefined;
  const e = parsed.data.error;
  const throttle = now !== undefined && isThrottle(e.code) ? { throttle: throttleReset(response.headers, now) } : {};
  return { status: response.status, code: e.code, subcode: e.error_subcode, message: e.message, transient: e.is_transient, ...throttle };
}

/**
 * Graph reports usage as percentages of budgets whose size it does not say, over a rolling hour:
 * the layer turns them into calls left, waits for `estimated_time_to_regain_access` when Graph
 * sends one, and otherwise estimates the reset as an hour after the window's first call.
 */
export const graphRateLimits: RateLimitRules = {
  bucketOf: () => 'graph',
  read: readUsage,
  throttle: (response, now) => (isThrottle(failureOf(response)?.code ?? 0) ? throttleReset(response.headers, now) : undefined),
  windowMs: GRAPH_WINDOW_MS,
};

function readUsage(response: HttpResponse, now: number): RateLimitReading | undefined {
  const usage = usageOf(response.headers);
  if (!usage) return undefined;
  return {
    usedPercent: usage.waitMinutes > 0 ? Math.max(100, usage.used) : usage.used,
    ...(usage.waitMinutes > 0 ? { remaining: 0, resetAt: now + usage.waitMinutes * 60_000 } : {}),
  };
}

/** When a throttled budget returns: Graph's regain estimate when it sends one, else a full window (and says so). */
function throttleReset(headers: Readonly<Record<string, string>>, now: number): Throttle {
  const wait = usageOf(headers)?.waitMinutes ?? 0;
  return wait > 0 && wait <= 24 * 60 ? { resetAt: now + wait * 60_000, estimated: false } : { resetAt: now + GRAPH_WINDOW_MS, estimated: true };
}

/** The last usage headers read and what they said: consecutive answers mostly repeat them. */
let lastUsage: { app: string; buc: string; usage: { used: number; waitMinutes: number } | undefined } | undefined;

function usageOf(headers: Readonly<Record<string, string>>): { used: number; waitMinutes: number } | undefined {
  const appText = headers['x-app-usage'] ?? '';
  const bucText = headers['x-business-use-case-usage'] ?? '';
  if (lastUsage?.app === appText && lastUsage.buc === bucText) return lastUsage.usage;
  const usage = readUsageHeaders(appText, bucText);
  lastUsage = { app: appText, buc: bucText, usage };
  return usage;
}

function readUsageHeaders(appText: string, bucText: string): { used: number; waitMinutes: number } | undefined {
  const buc = safeJson(bucText);
  const app = safeJson(appText);
  if (buc === undefined && app === undefined) return undefined;
  let used = 0;
  let waitMinutes = 0;
  const consider = (entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return;
    const e = entry as Record<string, unknown>;
    for (const key of ['call_count', 'total_time', 'total_cputime']) {
      const value = e[key];
      if (typeof value === 'number' && Number.isFinite(value)) used = Math.max(used, value);
    }
    const regain = e.estimated_time_to_regain_access;
    if (typeof regain === 'number' && Number.isFinite(regain)) waitMinutes = Math.max(waitMinutes, regain);
  };
  consider(app);
  if (typeof buc === 'object' && buc !== null) for (const entries of Object.values(buc)) if (Array.isArray(entries)) entries.forEach(consider);
  return { used, waitMinutes };
}

function rateLimitError(where: string, throttle: Throttle, maxDelaySeconds: number, apiMessage?: string): RateLimitError {
  const when = new Date(throttle.resetAt).toISOString();
  return new RateLimitError(
    `Instagram rate limit reached on ${where}${apiMessage ? ` (${apiMessage})` : ''}; access returns at ${when}${throttle.estimated ? ' (estimated: Graph gave no regain time)' : ''}, beyond MaxRateLimitDelay=${maxDelaySeconds} s`,
    new Date(throttle.resetAt),
    throttle.estimated,
  );
}

/** Paging must move on: a next URL already followed would loop forever. */
function checkNew(seen: Set<string>, url: string, path: string): void {
  if (seen.has(url)) throw new ApiError(`Instagram paging of GET ${path} repeated a next page it had already sent; stopped to avoid an endless loop`, 200, 'PAGING_LOOP');
  seen.add(url);
}

/** `new URLSearchParams(query).toString()`, without building the object: fan-outs encode thousands. */
export function formQuery(query: Readonly<Record<string, string>>): string {
  let search = '';
  try {
    for (const key of Object.keys(query)) {
      search += `${search === '' ? '' : '&'}${formEncode(key)}=${formEncode(query[key]!)}`;
    }
  } catch {
    // A lone surrogate (encodeURIComponent refuses it; URLSearchParams writes U+FFFD).
    return new URLSearchParams(query).toString();
  }
  return search;
}

/** application/x-www-form-urlencoded as URLSearchParams writes it: encodeURIComponent, plus !'()~ escaped and space as +. */
function formEncode(text: string): string {
  if (FORM_SAFE.test(text)) return text;
  // Lists (fields=a,b, metric=a,b) are the common case: only their commas need escaping.
  if (FORM_LIST.test(text)) return text.replace(/,/g, '%2C');
  return encodeURIComponent(text).replace(FORM_EXTRA, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}
const FORM_SAFE = /^[A-Za-z0-9*\-._]*$/;
const FORM_LIST = /^[A-Za-z0-9*\-._,]*$/;
const FORM_EXTRA = /[!'()~]/g;

const anyJson = jsonBody();
const PLAIN_PATH = /^\/[A-Za-z0-9_.\-/]*$/;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

/** The batch answer: checked once as a whole (one schema, built once), and one answer per request. */
function batchBody(count: number): BodyParser {
  return (body) => {
    const outcome = batchShape(body);
    if (!outcome.ok) return outcome;
    const answers = outcome.value as unknown[];
    return answers.length === count ? outcome : { ok: false, detail: `expected ${count} batch answers (got ${answers.length})` };
  };
}
const batchShape = jsonBody(batchResponse, 'batch answers');
const listBody = jsonBody(listEnvelope, '{"data": [...], "paging": ...}');

type ListPage = z.infer<typeof listEnvelope>;

/**
 * A batch item's page: listEnvelope's rules checked by a loop inside zod, without its copy (a batch
 * carries 50). test/instagram/list-page-shape.test.ts holds the two to the same answers.
 */
export const listPageShape = z.custom<ListPage>(isListPage, 'expected {"data": [...], "paging": ...}');

function parseList(body: unknown, path: string): ListPage {
  const parsed = listPageShape.safeParse(body);
  if (!parsed.success) throw malformed(`GET ${path}`, 'expected {"data": [...], "paging": ...}');
  return parsed.data;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

function isListPage(body: unknown): body is ListPage {
  if (!isRecord(body) || !Array.isArray(body.data)) return false;
  for (const item of body.data as unknown[]) if (!usableId(item)) return false;
  const paging = body.paging;
  if (paging === undefined) return true;
  if (!isRecord(paging) || !optionalString(paging.next)) return false;
  return paging.cursors === undefined || (isRecord(paging.cursors) && optionalString(paging.cursors.after));
}

function objectValues(body: unknown, path: string): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformed(`GET ${path}`, 'expected an object keyed by id');
  return Object.values(body);
}

function parseJson(response: HttpResponse, path: string): unknown {
  const json = safeJson(response.body);
  if (json === undefined) throw malformed(path, `invalid JSON (${response.body.length} bytes)`);
  return json;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function malformed(where: string, detail: string): ApiError {
  return new ApiError(`Malformed response from the Instagram Graph API for ${where}: ${detail}`, 200, 'MALFORMED_RESPONSE');
}

