// Verifies OAuth 1.0a HMAC-SHA1 requests with the `oauth-1.0a` package, an
// implementation independent of the connector's hand-written signer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { unauthorized } from './api-error.js';

/** Requests whose timestamp is further than this from the server clock are rejected. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export type ParamList = Array<[string, string]>;

export interface SignedRequest {
  method: string;
  /** scheme://host[:port]/path as the client addressed it, no query. */
  baseUrl: string;
  /** Query and form-body parameters, decoded, in order (duplicates kept). */
  params: ParamList;
  authorization: string | undefined;
}

export interface SignatureInput {
  method: string;
  baseUrl: string;
  params: ParamList;
  oauthParams: Record<string, string>;
  consumerKey: string;
  consumerSecret: string;
  tokenSecret: string;
}

function hmacSha1(baseString: string, key: string): string {
  return createHmac('sha1', key).update(baseString).digest('base64');
}

/** The RFC 5849 signature, computed by oauth-1.0a. */
export function computeSignature(input: SignatureInput): string {
  const oauth = new OAuth({
    consumer: { key: input.consumerKey, secret: input.consumerSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: hmacSha1,
  });
  const data: Record<string, string | string[]> = {};
  for (const [key, value] of input.params) {
    const existing = data[key];
    if (existing === undefined) data[key] = value;
    else data[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const oauthData = { ...input.oauthParams };
  delete oauthData.oauth_signature;
  delete oauthData.realm;
  return oauth.getSignature(
    { url: input.baseUrl, method: input.method, data },
    input.tokenSecret,
    oauthData as unknown as OAuth.Data,
  );
}

/** Parses `OAuth k="v", ...` into decoded pairs; null when it is not an OAuth header. */
export function parseAuthorizationHeader(header: string | undefined): Record<string, string> | null {
  if (!header) return null;
  const match = /^\s*OAuth\s+(.*)$/i.exec(header);
  if (!match) return null;
  const result: Record<string, string> = {};
  const pair = /([A-Za-z0-9_.~%-]+)\s*=\s*"([^"]*)"/g;
  for (let m = pair.exec(match[1] ?? ''); m; m = pair.exec(match[1] ?? '')) {
    try {
      result[decodeURIComponent(m[1]!)] = decodeURIComponent(m[2]!);
    } catch {
      return null;
    }
  }
  return result;
}

export interface TokenInfo {
  secret: string;
  issuedAtMs: number;
}

export interface OAuthVerifierConfig {
  consumers: Map<string, string>;
  findToken: (token: string) => TokenInfo | undefined;
  now: () => Date;
  tokenTtlSeconds: () => number | null;
}

export interface VerifiedRequest {
  consumerKey: string;
  token: string | undefined;
  oauthParams: Record<string, string>;
}

export class OAuthVerifier {
  /** "nonce|timestamp" -> epoch ms after which it can be forgotten. */
  private readonly seenNonces = new Map<string, number>();

  constructor(private readonly config: OAuthVerifierConfig) {}

  /**
   * Throws 401 UNAUTHORIZED_ACCESS unless the request is validly signed.
   * `requireToken` is false only for /oauth/request_token, which is signed by the consumer alone.
   */
  verify(request: SignedRequest, requireToken: boolean, tokenOverride?: TokenInfo): VerifiedRequest {
    const oauthParams = parseAuthorizationHeader(request.authorization);
    const fail = (reason: string) => unauthorized(`This request is not properly authenticated: ${reason}`);
    if (!oauthParams) throw fail('missing OAuth Authorization header');
    const consumerKey = oauthParams.oauth_consumer_key;
    const consumerSecret = consumerKey === undefined ? undefined : this.config.consumers.get(consumerKey);
    if (!consumerKey || consumerSecret === undefined) throw fail('unknown consumer key');
    if (oauthParams.oauth_signature_method !== 'HMAC-SHA1') throw fail('oauth_signature_method must be HMAC-SHA1');
    if (oauthParams.oauth_version !== undefined && oauthParams.oauth_version !== '1.0') throw fail('oauth_version must be 1.0');
    const signature = oauthParams.oauth_signature;
    const nonce = oauthParams.oauth_nonce;
    const timestamp = oauthParams.oauth_timestamp;
    if (!signature || !nonce || !timestamp || !/^\d+$/.test(timestamp)) throw fail('incomplete OAuth parameters');

    const nowMs = this.config.now().getTime();
    if (Math.abs(nowMs - Number(timestamp) * 1000) > MAX_CLOCK_SKEW_MS) throw fail('timestamp out of bounds');

    const token = oauthParams.oauth_token;
    let tokenSecret = '';
    if (token !== undefined && token !== '') {
      const info = tokenOverride ?? this.config.findToken(token);
      if (!info) throw fail('invalid or expired token');
      const ttl = this.config.tokenTtlSeconds();
      if (ttl !== null && nowMs - info.issuedAtMs > ttl * 1000) throw fail('invalid or expired token');
      tokenSecret = info.secret;
    } else if (requireToken) {
      throw fail('missing oauth_token');
    }

    const expected = computeSignature({
      method: request.method,
      baseUrl: request.baseUrl,
      params: request.params.filter(([k]) => k !== 'oauth_signature'),
      oauthParams,
      consumerKey,
      consumerSecret,
      tokenSecret,
    });
    const a = Buffer.from(expected);
    const b = Buffer.from(signature);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw fail('signature mismatch');

    // Replay check last, so a bad request does not burn the nonce of a good one.
    this.forgetOldNonces(nowMs);
    const nonceKey = `${consumerKey}|${token ?? ''}|${nonce}|${timestamp}`;
    if (this.seenNonces.has(nonceKey)) throw fail('nonce already used');
    this.seenNonces.set(nonceKey, Number(timestamp) * 1000 + MAX_CLOCK_SKEW_MS * 2);
    return { consumerKey, token, oauthParams };
  }

  private forgetOldNonces(nowMs: number): void {
    if (this.seenNonces.size < 10_000) return;
    for (const [key, expiry] of this.seenNonces) if (expiry < nowMs) this.seenNonces.delete(key);
  }
}
