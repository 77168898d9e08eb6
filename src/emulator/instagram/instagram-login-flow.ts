// Instagram Login (Business Login for Instagram) for the emulated app, as Meta documents it:
//   GET|POST /oauth/authorize          www.instagram.com: the authorization window a browser clicks through
//   POST /oauth/access_token (form)    api.instagram.com: code → short-lived token (1 h), user_id, permissions
//   GET  /access_token                 graph.instagram.com: grant_type=ig_exchange_token → long-lived (60 days)
// (/refresh_access_token, grant_type=ig_refresh_token, is in oauth-flow.ts: both schemes reach it.)
// api.instagram.com answers errors as {"error_type","code","error_message"}; graph.instagram.com in
// Graph's envelope. Codes and tokens of Facebook Login are refused here, and the other way round.
import { GraphError } from './graph-error.js';
import type { OAuthRequest, OAuthSettings, RawResponse } from './oauth-flow.js';
import { escapeHtml, get, html, isRegisteredRedirect, json } from './oauth-pages.js';
import { LONG_LIVED_SECONDS, SHORT_LIVED_SECONDS, type TokenRegistry, authenticate } from './tokens.js';

/** Business Login permissions (the old business_* spellings were retired on 2025-01-27). */
export const INSTAGRAM_LOGIN_PERMISSIONS = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_messages',
  'instagram_business_manage_comments',
  'instagram_business_manage_insights',
] as const;

/** Whether a request is one of Instagram Login's OAuth endpoints (paths after any version prefix). */
export function isInstagramLoginPath(method: string, path: string, versionPrefix: string): boolean {
  if (path === '/oauth/authorize' || path === '/access_token') return true;
  // api.instagram.com's exchange is an unversioned form POST; Facebook Login's is GET /vNN.N/oauth/access_token.
  return path === '/oauth/access_token' && method === 'POST' && versionPrefix === '';
}

/** api.instagram.com's error envelope. */
class InstagramOAuthError extends Error {
  constructor(readonly errorMessage: string) {
    super(errorMessage);
  }

  response(): RawResponse {
    return json(400, { error_type: 'OAuthException', code: 400, error_message: this.errorMessage });
  }
}

export class InstagramLoginFlow {
  constructor(
    private readonly tokens: TokenRegistry,
    private readonly igUserId: string,
    private readonly settings: () => OAuthSettings,
  ) {}

  handle(request: OAuthRequest): RawResponse {
    try {
      if (request.path === '/oauth/authorize') return request.method === 'POST' ? this.decide(request) : this.window(request);
      if (request.path === '/oauth/access_token') return this.exchangeCode(request);
      return this.longLived(request);
    } catch (error) {
      if (error instanceof InstagramOAuthError) return error.response();
      if (error instanceof GraphError) return json(error.status, error.body());
      throw error;
    }
  }

  /** Checks client_id, redirect_uri and scope as the authorization window does. */
  private checkWindow(request: OAuthRequest): { clientId: string; redirectUri: string; scope: string[] } {
    const clientId = get(request.params, 'client_id') ?? '';
    if (clientId !== this.tokens.clientId) throw new InstagramOAuthError('Invalid platform app');
    const redirectUri = get(request.params, 'redirect_uri') ?? '';
    if (!isRegisteredRedirect(redirectUri)) throw new InstagramOAuthError('Invalid redirect_uri');
    if (get(request.params, 'response_type') !== 'code') throw new InstagramOAuthError('Invalid response_type: only code is supported');
    const scope = (get(request.params, 'scope') ?? '').split(/[,\s]+/).filter((s) => s !== '');
    const invalid = scope.filter((s) => !(INSTAGRAM_LOGIN_PERMISSIONS as readonly string[]).includes(s));
    if (invalid.length > 0) throw new InstagramOAuthError(`Invalid Scopes: ${invalid.join(', ')}`);
    if (!scope.includes('instagram_business_basic')) throw new InstagramOAuthError('Invalid Scopes: instagram_business_basic is required');
    return { clientId, redirectUri, scope };
  }

