/**
 * The two ways Meta lets an app reach an Instagram professional account (AuthScheme):
 *   FacebookLogin (AuthScheme=OAuth, the default)  a Facebook user token; graph.facebook.com; the
 *                  account is found through the user's Pages.
 *   InstagramLogin  an Instagram user token; graph.instagram.com; no Page: the account is /me.
 * What differs is where the user authorizes and how a code becomes a long-lived token; the rest
 * of the OAuth session (modes, saving, the 24-hour renewal) is the same for both.
 */
import { exchangeInstagramCode, exchangeInstagramLongLived, instagramAuthorizationUrl } from '../../auth/instagram-login.js';
import { authorizationUrl, exchangeCode, exchangeForLongLived, refreshLongLived, type Oauth2Token } from '../../auth/oauth2-flow.js';
import type { Send } from '../../http/types.js';

export type AuthSchemeName = 'FacebookLogin' | 'InstagramLogin';

/** AuthScheme's values: OAuth is CData's name for Facebook Login. */
export function authSchemeOf(value: string | undefined): AuthSchemeName {
  return value === 'InstagramLogin' ? 'InstagramLogin' : 'FacebookLogin';
}

/** Tokens that live less than this are short-lived and are exchanged for a long-lived one. */
const SHORT_LIVED_SECONDS = 2 * 86_400;

export interface CodeExchange {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly code: string;
  readonly signal?: AbortSignal;
}

export interface LoginScheme {
  readonly name: AuthSchemeName;
  /** For messages: "Facebook Login", "Instagram Login". */
  readonly label: string;
  authorizationUrl(args: { clientId: string; redirectUri: string; state: string; scope: string }): string;
  /** Authorization code → long-lived token (through a short-lived one where the scheme gives that first). */
  exchangeCode(args: CodeExchange): Promise<Oauth2Token & { readonly userId?: string }>;
  /** A long-lived token → a new one (ig_refresh_token). */
  refresh(accessToken: string, signal?: AbortSignal): Promise<Oauth2Token>;
}

export interface LoginHosts {
  readonly send: Send;
  readonly version: string;
  /** Where the user authorizes: www.facebook.com, or www.instagram.com. */
  readonly dialogBase: string;
  /** The Graph host of the scheme: graph.facebook.com, or graph.instagram.com. */
  readonly graphBase: string;
  /** Instagram Login's code exchange: api.instagram.com. */
  readonly apiBase?: string;
  /** /refresh_access_token: graph.instagram.com. */
  readonly refreshBase: string;
}

export function loginScheme(name: AuthSchemeName, hosts: LoginHosts): LoginScheme {
  const { send } = hosts;
  const refresh = (accessToken: string, signal?: AbortSignal) => refreshLongLived({ send, refreshBase: hosts.refreshBase, accessToken, signal });
  if (name === 'InstagramLogin') {
    return {
      name,
      label: 'Instagram Login',
      authorizationUrl: (args) => instagramAuthorizationUrl({ authorizeBase: hosts.dialogBase, ...args }),
      async exchangeCode(args) {
        // Instagram Login's code always gives a short-lived (1 h) token: exchange it at once.
        const short = await exchangeInstagramCode({ send, ...(hosts.apiBase ? { apiBase: hosts.apiBase } : {}), ...args });
        const long = await exchangeInstagramLongLived({ send, graphBase: hosts.graphBase, clientSecret: args.clientSecret, accessToken: short.accessToken, signal: args.signal });
        return { ...long, ...(short.userId !== undefined ? { userId: short.userId } : {}) };
      },
      refresh,
    };
  }
  return {
    name,
    label: 'Facebook Login',
    authorizationUrl: (args) => authorizationUrl({ dialogBase: hosts.dialogBase, version: hosts.version, ...args }),
    async exchangeCode(args) {
      const common = { send, graphBase: hosts.graphBase, version: hosts.version, clientId: args.clientId, clientSecret: args.clientSecret, signal: args.signal };
      const token = await exchangeCode({ ...common, redirectUri: args.redirectUri, code: args.code });
      if (token.expiresIn !== undefined && token.expiresIn < SHORT_LIVED_SECONDS) return exchangeForLongLived({ ...common, accessToken: token.accessToken });
      return token;
    },
    refresh,
  };
}
