/** `socialsql/twitterads`: connect to the Twitter (X) Ads API with a CData-style connection string. */
import { readProperties, twitterAdsProperties } from '../../connection/properties.js';
import type { Procedure } from '../../connection/sql-connection.js';
import type { Connection } from '../../connection/types.js';
import { startTwitterAdsEmulator, type RunningEmulator } from '../../emulator/twitterads/index.js';
import { AuthError, ConnectionStringError } from '../../errors.js';
import { createTransport } from '../../http/transport.js';
import { ApiTableSource } from '../api-table.js';
import { assembleConnection, loggerFor, settingsOf } from '../assemble-connection.js';
import { twitterAdsSchemas } from './catalog.js';
import { TWITTER_ADS_HOST, TwitterAdsClient } from './client.js';
import { InsightsTable } from './insights-table.js';

export type { Connection } from '../../connection/types.js';
export * from '../../errors.js';

export async function connect(connectionString = ''): Promise<Connection> {
  const props = readProperties(connectionString, twitterAdsProperties);
  const { text, number, flag } = settingsOf(props);

  let emulator: RunningEmulator | undefined;
  if (flag('Emulator')) {
    if (text('BaseURL')) throw new ConnectionStringError('Emulator=true and BaseURL cannot both be set');
    emulator = await startTwitterAdsEmulator();
  }
  const demo = emulator?.credentials;
  const credentials = {
    consumerKey: text('OAuthClientId') ?? demo?.clientId,
    consumerSecret: text('OAuthClientSecret') ?? demo?.clientSecret,
    token: text('OAuthAccessToken') ?? demo?.accessToken,
    tokenSecret: text('OAuthAccessTokenSecret') ?? demo?.accessTokenSecret,
  };
  const initiate = text('InitiateOAuth');
  if (initiate !== 'OFF') {
    await emulator?.close();
    throw new ConnectionStringError(`InitiateOAuth=${initiate} is not available yet; use InitiateOAuth=OFF with OAuthAccessToken and OAuthAccessTokenSecret`);
  }
  const missing = Object.entries({ OAuthClientId: credentials.consumerKey, OAuthClientSecret: credentials.consumerSecret, OAuthAccessToken: credentials.token, OAuthAccessTokenSecret: credentials.tokenSecret })
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) {
    await emulator?.close();
    throw new AuthError(`InitiateOAuth=OFF needs ${missing.join(', ')} (or Emulator=true for the built-in emulator)`);
  }

  const logger = loggerFor(settingsOf(props), [credentials.consumerSecret, credentials.token, credentials.tokenSecret]);
  const transport = createTransport({ timeoutSeconds: number('Timeout') });
  const client = new TwitterAdsClient({
    baseUrl: emulator?.url ?? text('BaseURL') ?? TWITTER_ADS_HOST,
    version: text('AdsAPIVersion') ?? '12',
    credentials: { consumerKey: credentials.consumerKey!, consumerSecret: credentials.consumerSecret!, token: credentials.token!, tokenSecret: credentials.tokenSecret! },
    transport,
    maxConcurrency: number('MaxConcurrency'),
    maxRateLimitDelay: number('MaxRateLimitDelay'),
    cacheTtlSeconds: number('CacheTTL'),
    pageSize: number('Pagesize'),
    defaultAccountId: text('AccountId'),
    logger,
  });

  const sources = [...twitterAdsSchemas.map((schema) => new ApiTableSource(schema, client)), new InsightsTable(client)];
  // The OAuth procedures arrive with the OAuth layer; until then there are none to list.
  const procedures: Procedure[] = [];
  return assembleConnection({
    catalogName: 'TwitterAds',
    definitions: twitterAdsProperties,
    props,
    sources,
    procedures,
    logger,
    async close() {
      await transport.close();
      await emulator?.close();
    },
  });
}
