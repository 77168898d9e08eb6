/**
 * `socialsql/instagram`: connect to the Instagram Graph API with a CData-style connection string,
 * a named connection (`@name` or `{ connection: 'name' }`) or an object of typed properties.
 * The emulator is not loaded unless Emulator=true.
 */
import type { Connection, InstagramConnectOptions } from '../../connection/types.js';
import { connectTo } from '../assemble-connection.js';
import { instagram } from './provider.js';

export * from '../../public-api.js';

export function connect(connection: string | InstagramConnectOptions = ''): Promise<Connection> {
  return connectTo(instagram, connection);
}
