/**
 * Facebook Login (OAuth 2.0) for the Instagram Graph API: the dialog URL, code → short-lived
 * token, short → long-lived (~60 days), and refresh of a long-lived token before it expires.
 *
 * Graph token endpoints take the client secret and tokens in the query string, so URLs never
 * go into messages: errors say which step failed and what Graph answered, masked.
 */
import { z } from 'zod';
import { CancelledError } from '../errors.js';
import type { HttpResponse, Send } from '../http/types.js';
import { OAuthEndpointError, safeProviderText } from './oauth-endpoint-error.js';

export const FACEBOOK_DIALOG_BASE = 'https://www.facebook.com';
export const GRAPH_BASE = 'https://graph.facebook.com';
export const INSTAGRAM_REFRESH_BASE = 'https://graph.instagram.com';
export const GRAPH_VERSION = 'v21.0';

export interface Oauth2Token {
  readonly accessToken: string;
  readonly tokenType?: string;
  /** Seconds from now; absent when Graph does not say. */
  readonly expiresIn?: number;
}

export interface AuthorizationUrlOptions {
  /** Default https://www.facebook.com. */
  readonly dialogBase?: string;
  /** Default v21.0. */
  readonly version?: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  /** Permissions, comma-separated or as a list. */
  readonly scope?: string | readonly string[];
}

export function authorizationUrl(options: AuthorizationUrlOptions): string {
  const query = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    state: options.state,
    response_type: 'code',
  });
  const scope = typeof options.scope === 'string' ? options.scope : options.scope?.join(',');
  if (scope) query.set('scope', scope.replace(/\s+/g, ''));
  return `${trimBase(options.dialogBase ?? FACEBOOK_DIALOG_BASE)}/${versionOf(options.version)}/dialog/oauth?${query.toString()}`;
}

interface GraphCallOptions {
  readonly send: Send;
  /** Default https://graph.facebook.com. */
  readonly graphBase?: string;
  readonly version?: string;
  readonly signal?: AbortSignal;
}

export async function exchangeCode(
  options: GraphCallOptions & { readonly clientId: string; readonly clientSecret: string; readonly redirectUri: string; readonly code: string },
): Promise<Oauth2Token> {
  const query = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    client_secret: options.clientSecret,
    code: options.code,
  });
  const url = `${trimBase(options.graphBase ?? GRAPH_BASE)}/${versionOf(options.version)}/oauth/access_token?${query.toString()}`;
  return tokenCall(options, url, 'authorization code exchange', [options.clientSecret, options.code]);
}

export async function exchangeForLongLived(
  options: GraphCallOptions & { readonly clientId: string; readonly clientSecret: string; readonly accessToken: string },
): Promise<Oauth2Token> {
  const query = new URLSearchParams({
    grant_type: 'fb_exchange_token',
    client_id: options.clientId,
    client_secret: options.clientSecret,
    fb_exchange_token: options.accessToken,
  });
  const url = `${trimBase(options.graphBase ?? GRAPH_BASE)}/${versionOf(options.version)}/oauth/access_token?${query.toString()}`;
  return tokenCall(options, url, 'long-lived token exchange', [options.clientSecret, options.accessToken]);
}

export async function refreshLongLived(options: {
  readonly send: Send;
  /** Default https://graph.instagram.com. */
  readonly refreshBase?: string;
  readonly accessToken: string;
  readonly signal?: AbortSignal;
}): Promise<Oauth2Token> {
  const query = new URLSearchParams({ grant_type: 'ig_refresh_token', access_token: options.accessToken });
  const url = `${trimBase(options.refreshBase ?? INSTAGRAM_REFRESH_BASE)}/refresh_access_token?${query.toString()}`;
  return tokenCall(options, url, 'token refresh', [options.accessToken]);
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.number().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
});

/** Graph's envelope: {"error":{message,type,code,error_subcode,fbtrace_id}}. */
const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.union([z.number(), z.string()]).optional(),
    error_subcode: z.union([z.number(), z.string()]).optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/** The older Instagram-host envelope: {"error_type","code","error_message"}. */
