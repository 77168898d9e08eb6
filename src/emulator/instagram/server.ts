// The HTTP server: admin endpoints, the OAuth flow, batches, and the pipeline for
// every Graph call — count, latency, authenticate, rate-limit, inject faults,
// answer. Batch sub-requests run through the same `execute` as plain calls.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataClock } from '../shared/clock.js';
import { FaultInjector, type FaultSettings, NO_FAULTS } from '../shared/faults.js';
import { handleAdmin } from '../shared/admin.js';
import { isClientAbort } from '../shared/client-abort.js';
import { preparedJson, readBody, sendJson } from '../shared/json-response.js';
import { waitOutLatency } from '../shared/latency.js';
import { RawJson, toQuotedJsonText } from '../shared/raw-json.js';
import { type LoggedPart, RequestLog, decodeParams } from '../shared/request-log.js';
import { RequestStats } from '../shared/request-stats.js';
import { SealedBox } from '../shared/sealed-box.js';
import { GraphApi, type ResolvedRoute } from './graph-api.js';
import { GraphError, fbtraceId, invalidParam, serviceUnavailable, unknownError } from './graph-error.js';
import { OAuthFlow, isOAuthPath } from './oauth-flow.js';
import { Pager, type ParamList } from './paging.js';
import { GraphRateLimiter } from './rate-limits.js';
import { type GraphRequest, formPairs, param } from './request.js';
import { InstagramStore } from './store.js';
import { TokenRegistry, authenticate } from './tokens.js';

export interface InstagramEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  seed?: number;
  scale?: number;
  latencyMs?: number;
  failRate?: number;
  resetRate?: number;
  truncateRate?: number;
  /** Calls per one-hour window for every budget before throttling (default 4800). */
  rateLimit?: number;
  /** Every rate-limit window lasts this many ms instead of the API's (`--rate-window-ms`). */
  rateWindowMs?: number;
  /** Every token expires this many seconds after it was issued (the initial one included). */
  tokenTtlSeconds?: number;
  /** The code exchange returns ~1 h tokens (as Facebook Login does) instead of long-lived ones. */
  shortLivedTokens?: boolean;
  /** Every Graph call must carry appsecret_proof (the app setting "Require App Secret"). */
  requireAppsecretProof?: boolean;
  /** /refresh_access_token refuses tokens younger than 24 h (Instagram's rule); off by default so tests can refresh. */
  enforceRefreshAge?: boolean;
  /** Clock for tests (token expiry, rate-limit windows; and the data clock unless it is pinned). */
  now?: () => Date;
  /** Pins the data clock (story age, insights ranges, "now" in since/until) to this instant (`--now`). */
  dataNow?: string | number;
}

export interface InstagramCredentials {
  clientId: string;
  clientSecret: string;
  /** A Facebook Login user token (graph.facebook.com). */
  accessToken: string;
  businessAccountId: string;
  /** An Instagram Login user token of the same account (graph.instagram.com; AuthScheme=InstagramLogin). */
  instagramAccessToken: string;
}

export interface RunningInstagramEmulator {
  url: string;
  credentials: InstagramCredentials;
  close(): Promise<void>;
}

export const MAX_BATCH = 50;
const ADMIN_PREFIX = '/__emulator/';
const VERSION = /^\/(v\d+\.\d+)(\/.*)?$/;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface Credentials {
  token: string | undefined;
  proof: string | undefined;
}

class InstagramEmulator {
  readonly store: InstagramStore;
  readonly tokens: TokenRegistry;
  readonly faults: FaultInjector;
  readonly stats = new RequestStats();
  readonly log = new RequestLog();
  readonly limiter: GraphRateLimiter;
  readonly api: GraphApi;
  readonly oauth: OAuthFlow;
  readonly now: () => Date;
  readonly clock: DataClock;
  private batchedRequests = 0;

