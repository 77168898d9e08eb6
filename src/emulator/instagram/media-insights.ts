// GET /{media-id}/insights: the metrics each version accepts for each kind of media (media-metrics.ts),
// the pre-business-conversion error (100/2108006), and deterministic lifetime values.
import { hashSeed } from '../shared/prng.js';
import type { MediaRecord } from './entities.js';
import { GraphError, invalidParam, unsupportedRequest } from './graph-error.js';
import { checkMediaBreakdown, mediaBreakdownValue } from './media-breakdowns.js';
import { KNOWN_MEDIA_METRICS, appliesTo, removalOf } from './media-metrics.js';
import type { InstagramStore } from './store.js';

const TITLES: Record<string, [string, string]> = {
  comments: ['Comments', 'The number of comments on your post.'],
  ig_reels_avg_watch_time: ['Average Watch Time', 'The average watch time of your reel in milliseconds.'],
  ig_reels_video_view_total_time: ['Watch Time', 'The total time your reel was played in milliseconds.'],
  likes: ['Likes', 'The number of likes on your post.'],
  reach: ['Reach', 'The number of unique accounts that viewed your post.'],
  saved: ['Saves', 'The number of saves of your post.'],
  shares: ['Shares', 'The number of shares of your post.'],
  views: ['Views', 'The number of times your post was played or displayed.'],
  total_interactions: ['Interactions', 'The number of likes, saves, comments and shares on your post, minus unlikes, unsaves and deleted comments.'],
  follows: ['Follows', 'The number of accounts that started following you from this post.'],
  profile_visits: ['Profile visits', 'The number of times your profile was visited from this post.'],
  replies: ['Replies', 'The number of replies to your story.'],
  impressions: ['Impressions', 'Total number of times the media object has been seen.'],
  plays: ['Plays', 'The number of times the reel started to play.'],
  clips_replays_count: ['Replays', 'The number of times the reel was replayed after the initial play.'],
  ig_reels_aggregated_all_plays_count: ['Plays', 'The number of initial and replayed plays of the reel on Instagram and Facebook.'],
  video_views: ['Video views', 'Total number of times the video has been seen.'],
  profile_activity: ['Profile activity', 'The number of actions people took on your profile after engaging with this post.'],
  navigation: ['Navigation', 'The total number of actions taken from your story (taps forward, taps back, exits, swipes forward).'],
};

export function mediaBeforeBusinessError(): GraphError {
  return new GraphError(400, {
    message: 'Invalid parameter',
    type: 'OAuthException',
    code: 100,
    error_data: { blame_field_specs: [['']] },
    error_subcode: 2108006,
    is_transient: false,
    error_user_title: 'Media posted before business account conversion',
    error_user_msg: "The media was posted before the most recent time that the user's account was converted to a business account from a personal account.",
  });
}

export function notEnoughViewers(): GraphError {
  return new GraphError(400, { message: '(#10) Not enough viewers for the media to show insights', type: 'OAuthException', code: 10 });
}

const DAY_MS = 86_400_000;

export interface MediaInsightItem {
  name: string;
  period: string;
  values: Array<{ value: number }>;
  title: string;
  description: string;
  id: string;
}

