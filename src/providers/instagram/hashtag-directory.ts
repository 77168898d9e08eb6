/**
 * Hashtag names to ids, for the connection's life: ids are global and static, so a name is looked
 * up (GET /ig_hashtag_search) at most once. Each lookup of a new name counts against the
 * account's 30 unique hashtags per rolling 7 days; a query that would need more is refused before
 * any call, and the API's refusal once the week's budget is spent is a RateLimitError that says so.
 */
import { z } from 'zod';
import { ApiError, PlanError, RateLimitError } from '../../errors.js';
import type { PlannedRequest } from '../../source/planned-call.js';
import { HASHTAG_LIMIT } from '../../../schemas/instagram/hashtags.js';
import type { CallOptions } from '../api-client.js';
import type { GraphFailure, InstagramClient } from './client.js';

const WEEK_MS = 7 * 24 * 3_600_000;
const searchAnswer = z.object({ data: z.array(z.object({ id: z.string() })) });

/** The name the API searches: no leading `#`, case-insensitive. Undefined when it can be no hashtag (emoji, spaces, punctuation). */
export function hashtagName(text: string): string | undefined {
  const name = text.trim().replace(/^#/, '').toLowerCase();
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : undefined;
}

export class HashtagDirectory {
  /** Name → id, or null when the API knows no such hashtag. */
  private readonly ids = new Map<string, string | null>();

  constructor(private readonly client: InstagramClient) {}

  /** The id of a name looked up before (null: no such hashtag), or undefined when it has not been. */
  known(name: string): string | null | undefined {
    return this.ids.get(name);
  }

  /** The name behind an id this connection has looked up. */
  nameOf(id: string): string | undefined {
    for (const [name, known] of this.ids) if (known === id) return name;
    return undefined;
  }

  /** The lookup a name needs (`q` is sent as the name, without `#`). */
  searchRequest(account: string, name: string): PlannedRequest {
    return { method: 'GET', path: '/ig_hashtag_search', query: { user_id: account, q: name }, kind: 'list', rowValues: { Name: name } };
  }

  /** Names not looked up yet: the ones a query spends its budget on. */
  unknown(names: readonly string[]): string[] {
    return names.filter((n) => !this.ids.has(n));
  }

  /** Refuses, before any call, a query that needs more new hashtags than a week allows. */
  checkBudget(table: string, names: readonly string[]): void {
    const fresh = this.unknown(names);
    if (fresh.length > HASHTAG_LIMIT) {
      throw new PlanError(
        `${table} would look up ${fresh.length} hashtags this connection has not searched yet, but Instagram lets an account query at most ${HASHTAG_LIMIT} unique hashtags in 7 days; ask for at most ${HASHTAG_LIMIT} names (SELECT Id FROM RecentlySearchedHashtags shows the ones already used this week)`,
      );
    }
  }

  /** What EXPLAIN says about the weekly budget. */
  budgetNote(names: readonly string[]): string {
    const fresh = this.unknown(names).length;
    const reused = names.length - fresh;
    return `hashtag budget: ${fresh} new of the ${HASHTAG_LIMIT} unique hashtags an account may query in 7 days${reused > 0 ? ` (${reused} already looked up by this connection: no call)` : ''}`;
  }

  /** Looks up every name not known yet, in batch calls of 50, and answers the ids of all. */
  async resolve(table: string, account: string, names: readonly string[], call: CallOptions): Promise<Map<string, string | null>> {
    this.checkBudget(table, names);
    const fresh = this.unknown(names);
    if (fresh.length > 0) {
      const urls = fresh.map((name) => { const r = this.searchRequest(account, name); return this.client.url(r.path, r.query); });
      const items = await this.client.batch(urls, call);
      items.forEach((item, i) => {
        const name = fresh[i]!;
        if (!item.ok) throw this.refusal('/ig_hashtag_search', item.failure);
        const parsed = searchAnswer.safeParse(item.body);
        if (!parsed.success) throw new ApiError('Malformed response from the Instagram Graph API for GET /ig_hashtag_search: expected {"data":[{"id"}]}', 200, 'MALFORMED_RESPONSE');
        this.ids.set(name, parsed.data.data[0]?.id ?? null);
      });
    }
    return new Map(names.map((n) => [n, this.ids.get(n) ?? null]));
  }

  /** A Graph failure of a hashtag call as our error: the weekly limit as a RateLimitError, the rest as the client maps them. */
  refusal(path: string, failure: GraphFailure): Error {
    if (isHashtagLimit(failure)) {
      const resetAt = new Date(this.client.now() + WEEK_MS);
      return new RateLimitError(
        `Instagram refused GET ${path}: the account has queried the ${HASHTAG_LIMIT} unique hashtags it may query in 7 days (code ${failure.code}: ${this.client.mask(failure.message)}). ` +
          'Hashtags already queried this week still answer (SELECT Id FROM RecentlySearchedHashtags); a new one can be queried once the oldest leaves the 7-day window, at the latest by ' +
          `${resetAt.toISOString()} (estimated)`,
        resetAt,
        true,
      );
    }
    return this.client.error('GET', path, failure);
  }
}

/**
 * Meta documents the limit but not the error's body: code 24 (what the emulator sends), or a
 * message that names the hashtag limit.
 */
export function isHashtagLimit(failure: Pick<GraphFailure, 'code' | 'message'>): boolean {
  return failure.code === 24 || (/hashtag/i.test(failure.message) && /\b(limit|maximum)\b/i.test(failure.message));
}

/** The same test on an error the client already mapped (a failed page of fetchMany). */
export function hashtagLimitError(directory: HashtagDirectory, path: string, error: unknown): unknown {
  if (error instanceof ApiError && error.apiCode === '24') return directory.refusal(path, { status: error.status, code: 24, message: error.message });
  return error;
}
