// Synchronous stats bodies kept between requests. A body is a function of the account's store
// entities, the query and the data clock's hour (the current hour is not reported yet, spend is
// revised hourly): with the store's per-kind versions and that hour in the key, a repeated request
// is answered with the bytes built the first time. Entities kept outside the store (promoted
// accounts, media creatives, organic tweets) are not cached.
import type { ParamList } from './oauth-verifier.js';
import type { AdsStore, EntityKind } from './store.js';

const HOUR_MS = 3_600_000;
const KINDS: readonly EntityKind[] = ['funding_instrument', 'campaign', 'line_item', 'promoted_tweet', 'media'];
const CACHED_ENTITIES = new Set(['ACCOUNT', 'FUNDING_INSTRUMENT', 'CAMPAIGN', 'LINE_ITEM', 'PROMOTED_TWEET']);
/** Bodies are up to a few hundred KB: a few dozen are kept. */
const MAX_BODIES = 48;

export class StatsCache {
  private readonly bodies = new Map<string, Buffer>();

  constructor(private readonly store: AdsStore) {}

  /** The body for this request, built by `build` unless an identical one was built in this state and hour. */
  body(accountId: string, query: ParamList, nowMs: number, build: () => Buffer): Buffer {
    const entity = query.find(([k]) => k === 'entity')?.[1];
    if (entity === undefined || !CACHED_ENTITIES.has(entity)) return build();
    const versions = KINDS.map((kind) => this.store.version(accountId, kind));
    const key = JSON.stringify([accountId, Math.floor(nowMs / HOUR_MS), versions, query]);
    let bytes = this.bodies.get(key);
    if (bytes === undefined) {
      bytes = build();
      if (this.bodies.size >= MAX_BODIES) this.bodies.delete(this.bodies.keys().next().value!);
      this.bodies.set(key, bytes);
    }
    return bytes;
  }

  clear(): void {
    this.bodies.clear();
  }
}
