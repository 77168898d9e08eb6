/**
 * Sync jobs carry the connection string without its secrets (the queue is a table anyone with the
 * database can read); each worker adds them from its own environment, `SOCIALSQL_<PROPERTY>` as in
 * DESIGN §4 (SOCIALSQL_OAUTHACCESSTOKEN, …). `--workers N` hands them to its children that way.
 */
import { parseConnectionString } from '../../connection/connection-string.js';
import { instagramProperties, twitterAdsProperties, type PropertyDefinition } from '../../connection/properties.js';
import type { SyncProvider } from '../sync-tables.js';

function definitions(provider: SyncProvider): readonly PropertyDefinition[] {
  return provider === 'twitterads' ? twitterAdsProperties : instagramProperties;
}

const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;
export const envNameOf = (property: string) => `SOCIALSQL_${property.toUpperCase()}`;

export function splitSecrets(provider: SyncProvider, connectionString: string): { readonly shared: string; readonly env: Record<string, string> } {
  // `@name`: each worker reads the named connection from its own configuration file.
  if (connectionString.trim().startsWith('@')) return { shared: connectionString.trim(), env: {} };
  const secret = new Map(definitions(provider).filter((d) => d.secret).map((d) => [d.name.toLowerCase(), d.name]));
  const shared: string[] = [];
  const env: Record<string, string> = {};
  for (const { key, value } of parseConnectionString(connectionString)) {
    const name = secret.get(key.toLowerCase());
    if (name) env[envNameOf(name)] = value;
    else shared.push(`${key}=${quoted(value)}`);
  }
  return { shared: shared.join(';'), env };
}

export function withSecretsFromEnv(provider: SyncProvider, shared: string, env: Readonly<Record<string, string | undefined>>): string {
  if (shared.startsWith('@')) return shared;
  const given = new Set(parseConnectionString(shared).map((e) => e.key.toLowerCase()));
  const parts = shared === '' ? [] : [shared];
  for (const d of definitions(provider)) {
    const value = env[envNameOf(d.name)];
    if (d.secret && value !== undefined && !given.has(d.name.toLowerCase())) parts.push(`${d.name}=${quoted(value)}`);
  }
  return parts.join(';');
}
