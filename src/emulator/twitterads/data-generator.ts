// Deterministic synthetic Ads data. Every object is derived from (seed, account,
// kind, index) alone, so each kind can be generated lazily per account and the
// same seed always yields the same objects.
import { Random, streamFor } from '../shared/prng.js';
import type { Account, Campaign, FundingInstrument, LineItem, MediaLibraryItem, PromotedTweet } from './entities.js';
import { DAY_MS, HOUR_MS, formatTimestamp } from './time.js';

/** Data is generated as of this instant, so it does not drift with the wall clock. */
export const DATA_AS_OF_MS = Date.UTC(2025, 5, 1);

interface AccountSpec {
  timezone: string;
  currency: string;
  deleted: boolean;
  /** Days before DATA_AS_OF_MS the account was opened. */
  ageDays: number;
}

// One account per timezone the brief asks for; London is the deleted one. Created_at
// order makes the Los Angeles account the first in the API's default order.
const ACCOUNT_SPECS: AccountSpec[] = [
  { timezone: 'America/Los_Angeles', currency: 'USD', deleted: false, ageDays: 700 },
  { timezone: 'Asia/Tokyo', currency: 'JPY', deleted: false, ageDays: 800 },
  { timezone: 'UTC', currency: 'USD', deleted: false, ageDays: 900 },
  { timezone: 'Europe/London', currency: 'GBP', deleted: true, ageDays: 1000 },
];

const COMPANY_NAMES = [
  'Schuppe-Casper', 'Kozey-Farrell', 'Osinski, Quitzon and Hilll', 'Jakubowski-Aufderhar', 'Northwind Outdoor',
  'Contoso Coffee', 'Fabrikam Foods', 'Tailspin Toys', 'Wide World Importers', 'Adventure Works Cycles',
  'Denesik, O\'Reilly and Zulauf', 'Simonis-Barton', 'Farrell Group', 'Blue Yonder Airlines', 'Litware Labs',
];

// Campaign names share prefixes on purpose so that `q` (prefix search) has something to find.
const CAMPAIGN_PREFIXES = [
  'Spring Sale', 'Spring Launch', 'Summer Sale', 'Summer Launch', 'Back to School', 'Black Friday',
  'Black Friday Early Access', 'Holiday Gifts', 'Holiday Retargeting', 'Brand Awareness', 'App Install',
  'App Re-engagement', 'Website Traffic', 'Followers Growth', 'Video Views', 'Q1 Promo', 'Q2 Promo', 'Q3 Promo',
  'Q4 Promo', 'Product Launch',
];
const CAMPAIGN_AUDIENCES = ['US', 'UK', 'JP', 'EU', 'Lookalike', 'Retargeting', 'Followers', 'Broad', 'Gen Z', 'Parents'];
const LINE_ITEM_SUFFIXES = ['Timeline', 'Search', 'Profiles', 'Mobile', 'Desktop', 'Video', 'Carousel'];
const MEDIA_WORDS = ['hero', 'banner', 'product', 'teaser', 'lifestyle', 'promo', 'logo', 'launch', 'unboxing', 'demo'];
const DAILY_BUDGETS = [1_000_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000];

const KIND_INDEX = { account: 0, funding_instrument: 1, campaign: 2, line_item: 3, promoted_tweet: 4 } as const;
type IdKind = keyof typeof KIND_INDEX;

/**
 * Short base-36 ids like the real ones ("2wap7"). Each (kind, account) owns a block of
 * 2^26 numbers and each index a stride of 4, so ids never collide and grow with creation time.
 */
export function entityId(kind: IdKind, accountIndex: number, index: number, random: Random): string {
  const block = (KIND_INDEX[kind] * 8 + accountIndex) * 2 ** 26;
  return (36 ** 4 + block + index * 4 + random.int(0, 3)).toString(36);
}

export interface GeneratedAccount {
  account: Account;
  index: number;
  currency: string;
}

export class AdsDataGenerator {
  constructor(
    readonly seed: number,
    readonly scale: number,
  ) {}

  private random(...parts: Array<string | number>): Random {
    return streamFor(this.seed, ...parts);
  }

