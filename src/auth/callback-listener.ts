/**
 * The local end of the desktop OAuth flow: an HTTP listener on CallbackURL's loopback port that
 * receives the browser's redirect, checks it belongs to this flow (`state` for OAuth 2.0,
 * `oauth_token` for OAuth 1.0a) and hands back the query (`code` / `oauth_verifier`).
 *
 * Two steps, because OAuth 1.0a needs the callback URL (with its real port when port 0 is asked
 * for) to get the request token, and only then knows which `oauth_token` to expect:
 *   const listener = await startCallbackListener({ callbackUrl });   // listener.callbackUrl
 *   const query = await listener.next({ oauthToken }, { timeoutMs }); // then close()
 * `waitForCallback` wraps both for callers that know what to expect up front.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError, CancelledError, ConnectionStringError } from '../errors.js';

export type CallbackExpectation = { readonly state: string } | { readonly oauthToken: string };

export interface CallbackListener {
  /** CallbackURL with the port actually bound (differs from the one given only for port 0). */
  readonly callbackUrl: string;
  /** Resolves with the query of the first redirect on the callback path that matches `expect`. */
  next(expect: CallbackExpectation, options: { timeoutMs: number; signal?: AbortSignal }): Promise<URLSearchParams>;
  close(): Promise<void>;
}

export interface WaitForCallbackOptions {
  readonly callbackUrl: string;
  readonly expect: CallbackExpectation;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called once the listener is up, with the actual callback URL (port 0 → real port). Open the browser here. */
  readonly ready?: (callbackUrl: string) => void | Promise<void>;
}

