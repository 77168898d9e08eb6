// Deterministic synthetic Instagram data. Everything derives from the seed and from
// the anchor (the start of the UTC day the server started on: stories must be from
// the last 24 hours, so the data cannot sit at a fixed date like the Twitter data;
// stories themselves are placed relative to the start instant).
// Comments are generated per media (store.ts does it for every media at start-up).
import { createHash } from 'node:crypto';
import { type Random, streamFor } from '../shared/prng.js';
import type { CommentRecord, FacebookUserRecord, IgUserRecord, MediaKind, MediaProductType, MediaRecord, MediaType, PageRecord } from './entities.js';
import { DAY_MS, HOUR_MS } from './graph-time.js';

const WORDS = ['sunset', 'coffee', 'studio', 'launch', 'behind the scenes', 'team', 'weekend', 'new drop', 'summer', 'city', 'recipe', 'workshop', 'throwback', 'giveaway', 'travel', 'ocean'];
const HASHTAGS = ['#socialsql', '#instadevelopers', '#photooftheday', '#reels', '#coffee', '#travel', '#design', '#behindthescenes'];
const COMMENT_TEXTS = ['Love this!', 'So good 😍', 'Where is this?', 'Amazing shot', 'Need this in my life', 'When is the next one?', '🔥🔥🔥', 'Great work team', 'How much is it?', 'Beautiful colours', 'Tagging my friend', 'This made my day'];
const REPLY_TEXTS = ['Thank you!', 'Glad you like it 🙌', 'Check our bio for details', 'Soon!', 'DM us please'];
const COMMENTERS = ['ana.lima', 'jonas_k', 'mika.travels', 'the_coffee_lab', 'lee.designs', 'sam_outdoors', 'noor.eats', 'pixel_pete', 'northwind_co', 'studio.aurora', 'rio.beats', 'tomasz.w'];
const OTHER_ACCOUNTS = ['wideworld_importers', 'contoso.coffee', 'fabrikam_foods', 'tailspin.toys', 'adventure_works'];
const SHORTCODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Instagram's epoch for media pks (ms), used to make ig_id look like the real ones. */
const IG_EPOCH_MS = 1_314_220_021_721;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0').slice(-width);
}

/** A bijection on [0, 10^9) so sequential indexes give scattered-looking ids. */
function scramble(index: number): number {
  return (index * 7919 + 104_729) % 1_000_000_000;
}

export function derivedSecret(seed: number, label: string, length: number, alphabet: 'hex' | 'token' = 'token'): string {
  const digest = createHash('sha256').update(`socialsql-instagram|${seed}|${label}`);
  if (alphabet === 'hex') return digest.digest('hex').slice(0, length);
  let out = digest.digest('base64url').replace(/[-_]/g, 'Z');
  while (out.length < length) out += createHash('sha256').update(out).digest('base64url').replace(/[-_]/g, 'Z');
  return out.slice(0, length);
}

export interface GeneratedWorld {
  facebookUser: FacebookUserRecord;
  pages: PageRecord[];
  igUser: IgUserRecord;
  /** The account's feed and reels, newest first (what /media lists). */
  ownMedia: MediaRecord[];
  stories: MediaRecord[];
  children: MediaRecord[];
  /** Other accounts' media this account is tagged in, newest first. */
  tagged: MediaRecord[];
}

export class InstagramDataGenerator {
  private readonly seedTag: string;

  constructor(
    readonly seed: number,
    readonly scale: number,
    /** Start of the UTC day the server started on. */
    readonly anchorMs: number,
    /** When the server started: stories are placed in the 16 hours before it. */
    readonly startedAtMs: number,
  ) {
    this.seedTag = pad(Math.abs(seed) % 1000, 3);
  }

  private random(...parts: Array<string | number>): Random {
    return streamFor('instagram', this.seed, ...parts);
  }