  accounts(): GeneratedAccount[] {
    return ACCOUNT_SPECS.map((spec, index) => {
      const r = this.random('account', index);
      const createdMs = DATA_AS_OF_MS - spec.ageDays * DAY_MS + r.int(0, 86_399) * 1000;
      const id = Math.floor(36 ** 10 * (1 + r.float())).toString(36);
      const name = r.pick(COMPANY_NAMES);
      const account: Account = {
        name,
        business_name: r.chance(0.7) ? name : null,
        timezone: spec.timezone,
        timezone_switch_at: formatTimestamp(createdMs - r.int(1, 400) * DAY_MS - (createdMs % HOUR_MS)),
        id,
        created_at: formatTimestamp(createdMs),
        updated_at: formatTimestamp(createdMs + r.int(0, 200) * DAY_MS),
        business_id: r.chance(0.7) ? String(1_000_000_000 + r.int(0, 999_999_999)) : null,
        approval_status: 'ACCEPTED',
        deleted: spec.deleted,
      };
      return { account, index, currency: spec.currency };
    });
  }

  fundingInstruments(owner: GeneratedAccount): FundingInstrument[] {
    const count = this.random('fi-count', owner.index).int(2, 3);
    const result: FundingInstrument[] = [];
    const accountCreated = Date.parse(owner.account.created_at);
    for (let i = 0; i < count; i++) {
      const r = this.random('funding_instrument', owner.index, i);
      const type = r.pick(['CREDIT_CARD', 'INSERTION_ORDER', 'CREDIT_LINE']);
      const createdMs = accountCreated + (i * 40 + r.int(0, 30)) * DAY_MS + r.int(0, 86_399) * 1000;
      const expired = i > 0 && r.chance(0.3);
      // The fixture's instruments always carry an end_time, so every type gets one.
      const endMs = expired ? createdMs + 180 * DAY_MS : DATA_AS_OF_MS + 730 * DAY_MS;
      const creditLimit = type === 'CREDIT_LINE' ? 5_000_000_000 : null;
      result.push({
        start_time: formatTimestamp(createdMs + HOUR_MS),
        description: type === 'CREDIT_CARD' ? `Visa ending in ${r.int(1000, 9999)}` : r.pick(COMPANY_NAMES),
        credit_limit_local_micro: creditLimit,
        end_time: formatTimestamp(endMs),
        cancelled: false,
        id: entityId('funding_instrument', owner.index, i, r),
        paused: false,
        account_id: owner.account.id,
        reasons_not_able_to_fund: expired ? ['EXPIRED'] : [],
        currency: owner.currency,
        funded_amount_local_micro: type === 'INSERTION_ORDER' ? 5_000_000_000 : null,
        created_at: formatTimestamp(createdMs),
        type,
        able_to_fund: !expired,
        updated_at: formatTimestamp(createdMs + r.int(0, 90) * DAY_MS),
        credit_remaining_local_micro: creditLimit === null ? null : creditLimit - r.int(0, 4000) * 1_000_000,
        entity_status: expired ? 'EXPIRED' : 'ACTIVE',
        io_header: type === 'INSERTION_ORDER' ? `IO-${r.int(10000, 99999)}` : null,
        // A third instrument is sometimes deleted, so with_deleted matters here too.
        deleted: i === 2 && r.chance(0.5),
      });
    }
    return result;
  }

  campaigns(owner: GeneratedAccount, fundingInstruments: FundingInstrument[]): Campaign[] {
    const base = this.random('campaign-count', owner.index).int(60, 150);
    const count = Math.max(1, Math.round(base * this.scale));
    const firstMs = Date.parse(owner.account.created_at) + 30 * DAY_MS;
    const spacing = (DATA_AS_OF_MS - firstMs) / count;
    const result: Campaign[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const r = this.random('campaign', owner.index, i);
      const fi = r.pick(fundingInstruments);
      const createdMs = Math.floor(firstMs + i * spacing + r.float() * spacing * 0.9);
      const startMs = Math.floor((createdMs + r.int(0, 48) * HOUR_MS) / 60_000) * 60_000;
      const endMs = r.chance(0.3) ? startMs + r.int(3, 90) * DAY_MS : null;
      const roll = r.float();
      const entityStatus = roll < 0.55 ? 'ACTIVE' : roll < 0.85 ? 'PAUSED' : 'DRAFT';
      const daily = r.pick(DAILY_BUDGETS);
      const reasons: string[] = [];
      if (entityStatus === 'DRAFT') reasons.push('INCOMPLETE');
      if (entityStatus === 'PAUSED') reasons.push('PAUSED_BY_ADVERTISER');
      if (endMs !== null && endMs < DATA_AS_OF_MS) reasons.push('EXPIRED');
      if (!fi.able_to_fund) reasons.push('FUNDING_PROBLEM');
      const hasCap = r.chance(0.2);
      result[i] = {
        name: `${r.pick(CAMPAIGN_PREFIXES)} - ${r.pick(CAMPAIGN_AUDIENCES)} ${r.int(1, 99)}`,
        start_time: formatTimestamp(startMs),
        reasons_not_servable: reasons,
        servable: reasons.length === 0,
        daily_budget_amount_local_micro: daily,
        end_time: endMs === null ? null : formatTimestamp(endMs),
        funding_instrument_id: fi.id,
        standard_delivery: r.chance(0.8),
        total_budget_amount_local_micro: r.chance(0.6) ? null : daily * r.int(5, 60),
        id: entityId('campaign', owner.index, i, r),
        entity_status: entityStatus,
        account_id: owner.account.id,
        currency: owner.currency,
        created_at: formatTimestamp(createdMs),
        updated_at: formatTimestamp(Math.min(DATA_AS_OF_MS, createdMs + r.int(0, 30 * 24) * HOUR_MS)),
        deleted: r.chance(0.1),
        budget_optimization: r.chance(0.7) ? 'LINE_ITEM' : 'CAMPAIGN',
        purchase_order_number: r.chance(0.15) ? `PO-${r.int(100000, 999999)}` : null,
        effective_status: effectiveStatus(entityStatus, reasons),
        duration_in_days: hasCap ? r.pick([1, 7, 30]) : null,
        frequency_cap: hasCap ? r.int(1, 10) : null,
      };
    }
    return result;
  }

