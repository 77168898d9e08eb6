/**
 * OAuth 1.0a for Twitter Ads, by InitiateOAuth mode (CData's model):
 *   OFF            the OAuthAccessToken and OAuthAccessTokenSecret given;
 *   GETANDREFRESH  saved tokens, else the desktop flow (browser → callback → access token), saved;
 *   REFRESH        never prompts: exchanges OAuthVerifier (with AuthToken and AuthKey) if given,
 *                  else uses the saved tokens, else saves the tokens given.
 * Twitter tokens do not expire; a 401 makes the session look for newer saved tokens, and in
 * GETANDREFRESH authorize again.
 */
import type { Oauth1Credentials } from '../../auth/oauth1-signer.js';
import { getAccessToken, getRequestToken } from '../../auth/oauth1-flow.js';
import { authorizeInBrowser } from '../../auth/desktop-flow.js';
import { openSettingsStore, type OAuthSettings, type SettingsStore } from '../../auth/settings-store.js';
import { singleFlight } from '../../auth/single-flight.js';
import type { Procedure } from '../../connection/sql-connection.js';
import { AuthError, ConnectionStringError } from '../../errors.js';
import type { Send } from '../../http/types.js';
import type { Logger } from '../../log/logger.js';
import type { Oauth1Session } from './client.js';

export type InitiateOAuth = 'OFF' | 'GETANDREFRESH' | 'REFRESH';

export interface TwitterOAuthOptions {
  readonly mode: InitiateOAuth;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly accessToken?: string;
  readonly accessTokenSecret?: string;
  readonly verifier?: string;
  readonly authToken?: string;
  readonly authKey?: string;
  readonly callbackUrl: string;
  readonly settingsLocation?: string;
  /** Where /oauth/* lives: https://api.x.com, or BaseURL. */
  readonly oauthBase: string;
  readonly send: Send;
  readonly logger: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

export class TwitterOAuth implements Oauth1Session {
  private tokens: { token: string; tokenSecret: string } | undefined;
  private readonly store: SettingsStore | undefined;
  private readonly reauthorize: () => Promise<void>;

  constructor(private readonly options: TwitterOAuthOptions) {
    if (options.accessToken && options.accessTokenSecret) this.tokens = { token: options.accessToken, tokenSecret: options.accessTokenSecret };
    // Tokens are saved when a mode manages them, or when the user names a location for the procedures.
    const managed = options.mode !== 'OFF' || options.settingsLocation !== undefined;
    if (managed && !options.clientSecret) throw new ConnectionStringError(`InitiateOAuth=${options.mode} needs OAuthClientSecret (it also encrypts the saved tokens)`);
    this.store = managed ? openSettingsStore(options.settingsLocation, 'twitterads', options.clientSecret!) : undefined;
    this.reauthorize = singleFlight(() => this.desktopFlow());
  }

  /** Gets tokens as the mode says, before the first query. */
  async start(signal?: AbortSignal): Promise<void> {
    const { mode } = this.options;
    if (mode === 'OFF') return;
    if (mode === 'REFRESH' && this.options.verifier) {
      if (!this.options.authToken || !this.options.authKey) throw new ConnectionStringError('OAuthVerifier needs AuthToken and AuthKey (from GetOAuthAuthorizationURL) for Twitter Ads');
      await this.exchange(this.options.authToken, this.options.authKey, this.options.verifier, signal);
      return;
    }
    const saved = await this.store!.read();
    if (saved?.accessTokenSecret) {
      this.tokens = { token: saved.accessToken, tokenSecret: saved.accessTokenSecret };
      return;
    }
    if (this.tokens) {
      await this.save(this.tokens.token, this.tokens.tokenSecret);
      return;
    }
    if (mode === 'REFRESH') {
      throw new AuthError(
        `InitiateOAuth=REFRESH found no saved tokens in ${this.store!.describe()}. Run once with InitiateOAuth=GETANDREFRESH, or give OAuthVerifier with AuthToken and AuthKey.`,
      );
    }
    await this.reauthorize();
  }

  async credentials(): Promise<Oauth1Credentials> {
    const { clientId, clientSecret } = this.options;
    if (!clientId || !clientSecret) throw new AuthError('Twitter Ads needs OAuthClientId and OAuthClientSecret');
    if (!this.tokens) {
      throw new AuthError('No access token yet: set OAuthAccessToken and OAuthAccessTokenSecret, use InitiateOAuth=GETANDREFRESH, or run EXEC GetOAuthAuthorizationURL and EXEC GetOAuthAccessToken');
    }
    return { consumerKey: clientId, consumerSecret: clientSecret, token: this.tokens.token, tokenSecret: this.tokens.tokenSecret };
  }

  async renew(rejected: Oauth1Credentials): Promise<boolean> {
    if (!this.store) return false;
    const saved = await this.store.read();
    if (saved?.accessTokenSecret && saved.accessToken !== rejected.token) {
      this.tokens = { token: saved.accessToken, tokenSecret: saved.accessTokenSecret };
      return true;
    }
    if (this.options.mode !== 'GETANDREFRESH') return false;
    this.options.logger.log(1, 'the access token was rejected; authorizing again in the browser');
    await this.reauthorize();
    return this.tokens?.token !== rejected.token;
  }

