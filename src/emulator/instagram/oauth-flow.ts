// Facebook Login for the emulated app: the consent dialog a real browser can
// click through (/dialog/oauth), the code and long-lived exchanges
// (/oauth/access_token) and Instagram's token refresh (/refresh_access_token).
// Instagram Login's endpoints are in instagram-login-flow.ts; this class routes to them.
import { GraphError, invalidParam } from './graph-error.js';
import type { ParamList } from './paging.js';
import { InstagramLoginFlow, isInstagramLoginPath } from './instagram-login-flow.js';
import { escapeHtml, get, html, isRegisteredRedirect, json } from './oauth-pages.js';
import { LONG_LIVED_SECONDS, SHORT_LIVED_SECONDS, type TokenInfo, type TokenRegistry, authenticate } from './tokens.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface OAuthRequest {
  method: string;
  /** Path without the version prefix. */
  path: string;
  versionPrefix: string;
  params: ParamList;
  nowMs: number;
}

export interface OAuthSettings {
  shortLivedTokens: boolean;
  tokenTtlSeconds: number | null;
  /** Enforce Instagram's rule that a token must be 24 h old to be refreshed. */
  enforceRefreshAge: boolean;
}

export const DAY_S = 86_400;

export function isOAuthPath(method: string, path: string, versionPrefix: string): boolean {
  return path === '/refresh_access_token' || path === '/dialog/oauth' || path === '/oauth/access_token' || isInstagramLoginPath(method, path, versionPrefix);
}

export { isRegisteredRedirect };

export class OAuthFlow {
  private readonly instagramLogin: InstagramLoginFlow;

  constructor(
    private readonly tokens: TokenRegistry,
    private readonly settings: () => OAuthSettings,
    igUserId: string,
  ) {
    this.instagramLogin = new InstagramLoginFlow(tokens, igUserId, settings);
  }

  handle(request: OAuthRequest): RawResponse {
    if (isInstagramLoginPath(request.method, request.path, request.versionPrefix)) return this.instagramLogin.handle(request);
    try {
      if (request.path === '/dialog/oauth') return request.method === 'POST' ? this.decide(request) : this.dialog(request);
      if (request.path === '/oauth/access_token') return this.accessToken(request);
      return this.refresh(request);
    } catch (error) {
      if (error instanceof GraphError) return json(error.status, error.body());
      throw error;
    }
  }

  /** Checks client_id and redirect_uri; returns an error page when they are wrong (Facebook shows one instead of redirecting). */
  private checkDialog(params: ParamList): RawResponse | { clientId: string; redirectUri: string } {
    const clientId = get(params, 'client_id') ?? '';
    if (clientId !== this.tokens.clientId) {
      return html(400, 'Error', '<h1>Invalid App ID</h1><p>The provided app ID does not look like a valid app ID.</p>');
    }
    const redirectUri = get(params, 'redirect_uri') ?? '';
    if (!isRegisteredRedirect(redirectUri)) {
      return html(
        400,
        'Error',
        "<h1>URL blocked</h1><p>This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs.</p>",
      );
    }
    return { clientId, redirectUri };
  }

