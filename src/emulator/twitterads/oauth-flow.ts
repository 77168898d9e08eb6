// The three-legged OAuth 1.0a flow: request_token, a consent page a real browser
// can click through, and access_token. Responses are form-encoded, as Twitter's are.
import { ApiError } from './api-error.js';
import type { OAuthVerifier, ParamList } from './oauth-verifier.js';
import type { TokenRegistry } from './tokens.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface OAuthFlowRequest {
  method: string;
  path: string;
  baseUrl: string;
  query: ParamList;
  form: ParamList;
  authorization: string | undefined;
  nowMs: number;
}

export const OAUTH_PATHS = ['/oauth/request_token', '/oauth/authorize', '/oauth/authenticate', '/oauth/access_token'];

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function formEncoded(values: Record<string, string>): RawResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values).toString(),
  };
}

function html(status: number, title: string, inner: string): RawResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32em;margin:3em auto">${inner}</body></html>`,
  };
}

function param(list: ParamList, name: string): string | undefined {
  return list.find(([k]) => k === name)?.[1];
}

export class OAuthFlow {
  constructor(
    private readonly tokens: TokenRegistry,
    private readonly verifier: OAuthVerifier,
  ) {}

  handle(request: OAuthFlowRequest): RawResponse {
    const { method, path } = request;
    if (path === '/oauth/request_token' && method === 'POST') return this.requestToken(request);
    if ((path === '/oauth/authorize' || path === '/oauth/authenticate') && method === 'GET') return this.consentPage(request);
    if ((path === '/oauth/authorize' || path === '/oauth/authenticate') && method === 'POST') return this.decide(request);
    if (path === '/oauth/access_token' && method === 'POST') return this.accessToken(request);
    throw new ApiError(405, [{ code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed on ${path}` }]);
  }

  private requestToken(request: OAuthFlowRequest): RawResponse {
    const verified = this.verifier.verify(
      { method: request.method, baseUrl: request.baseUrl, params: [...request.query, ...request.form], authorization: request.authorization },
      false,
    );
    const callback = verified.oauthParams.oauth_callback ?? param(request.query, 'oauth_callback') ?? param(request.form, 'oauth_callback');
    if (!callback) throw new ApiError(400, [{ code: 'MISSING_PARAMETER', message: 'oauth_callback is required', parameter: 'oauth_callback' }]);
    const issued = this.tokens.issueRequestToken(callback, request.nowMs);
    return formEncoded({ oauth_token: issued.token, oauth_token_secret: issued.secret, oauth_callback_confirmed: 'true' });
  }

  private consentPage(request: OAuthFlowRequest): RawResponse {
    const token = param(request.query, 'oauth_token') ?? '';
    if (!this.tokens.findRequestToken(token)) {
      return html(400, 'Invalid request token', '<h1>This page is no longer valid</h1><p>The request token is unknown or already used.</p>');
    }
    const t = escapeHtml(token);
    return html(
      200,
      'Authorize socialsql emulator app',
      `<h1>Authorize the app to use your account?</h1>
<p>The application wants to read and write your Ads data (emulated Twitter Ads API).</p>
<form method="post" action="/oauth/authorize">
<input type="hidden" name="oauth_token" value="${t}">
<button type="submit" name="action" value="allow" id="allow">Authorize app</button>
<button type="submit" name="action" value="deny" id="deny">Cancel</button>
</form>`,
    );
  }

  private decide(request: OAuthFlowRequest): RawResponse {
    const token = param(request.form, 'oauth_token') ?? '';
    const state = this.tokens.findRequestToken(token);
    if (!state) return html(400, 'Invalid request token', '<h1>This page is no longer valid</h1>');
    if (param(request.form, 'action') !== 'allow') {
      if (state.callback === 'oob') return html(200, 'Cancelled', '<h1>Authorization cancelled</h1>');
      return { status: 302, headers: { location: withQuery(state.callback, { denied: token }) }, body: '' };
    }
    const authorized = this.tokens.authorizeRequestToken(token)!;
    if (authorized.callback === 'oob') {
      return html(200, 'PIN', `<h1>Enter this PIN in the application</h1><p><code id="oauth_pin">${escapeHtml(authorized.verifier ?? '')}</code></p>`);
    }
    return {
      status: 302,
      headers: { location: withQuery(authorized.callback, { oauth_token: token, oauth_verifier: authorized.verifier ?? '' }) },
      body: '',
    };
  }

  private accessToken(request: OAuthFlowRequest): RawResponse {
    const params = [...request.query, ...request.form];
    const unauthorized = () => new ApiError(401, [{ code: 'UNAUTHORIZED_ACCESS', message: 'Invalid request token or verifier' }]);
    const headerToken = /oauth_token="([^"]*)"/.exec(request.authorization ?? '')?.[1];
    const tokenValue = headerToken === undefined ? param(params, 'oauth_token') : decodeURIComponent(headerToken);
    const state = tokenValue === undefined ? undefined : this.tokens.findRequestToken(tokenValue);
    if (!state || state.verifier === null) throw unauthorized();
    const verified = this.verifier.verify(
      { method: request.method, baseUrl: request.baseUrl, params, authorization: request.authorization },
      true,
      state,
    );
    const verifierValue = verified.oauthParams.oauth_verifier ?? param(params, 'oauth_verifier');
    if (verifierValue !== state.verifier) throw unauthorized();
    const issued = this.tokens.exchange(tokenValue!, request.nowMs);
    return formEncoded({ oauth_token: issued.token, oauth_token_secret: issued.secret, user_id: '1000000000', screen_name: 'socialsql_demo' });
  }
}

function withQuery(url: string, values: Record<string, string>): string {
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}${new URLSearchParams(values).toString()}`;
}
