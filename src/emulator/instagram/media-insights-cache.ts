// mediaInsights() as cached JSON text. Its answer is a function of the media, the parameters, the
// store's state and the clock; the clock matters only at a few instants (a metric's removal for every
// version, a story's 24 hours), so the key holds which side of each the clock is on. Errors are not
// cached: they are rebuilt each time.
import type { RawJson } from '../shared/raw-json.js';
import type { MediaRecord } from './entities.js';
import { DAY_MS } from './graph-time.js';
import { mediaInsights } from './media-insights.js';
import { MEDIA_METRICS } from './media-metrics.js';
import type { InstagramStore } from './store.js';

/** The instants from which removalOf() answers differently (as it parses them), ascending. */
const REMOVAL_INSTANTS: readonly number[] = [
  ...new Set(Object.values(MEDIA_METRICS).flatMap((rule) => (rule.removed ? [Date.parse(`${rule.removed.allVersionsFrom}T00:00:00Z`)] : []))),
].sort((a, b) => a - b);

/** Which stretch between the instants above `nowMs` falls in, and whether a story is past its 24 hours. */
function clockEpoch(media: MediaRecord, nowMs: number): string {
  let passed = 0;
  while (passed < REMOVAL_INSTANTS.length && nowMs >= REMOVAL_INSTANTS[passed]!) passed++;
  return media.productType === 'STORY' ? `${passed}s${nowMs - media.timestampMs > DAY_MS ? 1 : 0}` : String(passed);
}

export function cachedMediaInsights(
  store: InstagramStore,
  media: MediaRecord,
  params: { metric: string | undefined; period: string | undefined; version: string; nowMs: number; breakdown?: string },
): RawJson {
  const key = JSON.stringify(['insights', params.metric ?? null, params.period ?? null, params.breakdown ?? null, params.version, clockEpoch(media, params.nowMs)]);
  return store.answers.textKeyed(media, key, () => JSON.stringify(mediaInsights(store, media, params)));
}
