/** The Twitter (X) Ads provider: its properties, tables, client, OAuth 1.0a session and emulator. */
import { TWITTER_OAUTH_BASE } from '../../auth/oauth1-flow.js';
import { twitterAdsProperties } from '../../connection/properties.js';
import type { RunningEmulator } from '../../emulator/twitterads/index.js';
import { ApiTableSource } from '../api-table.js';
import { defineProvider, loggerFor } from '../assemble-connection.js';
import { AdStatsTable } from './ad-stats-table.js';
import { customAudiencesWriter } from './audience-writes.js';
import { batchWriter, promotedTweetsWriter } from './batch-writes.js';
import { twitterAdsSchemas } from './catalog.js';
import { TWITTER_ADS_HOST, TwitterAdsClient } from './client.js';
import { AsyncDownloader, downloadHostsFor } from './async-download.js';
import type { UseAsyncApi } from './analytics-path.js';
import { InsightsTable } from './insights-table.js';
import { manageAudienceUsers } from './manage-audience-users.js';
import { TwitterOAuth, type InitiateOAuth } from './oauth.js';
import { targetingCriteriaWriter } from './targeting-writes.js';

export const twitterAds = defineProvider<RunningEmulator>({
  name: 'twitterads',
  catalogName: 'TwitterAds',
  properties: twitterAdsProperties,
  // Dynamic imports: the emulator's code is loaded only with Emulator=true or `socialsql emulator`.
  startEmulator: async () => (await import('../../emulator/twitterads/index.js')).startTwitterAdsEmulator(),
  serveEmulator: async (args) => (await import('../../emulator/main.js')).runEmulatorCommand(['twitterads', ...args]),
  async build(settings, runtime) {
    const { text, number } = settings;
    // The built-in emulator's demo app and tokens stand in for any credential not given.
    const demo = runtime.emulator?.credentials;
    const baseUrl = runtime.baseUrl;
    let session: TwitterOAuth | undefined;
    const logger = loggerFor(settings, () => [text('OAuthClientSecret'), text('OAuthAccessToken'), text('OAuthAccessTokenSecret'), text('AuthKey'), text('OAuthVerifier'), ...(session?.secrets() ?? [])]);
    session = new TwitterOAuth({
      mode: text('InitiateOAuth') as InitiateOAuth,
      clientId: text('OAuthClientId') ?? demo?.clientId,
      clientSecret: text('OAuthClientSecret') ?? demo?.clientSecret,
      accessToken: text('OAuthAccessToken') ?? demo?.accessToken,
      accessTokenSecret: text('OAuthAccessTokenSecret') ?? demo?.accessTokenSecret,
      verifier: text('OAuthVerifier'),
      authToken: text('AuthToken'),
      authKey: text('AuthKey'),
      callbackUrl: text('CallbackURL') ?? 'http://localhost:33333',
      settingsLocation: text('OAuthSettingsLocation'),
      oauthBase: baseUrl ?? TWITTER_OAUTH_BASE,
      send: runtime.transport.send,
      logger,
    });
    await session.start();
    const client = new TwitterAdsClient({
      baseUrl: baseUrl ?? TWITTER_ADS_HOST,
      version: text('AdsAPIVersion') ?? '12',
      session,
      transport: runtime.transport,
      maxConcurrency: number('MaxConcurrency'),
      maxRateLimitDelay: number('MaxRateLimitDelay'),
      cacheTtlSeconds: number('CacheTTL'),
      pageSize: number('Pagesize'),
      defaultAccountId: text('AccountId'),
      logger,
    });
    // Async results come from another host: a plain GET with no credentials, to allowed hosts only.
    const downloader = new AsyncDownloader({
      send: runtime.transport.send,
      hosts: downloadHostsFor({ configured: text('AsyncDownloadHosts'), emulatorDownloadUrl: runtime.emulator?.downloadUrl, baseUrl }),
      maxBytes: number('MaxResponseSize'),
      maxConcurrency: number('MaxConcurrency'),
    });
    const analytics = { useAsync: text('UseAsyncAPI') as UseAsyncApi, downloader };
    return {
      sources: [
        ...twitterAdsSchemas.map((schema) => new ApiTableSource(schema, client)),
        new InsightsTable(client, () => new Date(), analytics),
        new AdStatsTable(new InsightsTable(client, () => new Date(), analytics), client),
      ],
      procedures: [...session.procedures(), manageAudienceUsers(client)],
      writers: [
        ...twitterAdsSchemas.filter((schema) => schema.writes && schema.name !== 'TargetingCriteria').map((schema) => batchWriter(schema, client)),
        targetingCriteriaWriter(client),
        promotedTweetsWriter(client),
        customAudiencesWriter(client),
      ],
      logger,
    };
  },
});
