/**
 * OAuth 2.0 for Instagram (Facebook Login or Instagram Login, see login-schemes.ts), by
 * InitiateOAuth mode (CData's model):
 *   OFF            the OAuthAccessToken given;
 *   GETANDREFRESH  the saved token, refreshed before it expires; else the desktop flow (browser →
 *                  code → short-lived → long-lived token), saved;
 *   REFRESH        never prompts: exchanges OAuthVerifier (the code) if given, else uses and
 *                  refreshes the saved token, else saves the token given.
 * A refresh happens once for all requests in flight, and under the settings file's lock, so two
 * processes that need one at the same moment make a single refresh between them.
 */
import { randomBytes } from 'node:crypto';
import { authorizeInBrowser } from '../../auth/desktop-flow.js';
import type { Oauth2Token } from '../../auth/oauth2-flow.js';
import { openSettingsStore, type OAuthSettings, type SettingsStore } from '../../auth/settings-store.js';
import { singleFlight } from '../../auth/single-flight.js';
import type { Procedure } from '../../connection/sql-connection.js';
import type { Value } from '../../catalog/types.js';
import { AuthError, ConnectionStringError } from '../../errors.js';
import type { Send } from '../../http/types.js';
import type { Logger } from '../../log/logger.js';
import type { TokenSession } from './client.js';
import { loginScheme, type AuthSchemeName, type LoginScheme } from './login-schemes.js';

export type InitiateOAuth = 'OFF' | 'GETANDREFRESH' | 'REFRESH';

const DAY_MS = 86_400_000;
/** A long-lived token lives 60 days; Graph refreshes one only once it is a day old, a sixtieth of that. */
const RENEWAL_AGE_SHARE = 1 / 60;

export interface InstagramOAuthOptions {
  readonly mode: InitiateOAuth;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly accessToken?: string;
  readonly verifier?: string;
  readonly callbackUrl: string;
  readonly scope: string;
  readonly settingsLocation?: string;
  readonly version: string;
  /** AuthScheme: FacebookLogin (default) or InstagramLogin. */
  readonly scheme?: AuthSchemeName;
  /** Hosts: the login dialog, the Graph API (token exchange), and the Instagram refresh endpoint. */
  readonly dialogBase: string;
  readonly graphBase: string;
  readonly refreshBase: string;
  /** Instagram Login's code exchange host (api.instagram.com). */
  readonly apiBase?: string;
  readonly send: Send;
  readonly logger: Logger;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => number;
}

interface Held {
  readonly accessToken: string;
  readonly expiresAt?: number;
  readonly obtainedAt: number;
}

export class InstagramOAuth implements TokenSession {
  private held: Held | undefined;
  private readonly store: SettingsStore | undefined;
  private readonly seen = new Set<string>();
  private readonly refreshShared: () => Promise<void>;
  private readonly reauthorize: () => Promise<void>;
  /** Tokens the API refused: never adopted again, even if a file still holds them. */
  private readonly rejected = new Set<string>();
  private readonly now: () => number;
  /** After a failed renewal, no new attempt before this time (the token still works until it expires). */
  private renewAfter = 0;
  private readonly login: LoginScheme;

  constructor(private readonly options: InstagramOAuthOptions) {
    this.now = options.now ?? Date.now;
    this.login = loginScheme(options.scheme ?? 'FacebookLogin', options);
    if (options.accessToken) this.hold({ accessToken: options.accessToken, obtainedAt: this.now() });
    const managed = options.mode !== 'OFF' || options.settingsLocation !== undefined;
    if (managed && !options.clientSecret) throw new ConnectionStringError(`InitiateOAuth=${options.mode} needs OAuthClientSecret (it also encrypts the saved tokens)`);
    this.store = managed ? openSettingsStore(options.settingsLocation, 'instagram', options.clientSecret!) : undefined;
    this.refreshShared = singleFlight(() => this.refreshSaved());
    this.reauthorize = singleFlight(() => this.desktopFlow());
  }

  /** Gets a token as the mode says, before the first query. */
  async start(signal?: AbortSignal): Promise<void> {
    const { mode } = this.options;
    if (mode === 'OFF') return;
    if (mode === 'REFRESH' && this.options.verifier) {
      await this.exchange(this.options.verifier, this.options.callbackUrl, signal);
      return;
    }
    const saved = await this.store!.read();
    if (saved && !this.expired(saved)) {
      this.hold(saved);
      if (this.needsRenewal(saved)) await this.renewOnTheWay();
      return;
    }
    if (this.held && !saved) {
      await this.save(this.held);
      return;
    }
    if (mode === 'REFRESH') {
      throw new AuthError(
        saved
          ? `The token saved in ${this.store!.describe()} has expired and cannot be refreshed. Authorize again: run once with InitiateOAuth=GETANDREFRESH, or give OAuthVerifier.`
          : `InitiateOAuth=REFRESH found no saved token in ${this.store!.describe()}. Run once with InitiateOAuth=GETANDREFRESH, or give OAuthVerifier or OAuthAccessToken.`,
      );
    }
    await this.reauthorize();
  }

