/**
 * OAuth 1.0a HMAC-SHA1 request signing (RFC 5849 §3.4), written from the RFC. The emulator
 * verifies with a different implementation; both are checked against the published vectors.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface Oauth1Credentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** Absent while getting a request token. */
  readonly token?: string;
  readonly tokenSecret?: string;
}

/** RFC 3986 unreserved characters stay; everything else is %XX with upper-case hex. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The signature over method, base URL and every parameter (query, form body and oauth_*). */
export function oauth1Signature(
  method: string,
  baseUrl: string,
  params: ReadonlyArray<readonly [string, string]>,
  consumerSecret: string,
  tokenSecret = '',
): string {
  const normalized = params
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const baseString = [method.toUpperCase(), percentEncode(baseUrl), percentEncode(normalized)].join('&');
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha1', key).update(baseString).digest('base64');
}

export interface SignOptions {
  /** Extra oauth_* parameters, such as oauth_callback or oauth_verifier. */
  readonly extraOauth?: Readonly<Record<string, string>>;
  /** Form-encoded body parameters (they are signed too). */
  readonly formParams?: ReadonlyArray<readonly [string, string]>;
  readonly timestamp?: string;
  readonly nonce?: string;
}

/** The Authorization header value for a request. */
export function oauth1Header(method: string, url: string, credentials: Oauth1Credentials, options: SignOptions = {}): string {
  const parsed = new URL(url);
  const baseUrl = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  const oauth: Record<string, string> = {
    oauth_consumer_key: credentials.consumerKey,
    oauth_nonce: options.nonce ?? randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: options.timestamp ?? String(Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
    ...(credentials.token !== undefined ? { oauth_token: credentials.token } : {}),
    ...options.extraOauth,
  };
  const params: Array<readonly [string, string]> = [...parsed.searchParams.entries(), ...(options.formParams ?? []), ...Object.entries(oauth)];
  oauth.oauth_signature = oauth1Signature(method, baseUrl, params, credentials.consumerSecret, credentials.tokenSecret ?? '');
  const fields = Object.entries(oauth)
    .map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`)
    .join(', ');
  return `OAuth ${fields}`;
}
