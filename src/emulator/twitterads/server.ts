// The HTTP server: admin endpoints, the OAuth flow, and the request pipeline for
// the emulated API — count, latency, authenticate, rate-limit, inject faults,
// route, answer.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataClock } from '../shared/clock.js';
import { type FaultDecision, FaultInjector, type FaultSettings, NO_FAULTS } from '../shared/faults.js';
import { handleAdmin } from '../shared/admin.js';
import { isClientAbort } from '../shared/client-abort.js';
import { preparedJson, readBody, sendJson } from '../shared/json-response.js';
import { waitOutLatency } from '../shared/latency.js';
import { type LoggedRequest, RequestLog, decodeParams } from '../shared/request-log.js';
import { RequestStats } from '../shared/request-stats.js';
import { syncStats } from './analytics.js';
import { JsonBytes, jsonBytes } from '../shared/json-bytes.js';
import { ApiError, errorBody } from './api-error.js';
import { CursorCodec } from './cursor.js';
import { SortedViews } from './listing.js';
import { OAUTH_PATHS, OAuthFlow, type RawResponse } from './oauth-flow.js';
import { OAuthVerifier, type ParamList } from './oauth-verifier.js';
import { RateLimiter, type RateDecision, type RateRequest } from './rate-limits.js';
import { liveAccount, readRoutes } from './read-routes.js';
import type { RouteDefinition } from './route-types.js';
import { Router } from './router.js';
import { AdsStore } from './store.js';
import { StatsCache } from './stats-cache.js';
import { Timeline, timelineRoutes } from './timeline.js';
import { HOUR_MS } from './time.js';
import { TokenRegistry } from './tokens.js';
import { writeRoutes } from './write-routes.js';
import { ObjectData } from './object-data.js';
import { activeEntities } from './active-entities.js';
import { reach } from './reach.js';
import { AsyncJobs, parseAsyncPatch } from './async-jobs.js';
import { audienceWriteRoutes } from './audience-writes.js';
import { objectRoutes } from './object-routes.js';

export interface TwitterAdsEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  seed?: number;
  scale?: number;
  latencyMs?: number;
  failRate?: number;
  resetRate?: number;
  truncateRate?: number;
  /** Requests per 15-minute window for every budget; absent = the documented budgets. */
  rateLimit?: number;
  /** Every rate-limit window lasts this many ms instead of the API's (`--rate-window-ms`). */
  rateWindowMs?: number;
  tokenTtlSeconds?: number;
  /** Clock for tests (OAuth timestamps, rate-limit windows; and the data clock unless it is pinned). */
  now?: () => Date;
  /** Pins the data clock (stats' current hour, spend revisions, the timeline) to this instant (`--now`). */
  dataNow?: string | number;
  /** Port of the async-results download origin; 0 (default) picks a free port. */
  downloadPort?: number;
  /** How long an async analytics job takes on the request clock (default 2000 ms). */
  asyncJobDelayMs?: number;
}

export interface TwitterAdsCredentials {
  clientId: string;
  clientSecret: string;
  accessToken: string;
  accessTokenSecret: string;
  accountIds: string[];
}

export interface RunningEmulator {
  url: string;
  /** The second origin async results are downloaded from (ton.twimg.com in production); needs no credentials. */
  downloadUrl?: string;
  credentials: TwitterAdsCredentials;
  close(): Promise<void>;
}

const ADMIN_PREFIX = '/__emulator/';

/** A request whose body has arrived, ready to be answered synchronously. */
interface PendingRequest {
  req: IncomingMessage;
  url: URL;
  path: string;
  method: string;
  template: string | undefined;
  isOAuthFlow: boolean;
  decision: FaultDecision;
  bodyText: string;
  logged: LoggedRequest;
}

class TwitterAdsEmulator {
  readonly store: AdsStore;
  readonly tokens: TokenRegistry;
  readonly faults: FaultInjector;
  readonly stats = new RequestStats();
  readonly log = new RequestLog();
  readonly limiter: RateLimiter;
  readonly verifier: OAuthVerifier;
  readonly router: Router;
  readonly oauthFlow: OAuthFlow;
  readonly now: () => Date;
  readonly clock: DataClock;
  readonly timeline: Timeline;
  /** Stats bodies by query, store versions and data hour (stats-cache.ts). */
  readonly statsCache: StatsCache;
  readonly seed: number;
  readonly jobs: AsyncJobs;
  /** Set once the download listener is up. */
  downloadOrigin = '';
  /** Every request the download origin received, and whether it carried credentials. */
  readonly downloads: Array<{ method: string; path: string; status: number; authorization: boolean; cookie: boolean; oauthParams: boolean }> = [];

