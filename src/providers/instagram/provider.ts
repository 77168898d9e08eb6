/** The Instagram Graph API provider: its properties, tables, client, OAuth 2.0 session and emulator. */
import { INSTAGRAM_API_BASE, INSTAGRAM_AUTHORIZE_BASE, INSTAGRAM_LOGIN_SCOPES } from '../../auth/instagram-login.js';
import { FACEBOOK_DIALOG_BASE, INSTAGRAM_REFRESH_BASE } from '../../auth/oauth2-flow.js';
import { ConnectionStringError } from '../../errors.js';
import { instagramProperties } from '../../connection/properties.js';
import type { RunningInstagramEmulator } from '../../emulator/instagram/index.js';
import { ApiTableSource } from '../api-table.js';
import { defineProvider, loggerFor } from '../assemble-connection.js';
import { AccountInsightsTable } from './account-insights.js';
import { AudienceInsightsTable } from './audience-insights.js';
import { instagramSchemas } from './catalog.js';
import { GRAPH_HOST, INSTAGRAM_GRAPH_HOST, InstagramClient } from './client.js';
import { requireFacebookLogin } from './facebook-only.js';
import { authSchemeOf } from './login-schemes.js';
import { commentWriters } from './comment-writes.js';
import { LongInsightsTable } from './long-insights.js';
import { MediaInsightsTable } from './media-insights.js';
import { BreakdownInsightsTable, OnlineFollowersTable } from './account-breakdowns.js';
import { breakdownTables } from '../../../schemas/instagram/account-breakdowns.js';
import { actionTypeTables } from '../../../schemas/instagram/action-types.js';
import { ActionTypeTable } from './action-types.js';
import { mediaInsightsVariants } from '../../../schemas/instagram/insights.js';
import { DEFAULT_GRAPH_VERSION } from '../../../schemas/instagram/media-metrics.js';
import { InstagramOAuth, type InitiateOAuth } from './oauth.js';
import { hashtagMediaTables } from '../../../schemas/instagram/hashtags.js';
import { HashtagDirectory } from './hashtag-directory.js';
import { HashtagMediaTable } from './hashtag-media.js';
import { HashtagsTable } from './hashtags.js';
import { expandedObjectTables } from '../../../schemas/instagram/expanded-objects.js';
import { BusinessDiscoveryMediaTable } from './business-discovery-media.js';
import { ExpandedObjectTable } from './expanded-object.js';

export const instagram = defineProvider<RunningInstagramEmulator>({
  name: 'instagram',
  catalogName: 'Instagram',
  properties: instagramProperties,
  // Dynamic imports: the emulator's code is loaded only with Emulator=true or `socialsql emulator`.
  startEmulator: async () => (await import('../../emulator/instagram/index.js')).startInstagramEmulator(),
  serveEmulator: async (args) => (await import('../../emulator/main.js')).runEmulatorCommand(['instagram', ...args]),
  async build(settings, runtime) {
    const { text, number } = settings;
    // The built-in emulator's demo app and token stand in for any credential not given.
    const demo = runtime.emulator?.credentials;
    const baseUrl = runtime.baseUrl;
    const version = text('Version') ?? DEFAULT_GRAPH_VERSION;
    const clientSecret = text('OAuthClientSecret') ?? demo?.clientSecret;
    const scheme = authSchemeOf(text('AuthScheme'));
    const instagramLogin = scheme === 'InstagramLogin';
    const authenticateAsPage = text('AuthenticateAsPage');
    if (instagramLogin && authenticateAsPage) throw new ConnectionStringError('AuthenticateAsPage needs Facebook Login: under AuthScheme=InstagramLogin there is no Facebook Page. Remove it, or use AuthScheme=OAuth');
    // The Scope property's default is Facebook Login's; Instagram Login has its own permissions.
    const scopeGiven = text('Scope');
    const scope = instagramLogin && (scopeGiven === undefined || scopeGiven === instagramProperties.find((p) => p.name === 'Scope')?.default) ? INSTAGRAM_LOGIN_SCOPES.join(',') : (scopeGiven ?? '');
    const graphHost = baseUrl ?? (instagramLogin ? INSTAGRAM_GRAPH_HOST : GRAPH_HOST);
    let session: InstagramOAuth | undefined;
    let client: InstagramClient | undefined;
    const logger = loggerFor(settings, () => [clientSecret, text('OAuthAccessToken'), text('OAuthRefreshToken'), text('OAuthVerifier'), ...(session?.secrets() ?? []), ...(client?.pageSecrets() ?? [])]);
    session = new InstagramOAuth({
      mode: text('InitiateOAuth') as InitiateOAuth,
      clientId: text('OAuthClientId') ?? demo?.clientId,
      clientSecret,
      accessToken: text('OAuthAccessToken') ?? text('OAuthRefreshToken') ?? (instagramLogin ? demo?.instagramAccessToken : demo?.accessToken),
      verifier: text('OAuthVerifier'),
      callbackUrl: text('CallbackURL') ?? 'http://localhost:33333',
      scope,
      settingsLocation: text('OAuthSettingsLocation'),
      version,
      scheme,
      dialogBase: baseUrl ?? (instagramLogin ? INSTAGRAM_AUTHORIZE_BASE : FACEBOOK_DIALOG_BASE),
      graphBase: graphHost,
      apiBase: baseUrl ?? INSTAGRAM_API_BASE,
      refreshBase: baseUrl ?? INSTAGRAM_REFRESH_BASE,
      send: runtime.transport.send,
      logger,
    });
    await session.start();
    client = new InstagramClient({
      baseUrl: graphHost,
      version,
      session,
      clientSecret,
      scheme,
      businessAccountId: text('BusinessAccountId'),
      authenticateAsPage,
      transport: runtime.transport,
      maxConcurrency: number('MaxConcurrency'),
      maxRateLimitDelay: number('MaxRateLimitDelay'),
      cacheTtlSeconds: number('CacheTTL'),
      pageSize: number('Pagesize'),
      logger,
    });
    return {
      sources: requireFacebookLogin(scheme, [
        ...instagramSchemas.map((schema) => new ApiTableSource(schema, client)),
        new MediaInsightsTable(client),
        ...mediaInsightsVariants.map((variant) => new MediaInsightsTable(client, variant)),
        new AccountInsightsTable(client),
        new AudienceInsightsTable(client),
        new LongInsightsTable(client),
        ...breakdownTables.map((spec) => new BreakdownInsightsTable(client, spec)),
        new OnlineFollowersTable(client),
        ...actionTypeTables.map((spec) => new ActionTypeTable(client, spec)),
        ...hashtagTables(client),
        ...expandedObjectTables.map((spec) => new ExpandedObjectTable(client, spec)),
        new BusinessDiscoveryMediaTable(client),
      ]),
      procedures: session.procedures(),
      writers: commentWriters(client),
      logger,
    };
  },
});

/** Hashtags and its media tables share one directory: a name is looked up once per connection. */
function hashtagTables(client: InstagramClient) {
  const directory = new HashtagDirectory(client);
  return [new HashtagsTable(client, directory), ...hashtagMediaTables.map((spec) => new HashtagMediaTable(client, directory, spec))];
}
