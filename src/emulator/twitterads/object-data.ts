// Creative, targeting and audience objects of an account (tweets, cards, targeting criteria,
// custom audiences and their permissions, promoted accounts, media creatives, account media,
// scheduled promoted tweets). Derived from (seed, account, kind, index) and the generated
// line items / promoted tweets / media, lazily per (account, kind), like store.ts.
import { type Random, streamFor } from '../shared/prng.js';
import { snowflakeId } from './data-generator.js';
import type { AdsStore } from './store.js';
import { DAY_MS, HOUR_MS, formatTimestamp } from './time.js';
import { LOCATIONS, INTERESTS, LANGUAGES, PLATFORMS } from './targeting-options.js';

export type ObjectKind =
  | 'tweet'
  | 'card'
  | 'targeting_criterion'
  | 'custom_audience'
  | 'custom_audience_permission'
  | 'promoted_account'
  | 'media_creative'
  | 'account_media'
  | 'scheduled_promoted_tweet';

export type Row = Record<string, unknown>;

const TWEET_WORDS = ['Meet', 'the', 'new', 'spring', 'collection', 'shop', 'now', 'limited', 'offer', 'free', 'shipping', 'today', 'launch', 'sale'];
const HASHTAGS = ['sale', 'launch', 'spring', 'deals', 'new'];
const CARD_TYPES = ['IMAGE_WEBSITE', 'VIDEO_WEBSITE', 'IMAGE_APP', 'VIDEO_APP', 'IMAGE_CAROUSEL_WEBSITE'];
const AUDIENCE_TYPES = [
  { audience_type: 'CRM', list_type: 'EMAIL' },
  { audience_type: 'CRM', list_type: 'TWITTER_ID' },
  { audience_type: 'CRM', list_type: 'DEVICE_ID' },
  { audience_type: 'WEB', list_type: null },
  { audience_type: 'MOBILE', list_type: null },
  { audience_type: 'FLEXIBLE', list_type: null },
];
const CREATIVE_TYPES = ['PREROLL', 'BANNER', 'INTERSTITIAL', 'MEDIUM_RECTANGLE', 'VIDEO'];
const AGE_BUCKETS = ['AGE_13_TO_24', 'AGE_18_TO_34', 'AGE_25_TO_54', 'AGE_35_TO_49', 'AGE_OVER_50'];

/** Classic Twitter timestamp ("Wed Oct 10 20:19:24 +0000 2018"), as the tweets endpoint returns for published tweets. */
export function classicTimestamp(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]!;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${day} ${month} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

function shortId(prefix: number, accountIndex: number, index: number, r: Random): string {
  return (36 ** 4 + (prefix * 8 + accountIndex) * 2 ** 26 + index * 4 + r.int(0, 3)).toString(36);
}

function sentence(r: Random, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(r.pick(TWEET_WORDS));
  return parts.join(' ');
}