  private window(request: OAuthRequest): RawResponse {
    const checked = this.checkWindow(request);
    const hidden = ['client_id', 'redirect_uri', 'state', 'scope', 'response_type']
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(get(request.params, name) ?? '')}">`)
      .join('\n');
    return html(
      200,
      'Instagram',
      `<h1>Allow socialsql emulator app to access your Instagram account?</h1>
<p>Logged in to Instagram as <strong>socialsql_demo</strong> (professional account, no Facebook Page needed).</p>
<p>The app will receive: <code id="scope">${escapeHtml(checked.scope.join(','))}</code></p>
<form method="post" action="/oauth/authorize">
${hidden}
<button type="submit" name="action" value="allow" id="allow">Authorize</button>
<button type="submit" name="action" value="deny" id="deny">Cancel</button>
</form>`,
    );
  }

  private decide(request: OAuthRequest): RawResponse {
    const checked = this.checkWindow(request);
    const state = get(request.params, 'state');
    const url = new URL(checked.redirectUri);
    if (get(request.params, 'action') === 'allow') {
      url.searchParams.set('code', this.tokens.issueCode(checked.clientId, checked.redirectUri, checked.scope.join(','), request.nowMs, 'instagram'));
    } else {
      url.searchParams.set('error', 'access_denied');
      url.searchParams.set('error_reason', 'user_denied');
      url.searchParams.set('error_description', 'The user denied your request.');
    }
    if (state !== undefined) url.searchParams.set('state', state);
    // Instagram appends "#_" to the redirect; it is not part of the code.
    return { status: 302, headers: { location: `${url.toString()}#_` }, body: '' };
  }

  private exchangeCode(request: OAuthRequest): RawResponse {
    const { params, nowMs } = request;
    if (get(params, 'client_id') !== this.tokens.clientId) throw new InstagramOAuthError('Invalid platform app');
    if (get(params, 'client_secret') !== this.tokens.clientSecret) throw new InstagramOAuthError('Error validating client secret.');
    if (get(params, 'grant_type') !== 'authorization_code') throw new InstagramOAuthError('Invalid grant_type: only authorization_code is supported');
    const redirectUri = get(params, 'redirect_uri');
    if (redirectUri === undefined || redirectUri === '') throw new InstagramOAuthError('Missing required field redirect_uri');
    const code = this.tokens.findCode((get(params, 'code') ?? '').replace(/#_$/, ''));
    // A Facebook Login code is no code here.
    if (!code || code.scheme !== 'instagram' || code.used) throw new InstagramOAuthError('Matching code was not found or was already used');
    if (this.tokens.codeExpired(code, nowMs)) throw new InstagramOAuthError('This authorization code has expired');
    if (code.redirectUri !== redirectUri) throw new InstagramOAuthError('Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request');
    code.used = true;
    const issued = this.tokens.issue(nowMs, this.settings().tokenTtlSeconds ?? SHORT_LIVED_SECONDS, 'instagram');
    return json(200, { data: [{ access_token: issued.token, user_id: this.igUserId, permissions: code.scope }] });
  }

  /** graph.instagram.com/access_token: only an unexpired Instagram token, with the app secret. */
  private longLived(request: OAuthRequest): RawResponse {
    const { params, nowMs } = request;
    if (request.method !== 'GET') throw new GraphError(400, { message: 'Unsupported request - method type: post', type: 'IGApiException', code: 100 });
    if (get(params, 'grant_type') !== 'ig_exchange_token') throw new GraphError(400, { message: 'Unsupported grant_type: expected ig_exchange_token', type: 'OAuthException', code: 100 });
    if (get(params, 'client_secret') !== this.tokens.clientSecret) throw new GraphError(400, { message: 'Error validating client secret.', type: 'OAuthException', code: 1 });
    const token = get(params, 'access_token');
    const settings = this.settings();
    const info = authenticate(this.tokens, { token, proof: undefined, aboutCurrentUser: false, nowMs }, { tokenTtlSeconds: settings.tokenTtlSeconds, requireAppsecretProof: false });
    if (info.scheme !== 'instagram') throw new GraphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });
    const lifetime = settings.tokenTtlSeconds ?? LONG_LIVED_SECONDS;
    const issued = this.tokens.issue(nowMs, lifetime, 'instagram');
    return json(200, { access_token: issued.token, token_type: 'bearer', expires_in: lifetime });
  }
}
