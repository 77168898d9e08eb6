// Ads API rate limiting: a user-level budget per endpoint (x-rate-limit-*) and,
// for reads of account-scoped core entities, a per-account budget
// (x-account-rate-limit-*). Fixed windows that start with the first request.
//
// Budgets follow the documented categories (fundamentals/rate-limiting):
//   core entity reads 10,000/15 min per account (funding instruments 2,000),
//   other account reads 2,000/15 min, sync analytics 250/15 min, writes 450/min,
//   requests with with_total_count=true 200/15 min.
// Global reads (GET /12/accounts) are documented at 5/15 min. That is faithful but
// makes any interactive session or test suite fail within seconds, so the default
// here is 200/15 min (the budget of the other low-volume reads); use --rate-limit N
// (which sets every budget to N per 15 minutes) to exercise exhaustion deliberately, and
// --rate-window-ms MS to make every window that long (pacing across resets in seconds).

export type RateCategory = 'global_read' | 'account_read' | 'core_read' | 'funding_read' | 'analytics' | 'analytics_job' | 'write' | 'oauth';

interface Budget {
  limit: number;
  windowMs: number;
}

const FIFTEEN_MINUTES = 15 * 60_000;

export const DEFAULT_GLOBAL_READ_LIMIT = 200;

const USER_BUDGETS: Record<RateCategory, Budget> = {
  global_read: { limit: DEFAULT_GLOBAL_READ_LIMIT, windowMs: FIFTEEN_MINUTES },
  account_read: { limit: 2_000, windowMs: FIFTEEN_MINUTES },
  core_read: { limit: 10_000, windowMs: FIFTEEN_MINUTES },
  funding_read: { limit: 2_000, windowMs: FIFTEEN_MINUTES },
  analytics: { limit: 250, windowMs: FIFTEEN_MINUTES },
  // Job creation is bounded by the 100 concurrent jobs per account (TOO_MANY_JOBS), not by a window.
  analytics_job: { limit: 10_000, windowMs: FIFTEEN_MINUTES },
  write: { limit: 450, windowMs: 60_000 },
  oauth: { limit: 2_000, windowMs: FIFTEEN_MINUTES },
};

const ACCOUNT_BUDGETS: Partial<Record<RateCategory, Budget>> = {
  core_read: { limit: 10_000, windowMs: FIFTEEN_MINUTES },
  funding_read: { limit: 2_000, windowMs: FIFTEEN_MINUTES },
};

const TOTAL_COUNT_BUDGET: Budget = { limit: 200, windowMs: FIFTEEN_MINUTES };

interface Window {
  startedAtMs: number;
  used: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export interface RateRequest {
  category: RateCategory;
  /** The route template: user-level budgets are per endpoint. */
  route: string;
  accountId?: string;
  withTotalCount: boolean;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly now: () => Date,
    /** When non-null, every budget is this many requests per window (15 minutes unless `windowOverride`). */
    private readonly override: () => number | null,
    /** When non-null, every window lasts this many ms. */
    private readonly windowOverride: () => number | null = () => null,
  ) {}

  reset(): void {
    this.windows.clear();
  }

  /** Consumes one request from each applicable budget, unless one is spent. */
  take(request: RateRequest): RateDecision {
    return this.evaluate(request, true);
  }

  /** The headers a request would see, without consuming (for requests rejected before counting, e.g. 401). */
  peek(request: RateRequest): RateDecision {
    return this.evaluate(request, false);
  }

  private evaluate(request: RateRequest, consume: boolean): RateDecision {
    const nowMs = this.now().getTime();
    const user = this.budgetFor(request.withTotalCount ? TOTAL_COUNT_BUDGET : USER_BUDGETS[request.category]);
    const userKey = `user|${request.route}${request.withTotalCount ? '|total_count' : ''}`;
    const userWindow = this.windowFor(userKey, user, nowMs);

    const accountBudgetBase = ACCOUNT_BUDGETS[request.category];
    const account = accountBudgetBase && request.accountId ? this.budgetFor(accountBudgetBase) : undefined;
    const accountKey = `account|${request.accountId}|${request.route}`;
    const accountWindow = account ? this.windowFor(accountKey, account, nowMs) : undefined;

    const allowed = userWindow.used < user.limit && (!account || !accountWindow || accountWindow.used < account.limit);
    if (allowed && consume) {
      userWindow.used += 1;
      if (accountWindow) accountWindow.used += 1;
    }
    const headers: Record<string, string> = {
      'x-rate-limit-limit': String(user.limit),
      'x-rate-limit-remaining': String(Math.max(0, user.limit - userWindow.used)),
      'x-rate-limit-reset': String(Math.ceil((userWindow.startedAtMs + user.windowMs) / 1000)),
    };
    if (account && accountWindow) {
      headers['x-account-rate-limit-limit'] = String(account.limit);
      headers['x-account-rate-limit-remaining'] = String(Math.max(0, account.limit - accountWindow.used));
      headers['x-account-rate-limit-reset'] = String(Math.ceil((accountWindow.startedAtMs + account.windowMs) / 1000));
    }
    return { allowed, headers };
  }

  private budgetFor(base: Budget): Budget {
    const limit = this.override() ?? base.limit;
    const windowMs = this.windowOverride() ?? (this.override() === null ? base.windowMs : FIFTEEN_MINUTES);
    return { limit, windowMs };
  }

  private windowFor(key: string, budget: Budget, nowMs: number): Window {
    let window = this.windows.get(key);
    if (!window || nowMs >= window.startedAtMs + budget.windowMs) {
      window = { startedAtMs: nowMs, used: 0 };
      this.windows.set(key, window);
    }
    return window;
  }
}
