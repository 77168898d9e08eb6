// Test helper: signs requests to the Twitter Ads emulator with the oauth-1.0a package.
import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { RunningEmulator } from '../../src/emulator/twitterads/index.js';

export interface SignedRequestOptions {
  method?: string;
  /** Form fields sent as application/x-www-form-urlencoded (signed). */
  form?: Record<string, string>;
  /** JSON body (not part of the signature). */
  json?: unknown;
  consumerSecret?: string;
  token?: string;
  tokenSecret?: string;
  timestamp?: number;
  nonce?: string;
  /** Tamper with the header after signing. */
  mutateHeader?: (header: string) => string;
}

export interface ApiResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export function hmacSha1(base: string, key: string): string {
  return createHmac('sha1', key).update(base).digest('base64');
}

export function authorizationHeader(emu: RunningEmulator, method: string, url: string, options: SignedRequestOptions = {}): string {
  const c = emu.credentials;
  const oauth = new OAuth({
    consumer: { key: c.clientId, secret: options.consumerSecret ?? c.clientSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: hmacSha1,
  });
  const data: OAuth.Data = {
    oauth_consumer_key: c.clientId,
    oauth_nonce: options.nonce ?? oauth.getNonce(),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    oauth_version: '1.0',
    oauth_token: options.token ?? c.accessToken,
  };
  const signature = oauth.getSignature(
    { url, method, data: options.form ?? {} },
    options.tokenSecret ?? c.accessTokenSecret,
    { ...data },
  );
  const header = oauth.toHeader({ ...data, oauth_signature: signature }).Authorization;
  return options.mutateHeader ? options.mutateHeader(header) : header;
}

export async function call<T = any>(emu: RunningEmulator, path: string, options: SignedRequestOptions = {}): Promise<ApiResult<T>> {
  const method = options.method ?? 'GET';
  const url = emu.url + path;
  const headers: Record<string, string> = { authorization: authorizationHeader(emu, method, url, options) };
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // leave as text: tests for truncated bodies look at it
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Query string from an object, encoded as clients do (RFC 3986 safe for the signer). */
export function qs(params: Record<string, string | number | boolean>): string {
  const parts = Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export async function admin(emu: RunningEmulator, method: string, path: string, json?: unknown): Promise<any> {
  const response = await fetch(emu.url + path, {
    method,
    headers: json === undefined ? {} : { 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return response.json();
}

/** Pages through a list endpoint, returning every row and the number of pages. */
export async function fetchAll(emu: RunningEmulator, path: string, params: Record<string, string | number | boolean>): Promise<{ rows: any[]; pages: number; cursors: string[] }> {
  const rows: any[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: ApiResult = await call(emu, path + qs(cursor ? { ...params, cursor } : params));
    if (res.status !== 200) throw new Error(`page ${pages}: ${res.status} ${JSON.stringify(res.body)}`);
    rows.push(...res.body.data);
    cursor = res.body.next_cursor;
    if (cursor) cursors.push(cursor);
    pages += 1;
  } while (cursor);
  return { rows, pages, cursors };
}
