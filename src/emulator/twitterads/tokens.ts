// OAuth 1.0a credentials known to the emulator: the app (consumer), the access
// tokens it has issued, and request tokens of the three-legged flow in progress.
import { createHash, randomBytes } from 'node:crypto';
import type { TokenInfo } from './oauth-verifier.js';

export interface RequestTokenState extends TokenInfo {
  callback: string;
  verifier: string | null;
}

/** Derived from the seed, so `--seed N` always prints the same demo credentials. */
function derive(seed: number, label: string, length: number): string {
  return createHash('sha256').update(`socialsql-twitterads|${seed}|${label}`).digest('base64url').replace(/[-_]/g, 'x').slice(0, length);
}

export class TokenRegistry {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessToken: string;
  readonly accessTokenSecret: string;
  private readonly accessTokens = new Map<string, TokenInfo>();
  private readonly requestTokens = new Map<string, RequestTokenState>();

  constructor(seed: number, nowMs: number) {
    this.consumerKey = derive(seed, 'consumer_key', 25);
    this.consumerSecret = derive(seed, 'consumer_secret', 50);
    this.accessToken = `${1_000_000_000 + (seed % 1_000_000)}-${derive(seed, 'access_token', 40)}`;
    this.accessTokenSecret = derive(seed, 'access_token_secret', 45);
    this.accessTokens.set(this.accessToken, { secret: this.accessTokenSecret, issuedAtMs: nowMs });
  }

  consumers(): Map<string, string> {
    return new Map([[this.consumerKey, this.consumerSecret]]);
  }

  findAccessToken(token: string): TokenInfo | undefined {
    return this.accessTokens.get(token);
  }

  issueRequestToken(callback: string, nowMs: number): { token: string; secret: string } {
    const token = randomBytes(20).toString('base64url');
    const secret = randomBytes(24).toString('base64url');
    this.requestTokens.set(token, { secret, issuedAtMs: nowMs, callback, verifier: null });
    return { token, secret };
  }

  findRequestToken(token: string): RequestTokenState | undefined {
    return this.requestTokens.get(token);
  }

  /** The user clicked "Authorize": the request token gets a verifier. */
  authorizeRequestToken(token: string): RequestTokenState | undefined {
    const state = this.requestTokens.get(token);
    if (state) state.verifier = randomBytes(16).toString('base64url');
    return state;
  }

  /** Exchanges an authorized request token for a new access token (single use). */
  exchange(requestToken: string, nowMs: number): { token: string; secret: string } {
    this.requestTokens.delete(requestToken);
    const token = `${1_000_000_000}-${randomBytes(20).toString('base64url')}`;
    const secret = randomBytes(24).toString('base64url');
    this.accessTokens.set(token, { secret, issuedAtMs: nowMs });
    return { token, secret };
  }
}