  /** Secrets this session knows, for the log's redaction. */
  secrets(): string[] {
    return [this.options.clientSecret, this.tokens?.token, this.tokens?.tokenSecret, this.options.authKey, this.options.verifier].filter((s): s is string => !!s);
  }

  procedures(): Procedure[] {
    return [
      {
        name: 'GetOAuthAuthorizationURL',
        description: 'Gets a request token and the URL where the user authorizes it (web and headless flows).',
        parameters: [
          { name: 'CallbackURL', type: 'String', required: false, description: 'Where Twitter redirects after authorization; default: the CallbackURL property.' },
          { name: 'AuthMode', type: 'String', required: false, description: 'WEB or APP; both work the same here.' },
          { name: 'Scope', type: 'String', required: false, description: 'Not used by OAuth 1.0a; accepted for compatibility.' },
          { name: 'State', type: 'String', required: false, description: 'Not used by OAuth 1.0a; accepted for compatibility.' },
        ],
        results: [
          { name: 'URL', type: 'String' },
          { name: 'AuthToken', type: 'String' },
          { name: 'AuthKey', type: 'String' },
        ],
        run: async (args, signal) => {
          const { clientId, clientSecret } = this.appCredentials();
          const callbackUrl = typeof args.get('CallbackURL') === 'string' ? (args.get('CallbackURL') as string) : this.options.callbackUrl;
          const request = await getRequestToken({ send: this.options.send, baseUrl: this.options.oauthBase, consumerKey: clientId, consumerSecret: clientSecret, callbackUrl, signal });
          return [{ URL: request.authorizationUrl, AuthToken: request.token, AuthKey: request.tokenSecret }];
        },
      },
      {
        name: 'GetOAuthAccessToken',
        description: 'Exchanges the verifier from the callback for an access token and secret, and saves them when OAuthSettingsLocation is in use.',
        parameters: [
          { name: 'AuthMode', type: 'String', required: false, description: 'WEB or APP.' },
          { name: 'Verifier', type: 'String', required: true, description: 'oauth_verifier from the callback URL.' },
          { name: 'AuthToken', type: 'String', required: true, description: 'AuthToken from GetOAuthAuthorizationURL.' },
          { name: 'AuthKey', type: 'String', required: true, description: 'AuthKey from GetOAuthAuthorizationURL.' },
        ],
        results: [
          { name: 'OAuthAccessToken', type: 'String' },
          { name: 'OAuthAccessTokenSecret', type: 'String' },
        ],
        run: async (args, signal) => {
          const tokens = await this.exchange(String(args.get('AuthToken')), String(args.get('AuthKey')), String(args.get('Verifier')), signal);
          return [{ OAuthAccessToken: tokens.token, OAuthAccessTokenSecret: tokens.tokenSecret }];
        },
      },
    ];
  }

  private appCredentials(): { clientId: string; clientSecret: string } {
    const { clientId, clientSecret } = this.options;
    if (!clientId || !clientSecret) throw new AuthError('The OAuth flow needs OAuthClientId and OAuthClientSecret');
    return { clientId, clientSecret };
  }

  private async desktopFlow(): Promise<void> {
    const { clientId, clientSecret } = this.appCredentials();
    let request: { token: string; tokenSecret: string } | undefined;
    const { query } = await authorizeInBrowser({
      callbackUrl: this.options.callbackUrl,
      env: this.options.env,
      onOpen: () => this.options.logger.log(1, 'opening the browser to authorize socialsql'),
      begin: async (callbackUrl) => {
        const token = await getRequestToken({ send: this.options.send, baseUrl: this.options.oauthBase, consumerKey: clientId, consumerSecret: clientSecret, callbackUrl });
        request = token;
        return { url: token.authorizationUrl, expect: { oauthToken: token.token } };
      },
    });
    const verifier = query.get('oauth_verifier');
    if (!verifier || !request) throw new AuthError('The callback carried no oauth_verifier');
    await this.exchange(request.token, request.tokenSecret, verifier);
  }

  private async exchange(token: string, tokenSecret: string, verifier: string, signal?: AbortSignal): Promise<{ token: string; tokenSecret: string }> {
    const { clientId, clientSecret } = this.appCredentials();
    const access = await getAccessToken({ send: this.options.send, baseUrl: this.options.oauthBase, consumerKey: clientId, consumerSecret: clientSecret, token, tokenSecret, verifier, signal });
    this.tokens = { token: access.accessToken, tokenSecret: access.accessTokenSecret };
    await this.save(access.accessToken, access.accessTokenSecret, access.userId);
    return this.tokens;
  }

  private async save(token: string, tokenSecret: string, userId?: string): Promise<void> {
    if (!this.store) return;
    const settings: OAuthSettings = { provider: 'twitterads', clientId: this.options.clientId ?? '', accessToken: token, accessTokenSecret: tokenSecret, obtainedAt: Date.now(), ...(userId ? { userId } : {}) };
    await this.store.update(async () => settings);
    this.options.logger.log(1, `saved the OAuth tokens to ${this.store.describe()}`);
  }
}
