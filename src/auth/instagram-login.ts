/**
 * Instagram Login ("Instagram API with Instagram Login", Business Login for Instagram), OAuth 2.0
 * without a Facebook Page: the authorization window on www.instagram.com, code → short-lived
 * token (1 h) at api.instagram.com (POST form), short → long-lived (60 days) with
 * `ig_exchange_token` at graph.instagram.com. Refresh (`ig_refresh_token`) is refreshLongLived
 * in oauth2-flow.ts, the same endpoint for both schemes.
 *
 * Like the Facebook Login endpoints, these take the client secret and tokens as parameters, so
 * URLs never go into messages.
 */
import { z } from 'zod';
import type { Send } from '../http/types.js';
import { OAuthEndpointError } from './oauth-endpoint-error.js';
import { parseToken, tokenEndpoint, type Oauth2Token } from './oauth2-flow.js';

export const INSTAGRAM_AUTHORIZE_BASE = 'https://www.instagram.com';
export const INSTAGRAM_API_BASE = 'https://api.instagram.com';
export const INSTAGRAM_GRAPH_BASE = 'https://graph.instagram.com';

/** Business Login scopes (the `business_*` spellings were retired on 2025-01-27). */
export const INSTAGRAM_LOGIN_SCOPES = ['instagram_business_basic', 'instagram_business_manage_comments', 'instagram_business_manage_insights'] as const;

export interface InstagramAuthorizationUrlOptions {
  /** Default https://www.instagram.com. */
  readonly authorizeBase?: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  /** Comma-separated or a list; instagram_business_basic is required by Meta. */
  readonly scope?: string | readonly string[];
}

export function instagramAuthorizationUrl(options: InstagramAuthorizationUrlOptions): string {
  const scope = typeof options.scope === 'string' ? options.scope : (options.scope ?? INSTAGRAM_LOGIN_SCOPES).join(',');
  const query = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: scope.replace(/\s+/g, '') || INSTAGRAM_LOGIN_SCOPES.join(','),
    state: options.state,
  });
  return `${trimBase(options.authorizeBase ?? INSTAGRAM_AUTHORIZE_BASE)}/oauth/authorize?${query.toString()}`;
}

/** The short-lived token, with the Instagram-scoped user id and the permissions granted. */
export interface InstagramCodeToken extends Oauth2Token {
  readonly userId?: string;
  readonly permissions?: readonly string[];
}

const grant = z.object({
  access_token: z.string().min(1),
  user_id: z.union([z.string().min(1), z.number().nonnegative()]).optional(),
  permissions: z.union([z.string(), z.array(z.string())]).optional(),
});
/** Meta documents both shapes: `{"data":[{…}]}` (Business Login) and the older flat object. */
const codeAnswer = z.union([z.object({ data: z.array(grant).length(1) }).transform((d) => d.data[0]!), grant]);

/** POST api.instagram.com/oauth/access_token (form): authorization code → short-lived token (1 h). */
export async function exchangeInstagramCode(options: {
  readonly send: Send;
  /** Default https://api.instagram.com. */
  readonly apiBase?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly code: string;
  readonly signal?: AbortSignal;
}): Promise<InstagramCodeToken> {
  const what = 'Login code exchange';
  // Meta appends "#_" to the redirect; a code pasted with it would be refused.
  const code = options.code.replace(/#_$/, '');
  const { json, text } = await tokenEndpoint(
    options,
    {
      method: 'POST',
      url: `${trimBase(options.apiBase ?? INSTAGRAM_API_BASE)}/oauth/access_token`,
      form: { client_id: options.clientId, client_secret: options.clientSecret, grant_type: 'authorization_code', redirect_uri: options.redirectUri, code },
    },
    what,
    [options.clientSecret, options.code],
  );
  const parsed = codeAnswer.safeParse(json);
  if (!parsed.success) throw new OAuthEndpointError(`Instagram ${what} answered HTTP 200 with an unexpected body (expected access_token and user_id)`, 200);
  const { access_token, permissions } = parsed.data;
  // Older answers give user_id as a JSON number of 17 digits, beyond a double's exact range: read its digits from the text.
  const user_id = typeof parsed.data.user_id === 'number' ? /"user_id"\s*:\s*(\d+)/.exec(text)?.[1] : parsed.data.user_id;
  return {
    accessToken: access_token,
    ...(user_id !== undefined ? { userId: user_id } : {}),
    ...(permissions !== undefined ? { permissions: typeof permissions === 'string' ? permissions.split(',').filter((p) => p !== '') : permissions } : {}),
  };
}

/** GET graph.instagram.com/access_token?grant_type=ig_exchange_token: short-lived → long-lived (60 days). */
export async function exchangeInstagramLongLived(options: {
  readonly send: Send;
  /** Default https://graph.instagram.com. */
  readonly graphBase?: string;
  readonly clientSecret: string;
  readonly accessToken: string;
  readonly signal?: AbortSignal;
}): Promise<Oauth2Token> {
  const what = 'Login long-lived token exchange';
  const query = new URLSearchParams({ grant_type: 'ig_exchange_token', client_secret: options.clientSecret, access_token: options.accessToken });
  const { json } = await tokenEndpoint(options, { method: 'GET', url: `${trimBase(options.graphBase ?? INSTAGRAM_GRAPH_BASE)}/access_token?${query.toString()}` }, what, [options.clientSecret, options.accessToken]);
  return parseToken(json, what);
}

const trimBase = (base: string) => base.replace(/\/+$/, '');