  constructor(private readonly options: InstagramEmulatorOptions) {
    this.now = options.now ?? (() => new Date());
    this.clock = new DataClock(this.now);
    if (options.dataNow !== undefined) this.clock.pin(typeof options.dataNow === 'number' ? options.dataNow : Date.parse(options.dataNow));
    const seed = options.seed ?? 1;
    const startedAtMs = this.clock.nowMs();
    this.store = new InstagramStore(seed, options.scale ?? 1, startedAtMs);
    this.tokens = new TokenRegistry(seed, this.now().getTime(), this.store.pages.map((p) => p.accessToken));
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
    this.faults = new FaultInjector(settings, seed);
    this.limiter = new GraphRateLimiter(this.now, () => this.faults.settings.rateLimit, () => this.faults.settings.rateWindowMs);
    this.api = new GraphApi(this.store, new Pager(new SealedBox()), seed);
    this.oauth = new OAuthFlow(this.tokens, () => ({
      shortLivedTokens: options.shortLivedTokens ?? false,
      tokenTtlSeconds: this.faults.settings.tokenTtlSeconds,
      enforceRefreshAge: options.enforceRefreshAge ?? false,
    }), this.store.igUser.id);
  }

  credentials(): InstagramCredentials {
    return {
      clientId: this.tokens.clientId,
      clientSecret: this.tokens.clientSecret,
      accessToken: this.tokens.accessToken,
      businessAccountId: this.store.igUser.id,
      instagramAccessToken: this.tokens.instagramAccessToken,
    };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://emulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith(ADMIN_PREFIX)) return this.handleAdmin(method, url.pathname, req, res);

    const bodyText = await readBody(req);
    const arrived = performance.now();

    // Busy time covers the emulator's own work only: not the injected latency, not waiting for the body.
    let stopBusy = this.stats.startBusy();
    const versioned = VERSION.exec(url.pathname);
    const versionPrefix = versioned ? `/${versioned[1]}` : '';
    const query: ParamList = [...url.searchParams];
    const body = bodyParams(String(req.headers['content-type'] ?? ''), bodyText);
    const params: ParamList = [...query, ...body];
    const isOAuth = isOAuthPath(method, versioned ? (versioned[2] ?? '/') : url.pathname, versionPrefix);
    const credentials = credentialsOf(req.headers.authorization, params);
    const path = isOAuth ? (versioned ? (versioned[2] ?? '/') : url.pathname) : this.onInstagramHost(versioned ? (versioned[2] ?? '/') : url.pathname, credentials.token);
    const host = String(req.headers.host ?? '127.0.0.1').replace(/:80$/, '');
    const baseUrl = `http://${host}`;
    const nowMs = this.clock.nowMs();
    const request: GraphRequest = { method, path, versionPrefix, params, query, baseUrl, nowMs };

    const isBatch = method === 'POST' && path === '/' && param(request, 'batch') !== undefined;
    const route = isBatch || isOAuth ? null : this.api.resolve(request);
    // Every emulated call counts once, including ones rejected for auth or limits; a batch counts as `POST /`.
    const routeKey = isBatch ? 'POST /' : isOAuth ? `${method} ${versionPrefix}${path}` : `${method} ${route!.template}`;
    this.stats.record(routeKey);
    const logged = this.log.append({ method, path: url.pathname, query: decodeParams(query) });
    const loggedBody = decodeParams(body.filter(([name]) => !(isBatch && name === 'batch')));
    if (Object.keys(loggedBody).length > 0) logged.body = loggedBody;
    let items: BatchItem[] | GraphError = [];
    if (isBatch) {
      try {
        items = parseBatch(param(request, 'batch') ?? '');
        logged.parts = items.map(loggedPart);
      } catch (error) {
        items = error instanceof GraphError ? error : internalError(error);
      }
    }
    const decision = this.faults.decide();
    try {
      let send: (res: ServerResponse) => void;
      if (isOAuth) {
        const raw = this.oauth.handle({ method, path, versionPrefix, params, nowMs: this.now().getTime() });
        const payload = Buffer.from(raw.body, 'utf8');
        send = (out) => {
          out.writeHead(raw.status, { ...raw.headers, 'content-length': String(payload.length) });
          out.end(payload);
        };
      } else {
        let answer: Answer;
        if (decision.failure !== 'none') {
          const error = decision.failure === 'service_unavailable' ? serviceUnavailable() : unknownError();
          answer = { status: error.status, headers: {}, body: error.body() };
        } else if (isBatch) {
          answer = this.batch(request, credentials, items);
        } else {
          answer = this.execute(request, route!, credentials);
        }
        const transport = answer.status === 200 ? decision : { truncateBody: false, resetMidBody: decision.resetMidBody };
        send = preparedJson(answer.status, { ...answer.headers, 'x-fb-trace-id': fbtraceId() }, answer.body, transport);
      }
      stopBusy = await waitOutLatency(this.faults.settings.latencyMs, arrived, this.stats, routeKey, stopBusy);
      send(res);
    } finally {
      logged.status = res.statusCode;
      stopBusy(routeKey);
    }
  }