  lineItems(owner: GeneratedAccount, campaigns: Campaign[]): LineItem[] {
    const result: LineItem[] = [];
    for (let c = 0; c < campaigns.length; c++) {
      const campaign = campaigns[c]!;
      const perCampaign = this.random('line-item-count', owner.index, c).int(1, 3);
      for (let k = 0; k < perCampaign; k++) {
        const index = result.length;
        const r = this.random('line_item', owner.index, index);
        const createdMs = Date.parse(campaign.created_at) + r.int(1, 3600) * 1000;
        const placement = r.pick([
          { type: 'PROMOTED_TWEETS_FOR_TIMELINES', placements: ['TWITTER_TIMELINE'] },
          { type: 'PROMOTED_TWEETS_FOR_SEARCH', placements: ['TWITTER_SEARCH'] },
          { type: 'PROMOTED_TWEETS_FOR_TIMELINES', placements: ['ALL_ON_TWITTER'] },
          { type: 'PROMOTED_TWEETS_FOR_TIMELINES', placements: ['ALL_ON_TWITTER', 'PUBLISHER_NETWORK'] },
        ]);
        // No AUTO bids: those have a null bid_amount_local_micro, which the fixtures never show.
        const bidStrategy = r.pick(['MAX', 'TARGET']);
        const entityStatus = campaign.entity_status === 'DRAFT' ? 'DRAFT' : r.chance(0.75) ? 'ACTIVE' : 'PAUSED';
        result.push({
          placement_type: placement.type,
          bid_strategy: bidStrategy,
          name: r.chance(0.1) ? 'Untitled' : `${campaign.name} / ${r.pick(LINE_ITEM_SUFFIXES)}`,
          placements: placement.placements,
          bid_amount_local_micro: r.int(1, 500) * 10_000,
          advertiser_domain: r.chance(0.5) ? 'example.com' : null,
          advertiser_user_id: String(700_000_000 + owner.index * 1_000_000 + r.int(0, 3)),
          primary_web_event_tag: null,
          pay_by: r.pick(['ENGAGEMENT', 'IMPRESSION', 'LINK_CLICK']),
          product_type: 'PROMOTED_TWEETS',
          total_budget_amount_local_micro: r.chance(0.7) ? null : r.int(10, 500) * 1_000_000,
          objective: r.pick(['ENGAGEMENTS', 'WEBSITE_CLICKS', 'APP_INSTALLS', 'REACH', 'VIDEO_VIEWS', 'FOLLOWERS']),
          id: entityId('line_item', owner.index, index, r),
          entity_status: entityStatus,
          account_id: owner.account.id,
          goal: null,
          categories: r.chance(0.3) ? [r.pick(['IAB1', 'IAB3', 'IAB8', 'IAB19', 'IAB22'])] : [],
          currency: owner.currency,
          start_time: r.chance(0.8) ? campaign.start_time : null,
          end_time: campaign.end_time,
          creative_source: 'MANUAL',
          funding_instrument_id: campaign.funding_instrument_id,
          created_at: formatTimestamp(createdMs),
          updated_at: formatTimestamp(Math.max(createdMs, Date.parse(campaign.updated_at))),
          campaign_id: campaign.id,
          deleted: campaign.deleted || r.chance(0.05),
        });
      }
    }
    return result;
  }

