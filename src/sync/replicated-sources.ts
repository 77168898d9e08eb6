/**
 * How the replication properties change a connection's tables: Offline=true swaps every provider
 * table for one that reads the target; AutoCache=true wraps each keyed table so its scans land rows.
 */
import type { PropertyValues } from '../connection/properties.js';
import type { TableSource } from '../plan/scan.js';
import { CachingTable } from './caching-table.js';
import { OfflineTable } from './offline-table.js';
import { replicationSettingsOf } from './replication-settings.js';
import { syncPlanOf, type SyncProvider } from './sync-tables.js';
import { TargetHandle } from './target-handle.js';

export interface ConnectionReplication {
  readonly provider: SyncProvider;
  readonly sources: readonly TableSource[];
  /** The target of CACHE / REPLICATE, when CacheLocation or CacheConnection is set. */
  readonly target: TargetHandle | undefined;
  close(): Promise<void>;
}

export function replicatedSources(catalogName: string, props: PropertyValues, sources: readonly TableSource[]): ConnectionReplication {
  const provider = (catalogName.toLowerCase() === 'twitterads' ? 'twitterads' : 'instagram') satisfies SyncProvider;
  const settings = replicationSettingsOf(props);
  const target = settings.target ? new TargetHandle(settings.target) : undefined;
  const close = async () => target?.close();
  if (!target) return { provider, sources, target, close };
  if (settings.offline) {
    const pinned = props.get(syncPlanOf(provider).accountProperty);
    const pinnedAccount = typeof pinned === 'string' && pinned !== '' ? pinned : undefined;
    return { provider, sources: sources.map((s) => new OfflineTable(s.info, { provider, target, pinnedAccount })), target, close };
  }
  if (settings.autoCache) {
    const plan = syncPlanOf(provider);
    const wrapped = sources.map((source) => {
      const key = plan.tables.find((t) => t.table === source.info.name)?.key;
      if (!key) return source;
      const columns = source.info.columns.filter((c) => !c.pseudo).map((c) => ({ name: c.name, type: c.type }));
      return new CachingTable(source, { provider, table: source.info.name, columns, key }, target);
    });
    return { provider, sources: wrapped, target, close };
  }
  return { provider, sources, target, close };
}