  world(): GeneratedWorld {
    const r = this.random('world');
    const igUser: IgUserRecord = {
      id: `17841${pad(400_000_000_000 + (Math.abs(this.seed) * 7_919_311) % 100_000_000_000, 12)}`,
      igId: 30_000_000 + r.int(0, 9_999_999),
      username: 'socialsql_demo',
      name: 'socialsql demo shop',
      biography: 'Synthetic data for the socialsql Instagram emulator. ☕ Coffee, design and travel.',
      website: 'https://socialsql.example/',
      profilePictureUrl: `https://scontent.cdninstagram.example/v/t51.2885-19/${r.int(100_000_000, 999_999_999)}_n.jpg`,
      followersCount: 1000 + r.int(0, 9000),
      followsCount: 50 + r.int(0, 400),
      businessSinceMs: 0,
    };
    const facebookUser: FacebookUserRecord = { id: `10${pad(r.int(0, 999_999_999), 9)}${pad(this.seed, 4)}`, name: 'Demo Owner' };
    const pages: PageRecord[] = [
      { id: `1${pad(18_981_261_308_043 + this.seed * 1_013, 14)}`, name: 'socialsql demo shop', category: 'Coffee Shop', categoryId: '128673187201735', accessToken: `EAAP${derivedSecret(this.seed, 'page-token-0', 120)}`, igUserId: igUser.id },
      { id: `1${pad(27_604_553_190_117 + this.seed * 1_013, 14)}`, name: 'socialsql demo blog', category: 'Blogger', categoryId: '1700', accessToken: `EAAP${derivedSecret(this.seed, 'page-token-1', 120)}`, igUserId: null },
    ];

    const ownCount = Math.max(1, Math.round(120 * this.scale));
    const children: MediaRecord[] = [];
    const ownMedia: MediaRecord[] = [];
    // About 9 days between posts at scale 1; the newest a few hours before the anchor.
    const gapMs = (9 * DAY_MS) / Math.max(this.scale, 0.01);
    let timestampMs = this.anchorMs - 5 * HOUR_MS;
    for (let i = 0; i < ownCount; i++) {
      const m = this.random('media', i);
      timestampMs -= Math.max(60_000, Math.round(gapMs * (0.4 + m.float() * 1.2)));
      const roll = m.float();
      const [mediaType, productType]: [MediaType, MediaProductType] =
        roll < 0.3 ? ['VIDEO', 'REELS'] : roll < 0.45 ? ['VIDEO', 'FEED'] : roll < 0.65 ? ['CAROUSEL_ALBUM', 'FEED'] : ['IMAGE', 'FEED'];
      const media = this.media('own', '179', i, mediaType, productType, timestampMs, igUser, m);
      if (mediaType === 'CAROUSEL_ALBUM') {
        const count = m.int(2, 5);
        for (let c = 0; c < count; c++) {
          const childType: MediaType = m.chance(0.25) ? 'VIDEO' : 'IMAGE';
          const child = this.media('child', '180', i * 10 + c, childType, 'FEED', timestampMs, igUser, m);
          child.parentId = media.id;
          child.caption = null;
          child.seededComments = 0;
          child.isCommentEnabled = false;
          media.childIds.push(child.id);
          children.push(child);
        }
      }
      ownMedia.push(media);
    }
    // The oldest ~5 posts (per unit of scale) predate the business conversion.
    const preBusiness = Math.min(ownCount - 1, Math.max(1, Math.round(5 * this.scale)));
    const firstBusiness = ownMedia[ownCount - 1 - preBusiness];
    const lastPersonal = ownMedia[ownCount - preBusiness];
    if (firstBusiness && lastPersonal) {
      igUser.businessSinceMs = Math.floor((firstBusiness.timestampMs + lastPersonal.timestampMs) / 2);
      for (const media of ownMedia) media.preBusiness = media.timestampMs < igUser.businessSinceMs;
    }

    const storyCount = Math.max(1, Math.round(2 * this.scale));
    const stories: MediaRecord[] = [];
    for (let i = 0; i < storyCount; i++) {
      const m = this.random('story', i);
      const ts = this.startedAtMs - Math.round(((i + 1) / (storyCount + 1)) * 16 * HOUR_MS) - m.int(0, 600) * 1000;
      const story = this.media('story', '181', i, m.chance(0.5) ? 'VIDEO' : 'IMAGE', 'STORY', ts, igUser, m);
      story.caption = null;
      story.isCommentEnabled = false;
      story.seededComments = 0;
      // The oldest of several stories is below the privacy threshold, so clients meet (#10).
      story.fewViewers = storyCount > 1 && i === storyCount - 1;
      stories.push(story);
    }

    const taggedCount = Math.max(1, Math.round(20 * this.scale));
    const tagged: MediaRecord[] = [];
    let taggedTs = this.anchorMs - 2 * HOUR_MS;
    for (let i = 0; i < taggedCount; i++) {
      const m = this.random('tagged', i);
      taggedTs -= Math.round((18 * DAY_MS * (0.5 + m.float())) / Math.max(this.scale, 0.01));
      const owner = m.pick(OTHER_ACCOUNTS);
      const ownerId = `17841${pad(500_000_000_000 + OTHER_ACCOUNTS.indexOf(owner) * 1_111_111, 12)}`;
      const media = this.media('tagged', '182', i, m.chance(0.3) ? 'VIDEO' : 'IMAGE', 'FEED', taggedTs, { id: ownerId, username: owner }, m);
      media.caption = `${m.pick(WORDS)} with @${igUser.username} ${m.pick(HASHTAGS)}`;
      tagged.push(media);
    }
    return { facebookUser, pages, igUser, ownMedia, stories, children, tagged };
  }