  promotedTweets(owner: GeneratedAccount, lineItems: LineItem[]): PromotedTweet[] {
    const result: PromotedTweet[] = [];
    for (let l = 0; l < lineItems.length; l++) {
      const lineItem = lineItems[l]!;
      const perLineItem = this.random('promoted-tweet-count', owner.index, l).int(1, 3);
      for (let k = 0; k < perLineItem; k++) {
        const index = result.length;
        const r = this.random('promoted_tweet', owner.index, index);
        const createdMs = Date.parse(lineItem.created_at) + r.int(1, 600) * 1000;
        const approvalRoll = r.float();
        result.push({
          line_item_id: lineItem.id,
          id: entityId('promoted_tweet', owner.index, index, r),
          entity_status: r.chance(0.85) ? 'ACTIVE' : 'PAUSED',
          created_at: formatTimestamp(createdMs),
          updated_at: formatTimestamp(createdMs + r.int(0, 72) * HOUR_MS),
          approval_status: approvalRoll < 0.85 ? 'ACCEPTED' : approvalRoll < 0.95 ? 'UNDER_REVIEW' : 'REJECTED',
          tweet_id: snowflakeId(createdMs - r.int(60, 86_400) * 1000, r),
          deleted: lineItem.deleted || r.chance(0.05),
        });
      }
    }
    return result;
  }

  media(owner: GeneratedAccount): MediaLibraryItem[] {
    const count = Math.max(1, Math.round(this.random('media-count', owner.index).int(25, 35) * this.scale));
    const firstMs = Date.parse(owner.account.created_at) + DAY_MS;
    const spacing = (DATA_AS_OF_MS - firstMs) / count;
    const result: MediaLibraryItem[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const r = this.random('media', owner.index, i);
      const createdMs = Math.floor(firstMs + i * spacing + r.float() * spacing * 0.9);
      const roll = r.float();
      const mediaType = roll < 0.55 ? 'IMAGE' : roll < 0.85 ? 'VIDEO' : 'GIF';
      const word = r.pick(MEDIA_WORDS);
      const id = snowflakeId(createdMs, r);
      const updatedAt = formatTimestamp(createdMs + r.int(0, 48) * HOUR_MS);
      const common = {
        tweeted: r.chance(0.6),
        name: r.chance(0.6) ? `${word} ${r.int(1, 50)}` : null,
        created_at: formatTimestamp(createdMs),
        updated_at: updatedAt,
        media_status: 'TRANSCODE_COMPLETED',
        deleted: false,
      };
      if (mediaType === 'IMAGE') {
        result[i] = {
          ...common,
          file_name: `${word}-${i}.jpg`,
          media_url: `https://pbs.twimg.com/media/${id.slice(-8)}${word}.jpg`,
          media_category: 'TWEET_IMAGE',
          media_key: `3_${id}`,
          media_type: 'IMAGE',
        };
      } else if (mediaType === 'GIF') {
        result[i] = {
          ...common,
          file_name: `${word}-${i}.gif`,
          media_url: `https://video.twimg.com/tweet_video/${id.slice(-8)}${word}.mp4`,
          media_category: 'TWEET_GIF',
          media_key: `16_${id}`,
          media_type: 'GIF',
        };
      } else {
        const posterId = snowflakeId(createdMs - 1000, r);
        result[i] = {
          ...common,
          file_name: `${word}-${i}.mp4`,
          media_url: `https://video.twimg.com/amplify_video/${id}/vid/1280x720/${word}.mp4`,
          media_category: 'AMPLIFY_VIDEO',
          media_key: `13_${id}`,
          media_type: 'VIDEO',
          duration: r.int(5, 140) * 1000 + r.int(0, 999),
          poster_media_key: `3_${posterId}`,
          poster_media_url: `https://pbs.twimg.com/amplify_video_thumb/${id}/img/${word}.jpg`,
          aspect_ratio: r.pick(['16:9', '1:1', '9:16']),
          title: r.chance(0.7) ? `${word[0]!.toUpperCase()}${word.slice(1)} video` : null,
          description: r.chance(0.4) ? `The ${word} cut` : null,
        };
      }
    }
    return result;
  }
}

function effectiveStatus(entityStatus: string, reasons: string[]): string {
  if (entityStatus === 'DRAFT') return 'DRAFT';
  if (reasons.includes('EXPIRED')) return 'EXPIRED';
  if (entityStatus === 'PAUSED') return 'PAUSED';
  return reasons.length === 0 ? 'RUNNING' : 'PAUSED';
}

/** A Twitter snowflake id (time-ordered, 18-19 digits) for a moment. */
export function snowflakeId(ms: number, random: Random): string {
  const twitterEpoch = 1_288_834_974_657n;
  return ((BigInt(ms) - twitterEpoch) * 4_194_304n + BigInt(random.int(0, 4_194_303))).toString();
}
