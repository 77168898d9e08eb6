/**
 * `socialsql/twitterads`: connect to the Twitter (X) Ads API with a CData-style connection string,
 * a named connection (`@name` or `{ connection: 'name' }`) or an object of typed properties.
 * The emulator is not loaded unless Emulator=true.
 */
import type { Connection, TwitterAdsConnectOptions } from '../../connection/types.js';
import { connectTo } from '../assemble-connection.js';
import { twitterAds } from './provider.js';

export * from '../../public-api.js';

export function connect(connection: string | TwitterAdsConnectOptions = ''): Promise<Connection> {
  return connectTo(twitterAds, connection);
}
