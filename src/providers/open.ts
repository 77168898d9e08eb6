/** Opens a connection by provider name through the registry, loading only that provider's code (the CLI's entry point). */
import type { Connection } from '../connection/types.js';
import { connectTo } from './assemble-connection.js';
import { loadProvider, type ProviderName } from './registry.js';

export type { ProviderName } from './registry.js';

/** `connectionString` may be `@name` (or `@name;Key=value`): a named connection from the configuration file. */
export async function openConnection(provider: ProviderName, connectionString: string): Promise<Connection> {
  return connectTo(await loadProvider(provider), connectionString);
}