  private media(
    kind: MediaKind,
    prefix: string,
    index: number,
    mediaType: MediaType,
    productType: MediaProductType,
    timestampMs: number,
    owner: { id: string; username: string },
    m: Random,
  ): MediaRecord {
    const id = `${prefix}${this.seedTag}${pad(scramble(index), 11)}`;
    const shortcode = Array.from({ length: 11 }, () => SHORTCODE_ALPHABET[m.int(0, 63)]).join('');
    const igId = ((BigInt(Math.max(0, timestampMs - IG_EPOCH_MS)) << 23n) | BigInt(scramble(index) % 8_388_608)).toString();
    const path = productType === 'REELS' ? 'reel' : productType === 'STORY' ? 'stories/' + owner.username : 'p';
    const captionWords = `${m.pick(WORDS)} ${m.pick(WORDS)}`;
    const tags = m.chance(0.6) ? ` ${m.pick(HASHTAGS)} ${m.pick(HASHTAGS)}` : '';
    const reels = productType === 'REELS';
    // Graph timestamps have whole seconds.
    timestampMs = Math.floor(timestampMs / 1000) * 1000;
    return {
      id,
      kind,
      igId,
      ownerId: owner.id,
      username: owner.username,
      caption: m.chance(0.92) ? `${captionWords[0]!.toUpperCase()}${captionWords.slice(1)}${tags}` : null,
      mediaType,
      productType,
      timestampMs,
      likeCount: reels ? m.int(40, 2500) : m.int(0, 400),
      isCommentEnabled: !m.chance(0.08),
      mediaUrl: `https://scontent.cdninstagram.example/v/t51.29350-15/${id}_n.${mediaType === 'VIDEO' ? 'mp4' : 'jpg'}`,
      permalink: `https://www.instagram.com/${path}/${shortcode}/`,
      shortcode,
      thumbnailUrl: mediaType === 'VIDEO' ? `https://scontent.cdninstagram.example/v/t51.29350-15/${id}_thumb.jpg` : null,
      childIds: [],
      parentId: null,
      preBusiness: false,
      seededComments: m.int(0, 15),
    };
  }

  /** Comments of one media: top-level comments newest first, each with its replies. */
  comments(media: MediaRecord, mediaIndex: number, untilMs: number): CommentRecord[] {
    const out: CommentRecord[] = [];
    const r = this.random('comments', media.id);
    let seq = 0;
    const nextId = () => `178${this.seedTag}${pad(mediaIndex, 8)}${pad(seq++, 3)}`;
    const span = Math.max(60_000, untilMs - media.timestampMs);
    for (let i = 0; i < media.seededComments; i++) {
      const ts = media.timestampMs + Math.floor(span * Math.min(0.98, r.float() * r.float()));
      const top = this.comment(r, nextId(), media.id, null, ts, COMMENT_TEXTS);
      out.push(top);
      if (r.chance(0.3)) {
        const replies = r.int(1, 3);
        for (let j = 0; j < replies; j++) {
          const replyTs = Math.min(untilMs - 1000, ts + r.int(60, 3 * 86_400) * 1000);
          const reply = this.comment(r, nextId(), media.id, top.id, replyTs, REPLY_TEXTS);
          if (r.chance(0.6)) {
            reply.username = media.username;
            reply.fromId = media.ownerId;
            reply.business = true;
          }
          out.push(reply);
        }
      }
    }
    return out;
  }

  private comment(r: Random, id: string, mediaId: string, parentId: string | null, ts: number, texts: string[]): CommentRecord {
    const username = r.pick(COMMENTERS);
    return {
      id,
      mediaId,
      parentId,
      text: r.pick(texts),
      timestampMs: Math.floor(ts / 1000) * 1000,
      likeCount: r.chance(0.5) ? 0 : r.int(1, 40),
      hidden: r.chance(0.08),
      username,
      fromId: `17841${pad(600_000_000_000 + COMMENTERS.indexOf(username) * 3_333_331, 12)}`,
      business: r.chance(0.2),
      deleted: false,
    };
  }
}
