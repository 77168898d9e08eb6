/** Opens a connection by provider name, loading only that provider's code (the CLI's entry point). */
import type { Connection } from '../connection/types.js';

export type ProviderName = 'twitterads' | 'instagram';

export async function openConnection(provider: ProviderName, connectionString: string): Promise<Connection> {
  switch (provider) {
    case 'twitterads':
      return (await import('./twitterads/index.js')).connect(connectionString);
    case 'instagram':
      return (await import('./instagram/index.js')).connect(connectionString);
  }
}
