// Public content of other accounts, as the account sees it through hashtag search, business
// discovery and mentions. All of it derives from the seed (and, for hashtag media, from the
// hashtag's name), so any hashtag name has media and the same seed gives the same world.
// The hashtag budget (30 unique hashtags per rolling 7 days per account) lives here too.
import { createHash } from 'node:crypto';
import { streamFor } from '../shared/prng.js';
import { GraphError } from './graph-error.js';
import { DAY_MS, HOUR_MS } from './graph-time.js';

/** A media object of another account, as public content shows it (no owner, no insights). */
export interface PublicMediaRecord {
  id: string;
  username: string;
  caption: string | null;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  productType: 'FEED' | 'REELS';
  timestampMs: number;
  likeCount: number;
  commentsCount: number;
  mediaUrl: string;
  permalink: string;
}

/** Another business account that business discovery can read by username. */
export interface DiscoverableAccount {
  id: string;
  igId: number;
  username: string;
  name: string;
  biography: string;
  website: string;
  profilePictureUrl: string;
  followersCount: number;
  followsCount: number;
  /** Newest first. */
  media: PublicMediaRecord[];
}

/** A comment of another user that @mentions the account. */
export interface MentionedCommentRecord {
  id: string;
  text: string;
  timestampMs: number;
  likeCount: number;
  mediaId: string;
  username: string;
}

export interface HashtagRecord {
  id: string;
  name: string;
}

/** Documented: 30 unique hashtags per account within a rolling 7-day window. */
export const HASHTAG_LIMIT = 30;
export const HASHTAG_WINDOW_MS = 7 * DAY_MS;
/** Media each hashtag has, spread over the last ~3 days (recent_media shows the last 24 h). */
const MEDIA_PER_HASHTAG = 60;

const ACCOUNTS = ['wideworld_importers', 'contoso.coffee', 'fabrikam_foods', 'tailspin.toys', 'adventure_works'];
const WORDS = ['morning brew', 'new season', 'studio day', 'market run', 'weekend plans', 'fresh batch', 'on the road', 'team lunch'];

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0').slice(-width);
}