  async token(): Promise<string> {
    if (!this.held) {
      throw new AuthError('No access token yet: set OAuthAccessToken, use InitiateOAuth=GETANDREFRESH, or run EXEC GetOAuthAuthorizationURL and EXEC GetOAuthAccessToken');
    }
    if (this.store && this.needsRenewal(this.held)) await this.renewOnTheWay();
    return this.held.accessToken;
  }

  /**
   * After a 190: adopt a newer saved token (another connection refreshed), else refresh now (a
   * token revoked early may still be refreshable), else in GETANDREFRESH authorize again.
   */
  async renew(rejected: string): Promise<boolean> {
    if (!this.store) return false;
    this.rejected.add(rejected);
    const saved = await this.store.read();
    if (saved && !this.rejected.has(saved.accessToken) && !this.expired(saved)) {
      this.hold(saved);
      return true;
    }
    try {
      await this.refreshShared();
      if (this.held && !this.rejected.has(this.held.accessToken)) return true;
    } catch (error) {
      this.options.logger.log(1, `the token could not be refreshed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.options.mode !== 'GETANDREFRESH') return false;
    this.options.logger.log(1, 'the access token was rejected; authorizing again in the browser');
    await this.reauthorize();
    return this.held !== undefined && !this.rejected.has(this.held.accessToken);
  }

  secrets(): readonly string[] {
    return [...this.seen, this.options.clientSecret, this.options.verifier].filter((s): s is string => !!s);
  }

  procedures(): Procedure[] {
    const text = (value: Value | undefined) => (typeof value === 'string' && value !== '' ? value : undefined);
    return [
      {
        name: 'GetOAuthAuthorizationURL',
        description: 'The Facebook Login (or, with AuthScheme=InstagramLogin, Instagram Login) URL where the user authorizes the app (web and headless flows).',
        parameters: [
          { name: 'CallbackURL', type: 'String', required: false, description: 'Redirect URI registered for the app; default: the CallbackURL property.' },
          { name: 'Scope', type: 'String', required: false, description: 'Comma-separated permissions; default: the Scope property.' },
          { name: 'State', type: 'String', required: false, description: 'Opaque value echoed on the redirect; default: a random one.' },
          { name: 'AuthMode', type: 'String', required: false, description: 'WEB or APP.' },
        ],
        results: [{ name: 'URL', type: 'String' }],
        run: async (args) => {
          const url = this.login.authorizationUrl({
            clientId: this.appCredentials().clientId,
            redirectUri: text(args.get('CallbackURL')) ?? this.options.callbackUrl,
            state: text(args.get('State')) ?? randomBytes(16).toString('hex'),
            scope: text(args.get('Scope')) ?? this.options.scope,
          });
          return [{ URL: url }];
        },
      },
      {
        name: 'GetOAuthAccessToken',
        description: 'Exchanges the code from the redirect for a long-lived access token, and saves it when OAuthSettingsLocation is in use.',
        parameters: [
          { name: 'AuthMode', type: 'String', required: false, description: 'WEB or APP.' },
          { name: 'Verifier', type: 'String', required: true, description: 'The code parameter of the redirect.' },
          { name: 'CallbackURL', type: 'String', required: false, description: 'The redirect URI used for the authorization URL.' },
          { name: 'Scope', type: 'String', required: false, description: 'Accepted for compatibility.' },
          { name: 'State', type: 'String', required: false, description: 'Accepted for compatibility.' },
        ],
        results: [
          { name: 'OAuthAccessToken', type: 'String' },
          { name: 'OAuthRefreshToken', type: 'String' },
          { name: 'ExpiresIn', type: 'Long' },
        ],
        run: async (args, signal) => {
          const held = await this.exchange(String(args.get('Verifier')), text(args.get('CallbackURL')) ?? this.options.callbackUrl, signal);
          return [{ OAuthAccessToken: held.accessToken, OAuthRefreshToken: held.accessToken, ExpiresIn: this.expiresIn(held) }];
        },
      },
      {
        name: 'RefreshOAuthAccessToken',
        description: 'Exchanges a long-lived token for a new one (about 60 days); the connection uses it from then on.',
        parameters: [{ name: 'OAuthRefreshToken', type: 'String', required: false, description: 'The long-lived token to refresh; default: the current token.' }],
        results: [
          { name: 'OAuthAccessToken', type: 'String' },
          { name: 'OAuthRefreshToken', type: 'String' },
          { name: 'ExpiresIn', type: 'Long' },
        ],
        run: async (args, signal) => {
          const current = text(args.get('OAuthRefreshToken')) ?? this.held?.accessToken;
          if (!current) throw new AuthError('RefreshOAuthAccessToken needs @OAuthRefreshToken or a current access token');
          const held = this.heldFrom(await this.login.refresh(current, signal));
          this.hold(held);
          await this.save(held);
          return [{ OAuthAccessToken: held.accessToken, OAuthRefreshToken: held.accessToken, ExpiresIn: this.expiresIn(held) }];
        },
      },
    ];
  }

  /** Refreshes the saved token, unless another connection or process already did (seen under the lock). */
  private async refreshSaved(): Promise<void> {
    const stale = this.held?.accessToken;
    if (!stale || !this.store) return;
    const result = await this.store.update(async (current) => {
      if (current && current.accessToken !== stale && !this.needsRenewal(current) && !this.rejected.has(current.accessToken)) return current;
      const refreshed = this.heldFrom(await this.login.refresh(current?.accessToken ?? stale));
      this.options.logger.log(1, 'refreshed the access token');
      return this.settingsOf(refreshed);
    });
    if (result) this.hold(result);
  }

  private async desktopFlow(): Promise<void> {
    const { clientId } = this.appCredentials();
    const state = randomBytes(16).toString('hex');
    const { query, callbackUrl } = await authorizeInBrowser({
      callbackUrl: this.options.callbackUrl,
      env: this.options.env,
      onOpen: () => this.options.logger.log(1, 'opening the browser to authorize socialsql'),
      begin: async (redirectUri) => ({
        url: this.login.authorizationUrl({ clientId, redirectUri, state, scope: this.options.scope }),
        expect: { state },
      }),
    });
    const code = query.get('code');
    if (!code) throw new AuthError('The redirect carried no code');
    await this.exchange(code, callbackUrl);
  }

  /** Code → long-lived token, as the scheme does it. Saved when a store is in use. */
  private async exchange(code: string, redirectUri: string, signal?: AbortSignal): Promise<Held> {
    const { clientId, clientSecret } = this.appCredentials();
    const token = await this.login.exchangeCode({ clientId, clientSecret, redirectUri, code, signal });
    const held = this.heldFrom(token);
    this.hold(held);
    await this.save(held);
    return held;
  }

  private appCredentials(): { clientId: string; clientSecret: string } {
    const { clientId, clientSecret } = this.options;
    if (!clientId || !clientSecret) throw new AuthError(`The ${this.login.label} OAuth flow needs OAuthClientId and OAuthClientSecret`);
    return { clientId, clientSecret };
  }

  private heldFrom(token: Oauth2Token): Held {
    const now = this.now();
    return { accessToken: token.accessToken, obtainedAt: now, ...(token.expiresIn !== undefined ? { expiresAt: now + token.expiresIn * 1000 } : {}) };
  }

  private hold(held: Held): void {
    this.held = { accessToken: held.accessToken, obtainedAt: held.obtainedAt, ...(held.expiresAt !== undefined ? { expiresAt: held.expiresAt } : {}) };
    this.seen.add(held.accessToken);
  }

  private async save(held: Held): Promise<void> {
    if (!this.store) return;
    const settings = this.settingsOf(held);
    await this.store.update(async () => settings);
    this.options.logger.log(1, `saved the OAuth token to ${this.store.describe()}`);
  }

  private settingsOf(held: Held): OAuthSettings {
    return { provider: 'instagram', clientId: this.options.clientId ?? '', accessToken: held.accessToken, obtainedAt: held.obtainedAt, ...(held.expiresAt !== undefined ? { expiresAt: held.expiresAt } : {}) };
  }

  private expired(held: Held): boolean {
    return held.expiresAt !== undefined && held.expiresAt <= this.now();
  }

  /**
   * Renews the saved token on the way, so that a token in use never runs out: a job that runs
   * weekly finds a token renewed last week, not one about to expire. A failed renewal is logged
   * and tried again later; the token in hand works until it expires.
   */
  private async renewOnTheWay(): Promise<void> {
    if (this.now() < this.renewAfter) return;
    try {
      await this.refreshShared();
    } catch (error) {
      const held = this.held;
      if (!held || this.expired(held)) throw error;
      this.renewAfter = this.now() + Math.max(60_000, this.renewalAge(held));
      this.options.logger.log(1, `the access token could not be renewed yet; keeping it: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private needsRenewal(held: Held): boolean {
    return this.expiring(held) || this.oldEnoughToRenew(held);
  }

  /**
   * Graph refreshes a long-lived token once it is at least 24 hours old; socialsql then renews it on
   * any connection. The 24 hours are a sixtieth of the 60-day lifetime, and scale with it: a token
   * that lives 60 s (the emulator's --token-ttl 60) is renewed once it is 1 s old.
   */
  private oldEnoughToRenew(held: Held): boolean {
    if (held.expiresAt === undefined) return false;
    return this.now() - held.obtainedAt >= this.renewalAge(held);
  }

  private renewalAge(held: Held): number {
    return held.expiresAt === undefined ? DAY_MS : Math.min(DAY_MS, (held.expiresAt - held.obtainedAt) * RENEWAL_AGE_SHARE);
  }

  /** Within the last tenth of its life (at most a day before expiry): refresh now, while it still works. */
  private expiring(held: Held): boolean {
    if (held.expiresAt === undefined) return false;
    const margin = Math.min(86_400_000, (held.expiresAt - held.obtainedAt) / 10);
    return held.expiresAt - this.now() <= margin;
  }

  private expiresIn(held: Held): number {
    return held.expiresAt === undefined ? -1 : Math.round((held.expiresAt - this.now()) / 1000);
  }
}
