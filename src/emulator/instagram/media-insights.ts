// GET /{media-id}/insights: the v21 metric sets per media product type, the
// pre-business-conversion error (100/2108006), and deterministic lifetime values.
import { hashSeed } from '../shared/prng.js';
import type { MediaRecord } from './entities.js';
import { GraphError, invalidParam, unsupportedRequest } from './graph-error.js';
import type { InstagramStore } from './store.js';

type MediaClass = 'REELS' | 'FEED' | 'CAROUSEL_ALBUM' | 'STORY';

const METRICS_BY_CLASS: Record<MediaClass, readonly string[]> = {
  REELS: ['comments', 'ig_reels_avg_watch_time', 'ig_reels_video_view_total_time', 'likes', 'reach', 'saved', 'shares', 'views', 'total_interactions'],
  FEED: ['reach', 'saved', 'likes', 'comments', 'shares', 'follows', 'profile_visits', 'views', 'total_interactions'],
  CAROUSEL_ALBUM: ['reach', 'saved', 'shares', 'likes', 'comments', 'views', 'total_interactions'],
  STORY: ['reach', 'replies', 'follows', 'profile_visits', 'shares', 'total_interactions', 'views', 'navigation'],
};

/** The metric enum the API validates names against (deprecated ones included: they fail per product type instead). */
const KNOWN_METRICS = [
  'carousel_album_engagement', 'carousel_album_impressions', 'carousel_album_reach', 'carousel_album_saved', 'carousel_album_video_views',
  'clips_replays_count', 'comments', 'engagement', 'exits', 'follows', 'ig_reels_aggregated_all_plays_count', 'ig_reels_avg_watch_time',
  'ig_reels_video_view_total_time', 'impressions', 'likes', 'navigation', 'plays', 'profile_activity', 'profile_visits', 'reach', 'replies',
  'saved', 'shares', 'taps_back', 'taps_forward', 'total_interactions', 'video_views', 'views',
];

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
  navigation: ['Navigation', 'The total number of actions taken from your story (taps forward, taps back, exits, swipes forward).'],
};

export function mediaClass(media: MediaRecord): MediaClass {
  if (media.productType === 'STORY') return 'STORY';
  if (media.productType === 'REELS') return 'REELS';
  return media.mediaType === 'CAROUSEL_ALBUM' ? 'CAROUSEL_ALBUM' : 'FEED';
}

export function validMediaMetrics(media: MediaRecord): readonly string[] {
  return METRICS_BY_CLASS[mediaClass(media)];
}

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
  params: { metric: string | undefined; period: string | undefined },
): { data: MediaInsightItem[] } {
  // Album children and other accounts' media have no insights edge for this account.
  if (media.kind === 'child' || media.kind === 'tagged') throw unsupportedRequest('GET', media.id);
  if (params.metric === undefined || params.metric.trim() === '') throw invalidParam('The parameter metric is required');
  if (params.period !== undefined && params.period !== 'lifetime') {
    throw invalidParam('period must be one of the following values: lifetime');
  }
  const metrics = params.metric.split(',').map((m) => m.trim()).filter((m) => m !== '');
  metrics.forEach((metric, index) => {
    if (!KNOWN_METRICS.includes(metric)) {
      throw invalidParam(`metric[${index}] must be one of the following values: ${KNOWN_METRICS.join(', ')}`);
    }
  });
  const valid = validMediaMetrics(media);
  for (const metric of metrics) {
    if (!valid.includes(metric)) throw invalidParam(`The Media Insights API does not support the ${metric} metric for this media product type.`);
  }
  if (media.preBusiness) throw mediaBeforeBusinessError();
  const values = lifetimeValues(store, media);
  return {
    data: [...new Set(metrics)].map((name) => {
      const [title, description] = TITLES[name] ?? [name, name];
      return { name, period: 'lifetime', values: [{ value: values[name] ?? 0 }], title, description, id: `${media.id}/insights/${name}/lifetime` };
    }),
  };
}

/** Values are functions of (seed, media id) and the live like/comment counts, so they agree with the media object. */
function lifetimeValues(store: InstagramStore, media: MediaRecord): Record<string, number> {
  const h = (label: string, max: number) => hashSeed(store.seed, media.id, label) % (max + 1);
  const likes = media.productType === 'STORY' ? 0 : media.likeCount;
  const comments = store.commentsOf(media).length;
  const reach = Math.max(likes * 3, 20) + h('reach', 800);
  const views = reach + h('views', reach);
  const saved = h('saved', Math.max(2, Math.floor(likes / 8)));
  const shares = h('shares', Math.max(2, Math.floor(likes / 12)));
  const replies = media.productType === 'STORY' ? h('replies', 12) : 0;
  const avgWatch = 3000 + h('watch', 17_000);
  return {
    reach,
    views,
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
