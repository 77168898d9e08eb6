/**
 * Which lifetime metrics `/{media-id}/insights` serves, per Graph version and kind of media, as data
 * (docs/instagram-facts.md has the sources). The emulator enforces the same table
 * (src/emulator/instagram/media-metrics.ts); the two are kept apart so the emulator imports nothing of ours.
 */

/** The kinds the metric sets differ by: media_product_type, and media_type within FEED. */
export type MediaKind = 'REELS' | 'FEED_IMAGE' | 'FEED_VIDEO' | 'CAROUSEL_ALBUM' | 'STORY';

export function mediaKind(mediaType: string | undefined, productType: string | undefined): MediaKind {
  if (productType === 'STORY') return 'STORY';
  if (productType === 'REELS') return 'REELS';
  if (mediaType === 'CAROUSEL_ALBUM') return 'CAROUSEL_ALBUM';
  return mediaType === 'VIDEO' ? 'FEED_VIDEO' : 'FEED_IMAGE';
}

interface Removal {
  /** First version that refuses it. */
  readonly version: string;
  /** From this UTC day every version refuses it. */
  readonly allVersionsFrom: string;
  /** Older versions keep it for media created up to this UTC day (inclusive). */
  readonly olderVersionsKeepMediaUpTo?: string;
}

interface MetricRule {
  readonly kinds: readonly MediaKind[];
  readonly removed?: Removal;
}

const FEED: readonly MediaKind[] = ['FEED_IMAGE', 'FEED_VIDEO', 'CAROUSEL_ALBUM'];
const ALL: readonly MediaKind[] = [...FEED, 'REELS', 'STORY'];
const V22: Removal = { version: 'v22.0', allVersionsFrom: '2025-04-21' };

/** Metrics we read, with the media kinds Meta's reference lists for each, and their removal if any. */
export const MEDIA_METRIC_RULES: Readonly<Record<string, MetricRule>> = {
  reach: { kinds: ALL },
  views: { kinds: ALL },
  shares: { kinds: ALL },
  total_interactions: { kinds: ALL },
  likes: { kinds: [...FEED, 'REELS'] },
  comments: { kinds: [...FEED, 'REELS'] },
  saved: { kinds: [...FEED, 'REELS'] },
  follows: { kinds: [...FEED, 'STORY'] },
  profile_visits: { kinds: [...FEED, 'STORY'] },
  replies: { kinds: ['STORY'] },
  navigation: { kinds: ['STORY'] },
  ig_reels_avg_watch_time: { kinds: ['REELS'] },
  ig_reels_video_view_total_time: { kinds: ['REELS'] },
  impressions: { kinds: [...FEED, 'STORY'], removed: { ...V22, olderVersionsKeepMediaUpTo: '2024-07-01' } },
  plays: { kinds: ['REELS'], removed: V22 },
};

/** The newest version Meta's documentation describes (October 2025); the default `Version`. */
export const DEFAULT_GRAPH_VERSION = 'v24.0';

export const versionNumber = (version: string): number => Number(version.replace(/^v/, ''));
const endOfDay = (day: string) => Date.parse(`${day}T23:59:59.999Z`);

/** Whether `version`, asked at `nowMs`, still serves a metric for media created at `createdMs` (unknown: assume new). */
export function stillServed(metric: string, version: string, nowMs: number, createdMs: number | undefined): boolean {
  const removed = MEDIA_METRIC_RULES[metric]?.removed;
  if (!removed) return true;
  if (versionNumber(version) >= versionNumber(removed.version)) return false;
  if (nowMs < Date.parse(`${removed.allVersionsFrom}T00:00:00Z`)) return true;
  return removed.olderVersionsKeepMediaUpTo !== undefined && createdMs !== undefined && createdMs <= endOfDay(removed.olderVersionsKeepMediaUpTo);
}

/** The metrics to ask a media for: those of its kind that this version still serves for it. */
export function servedMediaMetrics(media: { mediaType?: string; productType?: string; createdMs?: number }, version: string, nowMs: number): string[] {
  return [...servedMediaMetricList(media, version, nowMs)];
}

/** Cutoff days (end of day, ms) after which older versions stop serving a metric for a media: the only way the creation time matters. */
const keepCutoffs = [...new Set(Object.values(MEDIA_METRIC_RULES).flatMap((rule) => (rule.removed?.olderVersionsKeepMediaUpTo ? [rule.removed.olderVersionsKeepMediaUpTo] : [])))].map(endOfDay);
const DAY_MS = 86_400_000;
/** Answers by kind, version, UTC day of asking and which cutoffs the media was created by: a fan-out asks it once per media. */
const servedCache = new Map<string, readonly string[]>();

/** servedMediaMetrics, shared: the same frozen list for every media of the same kind, age class, version and day. */
export function servedMediaMetricList(media: { mediaType?: string; productType?: string; createdMs?: number }, version: string, nowMs: number): readonly string[] {
  const kind = mediaKind(media.mediaType, media.productType);
  // Removals take effect at UTC midnight (allVersionsFrom), so the day of asking decides like nowMs does.
  const created = media.createdMs;
  const age = keepCutoffs.map((cutoff) => (created !== undefined && created <= cutoff ? '1' : '0')).join('');
  const key = `${kind}|${version}|${Math.floor(nowMs / DAY_MS)}|${age}`;
  let served = servedCache.get(key);
  if (served === undefined) {
    served = Object.freeze(
      Object.entries(MEDIA_METRIC_RULES)
        .filter(([name, rule]) => rule.kinds.includes(kind) && stillServed(name, version, nowMs, created))
        .map(([name]) => name),
    );
    // Bounded: kinds × versions × days × age classes of one process; a long-lived one starts over.
    if (servedCache.size >= 1000) servedCache.clear();
    servedCache.set(key, served);
  }
  return served;
}