  constructor(options: TwitterAdsEmulatorOptions) {
    this.now = options.now ?? (() => new Date());
    this.clock = new DataClock(this.now);
    if (options.dataNow !== undefined) this.clock.pin(typeof options.dataNow === 'number' ? options.dataNow : Date.parse(options.dataNow));
    this.seed = options.seed ?? 1;
    this.store = new AdsStore(this.seed, options.scale ?? 1);
    this.tokens = new TokenRegistry(this.seed, this.now().getTime());
    const settings: FaultSettings = {
      ...NO_FAULTS,
      latencyMs: options.latencyMs ?? 0,
      failRate: options.failRate ?? 0,
      resetRate: options.resetRate ?? 0,
      truncateRate: options.truncateRate ?? 0,
      rateLimit: options.rateLimit ?? null,
      rateWindowMs: options.rateWindowMs ?? null,
      tokenTtlSeconds: options.tokenTtlSeconds ?? null,
    };
    this.faults = new FaultInjector(settings, this.seed);
    this.limiter = new RateLimiter(this.now, () => this.faults.settings.rateLimit, () => this.faults.settings.rateWindowMs);
    this.verifier = new OAuthVerifier({
      consumers: this.tokens.consumers(),
      findToken: (token) => this.tokens.findAccessToken(token),
      now: this.now,
      tokenTtlSeconds: () => this.faults.settings.tokenTtlSeconds,
    });
    const deps = { store: this.store, cursors: new CursorCodec(), views: new SortedViews() };
    const objects = new ObjectData(this.store, this.seed);
    const statsRoute: RouteDefinition = {
      method: 'GET',
      template: '/12/stats/accounts/:account_id',
      category: 'analytics',
      // Series of numbers by the hundred thousand: written straight to bytes, not through JSON.stringify.
      handle: (request) => ({
        status: 200,
        body: (() => {
          const account = liveAccount(this.store, request.pathParams.account_id);
          return new JsonBytes(this.statsCache.body(account.id, request.query, request.nowMs, () => jsonBytes(syncStats(this.store, account, request.query, this.seed, request.nowMs, objects))));
        })(),
      }),
    };
    const account = (request: { pathParams: Record<string, string> }) => liveAccount(this.store, request.pathParams.account_id);
    const statsExtras: RouteDefinition[] = [
      {
        method: 'GET',
        template: '/12/stats/accounts/:account_id/active_entities',
        category: 'account_read',
        handle: (r) => ({ status: 200, body: activeEntities(this.store, objects, account(r), r.query, this.seed, r.nowMs) }),
      },
      ...(['campaigns', 'funding_instruments'] as const).map((kind): RouteDefinition => ({
        method: 'GET',
        template: `/12/stats/accounts/:account_id/reach/${kind}`,
        category: 'account_read',
        handle: (r) => ({ status: 200, body: reach(this.store, account(r), kind, r.query, this.seed, r.nowMs) }),
      })),
    ];
    this.jobs = new AsyncJobs(this.store, objects, this.seed, () => this.now().getTime(), () => this.downloadOrigin, deps.cursors, deps.views);
    statsExtras.push(
      {
        method: 'POST',
        template: '/12/stats/jobs/accounts/:account_id',
        category: 'analytics_job',
        handle: (r) => this.jobs.create(account(r), r.query, r.form, r.nowMs),
      },
      {
        method: 'GET',
        template: '/12/stats/jobs/accounts/:account_id',
        category: 'account_read',
        handle: (r) => this.jobs.list(account(r), r.query),
      },
    );
    const writes = writeRoutes(this.store);
    this.router = new Router([...readRoutes(deps), statsRoute, ...statsExtras, ...writes, ...audienceWriteRoutes({ store: this.store, objects }), ...objectRoutes({ ...deps, objects })]);
    this.statsCache = new StatsCache(this.store);
    this.timeline = new Timeline(this.store, timelineRoutes(writes), this.seed, Math.floor(this.clock.nowMs() / HOUR_MS) * HOUR_MS);
    this.oauthFlow = new OAuthFlow(this.tokens, this.verifier);
  }