const instagramErrorSchema = z.object({
  error_type: z.string().optional(),
  code: z.union([z.number(), z.string()]).optional(),
  error_message: z.string(),
});

const trimBase = (base: string) => base.replace(/\/+$/, '');
const versionOf = (version: string | undefined) => {
  const v = (version ?? GRAPH_VERSION).trim();
  return v.startsWith('v') ? v : `v${v}`;
};

async function tokenCall(
  options: { readonly send: Send; readonly signal?: AbortSignal },
  url: string,
  what: string,
  secrets: ReadonlyArray<string>,
): Promise<Oauth2Token> {
  return parseToken((await tokenEndpoint(options, { method: 'GET', url }, what, secrets)).json, what);
}

/** A token endpoint's JSON answer (HTTP 200) and its text, or an OAuthEndpointError with the provider's words, masked. */
export async function tokenEndpoint(
  options: { readonly send: Send; readonly signal?: AbortSignal },
  request: { readonly method: 'GET' | 'POST'; readonly url: string; readonly form?: Readonly<Record<string, string>> },
  what: string,
  secrets: ReadonlyArray<string>,
): Promise<{ readonly json: unknown; readonly text: string }> {
  let response: HttpResponse;
  try {
    response = await options.send({
      method: request.method,
      url: request.url,
      headers: { accept: 'application/json', ...(request.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(request.form ? { body: new URLSearchParams(request.form).toString() } : {}),
      signal: options.signal ?? new AbortController().signal,
    });
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    const reason = safeProviderText(error instanceof Error ? error.message : String(error), secrets);
    throw new OAuthEndpointError(`Instagram ${what} failed: ${reason}`, 0, undefined, undefined, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  if (response.status !== 200) throw graphError(response.status, json, what, secrets);
  return { json, text: response.body };
}

/** `{access_token, token_type?, expires_in?}` as our token, or an error naming the bad fields. */
export function parseToken(json: unknown, what: string): Oauth2Token {
  const parsed = tokenSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(body)').join(', ');
    throw new OAuthEndpointError(`Instagram ${what} answered HTTP 200 with an unexpected body (bad fields: ${fields})`, 200);
  }
  return {
    accessToken: parsed.data.access_token,
    ...(parsed.data.token_type !== undefined ? { tokenType: parsed.data.token_type } : {}),
    ...(parsed.data.expires_in !== undefined ? { expiresIn: parsed.data.expires_in } : {}),
  };
}

function graphError(status: number, json: unknown, what: string, secrets: ReadonlyArray<string>): OAuthEndpointError {
  const graph = graphErrorSchema.safeParse(json);
  if (graph.success) {
    const e = graph.data.error;
    const code = e.code === undefined ? undefined : String(e.code);
    const subcode = e.error_subcode === undefined ? undefined : String(e.error_subcode);
    const facts = [
      `HTTP ${status}`,
      e.type,
      code !== undefined ? `code ${code}` : undefined,
      subcode !== undefined ? `subcode ${subcode}` : undefined,
      e.fbtrace_id !== undefined ? `fbtrace_id ${e.fbtrace_id}` : undefined,
    ].filter((x): x is string => x !== undefined);
    const message = safeProviderText(e.message ?? 'no message', secrets);
    const hint = code === '190' ? ' The token is expired or invalid: authorize again.' : '';
    return new OAuthEndpointError(`Instagram ${what} failed: ${message} (${facts.join(', ')}).${hint}`, status, code, subcode);
  }
  const instagram = instagramErrorSchema.safeParse(json);
  if (instagram.success) {
    const e = instagram.data;
    const code = e.code === undefined ? undefined : String(e.code);
    const facts = [`HTTP ${status}`, e.error_type, code !== undefined ? `code ${code}` : undefined].filter((x): x is string => x !== undefined);
    return new OAuthEndpointError(`Instagram ${what} failed: ${safeProviderText(e.error_message, secrets)} (${facts.join(', ')})`, status, code);
  }
  return new OAuthEndpointError(`Instagram ${what} failed with HTTP ${status} and no Graph error body`, status);
}
