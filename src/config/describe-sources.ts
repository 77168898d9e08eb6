/**
 * One line for the shell's banner: which properties came from where other than the connection
 * string itself (a named connection, SOCIALSQL_* variables). Names and origins only, never values.
 */
import type { ConnectionProperty } from '../connection/types.js';

const SHOWN_ELSEWHERE = new Set(['connection string', 'connect() options', 'default']);

export function describeSources(properties: readonly ConnectionProperty[]): string | undefined {
  const bySource = new Map<string, string[]>();
  for (const property of properties) {
    if (SHOWN_ELSEWHERE.has(property.source)) continue;
    const source = property.source.startsWith('env ') ? 'environment' : property.source;
    const label = property.source.startsWith('env ') ? `${property.name} (${property.source.slice(4)})` : property.name;
    bySource.set(source, [...(bySource.get(source) ?? []), label]);
  }
  if (bySource.size === 0) return undefined;
  return [...bySource].map(([source, names]) => `from ${source}: ${names.join(', ')}`).join('; ');
}