  credentials(): TwitterAdsCredentials {
    return {
      clientId: this.tokens.consumerKey,
      clientSecret: this.tokens.consumerSecret,
      accessToken: this.tokens.accessToken,
      accessTokenSecret: this.tokens.accessTokenSecret,
      accountIds: this.store.accountList
        .filter((a) => !a.deleted)
        .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0))
        .map((a) => a.id),
    };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://emulator.invalid');
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    if (path.startsWith(ADMIN_PREFIX)) return this.handleAdmin(method, path, req, res);

    // Busy time covers the emulator's own work only: not the injected latency, not waiting for the body.
    let stopBusy = this.stats.startBusy();
    const isOAuthFlow = OAUTH_PATHS.includes(path);
    const template = isOAuthFlow ? path : this.router.templateFor(path);
    const routeKey = `${method} ${template ?? '(no route)'}`;
    // Every emulated request counts, including ones rejected with 401/404/429.
    this.stats.record(routeKey);
    const logged = this.log.append({ method, path, query: decodeParams(url.searchParams) });
    const decision = this.faults.decide();
    stopBusy(routeKey);
    const bodyText = await readBody(req);
    const arrived = performance.now();

    stopBusy = this.stats.startBusy();
    try {
      const send = this.answer({ req, url, path, method, template, isOAuthFlow, decision, bodyText, logged });
      stopBusy = await waitOutLatency(this.faults.settings.latencyMs, arrived, this.stats, routeKey, stopBusy);
      send(res);
    } finally {
      logged.status = res.statusCode;
      stopBusy(routeKey);
    }
  }

  /** The answer, computed now and written when the returned function is called. */
  private answer(r: PendingRequest): (res: ServerResponse) => void {
    const { req, url, path, method, template, isOAuthFlow, decision, bodyText, logged } = r;
    const rawUrl = req.url ?? '/';
    const contentType = String(req.headers['content-type'] ?? '');
    const query: ParamList = [...url.searchParams];
    const form: ParamList = contentType.startsWith('application/x-www-form-urlencoded') ? [...new URLSearchParams(bodyText)] : [];
    if (form.length > 0) logged.body = decodeParams(form);
    const jsonBody = contentType.startsWith('application/json') ? parseJsonBody(bodyText) : undefined;
    // A batch is one logged request whose parts are the operations as sent.
    if (Array.isArray(jsonBody)) logged.parts = jsonBody.map((op: unknown) => (typeof op === 'object' && op !== null ? (op as Record<string, unknown>) : { value: op }));
    const host = String(req.headers.host ?? '').toLowerCase().replace(/:80$/, '');
    const baseUrl = `http://${host}${rawUrl.split('?')[0]}`;
    const nowMs = this.now().getTime();
    const dataNowMs = this.clock.nowMs();

    if (isOAuthFlow) {
      try {
        const raw = this.oauthFlow.handle({ method, path, baseUrl, query, form, authorization: req.headers.authorization, nowMs });
        return (res) => sendRaw(res, raw);
      } catch (error) {
        const apiError = error instanceof ApiError ? error : internalError(error);
        return preparedJson(apiError.status, apiError.headers, errorBody(apiError, {}));
      }
    }

    let echo: Record<string, unknown> = {};
    let rate: RateRequest = { category: 'global_read', route: template ?? '(no route)', withTotalCount: false };
    let rateHeaders: Record<string, string> = {};
    try {
      const match = this.router.match(method, path);
      const accountId = match.pathParams.account_id;
      if (accountId !== undefined) echo = { account_id: accountId };
      rate = {
        category: match.route.category,
        route: match.route.template,
        accountId,
        withTotalCount: url.searchParams.get('with_total_count') === 'true',
      };
      rateHeaders = this.limiter.peek(rate).headers;
      this.verifier.verify({ method, baseUrl, params: [...query, ...form], authorization: req.headers.authorization }, true);
      const limited: RateDecision = this.limiter.take(rate);
      rateHeaders = limited.headers;
      if (!limited.allowed) {
        throw new ApiError(429, [{ code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' }]);
      }
      if (decision.failure === 'service_unavailable') {
        throw new ApiError(503, [{ code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable due to request timeout; please try the request again later' }], { 'retry-after': '1' });
      }
      if (decision.failure === 'internal_error') {
        throw new ApiError(500, [{ code: 'INTERNAL_ERROR', message: 'Internal error' }]);
      }
      if (jsonBody === INVALID_JSON) {
        throw new ApiError(400, [{ code: 'INVALID_PARAMETER', message: 'The request body is not valid JSON', parameter: 'body' }]);
      }
      this.timeline.advance(dataNowMs);
      const result = match.route.handle({ method, pathParams: match.pathParams, query, form, jsonBody, nowMs: dataNowMs });
      return preparedJson(result.status, { ...rateHeaders, ...result.headers }, result.body, decision);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : internalError(error);
      if (Object.keys(rateHeaders).length === 0) rateHeaders = this.limiter.peek(rate).headers;
      return preparedJson(apiError.status, { ...rateHeaders, ...apiError.headers }, errorBody(apiError, echo), {
        truncateBody: false,
        resetMidBody: decision.resetMidBody,
      });
    }
  }

  /** The download origin: GET only, no authentication, gzipped job results. */
  handleDownload(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://download.invalid').pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const answer = method === 'GET' ? this.jobs.download(path) : { status: 405, body: Buffer.from('Method Not Allowed'), headers: { 'content-type': 'text/plain' } };
    this.downloads.push({
      method,
      path,
      status: answer.status,
      authorization: req.headers.authorization !== undefined,
      cookie: req.headers.cookie !== undefined,
      oauthParams: /oauth_/i.test(req.url ?? ''),
    });
    if (this.downloads.length > 10_000) this.downloads.shift();
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
    res.end(answer.body);
  }

  private async handleAsyncAdmin(method: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (path === '/__emulator/downloads' && method === 'GET') {
      sendJson(res, 200, {}, this.downloads);
      return true;
    }
    if (path === '/__emulator/async' && (method === 'GET' || method === 'POST')) {
      if (method === 'POST') {
        try {
          Object.assign(this.jobs.settings, parseAsyncPatch(JSON.parse(await readBody(req))));
        } catch (error) {
          sendJson(res, 400, {}, { error: error instanceof Error ? error.message : String(error) });
          return true;
        }
      }
      sendJson(res, 200, {}, this.jobs.settings);
      return true;
    }
    return false;
  }

  private async handleAdmin(method: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (await this.handleAsyncAdmin(method, path, req, res)) return;
    return handleAdmin(method, path, req, res, { stats: this.stats, log: this.log, faults: this.faults, clock: this.clock, reset: () => {
      // Not the stats cache: its key holds the store's versions and the data clock's hour, which a reset does not change.
      this.limiter.reset();
      this.downloads.length = 0;
    } });
  }

}

const INVALID_JSON = Symbol('invalid JSON');

function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

function internalError(error: unknown): ApiError {
  // Surface emulator bugs loudly in the server log; the client sees the API's 500.
  if (!isClientAbort(error)) console.error('[twitterads emulator] internal error:', error);
  return new ApiError(500, [{ code: 'INTERNAL_ERROR', message: 'Internal error' }]);
}

function sendRaw(res: ServerResponse, raw: RawResponse): void {
  const payload = Buffer.from(raw.body, 'utf8');
  res.writeHead(raw.status, { ...raw.headers, 'content-length': String(payload.length) });
  res.end(payload);
}

export async function startTwitterAdsEmulator(options: TwitterAdsEmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new TwitterAdsEmulator(options);
  const server: Server = createServer((req, res) => {
    emulator.handle(req, res).catch((error: unknown) => {
      if (!isClientAbort(error)) console.error('[twitterads emulator] request failed:', error);
      if (!res.headersSent) sendJson(res, 500, {}, errorBody(internalError(error), {}));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const downloads: Server = createServer((req, res) => emulator.handleDownload(req, res));
  await new Promise<void>((resolve, reject) => {
    downloads.once('error', reject);
    downloads.listen(options.downloadPort ?? 0, '127.0.0.1', () => {
      downloads.off('error', reject);
      resolve();
    });
  });
  emulator.downloadOrigin = `http://127.0.0.1:${(downloads.address() as AddressInfo).port}`;
  if (options.asyncJobDelayMs !== undefined) emulator.jobs.settings.delayMs = options.asyncJobDelayMs;
  const closeServer = (s: Server) =>
    new Promise<void>((resolve, reject) => {
      s.close((error) => (error ? reject(error) : resolve()));
      s.closeAllConnections();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    downloadUrl: emulator.downloadOrigin,
    credentials: emulator.credentials(),
    close: async () => {
      await Promise.all([closeServer(server), closeServer(downloads)]);
    },
  };
}