export function mediaInsights(
  store: InstagramStore,
  media: MediaRecord,
  params: { metric: string | undefined; period: string | undefined; version: string; nowMs: number; breakdown?: string },
): { data: MediaInsightItem[] } {
  // Album children and other accounts' media have no insights edge for this account.
  if (media.kind === 'child' || media.kind === 'tagged') throw unsupportedRequest('GET', media.id);
  if (params.metric === undefined || params.metric.trim() === '') throw invalidParam('The parameter metric is required');
  if (params.period !== undefined && params.period !== 'lifetime') {
    throw invalidParam('period must be one of the following values: lifetime');
  }
  const metrics = params.metric.split(',').map((m) => m.trim()).filter((m) => m !== '');
  metrics.forEach((metric, index) => {
    if (!KNOWN_MEDIA_METRICS.includes(metric)) {
      throw invalidParam(`metric[${index}] must be one of the following values: ${KNOWN_MEDIA_METRICS.join(', ')}`);
    }
  });
  for (const metric of metrics) {
    const removal = removalOf(metric, params.version, params.nowMs, media);
    if (removal) {
      throw invalidParam(
        `Starting from version ${Math.trunc(Number(removal.version.slice(1)))}+, the following metric is no longer supported: ${metric}. Instead, please refer to the documentation at https://developers.facebook.com/docs/instagram-api/reference/ig-media/insights for a list of supported metrics.`,
      );
    }
  }
  const unsupported = [...new Set(metrics.filter((metric) => !appliesTo(metric, media)))];
  if (unsupported.length > 0) throw invalidParam(`The Media Insights API does not support the ${unsupported.join(', ')} metric for this media product type.`);
  const breakdown = params.breakdown?.trim() || undefined;
  if (breakdown) checkMediaBreakdown(metrics, breakdown);
  if (media.preBusiness) throw mediaBeforeBusinessError();
  if (media.productType === 'STORY') {
    // Story insights exist for 24 hours only; after that the story is gone for this edge.
    if (params.nowMs - media.timestampMs > DAY_MS) throw unsupportedRequest('GET', media.id);
    if (media.fewViewers) throw notEnoughViewers();
  }
  const values = lifetimeValues(store, media);
  return {
    data: [...new Set(metrics)].map((name) => {
      const [title, description] = TITLES[name] ?? [name, name];
      const value = values[name] ?? 0;
      const total = breakdown ? { total_value: mediaBreakdownValue(store.seed, media.id, name, value) } : {};
      return { name, period: 'lifetime', values: [{ value }], ...total, title, description, id: `${media.id}/insights/${name}/lifetime` };
    }),
  };
}

/** The hash draws of one media (functions of seed and id only), computed once per media. */
const drawsOf = new WeakMap<MediaRecord, Map<string, number>>();

/** Values are functions of (seed, media id) and the live like/comment counts, so they agree with the media object. */
function lifetimeValues(store: InstagramStore, media: MediaRecord): Record<string, number> {
  let draws = drawsOf.get(media);
  if (!draws) drawsOf.set(media, (draws = new Map()));
  const h = (label: string, max: number) => {
    let draw = draws.get(label);
    if (draw === undefined) draws.set(label, (draw = hashSeed(store.seed, media.id, label)));
    return draw % (max + 1);
  };
  const likes = media.productType === 'STORY' ? 0 : media.likeCount;
  const comments = store.commentsOf(media).length;
  const reach = Math.max(likes * 3, 20) + h('reach', 800);
  const views = reach + h('views', reach);
  const saved = h('saved', Math.max(2, Math.floor(likes / 8)));
  const shares = h('shares', Math.max(2, Math.floor(likes / 12)));
  const replies = media.productType === 'STORY' ? h('replies', 12) : 0;
  const avgWatch = 3000 + h('watch', 17_000);
  const plays = views + h('plays', Math.max(1, Math.floor(views / 5)));
  return {
    reach,
    views,
    impressions: views,
    plays,
    clips_replays_count: plays - views,
    ig_reels_aggregated_all_plays_count: plays + h('fb_plays', Math.max(1, Math.floor(views / 10))),
    video_views: media.mediaType === 'VIDEO' ? views : 0,
    profile_activity: h('profile_activity', 40),
    likes,
    comments,
    saved,
    shares,
    replies,
    follows: h('follows', 15),
    profile_visits: h('profile_visits', 60),
    total_interactions: likes + comments + saved + shares + replies,
    ig_reels_avg_watch_time: avgWatch,
    ig_reels_video_view_total_time: avgWatch * views,
    navigation: media.productType === 'STORY' ? reach + h('navigation', reach) : 0,
  };
}
