// Graph rate limiting as Instagram reports it. Two kinds of one-hour windows:
// - the app window counts every call and is what X-App-Usage reports; only calls
//   outside any Business Use Case (/me, /me/accounts, Page nodes) are throttled by
//   it, with code 4 ("Application request limit reached");
// - one Business Use Case window per IG user for calls about that account, reported
//   in X-Business-Use-Case-Usage (type "instagram"). When it is spent the error code
//   depends on the route: 32 for reads (IG accounts are reached through their Page),
//   613 for insights (the API's custom limit), 17 for comment writes (per user).
// Budgets default to 4800 calls per hour (the Instagram BUC figure); `rateLimit`
// sets every budget. Throttled calls do not consume. HTTP status 400, as Graph sends.
import { GraphError } from './graph-error.js';

export type ThrottleScope = 'platform' | 'ig_read' | 'ig_insights' | 'ig_write';

export const DEFAULT_HOURLY_BUDGET = 4800;
const WINDOW_MS = 3_600_000;

interface Window {
  startedAtMs: number;
  used: number;
}

export interface RateOutcome {
  headers: Record<string, string>;
  error: GraphError | null;
}

const THROTTLE: Record<ThrottleScope, { code: number; message: string }> = {
  platform: { code: 4, message: '(#4) Application request limit reached' },
  ig_read: { code: 32, message: '(#32) Page request limit reached' },
  ig_insights: { code: 613, message: '(#613) Calls to this api have exceeded the rate limit.' },
  ig_write: { code: 17, message: '(#17) User request limit reached' },
};

export class GraphRateLimiter {
  private app: Window | null = null;
  private readonly business = new Map<string, Window>();

  constructor(
    private readonly now: () => Date,
    private readonly override: () => number | null,
    /** When non-null, windows last this many ms instead of an hour. */
    private readonly windowOverride: () => number | null = () => null,
  ) {}

  reset(): void {
    this.app = null;
    this.business.clear();
  }

  /** Counts one call for `scope` (and the IG user it is about), or refuses it once the budget is spent. */
  take(scope: ThrottleScope, igUserId: string | null): RateOutcome {
    return this.evaluate(scope, igUserId, true);
  }

  /** The headers without consuming (for calls rejected before they count, e.g. bad tokens). */
  peek(scope: ThrottleScope, igUserId: string | null): RateOutcome {
    return this.evaluate(scope, igUserId, false);
  }

  private evaluate(scope: ThrottleScope, igUserId: string | null, consume: boolean): RateOutcome {
    const nowMs = this.now().getTime();
    const limit = this.override() ?? DEFAULT_HOURLY_BUDGET;
    this.app = fresh(this.app, nowMs, this.windowMs());
    const app = this.app;
    const buc = scope !== 'platform' && igUserId !== null ? this.bucWindow(igUserId, nowMs) : null;
    const governing = buc ?? app;
    const allowed = governing.used < limit;
    if (allowed && consume) {
      app.used += 1;
      if (buc) buc.used += 1;
    }
    const headers: Record<string, string> = { 'x-app-usage': appUsageHeader(usage(app.used, limit)) };
    if (buc && igUserId !== null) {
      const regainMinutes = allowed ? 0 : Math.max(1, Math.ceil((buc.startedAtMs + this.windowMs() - nowMs) / 60_000));
      headers['x-business-use-case-usage'] = bucUsageHeader(igUserId, usage(buc.used, limit), regainMinutes);
    }
    if (allowed) return { headers, error: null };
    const throttle = THROTTLE[buc ? scope : 'platform'];
    return { headers, error: new GraphError(400, { message: throttle.message, type: 'OAuthException', code: throttle.code, is_transient: true }) };
  }

  private windowMs(): number {
    return this.windowOverride() ?? WINDOW_MS;
  }

  private bucWindow(igUserId: string, nowMs: number): Window {
    const window = fresh(this.business.get(igUserId) ?? null, nowMs, this.windowMs());
    this.business.set(igUserId, window);
    return window;
  }
}

function fresh(window: Window | null, nowMs: number, windowMs: number): Window {
  return window && nowMs < window.startedAtMs + windowMs ? window : { startedAtMs: nowMs, used: 0 };
}

/** Header texts by their figures: a batch of 50 items reports the same percentages 50 times. */
const headerTexts = new Map<string, string>();
function remembered(key: string, make: () => string): string {
  let text = headerTexts.get(key);
  if (text === undefined) {
    if (headerTexts.size >= 10_000) headerTexts.clear();
    headerTexts.set(key, (text = make()));
  }
  return text;
}

function appUsageHeader(u: ReturnType<typeof usage>): string {
  return remembered(`app|${u.call_count}`, () => JSON.stringify({ call_count: u.call_count, total_time: u.total_time, total_cputime: u.total_cputime }));
}

function bucUsageHeader(igUserId: string, u: ReturnType<typeof usage>, regainMinutes: number): string {
  return remembered(`buc|${igUserId}|${u.call_count}|${regainMinutes}`, () =>
    JSON.stringify({ [igUserId]: [{ type: 'instagram', ...u, estimated_time_to_regain_access: regainMinutes }] }),
  );
}

/** Percentages of the budget; time figures track the call count at lower levels, as they typically do. */
function usage(used: number, limit: number): { call_count: number; total_cputime: number; total_time: number } {
  const pct = Math.min(100, Math.floor((used * 100) / Math.max(1, limit)));
  return { call_count: pct, total_cputime: Math.floor(pct * 0.4), total_time: Math.floor(pct * 0.6) };
}
