/**
 * `socialsql`: the root entry. connect() takes the provider as a property, or finds it in the
 * named connection; only that provider's code is loaded, and the emulator only with Emulator=true.
 */
import { readConfigFile } from './config/config-file.js';
import { connectionNameOf } from './config/resolve-properties.js';
import type { Connection, InstagramConnectOptions, TwitterAdsConnectOptions } from './connection/types.js';
import { ConnectionStringError } from './errors.js';
import { didYouMean } from './text/closest-match.js';
import { connectTo, processContext } from './providers/assemble-connection.js';
import { isProviderName, loadProvider, PROVIDER_NAMES, type ProviderName } from './providers/registry.js';

export * from './public-api.js';
export { PROVIDER_NAMES, type ProviderName };

export type RootConnectOptions =
  | ({ readonly provider: 'twitterads' } & TwitterAdsConnectOptions)
  | ({ readonly provider: 'instagram' } & InstagramConnectOptions)
  /** A named connection alone: its provider comes from the configuration file. */
  | { readonly provider?: undefined; readonly connection: string };

export async function connect(options: RootConnectOptions): Promise<Connection> {
  const context = processContext();
  const { provider: given, ...properties } = options;
  let provider: string | undefined = given;
  if (provider === undefined) {
    const name = connectionNameOf(properties);
    if (name === undefined) throw new ConnectionStringError(`connect() needs a provider (${PROVIDER_NAMES.join(' or ')}) or a named connection`);
    const file = readConfigFile(context);
    provider = file.connections.get(name)?.provider;
    if (provider === undefined) throw new ConnectionStringError(`No connection named "${name}" in ${file.path}.${didYouMean(name, [...file.connections.keys()])}`);
  }
  if (!isProviderName(provider)) throw new ConnectionStringError(`Unknown provider "${provider}" (expected ${PROVIDER_NAMES.join(' or ')})`);
  return connectTo(await loadProvider(provider), properties, context);
}
