/**
 * Twitter's three-legged OAuth 1.0a flow (request token → user authorizes → verifier → access token).
 * Twitter tokens do not expire, so there is no refresh. Responses are form-encoded.
 */
import { z } from 'zod';
import { CancelledError } from '../errors.js';
import type { HttpResponse, Send } from '../http/types.js';
import { oauth1Header, type Oauth1Credentials } from './oauth1-signer.js';
import { OAuthEndpointError, safeProviderText } from './oauth-endpoint-error.js';

export const TWITTER_OAUTH_BASE = 'https://api.x.com';

export interface RequestToken {
  /** Public: it travels in the authorization URL (GetOAuthAuthorizationURL's AuthToken). */
  readonly token: string;
  /** Secret (GetOAuthAuthorizationURL's AuthKey). */
  readonly tokenSecret: string;
  readonly authorizationUrl: string;
}

export interface AccessToken {
  readonly accessToken: string;
  readonly accessTokenSecret: string;
  readonly userId?: string;
  readonly screenName?: string;
}

interface EndpointOptions {
  readonly send: Send;
  /** Default https://api.x.com; BaseURL / the emulator otherwise. */
  readonly baseUrl?: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly signal?: AbortSignal;
}

const requestTokenSchema = z.object({
  oauth_token: z.string().min(1),
  oauth_token_secret: z.string().min(1),
  oauth_callback_confirmed: z.string().optional(),
});

const accessTokenSchema = z.object({
  oauth_token: z.string().min(1),
  oauth_token_secret: z.string().min(1),
  user_id: z.string().optional(),
  screen_name: z.string().optional(),
});

const twitterErrorsSchema = z.object({
  errors: z.array(z.object({ code: z.union([z.string(), z.number()]).optional(), message: z.string().optional() })).min(1),
});

export async function getRequestToken(options: EndpointOptions & { readonly callbackUrl: string }): Promise<RequestToken> {
  const base = trimBase(options.baseUrl ?? TWITTER_OAUTH_BASE);
  const url = `${base}/oauth/request_token`;
  const credentials: Oauth1Credentials = { consumerKey: options.consumerKey, consumerSecret: options.consumerSecret };
  const secrets = [options.consumerSecret];
  const response = await post(options, url, oauth1Header('POST', url, credentials, { extraOauth: { oauth_callback: options.callbackUrl } }), 'request token', secrets);
  const fields = parseForm(response, requestTokenSchema, 'request token');
  if (fields.oauth_callback_confirmed !== 'true') {
    throw new OAuthEndpointError('Twitter did not confirm the callback URL when issuing the request token (oauth_callback_confirmed is not true). Check CallbackURL against the app settings.', response.status);
  }
  const authorizationUrl = `${base}/oauth/authorize?${new URLSearchParams({ oauth_token: fields.oauth_token }).toString()}`;
  return { token: fields.oauth_token, tokenSecret: fields.oauth_token_secret, authorizationUrl };
}

export async function getAccessToken(
  options: EndpointOptions & { readonly token: string; readonly tokenSecret: string; readonly verifier: string },
): Promise<AccessToken> {
  const url = `${trimBase(options.baseUrl ?? TWITTER_OAUTH_BASE)}/oauth/access_token`;
  const credentials: Oauth1Credentials = {
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    token: options.token,
    tokenSecret: options.tokenSecret,
  };
  const secrets = [options.consumerSecret, options.token, options.tokenSecret, options.verifier];
  const header = oauth1Header('POST', url, credentials, { extraOauth: { oauth_verifier: options.verifier } });
  const response = await post(options, url, header, 'access token', secrets);
  const fields = parseForm(response, accessTokenSchema, 'access token');
  return {
    accessToken: fields.oauth_token,
    accessTokenSecret: fields.oauth_token_secret,
    ...(fields.user_id !== undefined ? { userId: fields.user_id } : {}),
    ...(fields.screen_name !== undefined ? { screenName: fields.screen_name } : {}),
  };
}

const trimBase = (base: string) => base.replace(/\/+$/, '');

async function post(options: EndpointOptions, url: string, authorization: string, what: string, secrets: readonly string[]): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await options.send({
      method: 'POST',
      url,
      headers: { authorization, accept: 'application/x-www-form-urlencoded, application/json' },
      signal: options.signal ?? new AbortController().signal,
    });
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    const reason = safeProviderText(error instanceof Error ? error.message : String(error), secrets);
    throw new OAuthEndpointError(`Could not get a Twitter OAuth ${what}: ${reason}`, 0, undefined, undefined, { cause: error });
  }
  if (response.status !== 200) throw endpointError(response, what, secrets);
  return response;
}

function parseForm<T>(response: HttpResponse, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(Object.fromEntries(new URLSearchParams(response.body)));
  if (!parsed.success) {
    // Field names only: the values are the very tokens we must not print.
    const missing = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new OAuthEndpointError(`Twitter's OAuth ${what} response is not what OAuth 1.0a specifies (missing or empty: ${missing})`, response.status);
  }
  return parsed.data;
}

function endpointError(response: HttpResponse, what: string, secrets: readonly string[]): OAuthEndpointError {
  let detail = '';
  let apiCode: string | undefined;
  try {
    const parsed = twitterErrorsSchema.safeParse(JSON.parse(response.body));
    if (parsed.success) {
      const first = parsed.data.errors[0]!;
      apiCode = first.code === undefined ? undefined : String(first.code);
      detail = parsed.data.errors.map((e) => [e.code, e.message].filter((x) => x !== undefined).join(': ')).join('; ');
    }
  } catch {
    // not JSON (Twitter has answered OAuth errors as text or XML); the status says enough
  }
  const hint =
    response.status === 401
      ? what === 'access token'
        ? ' The verifier or request token is wrong, expired or already used: authorize again.'
        : ' Check OAuthClientId and OAuthClientSecret, and the system clock.'
      : '';
  const text = detail ? `: ${safeProviderText(detail, secrets)}` : '';
  return new OAuthEndpointError(`Twitter refused the OAuth ${what} request (HTTP ${response.status}${text}).${hint}`, response.status, apiCode);
}
