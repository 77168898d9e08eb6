// Which media insight metrics each Graph API version accepts, for each kind of media, as data.
// Sources: Meta's "Instagram Media Insights" reference (each metric's media product types) and
// changelog (views introduced for FEED, STORY
// and REELS; video_views gone from v21 and for every version from 2025-01-08; impressions, plays,
// clips_replays_count and ig_reels_aggregated_all_plays_count gone from v22 and for every version
// from 2025-04-21, except impressions on v21 and older for media created on or before 2024-07-01),
// Airbyte's per-type metric sets, and the "(#100) The Media Insights API does not support the views
// metric for this media product type" errors Airbyte met (airbytehq/airbyte#62902).
import type { MediaRecord } from './entities.js';
import { versionNumber } from './versions.js';

/** The kinds of media the metric sets differ by: (media_product_type, media_type). */
export type MediaKind = 'REELS' | 'FEED_IMAGE' | 'FEED_VIDEO' | 'CAROUSEL_ALBUM' | 'STORY';

export function mediaKind(media: Pick<MediaRecord, 'productType' | 'mediaType'>): MediaKind {
  if (media.productType === 'STORY') return 'STORY';
  if (media.productType === 'REELS') return 'REELS';
  if (media.mediaType === 'CAROUSEL_ALBUM') return 'CAROUSEL_ALBUM';
  return media.mediaType === 'VIDEO' ? 'FEED_VIDEO' : 'FEED_IMAGE';
}

/** Meta's table names product types; FEED covers feed images, feed videos and carousel albums. */
const FEED: readonly MediaKind[] = ['FEED_IMAGE', 'FEED_VIDEO', 'CAROUSEL_ALBUM'];
const FEED_REELS: readonly MediaKind[] = [...FEED, 'REELS'];
const FEED_STORY: readonly MediaKind[] = [...FEED, 'STORY'];
const ALL: readonly MediaKind[] = [...FEED, 'REELS', 'STORY'];

interface Removal {
  /** First version that refuses the metric. */
  version: string;
  /** From this day (UTC) every version refuses it. */
  allVersionsFrom: string;
  /** Older versions keep serving it for media created up to this day (inclusive). */
  olderVersionsKeepMediaUpTo?: string;
}

export interface MetricRule {
  kinds: readonly MediaKind[];
  removed?: Removal;
  /** Media of these kinds posted up to this day (inclusive) refuse it (see `views`). */
  refusedForLegacy?: { kinds: readonly MediaKind[]; postedUpTo: string };
}

const V22_REMOVAL: Removal = { version: 'v22.0', allVersionsFrom: '2025-04-21' };

/** The table: every metric name the API knows, with the media kinds it applies to and its removal. */
export const MEDIA_METRICS: Readonly<Record<string, MetricRule>> = {
  reach: { kinds: ALL },
  saved: { kinds: FEED_REELS },
  likes: { kinds: FEED_REELS },
  comments: { kinds: FEED_REELS },
  shares: { kinds: ALL },
  total_interactions: { kinds: ALL },
  follows: { kinds: FEED_STORY },
  profile_visits: { kinds: FEED_STORY },
  profile_activity: { kinds: FEED_STORY },
  replies: { kinds: ['STORY'] },
  navigation: { kinds: ['STORY'] },
  ig_reels_avg_watch_time: { kinds: ['REELS'] },
  ig_reels_video_view_total_time: { kinds: ['REELS'] },
  // Feed videos from before views existed refuse it (the errors Airbyte saw; Meta documents no rule).
  views: { kinds: ALL, refusedForLegacy: { kinds: ['FEED_VIDEO'], postedUpTo: '2024-07-01' } },
  impressions: { kinds: FEED_STORY, removed: { ...V22_REMOVAL, olderVersionsKeepMediaUpTo: '2024-07-01' } },
  plays: { kinds: ['REELS'], removed: V22_REMOVAL },
  clips_replays_count: { kinds: ['REELS'], removed: V22_REMOVAL },
  ig_reels_aggregated_all_plays_count: { kinds: ['REELS'], removed: V22_REMOVAL },
  video_views: { kinds: ['FEED_VIDEO', 'CAROUSEL_ALBUM', 'REELS'], removed: { version: 'v21.0', allVersionsFrom: '2025-01-08' } },
  // Removed in v18 for every version from 2023-12-11: still names the API knows, refused everywhere.
  engagement: { kinds: [], removed: { version: 'v18.0', allVersionsFrom: '2023-12-11' } },
  exits: { kinds: [], removed: { version: 'v18.0', allVersionsFrom: '2023-12-11' } },
  taps_forward: { kinds: [], removed: { version: 'v18.0', allVersionsFrom: '2023-12-11' } },
  taps_back: { kinds: [], removed: { version: 'v18.0', allVersionsFrom: '2023-12-11' } },
  carousel_album_engagement: { kinds: [], removed: { version: 'v18.0', allVersionsFrom: '2023-12-11' } },
  carousel_album_impressions: { kinds: [], removed: { version: 'v18.0', allVersionsFrom: '2023-12-11' } },
  carousel_album_reach: { kinds: [], removed: { version: 'v18.0', allVersionsFrom: '2023-12-11' } },
  carousel_album_saved: { kinds: [], removed: { version: 'v18.0', allVersionsFrom: '2023-12-11' } },
  carousel_album_video_views: { kinds: [], removed: { version: 'v18.0', allVersionsFrom: '2023-12-11' } },
};

export const KNOWN_MEDIA_METRICS: readonly string[] = Object.keys(MEDIA_METRICS).sort();

/** Day boundaries of the rules above, parsed once. */
const dayBounds = new Map<string, number>();
const parsedOnce = (text: string) => {
  let ms = dayBounds.get(text);
  if (ms === undefined) dayBounds.set(text, (ms = Date.parse(text)));
  return ms;
};
const endOfDay = (day: string) => parsedOnce(`${day}T23:59:59.999Z`);

/** Why a version refuses a metric at `nowMs`, or null when the metric is still served. */
export function removalOf(metric: string, version: string, nowMs: number, media: Pick<MediaRecord, 'timestampMs'>): Removal | null {
  const removed = MEDIA_METRICS[metric]?.removed;
  if (!removed) return null;
  if (versionNumber(version) >= versionNumber(removed.version)) return removed;
  if (nowMs < parsedOnce(`${removed.allVersionsFrom}T00:00:00Z`)) return null;
  if (removed.olderVersionsKeepMediaUpTo && media.timestampMs <= endOfDay(removed.olderVersionsKeepMediaUpTo)) return null;
  return removed;
}

/** Whether the metric applies to this media at all (its kind, and the legacy refusals). */
export function appliesTo(metric: string, media: Pick<MediaRecord, 'productType' | 'mediaType' | 'timestampMs'>): boolean {
  const rule = MEDIA_METRICS[metric];
  if (!rule) return false;
  const kind = mediaKind(media);
  if (!rule.kinds.includes(kind)) return false;
  const legacy = rule.refusedForLegacy;
  return !(legacy && legacy.kinds.includes(kind) && media.timestampMs <= endOfDay(legacy.postedUpTo));
}

/** Every metric a media answers on this version at `nowMs`: what a client may ask for it. */
export function servedMetrics(media: Pick<MediaRecord, 'productType' | 'mediaType' | 'timestampMs'>, version: string, nowMs: number): string[] {
  return KNOWN_MEDIA_METRICS.filter((m) => appliesTo(m, media) && removalOf(m, version, nowMs, media) === null);
}
