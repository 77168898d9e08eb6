// Access tokens, authorization codes and the app credentials. Tokens expire
// `lifetime` seconds after issue; the token-ttl fault overrides every lifetime.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { derivedSecret } from './data-generator.js';
import { GraphError } from './graph-error.js';
import { formatPacificTime } from './graph-time.js';

/** Long-lived user tokens: ~60 days, the value Graph returns in expires_in. */
export const LONG_LIVED_SECONDS = 5_183_944;
/** Short-lived user tokens from the login flow last about an hour. */
export const SHORT_LIVED_SECONDS = 3600;
/** Authorization codes are valid for 10 minutes and single-use. */
const CODE_LIFETIME_MS = 10 * 60_000;

/** Which login issued a token: Facebook Login (graph.facebook.com) or Instagram Login (graph.instagram.com). */
export type LoginScheme = 'facebook' | 'instagram';

export interface TokenInfo {
  token: string;
  scheme: LoginScheme;
  issuedAtMs: number;
  /** Natural lifetime; null = does not expire (page tokens derived from a long-lived user token). */
  lifetimeSeconds: number | null;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  issuedAtMs: number;
  used: boolean;
  scheme: LoginScheme;
}

export class TokenRegistry {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accessToken: string;
  /** A long-lived Instagram Login token for the demo account (Instagram tokens start IGAA). */
  readonly instagramAccessToken: string;
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly codes = new Map<string, AuthorizationCode>();
  /** appsecret_proof of each token seen: every batch item is checked against the batch's token. */
  private readonly proofs = new Map<string, string>();

  constructor(seed: number, nowMs: number, pageTokens: string[]) {
    this.clientId = `${1_000_000_000_000_000 + ((Math.abs(seed) * 982_451_653) % 1_000_000_000_000)}`.slice(0, 16);
    this.clientSecret = derivedSecret(seed, 'app-secret', 32, 'hex');
    this.accessToken = `EAAG${derivedSecret(seed, 'user-token', 160)}`;
    this.instagramAccessToken = `IGAA${derivedSecret(seed, 'instagram-user-token', 160)}`;
    this.tokens.set(this.accessToken, { token: this.accessToken, scheme: 'facebook', issuedAtMs: nowMs, lifetimeSeconds: LONG_LIVED_SECONDS });
    this.tokens.set(this.instagramAccessToken, { token: this.instagramAccessToken, scheme: 'instagram', issuedAtMs: nowMs, lifetimeSeconds: LONG_LIVED_SECONDS });
    for (const token of pageTokens) this.tokens.set(token, { token, scheme: 'facebook', issuedAtMs: nowMs, lifetimeSeconds: null });
  }

  find(token: string): TokenInfo | undefined {
    return this.tokens.get(token);
  }

  issue(nowMs: number, lifetimeSeconds: number, scheme: LoginScheme = 'facebook'): TokenInfo {
    const prefix = scheme === 'instagram' ? 'IGAA' : 'EAAG';
    const info: TokenInfo = { token: `${prefix}${randomBytes(120).toString('base64url').replace(/[-_]/g, 'Z')}`, scheme, issuedAtMs: nowMs, lifetimeSeconds };
    this.tokens.set(info.token, info);
    return info;
  }

  /** Seconds left, or null when the token does not expire. */
  expiresAtMs(info: TokenInfo, ttlOverride: number | null): number | null {
    const lifetime = ttlOverride ?? info.lifetimeSeconds;
    return lifetime === null ? null : info.issuedAtMs + lifetime * 1000;
  }

  issueCode(clientId: string, redirectUri: string, scope: string, nowMs: number, scheme: LoginScheme = 'facebook'): string {
    const code = `AQ${randomBytes(96).toString('base64url')}`;
    this.codes.set(code, { code, clientId, redirectUri, scope, issuedAtMs: nowMs, used: false, scheme });
    return code;
  }

  findCode(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  codeExpired(code: AuthorizationCode, nowMs: number): boolean {
    return nowMs > code.issuedAtMs + CODE_LIFETIME_MS;
  }

  proofFor(token: string): string {
    let proof = this.proofs.get(token);
    if (proof === undefined) {
      proof = createHmac('sha256', this.clientSecret).update(token).digest('hex');
      // Only registered tokens are kept, so forged ones cannot grow the map.
      if (this.tokens.has(token)) this.proofs.set(token, proof);
    }
    return proof;
  }

  proofMatches(token: string, proof: string): boolean {
    const expected = Buffer.from(this.proofFor(token), 'utf8');
    const given = Buffer.from(proof.toLowerCase(), 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

export interface AuthInput {
  token: string | undefined;
  proof: string | undefined;
  /** /me calls get Graph's 2500 "active access token" error instead of 104 when no token is sent. */
  aboutCurrentUser: boolean;
  nowMs: number;
}

/** Validates a Graph API call's token (and appsecret_proof). Throws the real errors. */
export function authenticate(
  registry: TokenRegistry,
  input: AuthInput,
  settings: { tokenTtlSeconds: number | null; requireAppsecretProof: boolean },
): TokenInfo {
  if (input.token === undefined || input.token === '') {
    if (input.aboutCurrentUser) {
      throw new GraphError(400, { message: 'An active access token must be used to query information about the current user.', type: 'OAuthException', code: 2500 });
    }
    throw new GraphError(400, { message: 'An access token is required to request this resource.', type: 'OAuthException', code: 104 });
  }
  const info = registry.find(input.token);
  if (!info) throw new GraphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });
  const expiresAt = registry.expiresAtMs(info, settings.tokenTtlSeconds);
  if (expiresAt !== null && input.nowMs >= expiresAt) {
    throw new GraphError(400, {
      message: `Error validating access token: Session has expired on ${formatPacificTime(expiresAt)}. The current time is ${formatPacificTime(input.nowMs)}.`,
      type: 'OAuthException',
      code: 190,
      error_subcode: 463,
    });
  }
  // A proof that is sent is always checked; requireAppsecretProof makes it mandatory.
  if (input.proof !== undefined) {
    if (!registry.proofMatches(input.token, input.proof)) {
      throw new GraphError(400, { message: 'Invalid appsecret_proof provided in the API argument', type: 'GraphMethodException', code: 100 });
    }
  } else if (settings.requireAppsecretProof) {
    throw new GraphError(400, { message: 'API calls from the server require an appsecret_proof argument', type: 'GraphMethodException', code: 100 });
  }
  return info;
}