export class ObjectData {
  private readonly cache = new Map<string, Row[]>();
  private readonly indexes = new Map<string, Map<string, Row>>();
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly store: AdsStore,
    private readonly seed: number,
  ) {}

  private random(...parts: Array<string | number>): Random {
    return streamFor(this.seed, 'objects', ...parts);
  }

  private accountIndex(accountId: string): number {
    return this.store.accountList.findIndex((a) => a.id === accountId);
  }

  /** The promotable FULL user of the account (tweets' author). */
  userId(accountId: string): string {
    return String(700_000_000 + this.accountIndex(accountId) * 1_000_000);
  }

  list(accountId: string, kind: ObjectKind): Row[] {
    const key = `${accountId}/${kind}`;
    let rows = this.cache.get(key);
    if (!rows) {
      rows = this.generate(accountId, kind);
      this.cache.set(key, rows);
    }
    return rows;
  }

  find(accountId: string, kind: ObjectKind, id: string): Row | undefined {
    const key = `${accountId}/${kind}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = new Map(this.list(accountId, kind).map((row) => [String(row.id), row]));
      this.indexes.set(key, index);
    }
    return index.get(id);
  }

  /** Bumped by every write, so sorted views know they are stale. */
  version(accountId: string, kind: ObjectKind): number {
    return this.versions.get(`${accountId}/${kind}`) ?? 0;
  }

  /** Records a write: rows were added, changed or deleted. */
  reindex(accountId: string, kind: ObjectKind): void {
    const key = `${accountId}/${kind}`;
    this.indexes.delete(key);
    this.versions.set(key, this.version(accountId, kind) + 1);
  }

  private generate(accountId: string, kind: ObjectKind): Row[] {
    const a = this.accountIndex(accountId);
    switch (kind) {
      case 'tweet':
        return this.tweets(accountId, a);
      case 'card':
        return this.cards(accountId, a);
      case 'targeting_criterion':
        return this.targetingCriteria(accountId, a);
      case 'custom_audience':
        return this.customAudiences(accountId, a);
      case 'custom_audience_permission':
        return this.permissions(accountId, a);
      case 'promoted_account':
        return this.promotedAccounts(accountId, a);
      case 'media_creative':
        return this.mediaCreatives(accountId, a);
      case 'account_media':
        return this.accountMedia(accountId, a);
      case 'scheduled_promoted_tweet':
        return this.scheduledPromotedTweets(accountId, a);
    }
  }

  /** Published tweets (every promoted tweet's tweet_id, plus organic ones), scheduled and draft tweets; `tweet_type` says which. */
  private tweets(accountId: string, a: number): Row[] {
    const userId = this.userId(accountId);
    const rows: Row[] = [];
    const seen = new Set<string>();
    const cards = this.list(accountId, 'card');
    const published = (id: string, ms: number, r: Random, nullcast: boolean): void => {
      if (seen.has(id)) return;
      seen.add(id);
      const tag = r.pick(HASHTAGS);
      const text = `${sentence(r, r.int(4, 10))} #${tag}`;
      rows.push({
        tweet_type: 'PUBLISHED',
        created_at: classicTimestamp(ms),
        id,
        id_str: id,
        full_text: text,
        truncated: false,
        display_text_range: [0, text.length],
        entities: { hashtags: [{ text: tag, indices: [text.length - tag.length - 1, text.length] }], symbols: [], user_mentions: [], urls: [] },
        source: 'Ads API Internal Test App',
        in_reply_to_status_id_str: null,
        user: { id: userId, id_str: userId, screen_name: `advertiser${a}`, name: `Advertiser ${a}` },
        retweet_count: r.int(0, 500),
        favorite_count: r.int(0, 3000),
        favorited: false,
        retweeted: false,
        lang: 'en',
        nullcast,
        card_uri: cards.length > 0 && r.chance(0.4) ? (r.pick(cards).card_uri as string) : null,
        scopes: { followers: !nullcast },
      });
    };
    for (const pt of this.store.promotedTweets(accountId)) {
      const r = this.random('tweet', a, pt.tweet_id);
      published(pt.tweet_id, Date.parse(pt.created_at) - r.int(60, 86_400) * 1000, r, r.chance(0.7));
    }
    const organic = this.random('organic-count', a).int(15, 30);
    const createdMs = Date.parse(this.store.accountList[a]!.created_at);
    for (let i = 0; i < organic; i++) {
      const r = this.random('organic', a, i);
      const ms = createdMs + r.int(1, 600) * DAY_MS + r.int(0, 86_399) * 1000;
      published(snowflakeId(ms, r), ms, r, false);
    }
    const scheduled = this.random('scheduled-count', a).int(5, 10);
    for (let i = 0; i < scheduled; i++) {
      const r = this.random('scheduled', a, i);
      const ms = Date.UTC(2025, 4, 1) + r.int(0, 30 * 24) * HOUR_MS;
      const id = snowflakeId(ms, r);
      rows.push({
        tweet_type: 'SCHEDULED',
        name: r.chance(0.5) ? `Scheduled ${i + 1}` : null,
        text: sentence(r, r.int(4, 10)),
        user_id: userId,
        id,
        id_str: id,
        nullcast: true,
        scheduled_at: formatTimestamp(ms + r.int(24, 24 * 60) * HOUR_MS),
        scheduled_status: 'SCHEDULED',
        completed_at: null,
        tweet_id: null,
        card_uri: null,
        media_keys: [],
        created_at: formatTimestamp(ms),
        updated_at: formatTimestamp(ms),
      });
    }
    const drafts = this.random('draft-count', a).int(3, 8);
    for (let i = 0; i < drafts; i++) {
      const r = this.random('draft', a, i);
      const ms = Date.UTC(2025, 3, 1) + r.int(0, 60 * 24) * HOUR_MS;
      const id = snowflakeId(ms, r);
      rows.push({
        tweet_type: 'DRAFT',
        name: r.chance(0.5) ? `Draft ${i + 1}` : null,
        text: sentence(r, r.int(4, 10)),
        user_id: userId,
        id,
        id_str: id,
        nullcast: r.chance(0.8),
        card_uri: null,
        media_keys: [],
        created_at: formatTimestamp(ms),
        updated_at: formatTimestamp(ms + r.int(0, 72) * HOUR_MS),
      });
    }
    return rows;
  }

  private cards(accountId: string, a: number): Row[] {
    const count = this.random('card-count', a).int(8, 20);
    const base = Date.parse(this.store.accountList[a]!.created_at) + 10 * DAY_MS;
    const media = this.store.media(accountId);
    const rows: Row[] = [];
    for (let i = 0; i < count; i++) {
      const r = this.random('card', a, i);
      const ms = base + i * 9 * DAY_MS + r.int(0, 86_399) * 1000;
      const id = snowflakeId(ms, r);
      const cardType = r.pick(CARD_TYPES);
      const mediaKey = media.length > 0 ? r.pick(media).media_key : null;
      rows.push({
        name: `${r.pick(['Spring', 'Summer', 'Holiday', 'Launch', 'Promo'])} card ${i + 1}`,
        components: [
          { type: 'MEDIA', media_key: mediaKey },
          cardType.endsWith('APP')
            ? { type: 'BUTTON', label: { type: 'ENUM', value: 'INSTALL' }, destination: { type: 'APP', country_code: 'US', ios_app_store_identifier: '333903271' } }
            : { type: 'DETAILS', title: 'Shop the sale', destination: { type: 'WEBSITE', url: 'https://example.com/' } },
        ],
        card_type: cardType,
        card_uri: `card://${id}`,
        id,
        created_at: formatTimestamp(ms),
        updated_at: formatTimestamp(ms + r.int(0, 48) * HOUR_MS),
        deleted: r.chance(0.1),
      });
    }
    return rows;
  }

  private targetingCriteria(accountId: string, a: number): Row[] {
    const audiences = this.list(accountId, 'custom_audience');
    const rows: Row[] = [];
    const lineItems = this.store.lineItems(accountId);
    for (let l = 0; l < lineItems.length; l++) {
      const li = lineItems[l]!;
      const r = this.random('targeting', a, l);
      const ms = Date.parse(li.created_at) + r.int(1, 600) * 1000;
      const picks: Array<{ targeting_type: string; targeting_value: string; name: string; location_type?: string }> = [];
      const location = r.pick(LOCATIONS);
      picks.push({ targeting_type: 'LOCATION', targeting_value: location.targeting_value, name: location.name, location_type: location.location_type });
      if (r.chance(0.5)) picks.push({ targeting_type: 'GENDER', targeting_value: r.pick(['1', '2']), name: '' });
      if (r.chance(0.5)) {
        const age = r.pick(AGE_BUCKETS);
        picks.push({ targeting_type: 'AGE', targeting_value: age, name: age });
      }
      if (r.chance(0.4)) {
        const p = r.pick(PLATFORMS);
        picks.push({ targeting_type: 'PLATFORM', targeting_value: p.targeting_value, name: p.name });
      }
      if (r.chance(0.4)) {
        const lang = r.pick(LANGUAGES);
        picks.push({ targeting_type: 'LANGUAGE', targeting_value: lang.targeting_value, name: lang.name });
      }
      if (r.chance(0.5)) {
        const interest = r.pick(INTERESTS);
        picks.push({ targeting_type: 'INTEREST', targeting_value: interest.targeting_value, name: interest.name });
      }
      if (r.chance(0.3)) {
        const word = r.pick(HASHTAGS);
        picks.push({ targeting_type: 'BROAD_KEYWORD', targeting_value: word, name: word });
      }
      if (audiences.length > 0 && r.chance(0.3)) {
        const audience = r.pick(audiences);
        picks.push({ targeting_type: 'CUSTOM_AUDIENCE', targeting_value: String(audience.id), name: String(audience.name) });
      }
      picks.forEach((pick, k) => {
        const id = shortId(10, a, rows.length, r);
        if (pick.targeting_type === 'GENDER') pick.name = pick.targeting_value === '1' ? 'Male' : 'Female';
        rows.push({
          line_item_id: li.id,
          name: pick.name,
          id,
          location_type: pick.location_type ?? null,
          targeting_type: pick.targeting_type,
          targeting_value: pick.targeting_value,
          operator_type: 'EQ',
          tailored_audience_expansion: pick.targeting_type === 'CUSTOM_AUDIENCE' ? false : null,
          created_at: formatTimestamp(ms + k * 1000),
          updated_at: formatTimestamp(ms + k * 1000),
          deleted: li.deleted,
        });
      });
    }
    return rows;
  }

  private customAudiences(accountId: string, a: number): Row[] {
    const count = this.random('audience-count', a).int(6, 14);
    const base = Date.parse(this.store.accountList[a]!.created_at) + 20 * DAY_MS;
    const rows: Row[] = [];
    for (let i = 0; i < count; i++) {
      const r = this.random('audience', a, i);
      const ms = base + i * 17 * DAY_MS + r.int(0, 86_399) * 1000;
      const type = r.pick(AUDIENCE_TYPES);
      const size = r.chance(0.2) ? r.int(0, 99) : r.int(1_000, 2_000_000);
      const targetable = size >= 100;
      rows.push({
        targetable,
        name: `${r.pick(['Customers', 'Newsletter', 'Site visitors', 'App users', 'Lookalike', 'Lapsed buyers'])} ${i + 1}`,
        targetable_types: targetable ? ['WEB', 'CRM'] : [],
        audience_type: type.audience_type,
        description: r.chance(0.5) ? 'Uploaded list' : null,
        permission_level: 'READ_WRITE',
        owner_account_id: accountId,
        id: shortId(11, a, i, r),
        reasons_not_targetable: targetable ? [] : ['TOO_SMALL'],
        list_type: type.list_type,
        created_at: formatTimestamp(ms),
        updated_at: formatTimestamp(ms + r.int(0, 30) * DAY_MS),
        partner_source: 'OTHER',
        deleted: r.chance(0.1),
        audience_size: size < 100 ? null : size,
      });
    }
    return rows;
  }

  private permissions(accountId: string, a: number): Row[] {
    const others = this.store.accountList.filter((x) => x.id !== accountId);
    const rows: Row[] = [];
    for (const audience of this.list(accountId, 'custom_audience')) {
      const r = this.random('permission', a, String(audience.id));
      const n = r.int(0, 2);
      for (let k = 0; k < n && k < others.length; k++) {
        const ms = Date.parse(String(audience.created_at)) + r.int(1, 30) * DAY_MS;
        rows.push({
          custom_audience_id: audience.id,
          granted_account_id: others[k]!.id,
          permission_level: r.chance(0.7) ? 'READ_ONLY' : 'READ_WRITE',
          id: shortId(12, a, rows.length, r),
          created_at: formatTimestamp(ms),
          updated_at: formatTimestamp(ms),
          deleted: false,
        });
      }
    }
    return rows;
  }

  private promotedAccounts(accountId: string, a: number): Row[] {
    const rows: Row[] = [];
    const lineItems = this.store.lineItems(accountId);
    for (let l = 0; l < lineItems.length; l++) {
      const li = lineItems[l]!;
      const r = this.random('promoted-account', a, l);
      if (li.objective !== 'FOLLOWERS' && !r.chance(0.1)) continue;
      const ms = Date.parse(li.created_at) + r.int(1, 600) * 1000;
      rows.push({
        line_item_id: li.id,
        user_id: this.userId(accountId),
        id: shortId(13, a, rows.length, r),
        entity_status: li.entity_status === 'DRAFT' ? 'DRAFT' : 'ACTIVE',
        approval_status: 'ACCEPTED',
        created_at: formatTimestamp(ms),
        updated_at: formatTimestamp(ms + r.int(0, 48) * HOUR_MS),
        deleted: li.deleted,
      });
    }
    return rows;
  }

  private accountMedia(accountId: string, a: number): Row[] {
    const rows: Row[] = [];
    const media = this.store.media(accountId);
    media.forEach((m, i) => {
      const r = this.random('account-media', a, i);
      if (!r.chance(0.6)) return;
      const ms = Date.parse(m.created_at) + r.int(1, 3600) * 1000;
      rows.push({
        video_id: m.media_type === 'VIDEO' ? m.media_key.split('_')[1] ?? null : null,
        media_url: m.media_url,
        media_key: m.media_key,
        creative_type: m.media_type === 'VIDEO' ? r.pick(['PREROLL', 'VIDEO']) : r.pick(CREATIVE_TYPES.slice(1, 4)),
        id: shortId(14, a, rows.length, r),
        created_at: formatTimestamp(ms),
        updated_at: formatTimestamp(ms),
        deleted: r.chance(0.05),
      });
    });
    return rows;
  }

  private mediaCreatives(accountId: string, a: number): Row[] {
    const rows: Row[] = [];
    const accountMedia = this.list(accountId, 'account_media');
    if (accountMedia.length === 0) return rows;
    const lineItems = this.store.lineItems(accountId);
    for (let l = 0; l < lineItems.length; l++) {
      const li = lineItems[l]!;
      const r = this.random('media-creative', a, l);
      if (!r.chance(0.2)) continue;
      const ms = Date.parse(li.created_at) + r.int(1, 600) * 1000;
      rows.push({
        line_item_id: li.id,
        campaign_id: li.campaign_id,
        landing_url: r.chance(0.7) ? 'https://example.com/landing' : null,
        serving_status: 'ACTIVE',
        id: shortId(15, a, rows.length, r),
        account_media_id: r.pick(accountMedia).id,
        entity_status: li.entity_status,
        approval_status: r.chance(0.9) ? 'ACCEPTED' : 'UNDER_REVIEW',
        created_at: formatTimestamp(ms),
        updated_at: formatTimestamp(ms + r.int(0, 48) * HOUR_MS),
        deleted: li.deleted,
      });
    }
    return rows;
  }

  private scheduledPromotedTweets(accountId: string, a: number): Row[] {
    const scheduled = this.list(accountId, 'tweet').filter((t) => t.tweet_type === 'SCHEDULED');
    const lineItems = this.store.lineItems(accountId).filter((li) => !li.deleted);
    const rows: Row[] = [];
    if (lineItems.length === 0) return rows;
    scheduled.forEach((tweet, i) => {
      const r = this.random('scheduled-promoted', a, i);
      if (!r.chance(0.7)) return;
      rows.push({
        line_item_id: r.pick(lineItems).id,
        id: shortId(16, a, rows.length, r),
        scheduled_tweet_id: tweet.id,
        tweet_id: null,
        created_at: tweet.created_at,
        updated_at: tweet.updated_at,
        deleted: false,
      });
    });
    return rows;
  }
}
