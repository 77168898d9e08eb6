// In-memory state of the emulated Ads account tree. Each (account, kind) list is
// generated on first use, so a large --scale starts instantly and only pays for
// what a client actually reads. Writes mutate these lists in place.
import { AdsDataGenerator, type GeneratedAccount, entityId } from './data-generator.js';
import type { Account, Campaign, FundingInstrument, LineItem, MediaLibraryItem, PromotedTweet } from './entities.js';
import { streamFor } from '../shared/prng.js';

export type EntityKind = 'funding_instrument' | 'campaign' | 'line_item' | 'promoted_tweet' | 'media';

interface AccountState {
  generated: GeneratedAccount;
  fundingInstruments?: FundingInstrument[];
  campaigns?: Campaign[];
  lineItems?: LineItem[];
  promotedTweets?: PromotedTweet[];
  media?: MediaLibraryItem[];
  /** Next index for ids of objects created through the API, per kind. */
  nextIndex: Map<string, number>;
  byId: Map<string, Map<string, { id?: string; media_key?: string }>>;
  /** How many rows of each kind were generated (the rest were created through the API). */
  generatedCount: Map<string, number>;
}

export class AdsStore {
  private readonly generator: AdsDataGenerator;
  private readonly states = new Map<string, AccountState>();
  /** Bumped on every write, so cached sorted views know they are stale. */
  private readonly versions = new Map<string, number>();
  readonly accountList: Account[];

  constructor(
    readonly seed: number,
    readonly scale: number,
  ) {
    this.generator = new AdsDataGenerator(seed, scale);
    const generated = this.generator.accounts();
    this.accountList = generated.map((g) => g.account);
    for (const g of generated) {
      this.states.set(g.account.id, { generated: g, nextIndex: new Map(), byId: new Map(), generatedCount: new Map() });
    }
  }

  account(accountId: string): Account | undefined {
    return this.states.get(accountId)?.generated.account;
  }

  currency(accountId: string): string {
    return this.state(accountId).generated.currency;
  }

  private state(accountId: string): AccountState {
    const state = this.states.get(accountId);
    if (!state) throw new Error(`unknown account ${accountId}`);
    return state;
  }

  fundingInstruments(accountId: string): FundingInstrument[] {
    const s = this.state(accountId);
    s.fundingInstruments ??= this.generator.fundingInstruments(s.generated);
    return s.fundingInstruments;
  }

  campaigns(accountId: string): Campaign[] {
    const s = this.state(accountId);
    if (!s.campaigns) {
      s.campaigns = this.generator.campaigns(s.generated, this.fundingInstruments(accountId));
      s.generatedCount.set('campaign', s.campaigns.length);
    }
    return s.campaigns;
  }

  // Children are generated from the generated parents only: a campaign created through
  // the API before its account's line items were first read must not get synthetic ones.

  lineItems(accountId: string): LineItem[] {
    const s = this.state(accountId);
    if (!s.lineItems) {
      const parents = this.campaigns(accountId).slice(0, s.generatedCount.get('campaign'));
      s.lineItems = this.generator.lineItems(s.generated, parents);
      s.generatedCount.set('line_item', s.lineItems.length);
    }
    return s.lineItems;
  }

  promotedTweets(accountId: string): PromotedTweet[] {
    const s = this.state(accountId);
    if (!s.promotedTweets) {
      const parents = this.lineItems(accountId).slice(0, s.generatedCount.get('line_item'));
      s.promotedTweets = this.generator.promotedTweets(s.generated, parents);
    }
    return s.promotedTweets;
  }

  media(accountId: string): MediaLibraryItem[] {
    const s = this.state(accountId);
    s.media ??= this.generator.media(s.generated);
    return s.media;
  }

  list(accountId: string, kind: EntityKind): Array<FundingInstrument | Campaign | LineItem | PromotedTweet | MediaLibraryItem> {
    switch (kind) {
      case 'funding_instrument':
        return this.fundingInstruments(accountId);
      case 'campaign':
        return this.campaigns(accountId);
      case 'line_item':
        return this.lineItems(accountId);
      case 'promoted_tweet':
        return this.promotedTweets(accountId);
      case 'media':
        return this.media(accountId);
    }
  }

  /** Finds one object by id (media by media_key), deleted or not. */
  find<T>(accountId: string, kind: EntityKind, id: string): T | undefined {
    const s = this.state(accountId);
    let index = s.byId.get(kind);
    if (!index) {
      index = new Map();
      for (const item of this.list(accountId, kind) as Array<{ id?: string; media_key?: string }>) {
        index.set(item.id ?? item.media_key ?? '', item);
      }
      s.byId.set(kind, index);
    }
    return index.get(id) as T | undefined;
  }

  version(accountId: string, kind: EntityKind): number {
    return this.versions.get(`${accountId}/${kind}`) ?? 0;
  }

  /** Records that objects of this kind changed (created, updated or deleted). */
  touch(accountId: string, kind: EntityKind): void {
    const key = `${accountId}/${kind}`;
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
  }

  /** Adds an object created through the API and returns a fresh id for it. */
  newId(accountId: string, kind: 'campaign' | 'line_item' | 'promoted_tweet'): string {
    const s = this.state(accountId);
    const existing = this.list(accountId, kind).length;
    const next = Math.max(s.nextIndex.get(kind) ?? 0, existing);
    s.nextIndex.set(kind, next + 1);
    return entityId(kind, s.generated.index, next, streamFor(this.seed, 'created', kind, s.generated.index, next));
  }

  insert(accountId: string, kind: 'campaign' | 'line_item' | 'promoted_tweet', item: Campaign | LineItem | PromotedTweet): void {
    (this.list(accountId, kind) as Array<typeof item>).push(item);
    this.find(accountId, kind, item.id); // make sure the index exists before adding
    this.state(accountId).byId.get(kind)?.set(item.id, item);
    this.touch(accountId, kind);
  }
}
