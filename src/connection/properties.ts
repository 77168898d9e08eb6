/**
 * Connection properties (DESIGN §4): one declarative list per provider, from which come the
 * validation, the defaults, sys_connection_props and README's property table.
 */
import { z } from 'zod';
import { ConnectionStringError } from '../errors.js';
import { didYouMean } from '../text/closest-match.js';
import { parseConnectionString } from './connection-string.js';

export interface PropertyDefinition {
  readonly name: string;
  readonly description: string;
  readonly default?: string;
  /** Masked in sys_connection_props, logs and banners. */
  readonly secret?: boolean;
  readonly schema: z.ZodType<unknown, string>;
}

const text = z.string();
const bool = z.string().transform((value, ctx) => {
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1' || lower === 'yes') return true;
  if (lower === 'false' || lower === '0' || lower === 'no') return false;
  ctx.addIssue({ code: 'custom', message: `expected true or false, got "${value}"` });
  return z.NEVER;
});
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.string().transform((value, ctx) => {
    const n = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${value}"` });
      return z.NEVER;
    }
    return n;
  });
const oneOf = <T extends string>(...values: T[]) =>
  z.string().transform((value, ctx) => {
    const match = values.find((v) => v.toLowerCase() === value.toLowerCase());
    if (match === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}, got "${value}"` });
      return z.NEVER;
    }
    return match;
  });
const url = z.string().transform((value, ctx) => {
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
    return value.replace(/\/+$/, '');
  } catch {
    ctx.addIssue({ code: 'custom', message: `expected an http(s) URL, got "${value}"` });
    return z.NEVER;
  }
});

const common = [
  { name: 'InitiateOAuth', description: 'OFF: use the OAuthAccessToken given. GETANDREFRESH: get a token through the browser when there is none, and refresh it. REFRESH: only refresh saved tokens; never prompt.', default: 'OFF', schema: oneOf('OFF', 'GETANDREFRESH', 'REFRESH') },
  { name: 'OAuthClientId', description: 'Client id (consumer key / app id) of your OAuth application.', schema: text },
  { name: 'OAuthClientSecret', description: 'Client secret of your OAuth application.', secret: true, schema: text },
  { name: 'OAuthAccessToken', description: 'The OAuth access token.', secret: true, schema: text },
  { name: 'OAuthSettingsLocation', description: 'Where tokens are saved: a file path, or memory://name to keep them in the process.', schema: text },
  { name: 'CallbackURL', description: 'Redirect URL registered with your OAuth application.', default: 'http://localhost:33333', schema: url },
  { name: 'OAuthVerifier', description: 'Verifier (code) from the authorization URL, for headless machines.', secret: true, schema: text },
  { name: 'Timeout', description: 'Seconds to wait for each HTTP request; 0 waits forever.', default: '60', schema: wholeNumber(0) },
  { name: 'MaxRows', description: 'Most rows a query without aggregation returns; -1 or 0 means no limit.', default: '-1', schema: wholeNumber(-1) },
  { name: 'Pagesize', description: 'Rows per API page; 0 uses the API default. Capped at the API maximum.', default: '0', schema: wholeNumber(0) },
  { name: 'MaxRateLimitDelay', description: 'Most seconds to wait for a rate-limit window to reset before failing with RateLimitError.', default: '60', schema: wholeNumber(0) },
  { name: 'MaxConcurrency', description: 'Most HTTP requests in flight per connection.', default: '8', schema: wholeNumber(1, 256) },
  { name: 'MaxResponseSize', description: 'Most bytes of one API response body; a larger body fails with ApiError RESPONSE_TOO_LARGE as soon as it passes the bound (it is never held whole). 0 means no bound.', default: String(64 * 1024 * 1024), schema: wholeNumber(0) },
  { name: 'CacheTTL', description: 'Seconds to reuse identical GET responses within the connection; 0 turns the cache off.', default: '0', schema: wholeNumber(0) },
  { name: 'Logfile', description: 'File to append the log to.', schema: text },
  { name: 'Verbosity', description: 'Log detail, 1 (queries) to 5 (everything). Secrets are never logged.', default: '1', schema: wholeNumber(1, 5) },
  { name: 'CacheLocation', description: 'Replication target for CACHE, REPLICATE, AutoCache and Offline: a SQLite file path, or a target URL (sqlite:./ads.db, postgres://user@host:port/db).', schema: text },
  { name: 'CacheConnection', description: 'Replication target as a URL (postgres://user@host:port/db or sqlite:FILE); takes precedence over CacheLocation.', secret: true, schema: text },
  { name: 'AutoCache', description: 'Every SELECT on a provider table also lands the rows it reads in the replication target.', default: 'false', schema: bool },
  { name: 'Offline', description: 'Answer SELECTs from the replication target, with no API call (same default account and deleted rows as live).', default: 'false', schema: bool },
  { name: 'BaseURL', description: 'Send every request (API and OAuth) to this server instead of the real hosts, e.g. an emulator.', schema: url },
  { name: 'Emulator', description: 'Start the built-in emulator in-process, with demo data, and connect to it.', default: 'false', schema: bool },
] as const satisfies readonly PropertyDefinition[];

export const twitterAdsProperties = [
  ...common,
  { name: 'AuthScheme', description: 'Authentication scheme. Only OAuth (OAuth 1.0a) is supported.', default: 'OAuth', schema: oneOf('OAuth') },
  { name: 'OAuthAccessTokenSecret', description: 'The OAuth 1.0a access token secret.', secret: true, schema: text },
  { name: 'AuthToken', description: 'OAuth 1.0a request token, from GetOAuthAuthorizationURL (web and headless flows).', secret: true, schema: text },
  { name: 'AuthKey', description: 'Secret of the OAuth 1.0a request token, from GetOAuthAuthorizationURL.', secret: true, schema: text },
  { name: 'AccountId', description: 'Default ads account for tables that need one; when absent, the first account. `*` makes a query without AccountId cover every account the token can access (listed once per connection; writes then need AccountId).', schema: text },
  { name: 'AdsAPIVersion', description: 'Ads API version.', default: '12', schema: oneOf('12') },
  { name: 'UseAsyncAPI', description: 'Insights through async analytics jobs: true, false (the sync endpoint only, as CData\'s default), or auto: async when it takes at most half the calls of sync or sync would exceed its 250-call, 15-minute budget, and always for SegmentationType.', default: 'auto', schema: oneOf('true', 'false', 'auto') },
  { name: 'AsyncDownloadHosts', description: 'Hosts async analytics results may be downloaded from, comma-separated (origins; `http://host:*` for any port). Default: ton.twimg.com; with Emulator=true the emulator\'s download origin; with BaseURL its host on any port.', schema: text },
] as const satisfies readonly PropertyDefinition[];

export const instagramProperties = [
  ...common,
  { name: 'AuthScheme', description: 'OAuth or FacebookLogin: Facebook Login, graph.facebook.com, the account found through your Pages. InstagramLogin: Instagram Login (Business Login for Instagram), graph.instagram.com, no Facebook Page; the account is the one that logged in.', default: 'OAuth', schema: oneOf('OAuth', 'FacebookLogin', 'InstagramLogin') },
  { name: 'BusinessAccountId', description: 'Instagram business account id; when absent, found through /me/accounts (Facebook Login) or /me (Instagram Login). * means every business account of every Page.', schema: text },
  { name: 'Version', description: 'Graph API version (v19.0 … v24.0; the metrics asked follow it).', default: 'v24.0', schema: text },
  { name: 'Scope', description: 'OAuth scopes to request.', default: 'instagram_basic,instagram_manage_comments,instagram_manage_insights,pages_show_list,pages_read_engagement,business_management', schema: text },
  { name: 'OAuthRefreshToken', description: 'Long-lived token used to get a new access token.', secret: true, schema: text },
  { name: 'AuthenticateAsPage', description: 'Id or name of one of your Facebook Pages: Graph requests use that Page\'s access token (from /me/accounts), and its Instagram business account is the default one. Facebook Login only.', schema: text },
] as const satisfies readonly PropertyDefinition[];

/** Parsed values keyed by canonical property name; defaults applied. */
export type PropertyValues = ReadonlyMap<string, unknown>;

export function readProperties(connectionString: string, definitions: readonly PropertyDefinition[]): PropertyValues {
  const byLowerName = new Map(definitions.map((d) => [d.name.toLowerCase(), d]));
  const values = new Map<string, unknown>();
  for (const { key, value } of parseConnectionString(connectionString)) {
    const definition = byLowerName.get(key.toLowerCase());
    if (definition === undefined) {
      throw new ConnectionStringError(`Unknown connection property "${key}".${didYouMean(key, definitions.map((d) => d.name))}`);
    }
    if (values.has(definition.name)) throw new ConnectionStringError(`Connection property ${definition.name} is given twice`);
    values.set(definition.name, parseValue(definition, value));
  }
  for (const definition of definitions) {
    if (!values.has(definition.name) && definition.default !== undefined) {
      values.set(definition.name, parseValue(definition, definition.default));
    }
  }
  return values;
}

export function parseValue(definition: PropertyDefinition, raw: string, where = ''): unknown {
  const result = definition.schema.safeParse(raw);
  if (!result.success) {
    const reason = result.error.issues[0]?.message ?? 'invalid value';
    // Never echo a secret's value back.
    const shown = definition.secret ? reason.replace(raw, '****') : reason;
    throw new ConnectionStringError(`Connection property ${definition.name}${where}: ${shown}`);
  }
  return result.data;
}

export function maskedValue(definition: PropertyDefinition, value: unknown): string | null {
  if (value === undefined) return null;
  if (definition.secret) return '****';
  return String(value);
}
