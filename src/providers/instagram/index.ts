/** `socialsql/instagram`: connect to the Instagram Graph API with a CData-style connection string. */
import { instagramProperties, readProperties } from '../../connection/properties.js';
import type { Procedure } from '../../connection/sql-connection.js';
import type { Connection } from '../../connection/types.js';
import { startInstagramEmulator, type RunningInstagramEmulator } from '../../emulator/instagram/index.js';
import { AuthError, ConnectionStringError } from '../../errors.js';
import { createTransport } from '../../http/transport.js';
import { ApiTableSource } from '../api-table.js';
import { assembleConnection, loggerFor, settingsOf } from '../assemble-connection.js';
import { AccountInsightsTable } from './account-insights.js';
import { AudienceInsightsTable } from './audience-insights.js';
import { instagramSchemas } from './catalog.js';
import { GRAPH_HOST, InstagramClient } from './client.js';
import { commentWriters } from './comment-writes.js';
import { LongInsightsTable } from './long-insights.js';
import { MediaInsightsTable } from './media-insights.js';

export type { Connection } from '../../connection/types.js';
export * from '../../errors.js';

export async function connect(connectionString = ''): Promise<Connection> {
  const props = readProperties(connectionString, instagramProperties);
  const settings = settingsOf(props);
  const { text, number, flag } = settings;

  let emulator: RunningInstagramEmulator | undefined;
  if (flag('Emulator')) {
    if (text('BaseURL')) throw new ConnectionStringError('Emulator=true and BaseURL cannot both be set');
    emulator = await startInstagramEmulator();
  }
  const demo = emulator?.credentials;
  const initiate = text('InitiateOAuth');
  if (initiate !== 'OFF') {
    await emulator?.close();
    throw new ConnectionStringError(`InitiateOAuth=${initiate} is not available yet; use InitiateOAuth=OFF with OAuthAccessToken`);
  }
  const accessToken = text('OAuthAccessToken') ?? demo?.accessToken;
  if (!accessToken) {
    await emulator?.close();
    throw new AuthError('InitiateOAuth=OFF needs OAuthAccessToken (or Emulator=true for the built-in emulator)');
  }
  const clientSecret = text('OAuthClientSecret') ?? demo?.clientSecret;

  const logger = loggerFor(settings, [accessToken, clientSecret, text('OAuthRefreshToken')]);
  const transport = createTransport({ timeoutSeconds: number('Timeout') });
  const client = new InstagramClient({
    baseUrl: emulator?.url ?? text('BaseURL') ?? GRAPH_HOST,
    version: text('Version') ?? 'v21.0',
    accessToken: () => accessToken,
    clientSecret,
    businessAccountId: text('BusinessAccountId'),
    transport,
    maxConcurrency: number('MaxConcurrency'),
    maxRateLimitDelay: number('MaxRateLimitDelay'),
    cacheTtlSeconds: number('CacheTTL'),
    pageSize: number('Pagesize'),
    logger,
  });

  const sources = [
    ...instagramSchemas.map((schema) => new ApiTableSource(schema, client)),
    new MediaInsightsTable(client),
    new AccountInsightsTable(client),
    new AudienceInsightsTable(client),
    new LongInsightsTable(client),
  ];
  // The OAuth procedures arrive with the OAuth layer; until then there are none to list.
  const procedures: Procedure[] = [];
  return assembleConnection({
    catalogName: 'Instagram',
    definitions: instagramProperties,
    props,
    sources,
    procedures,
    writers: commentWriters(client),
    logger,
    async close() {
      await transport.close();
      await emulator?.close();
    },
  });
}