/** Hashtag names as the API takes them: letters, digits and underscores, case-insensitive, without the `#`. */
export function normalizeHashtag(q: string): string | undefined {
  const name = q.trim().replace(/^#/, '').toLowerCase();
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : undefined;
}

/** Hashtag ids are global and static: the same name always has the same id. */
export function hashtagIdOf(name: string): string {
  const digest = createHash('sha256').update(`ig-hashtag|${name}`).digest();
  return `17843${pad(digest.readUInt32BE(0) * 1000 + (digest.readUInt16BE(4) % 1000), 12)}`;
}

/** Ids of the media that @mention the account in their caption, for `mentioned_media.media_id(...)` (ids come in webhooks). */
export function mentionedMediaIds(seed: number): string[] {
  return Array.from({ length: 12 }, (_v, i) => mediaId('183', seed, i));
}

/** Ids of the comments that @mention the account, for `mentioned_comment.comment_id(...)`. */
export function mentionedCommentIds(seed: number): string[] {
  return Array.from({ length: 12 }, (_v, i) => mediaId('176', seed, i));
}

/** Usernames business discovery can read. */
export const DISCOVERABLE_USERNAMES: readonly string[] = ACCOUNTS;

function mediaId(prefix: string, seed: number, index: number): string {
  return `${prefix}${pad(Math.abs(seed) % 1000, 3)}${pad(index * 7919 + 104_729, 11)}`;
}

export class PublicContent {
  private readonly accounts: Map<string, DiscoverableAccount>;
  private readonly mentioned: Map<string, PublicMediaRecord>;
  private readonly mentionedComments: Map<string, MentionedCommentRecord>;
  private readonly hashtagMedia = new Map<string, PublicMediaRecord[]>();
  private readonly hashtagNames = new Map<string, string>();
  /** Per IG user: hashtag id → when it was first queried in the current window. */
  private readonly queried = new Map<string, Map<string, number>>();

  constructor(
    private readonly seed: number,
    /** The account's own username (what mentions mention). */
    private readonly ownUsername: string,
    /** When the emulator started: public media count back from here. */
    private readonly startedAtMs: number,
  ) {
    this.accounts = new Map(ACCOUNTS.map((username, i) => [username, this.account(username, i)]));
    const mentioned = mentionedMediaIds(seed).map((id, i) => {
      const owner = ACCOUNTS[i % ACCOUNTS.length]!;
      const media = this.media(id, owner, startedAtMs - (i + 1) * 2 * DAY_MS, `mention|${i}`);
      media.caption = `Thanks @${ownUsername} for the ${WORDS[i % WORDS.length]}!`;
      return media;
    });
    this.mentioned = new Map(mentioned.map((m) => [m.id, m]));
    this.mentionedComments = new Map(
      mentionedCommentIds(seed).map((id, i) => {
        const r = streamFor('instagram-mention-comment', seed, i);
        const on = mentioned[i % mentioned.length]!;
        const comment: MentionedCommentRecord = {
          id,
          text: `@${ownUsername} ${r.pick(['have you tried this?', 'look!', 'we should go here', 'this is yours?'])}`,
          timestampMs: Math.floor((on.timestampMs + r.int(60, 86_400) * 1000) / 1000) * 1000,
          likeCount: r.int(0, 30),
          mediaId: on.id,
          username: r.pick(['ana.lima', 'jonas_k', 'mika.travels', 'lee.designs']),
        };
        return [id, comment];
      }),
    );
  }

  private account(username: string, index: number): DiscoverableAccount {
    const r = streamFor('instagram-discovery', this.seed, username);
    const count = 30 + r.int(0, 30);
    const media = Array.from({ length: count }, (_v, i) => this.media(mediaId('184', this.seed, index * 1000 + i), username, this.startedAtMs - (i + 1) * (1 + index) * 20 * HOUR_MS, `bd|${username}|${i}`));
    return {
      id: `17841${pad(500_000_000_000 + index * 1_111_111, 12)}`,
      igId: 40_000_000 + r.int(0, 9_999_999),
      username,
      name: username.replace(/[._]/g, ' '),
      biography: `Public profile of ${username} (emulated).`,
      website: `https://${username.replace(/[._]/g, '-')}.example/`,
      profilePictureUrl: `https://scontent.cdninstagram.example/v/t51.2885-19/${r.int(100_000_000, 999_999_999)}_n.jpg`,
      followersCount: 5_000 + r.int(0, 500_000),
      followsCount: 100 + r.int(0, 900),
      media,
    };
  }

  discover(username: string): DiscoverableAccount | undefined {
    return this.accounts.get(username.toLowerCase());
  }

  mentionedMedia(id: string): PublicMediaRecord | undefined {
    return this.mentioned.get(id);
  }

  mentionedComment(id: string): MentionedCommentRecord | undefined {
    return this.mentionedComments.get(id);
  }

  /** A hashtag by id, when some account has searched it (ids of names never searched are unknown to the emulator). */
  hashtag(id: string): HashtagRecord | undefined {
    const name = this.hashtagNames.get(id);
    return name === undefined ? undefined : { id, name };
  }

  /** Looks a name up: its id, counted against the account's weekly budget. Undefined when the name can be no hashtag. */
  search(igUserId: string, q: string, nowMs: number): HashtagRecord | undefined {
    const name = normalizeHashtag(q);
    if (name === undefined) return undefined;
    const id = hashtagIdOf(name);
    this.hashtagNames.set(id, name);
    this.count(igUserId, id, nowMs);
    return { id, name };
  }

  /** Reading a hashtag's media counts against the same budget as searching it. */
  count(igUserId: string, hashtagId: string, nowMs: number): void {
    const window = this.window(igUserId, nowMs);
    if (window.has(hashtagId)) return;
    if (window.size >= HASHTAG_LIMIT) throw hashtagLimitReached();
    window.set(hashtagId, nowMs);
  }

  /** Hashtags the account queried in the last 7 days, most recent first. */
  recentlySearched(igUserId: string, nowMs: number): Array<{ id: string; firstMs: number }> {
    return [...this.window(igUserId, nowMs)].map(([id, firstMs]) => ({ id, firstMs })).sort((a, b) => b.firstMs - a.firstMs || (a.id < b.id ? -1 : 1));
  }

  /** Every media of a hashtag, newest first. */
  mediaOfHashtag(hashtagId: string): PublicMediaRecord[] {
    let media = this.hashtagMedia.get(hashtagId);
    if (!media) {
      const name = this.hashtagNames.get(hashtagId) ?? hashtagId;
      const r = streamFor('instagram-hashtag', this.seed, hashtagId);
      let ts = this.startedAtMs - r.int(5, 40) * 60_000;
      media = Array.from({ length: MEDIA_PER_HASHTAG }, (_v, i) => {
        ts -= r.int(20, 130) * 60_000;
        const m = this.media(`185${hashtagId.slice(-6)}${pad(i, 8)}`, r.pick(ACCOUNTS), ts, `ht|${hashtagId}|${i}`);
        m.caption = `${m.caption ?? ''} #${name}`.trim();
        return m;
      });
      this.hashtagMedia.set(hashtagId, media);
    }
    return media;
  }

  private window(igUserId: string, nowMs: number): Map<string, number> {
    let window = this.queried.get(igUserId);
    if (!window) this.queried.set(igUserId, (window = new Map()));
    for (const [id, firstMs] of window) if (firstMs <= nowMs - HASHTAG_WINDOW_MS) window.delete(id);
    return window;
  }

  private media(id: string, username: string, timestampMs: number, label: string): PublicMediaRecord {
    const r = streamFor('instagram-public-media', this.seed, label);
    const roll = r.float();
    const [mediaType, productType]: [PublicMediaRecord['mediaType'], PublicMediaRecord['productType']] = roll < 0.3 ? ['VIDEO', 'REELS'] : roll < 0.5 ? ['CAROUSEL_ALBUM', 'FEED'] : ['IMAGE', 'FEED'];
    const shortcode = createHash('sha256').update(id).digest('base64url').slice(0, 11);
    return {
      id,
      username,
      caption: r.chance(0.9) ? r.pick(WORDS) : null,
      mediaType,
      productType,
      timestampMs: Math.floor(timestampMs / 1000) * 1000,
      likeCount: r.int(0, productType === 'REELS' ? 5000 : 900),
      commentsCount: r.int(0, 120),
      mediaUrl: `https://scontent.cdninstagram.example/v/t51.29350-15/${id}_n.${mediaType === 'VIDEO' ? 'mp4' : 'jpg'}`,
      permalink: `https://www.instagram.com/${productType === 'REELS' ? 'reel' : 'p'}/${shortcode}/`,
    };
  }
}

/**
 * The answer once the account has queried 30 unique hashtags in 7 days. Meta documents the limit
 * but not this error's body: code and wording are the emulator's (docs/instagram-facts.md).
 */
export function hashtagLimitReached(): GraphError {
  return new GraphError(400, {
    message: `(#24) This account has queried the maximum of ${HASHTAG_LIMIT} unique hashtags allowed within 7 days`,
    type: 'OAuthException',
    code: 24,
    is_transient: false,
  });
}
