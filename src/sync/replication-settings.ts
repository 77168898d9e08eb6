/** CData's replication properties (DESIGN §4): CacheLocation / CacheConnection, AutoCache, Offline. */
import type { PropertyValues } from '../connection/properties.js';
import { ConnectionStringError } from '../errors.js';
import { parseTargetUrl, type TargetSpec } from './target-url.js';

export interface ReplicationSettings {
  readonly target: TargetSpec | undefined;
  readonly autoCache: boolean;
  readonly offline: boolean;
}

export function replicationSettingsOf(props: PropertyValues): ReplicationSettings {
  const connection = props.get('CacheConnection');
  const location = props.get('CacheLocation');
  let target: TargetSpec | undefined;
  if (typeof connection === 'string' && connection !== '') target = parseTargetUrl(connection);
  else if (typeof location === 'string' && location !== '') target = /^(sqlite:|postgres(ql)?:\/\/)/i.test(location) ? parseTargetUrl(location) : { kind: 'sqlite', file: location };
  const autoCache = props.get('AutoCache') === true;
  const offline = props.get('Offline') === true;
  if ((autoCache || offline) && !target) throw new ConnectionStringError(`${offline ? 'Offline' : 'AutoCache'}=true needs CacheLocation or CacheConnection (the replication target)`);
  if (autoCache && offline) throw new ConnectionStringError('AutoCache and Offline cannot both be true: offline queries read the cache, they do not fill it');
  return { target, autoCache, offline };
}