export async function waitForCallback(options: WaitForCallbackOptions): Promise<URLSearchParams> {
  const listener = await startCallbackListener({ callbackUrl: options.callbackUrl });
  try {
    const query = listener.next(options.expect, { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
    query.catch(() => undefined); // observed below; avoid an unhandled rejection while `ready` runs
    await options.ready?.(listener.callbackUrl);
    return await query;
  } finally {
    await listener.close();
  }
}

interface Waiter {
  readonly expect: CallbackExpectation;
  resolve(query: URLSearchParams): void;
  reject(error: Error): void;
}

export async function startCallbackListener(options: { callbackUrl: string }): Promise<CallbackListener> {
  const target = loopbackTarget(options.callbackUrl);
  let waiter: Waiter | undefined;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://callback.invalid');
    if (req.method !== 'GET' || url.pathname !== target.path) return page(res, 404, 'Not found', 'This address is not the socialsql OAuth callback.');
    if (!waiter) return page(res, 409, 'Not waiting', 'socialsql is not waiting for an authorization right now.');
    const current = waiter;
    const outcome = judge(url.searchParams, current.expect);
    if (outcome.ok) {
      waiter = undefined;
      page(res, 200, 'Authorization complete', 'socialsql: authorization complete, you can close this window.');
      current.resolve(url.searchParams);
    } else {
      waiter = undefined;
      page(res, outcome.status, 'Authorization failed', `socialsql: ${outcome.error.message}`);
      current.reject(outcome.error);
    }
  };

  const servers = await listenOnLoopback(target, handle);
  const port = (servers[0]!.address() as AddressInfo).port;
  const actual = new URL(target.url.href);
  actual.port = String(port);
  const callbackUrl = actual.href;
  let closed = false;

  return {
    callbackUrl,
    next(expect, { timeoutMs, signal }) {
      if (closed) return Promise.reject(new AuthError(`The OAuth callback listener on ${callbackUrl} is closed`));
      if (waiter) return Promise.reject(new AuthError(`Already waiting for an OAuth callback on ${callbackUrl}`));
      if (signal?.aborted) return Promise.reject(new CancelledError());
      return new Promise<URLSearchParams>((resolve, reject) => {
        const finish = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          waiter = undefined;
        };
        const onAbort = () => {
          finish();
          reject(new CancelledError());
        };
        const timer = setTimeout(() => {
          finish();
          reject(new AuthError(`No authorization arrived at ${callbackUrl} within ${Math.round(timeoutMs / 1000)} s. Open the authorization URL in a browser and approve access, or try again.`));
        }, timeoutMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        waiter = {
          expect,
          resolve: (query) => {
            finish();
            resolve(query);
          },
          reject: (error) => {
            finish();
            reject(error);
          },
        };
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      waiter?.reject(new AuthError(`The OAuth callback listener on ${callbackUrl} was closed`));
      await Promise.all(servers.map(closeServer));
    },
  };
}

interface LoopbackTarget {
  readonly url: URL;
  readonly path: string;
  readonly port: number;
  /** Hosts to bind; the first must succeed, the others are best effort (no IPv6, say). */
  readonly hosts: readonly string[];
}

/** The desktop flow listens locally, so the callback host must be this machine's loopback. */
function loopbackTarget(callbackUrl: string): LoopbackTarget {
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    throw new ConnectionStringError(`CallbackURL "${callbackUrl}" is not a valid URL (example: http://localhost:33333)`);
  }
  if (url.protocol !== 'http:') {
    throw new ConnectionStringError(`CallbackURL must use http:// for the desktop flow, which listens on this machine (got ${url.protocol}//)`);
  }
  const host = url.hostname.toLowerCase();
  const hosts =
    host === 'localhost' ? ['127.0.0.1', '::1'] : /^127(\.\d{1,3}){3}$/.test(host) ? [host] : host === '[::1]' ? ['::1'] : undefined;
  if (!hosts) {
    throw new ConnectionStringError(
      `CallbackURL host "${url.hostname}" is not a loopback address. The desktop flow listens on this machine: use http://localhost:PORT or http://127.0.0.1:PORT, or use the web flow (GetOAuthAuthorizationURL / GetOAuthAccessToken) for other hosts.`,
    );
  }
  return { url, path: url.pathname || '/', port: url.port === '' ? 80 : Number(url.port), hosts };
}

async function listenOnLoopback(target: LoopbackTarget, handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server[]> {
  const servers: Server[] = [];
  let port = target.port;
  for (const [index, host] of target.hosts.entries()) {
    const server = createServer(handle);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host, exclusive: true }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      if (index > 0) continue; // e.g. no IPv6 on this machine
      const code = (error as { code?: string }).code;
      throw new AuthError(
        code === 'EADDRINUSE'
          ? `Cannot listen for the OAuth callback: port ${port} of ${target.url.hostname} is in use. Free it or choose another CallbackURL (registered with your app).`
          : `Cannot listen for the OAuth callback on ${target.url.hostname}:${port}: ${code ?? String(error)}`,
        { cause: error },
      );
    }
    servers.push(server);
    port = (server.address() as AddressInfo).port; // port 0: bind the other family to the same port
  }
  return servers;
}

type Judgement = { ok: true } | { ok: false; status: number; error: AuthError };

function judge(query: URLSearchParams, expect: CallbackExpectation): Judgement {
  const mismatch = (what: string): Judgement => ({
    ok: false,
    status: 400,
    error: new AuthError(`The OAuth callback's ${what} did not match this authorization request: possible CSRF. Start the authorization again.`),
  });
  if ('state' in expect) {
    const state = query.get('state');
    const error = query.get('error');
    // Providers echo state on errors too; a denial without it is still a denial, not an attack.
    if (state !== null && !sameSecret(state, expect.state)) return mismatch('state');
    if (error !== null) {
      const description = query.get('error_description') ?? query.get('error_reason') ?? error;
      return { ok: false, status: 200, error: new AuthError(`Authorization was not granted: ${description.slice(0, 300)}`) };
    }
    if (state === null) return mismatch('state');
    if (!query.get('code')) return { ok: false, status: 400, error: new AuthError('The OAuth callback carried no authorization code') };
    return { ok: true };
  }
  const denied = query.get('denied'); // Twitter's "Cancel" redirect: ?denied=<request token>
  if (denied !== null) {
    if (!sameSecret(denied, expect.oauthToken)) return mismatch('oauth_token');
    return { ok: false, status: 200, error: new AuthError('Authorization was not granted: the user cancelled it in the browser') };
  }
  const token = query.get('oauth_token');
  if (token === null || !sameSecret(token, expect.oauthToken)) return mismatch('oauth_token');
  if (!query.get('oauth_verifier')) return { ok: false, status: 400, error: new AuthError('The OAuth callback carried no oauth_verifier') };
  return { ok: true };
}

/** Constant-time comparison of values of any length. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, message: string): void {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32em;margin:3em auto"><p>${escapeHtml(message)}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The callback URL holds the code/verifier: keep it out of any Referer.
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(body);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Browsers keep idle and speculative connections open; they must not hold the port.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}