  private dialog(request: OAuthRequest): RawResponse {
    const checked = this.checkDialog(request.params);
    if ('status' in checked) return checked;
    const hidden = ['client_id', 'redirect_uri', 'state', 'scope', 'response_type']
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(get(request.params, name) ?? '')}">`)
      .join('\n');
    const scope = escapeHtml(get(request.params, 'scope') ?? 'public_profile');
    return html(
      200,
      'Log in with Facebook',
      `<h1>socialsql emulator app is requesting access</h1>
<p>The app will receive: <code id="scope">${scope}</code> for the Instagram business account <strong>socialsql_demo</strong> (emulated Graph API).</p>
<form method="post" action="${request.versionPrefix}/dialog/oauth">
${hidden}
<button type="submit" name="action" value="allow" id="allow">Authorize</button>
<button type="submit" name="action" value="deny" id="deny">Cancel</button>
</form>`,
    );
  }

  private decide(request: OAuthRequest): RawResponse {
    const checked = this.checkDialog(request.params);
    if ('status' in checked) return checked;
    const state = get(request.params, 'state');
    const redirect = (values: Record<string, string>, fragment = '_=_'): RawResponse => {
      const url = new URL(checked.redirectUri);
      for (const [k, v] of Object.entries(values)) url.searchParams.set(k, v);
      if (state !== undefined) url.searchParams.set('state', state);
      // Facebook appends "#_=_" to the redirect; the fragment never reaches the server.
      return { status: 302, headers: { location: `${url.toString()}#${fragment}` }, body: '' };
    };
    if (get(request.params, 'action') !== 'allow') {
      return redirect({ error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied' });
    }
    if (get(request.params, 'response_type') === 'token') {
      const issued = this.tokens.issue(request.nowMs, this.lifetime(true));
      const fragment = new URLSearchParams({ access_token: issued.token, data_access_expiration_time: String(Math.floor(request.nowMs / 1000) + 90 * DAY_S), expires_in: String(this.lifetime(true)) });
      if (state !== undefined) fragment.set('state', state);
      return { status: 302, headers: { location: `${checked.redirectUri}#${fragment.toString()}` }, body: '' };
    }
    const code = this.tokens.issueCode(checked.clientId, checked.redirectUri, get(request.params, 'scope') ?? '', request.nowMs);
    return redirect({ code });
  }

  private lifetime(shortLived: boolean): number {
    const s = this.settings();
    return s.tokenTtlSeconds ?? (shortLived && s.shortLivedTokens ? SHORT_LIVED_SECONDS : LONG_LIVED_SECONDS);
  }

  private checkClient(params: ParamList): void {
    const clientId = get(params, 'client_id');
    if (clientId === undefined || clientId === '') throw new GraphError(400, { message: 'Missing client_id parameter.', type: 'OAuthException', code: 101 });
    if (clientId !== this.tokens.clientId) {
      throw new GraphError(400, { message: 'Error validating application. Invalid application ID.', type: 'OAuthException', code: 101 });
    }
    if (get(params, 'client_secret') !== this.tokens.clientSecret) {
      throw new GraphError(400, { message: 'Error validating client secret.', type: 'OAuthException', code: 1 });
    }
  }

  private accessToken(request: OAuthRequest): RawResponse {
    const { params, nowMs } = request;
    this.checkClient(params);
    const grantType = get(params, 'grant_type');
    if (grantType === 'fb_exchange_token') {
      const token = get(params, 'fb_exchange_token');
      if (token === undefined) throw invalidParam('Missing fb_exchange_token parameter');
      // An expired token cannot be exchanged: the user has to log in again.
      const info = authenticate(this.tokens, { token, proof: undefined, aboutCurrentUser: false, nowMs }, { tokenTtlSeconds: this.settings().tokenTtlSeconds, requireAppsecretProof: false });
      // Instagram Login tokens are graph.instagram.com's: Facebook cannot parse them.
      if (info.scheme !== 'facebook') throw new GraphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });
      const issued = this.tokens.issue(nowMs, this.lifetime(false));
      return json(200, { access_token: issued.token, token_type: 'bearer', expires_in: this.lifetime(false) });
    }
    if (grantType !== undefined && grantType !== 'authorization_code') throw invalidParam(`Unsupported grant_type: ${grantType}`);
    const codeValue = get(params, 'code');
    if (codeValue === undefined || codeValue === '') throw invalidParam('Missing code parameter.');
    const redirectUri = get(params, 'redirect_uri');
    if (redirectUri === undefined) throw new GraphError(400, { message: 'Missing redirect_uri parameter.', type: 'OAuthException', code: 191 });
    const code = this.tokens.findCode(codeValue);
    if (!code || code.clientId !== this.tokens.clientId || code.scheme !== 'facebook') throw invalidParam('Invalid verification code format.');
    if (code.used) throw new GraphError(400, { message: 'This authorization code has been used.', type: 'OAuthException', code: 100, error_subcode: 36009 });
    if (this.tokens.codeExpired(code, nowMs)) {
      throw new GraphError(400, { message: 'This authorization code has expired.', type: 'OAuthException', code: 100, error_subcode: 36007 });
    }
    if (code.redirectUri !== redirectUri) {
      throw new GraphError(400, {
        message: 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        type: 'OAuthException',
        code: 100,
        error_subcode: 36008,
      });
    }
    code.used = true;
    const lifetime = this.lifetime(true);
    const issued = this.tokens.issue(nowMs, lifetime);
    return json(200, { access_token: issued.token, token_type: 'bearer', expires_in: lifetime });
  }

  private refresh(request: OAuthRequest): RawResponse {
    const { params, nowMs } = request;
    if (get(params, 'grant_type') !== 'ig_refresh_token') throw invalidParam('grant_type must be ig_refresh_token');
    const token = get(params, 'access_token');
    const settings = this.settings();
    const info = authenticate(this.tokens, { token, proof: undefined, aboutCurrentUser: false, nowMs }, { tokenTtlSeconds: settings.tokenTtlSeconds, requireAppsecretProof: false });
    if (settings.enforceRefreshAge && nowMs - info.issuedAtMs < this.minimumRefreshAgeMs(info)) {
      throw invalidParam('The access token must be at least 24 hours old to be refreshed');
    }
    const lifetime = settings.tokenTtlSeconds ?? LONG_LIVED_SECONDS;
    const issued = this.tokens.issue(nowMs, lifetime, info.scheme);
    return json(200, { access_token: issued.token, token_type: 'bearer', expires_in: lifetime });
  }

  /**
   * Instagram refreshes a token once it is 24 hours old: a sixtieth of the 60-day lifetime. With
   * --token-ttl the rule scales with the lifetime (a 60 s token may be refreshed at 1 s), so a
   * short test lifetime still leaves a token refreshable before it expires.
   */
  private minimumRefreshAgeMs(info: TokenInfo): number {
    const expiresAt = this.tokens.expiresAtMs(info, this.settings().tokenTtlSeconds);
    if (expiresAt === null) return DAY_S * 1000;
    return Math.min(DAY_S * 1000, Math.round((expiresAt - info.issuedAtMs) / 60));
  }
}