  /**
   * graph.instagram.com, as an Instagram Login token sees it: /me is the Instagram user who logged
   * in (not a Facebook user). Other tokens see the path unchanged.
   */
  private onInstagramHost(path: string, token: string | undefined): string {
    if (token === undefined || this.tokens.find(token)?.scheme !== 'instagram') return path;
    return path === '/me' || path.startsWith('/me/') ? `/${this.store.igUser.id}${path.slice(3)}` : path;
  }

  /** Authenticate, rate-limit and answer one Graph call (a plain request or a batch item). */
  private execute(request: GraphRequest, route: ResolvedRoute, credentials: Credentials): Answer {
    // Headers of a call refused before it counts are the budget's as it stands (peeked only then).
    let headers: Record<string, string> | undefined;
    try {
      const token = authenticate(
        this.tokens,
        { token: credentials.token, proof: credentials.proof, aboutCurrentUser: route.aboutCurrentUser, nowMs: this.now().getTime() },
        // graph.instagram.com has no appsecret_proof setting to require.
        { tokenTtlSeconds: this.faults.settings.tokenTtlSeconds, requireAppsecretProof: (this.options.requireAppsecretProof ?? false) && this.tokens.find(credentials.token ?? '')?.scheme !== 'instagram' },
      );
      if (token.scheme === 'instagram') refuseOnInstagramHost(request, route);
      const outcome = this.limiter.take(route.scope, route.igUserId);
      headers = outcome.headers;
      if (outcome.error) throw outcome.error;
      return { status: 200, headers, body: route.handle() };
    } catch (error) {
      const graphError = error instanceof GraphError ? error : internalError(error);
      const extra: Record<string, string> =
        graphError.fields.code === 190 ? { 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${graphError.message.replace(/"/g, "'")}"` } : {};
      return { status: graphError.status, headers: { ...(headers ?? this.limiter.peek(route.scope, route.igUserId).headers), ...extra }, body: graphError.body() };
    }
  }

  /** POST / with batch=[{method, relative_url, body?}, ...]: answers in order, each item authenticated and rate-limited on its own. */
  private batch(request: GraphRequest, outer: Credentials, parsed: BatchItem[] | GraphError): Answer {
    try {
      if (parsed instanceof GraphError) throw parsed;
      const items = parsed;
      const includeHeaders = param(request, 'include_headers') !== 'false';
      const results = items.map((item) => {
        this.batchedRequests += 1;
        const versioned = VERSION.exec(item.path);
        const query = item.query;
        const sub: GraphRequest = {
          method: (item.method ?? 'GET').toUpperCase(),
          path: versioned ? (versioned[2] ?? '/') : item.path,
          versionPrefix: versioned ? `/${versioned[1]}` : request.versionPrefix,
          params: item.body ? [...query, ...formPairs(item.body)] : query,
          query,
          baseUrl: request.baseUrl,
          nowMs: request.nowMs,
        };
        const own = credentialsOf(undefined, sub.params);
        const credentials = { token: own.token ?? outer.token, proof: own.proof ?? outer.proof };
        sub.path = this.onInstagramHost(sub.path, credentials.token);
        const answer =
          sub.path === '/' && sub.method === 'POST'
            ? { status: 400, headers: {}, body: invalidParam('Batch requests cannot be nested').body() }
            : this.execute(sub, this.api.resolve(sub), credentials);
        // As JSON.stringify({ code, headers?, body: JSON.stringify(answer.body) }) writes it; a cached body brings its escaped text.
        if (!includeHeaders) return `{"code":${answer.status},"body":${toQuotedJsonText(answer.body)}}`;
        const headers = Object.entries({ 'Content-Type': 'application/json; charset=UTF-8', ...answer.headers }).map(([name, value]) => ({ name, value }));
        return `{"code":${answer.status},"headers":${JSON.stringify(headers)},"body":${toQuotedJsonText(answer.body)}}`;
      });
      return { status: 200, headers: this.limiter.peek('platform', null).headers, body: new RawJson(`[${results.join(',')}]`) };
    } catch (error) {
      const graphError = error instanceof GraphError ? error : internalError(error);
      return { status: graphError.status, headers: {}, body: graphError.body() };
    }
  }

  private handleAdmin(method: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    return handleAdmin(method, path, req, res, {
      stats: this.stats,
      log: this.log,
      faults: this.faults,
      clock: this.clock,
      // Budgets and counters only: the data is not reset, so the cached answers stay valid (writes clear them)
      // and a reset between a warm-up and a measured run leaves the emulator warm.
      reset: () => {
        this.limiter.reset();
        this.batchedRequests = 0;
      },
      extraStats: () => ({ batchedRequests: this.batchedRequests }),
    });
  }

}

/**
 * What graph.instagram.com does not serve: Facebook users and Pages (no /me/accounts), hashtag
 * search and business discovery (Facebook Login only, as Meta documents).
 */
function refuseOnInstagramHost(request: GraphRequest, route: ResolvedRoute): void {
  const fields = param(request, 'fields') ?? '';
  const pageOrUser = /\/(me|:page_id)(\/|$)|\/accounts$/.test(route.template);
  if (pageOrUser || /ig_hashtag_search|:hashtag_id|recently_searched_hashtags/.test(route.template) || /(^|,)\s*business_discovery\b/.test(fields)) {
    throw new GraphError(400, { message: `Unsupported request - method type: ${request.method.toLowerCase()}`, type: 'IGApiException', code: 100 });
  }
}

interface BatchItem {
  method?: string;
  relative_url: string;
  body?: string;
  /** relative_url's path and query, parsed once for the log and the answer. */
  path: string;
  query: ParamList;
}

function parseBatch(raw: string): BatchItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidParam('The parameter batch must be a JSON-encoded array');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw invalidParam('The parameter batch must be a non-empty JSON-encoded array');
  if (parsed.length > MAX_BATCH) throw invalidParam(`Too many requests in batch message. Maximum batch size is ${MAX_BATCH}`);
  return parsed.map((item: unknown, index) => {
    const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    if (typeof record.relative_url !== 'string') throw invalidParam(`batch[${index}].relative_url is required`);
    const relative = new URL(record.relative_url.replace(/^\/?/, '/'), 'http://batch.invalid');
    return {
      relative_url: record.relative_url,
      path: relative.pathname,
      query: formPairs(relative.search.slice(1)),
      method: typeof record.method === 'string' ? record.method : undefined,
      body: typeof record.body === 'string' ? record.body : undefined,
    };
  });
}

/** A batch item as the request log shows it: relative_url split into path and decoded query. */
function loggedPart(item: BatchItem): LoggedPart {
  const part: LoggedPart = { method: (item.method ?? 'GET').toUpperCase(), path: item.path, query: decodeParams(item.query) };
  if (item.body) part.body = decodeParams(formPairs(item.body));
  return part;
}

/** Form bodies and JSON bodies both carry parameters (JSON values other than strings are re-encoded as JSON). */
function bodyParams(contentType: string, text: string): ParamList {
  if (text.trim() === '') return [];
  if (contentType.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [];
      return Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
    } catch {
      throw invalidParam('The request body is not valid JSON');
    }
  }
  return formPairs(text);
}

/** Bearer (or "OAuth") Authorization header first, then the access_token parameter. */
function credentialsOf(authorization: string | undefined, params: ParamList): Credentials {
  const header = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return {
    token: header ?? params.find(([k]) => k === 'access_token')?.[1],
    proof: params.find(([k]) => k === 'appsecret_proof')?.[1],
  };
}

function internalError(error: unknown): GraphError {
  // Surface emulator bugs loudly in the server log; the client sees Graph's code 1.
  if (!isClientAbort(error)) console.error('[instagram emulator] internal error:', error);
  return unknownError();
}

export async function startInstagramEmulator(options: InstagramEmulatorOptions = {}): Promise<RunningInstagramEmulator> {
  const emulator = new InstagramEmulator(options);
  const server: Server = createServer((req, res) => {
    emulator.handle(req, res).catch((error: unknown) => {
      const graphError = error instanceof GraphError ? error : internalError(error);
      if (!res.headersSent) sendJson(res, graphError.status, {}, graphError.body());
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
  return {
    url: `http://127.0.0.1:${port}`,
    credentials: emulator.credentials(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
