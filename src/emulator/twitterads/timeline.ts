// Time passing in the account tree: from the hour the emulator started, every few hours each live
// account gets one seeded change — a new campaign, a new line item, a paused or resumed campaign, or a
// deleted campaign — made through the write routes at the event's instant (so created_at/updated_at
// are that instant). Events due by the data clock are applied before each request, in order, so a
// re-sync after the clock moved sees new, changed and deleted rows. The state is a function of
// (seed, start hour, data clock); moving the clock back does not undo events already applied.
import { streamFor } from '../shared/prng.js';
import type { Campaign, FundingInstrument, LineItem } from './entities.js';
import type { ApiRequest, RouteDefinition } from './route-types.js';
import type { AdsStore } from './store.js';
import { HOUR_MS } from './time.js';

export const EVENT_INTERVAL_MS = 3 * HOUR_MS;
/** A far jump of the clock applies at most this many events per account (about a year). */
const MAX_EVENTS_PER_ADVANCE = 3_000;

type Handler = RouteDefinition['handle'];

export interface TimelineRoutes {
  createCampaign: Handler;
  updateCampaign: Handler;
  deleteCampaign: Handler;
  createLineItem: Handler;
}

export class Timeline {
  private readonly applied = new Map<string, number>();

  constructor(
    private readonly store: AdsStore,
    private readonly routes: TimelineRoutes,
    private readonly seed: number,
    /** Events happen at anchorMs + k·interval (+ a per-account offset), k ≥ 1. */
    readonly anchorMs: number,
  ) {}

  eventTime(accountIndex: number, k: number): number {
    return this.anchorMs + k * EVENT_INTERVAL_MS + accountIndex * 7 * 60_000;
  }

  /** Applies every event due at `nowMs` that has not been applied yet. */
  advance(nowMs: number): void {
    if (nowMs < this.eventTime(0, 1)) return;
    this.store.accountList.forEach((account, index) => {
      if (account.deleted) return;
      let k = this.applied.get(account.id) ?? 0;
      for (let n = 0; n < MAX_EVENTS_PER_ADVANCE && this.eventTime(index, k + 1) <= nowMs; n++) {
        k += 1;
        this.apply(account.id, k, this.eventTime(index, k));
      }
      this.applied.set(account.id, k);
    });
  }

  private apply(accountId: string, k: number, atMs: number): void {
    const r = streamFor(this.seed, 'timeline', accountId, k);
    const roll = r.float();
    const campaigns = (this.store.campaigns(accountId) as Campaign[]).filter((c) => !c.deleted && c.entity_status !== 'DRAFT');
    const call = (handle: Handler, pathParams: Record<string, string>, query: Array<[string, string]>) => {
      const request: ApiRequest = { method: 'POST', pathParams: { account_id: accountId, ...pathParams }, query, form: [], jsonBody: undefined, nowMs: atMs };
      handle(request);
    };
    if (roll < 0.4 || campaigns.length === 0) {
      const fis = (this.store.fundingInstruments(accountId) as FundingInstrument[]).filter((f) => !f.deleted && f.able_to_fund);
      if (fis.length === 0) return;
      call(this.routes.createCampaign, {}, [
        ['funding_instrument_id', r.pick(fis).id],
        ['name', `Timeline campaign ${k}`],
        ['entity_status', r.chance(0.8) ? 'ACTIVE' : 'PAUSED'],
        ['daily_budget_amount_local_micro', String(r.int(5, 200) * 1_000_000)],
      ]);
    } else if (roll < 0.6) {
      const parent = campaigns[campaigns.length - 1]!;
      call(this.routes.createLineItem, {}, [
        ['campaign_id', parent.id],
        ['name', `Timeline line item ${k}`],
        ['objective', r.pick(['ENGAGEMENTS', 'WEBSITE_CLICKS', 'VIDEO_VIEWS', 'REACH'])],
        ['placements', 'ALL_ON_TWITTER'],
        ['product_type', 'PROMOTED_TWEETS'],
      ]);
    } else if (roll < 0.85) {
      const target = r.pick(campaigns);
      call(this.routes.updateCampaign, { campaign_id: target.id }, [['entity_status', target.entity_status === 'ACTIVE' ? 'PAUSED' : 'ACTIVE']]);
    } else {
      call(this.routes.deleteCampaign, { campaign_id: r.pick(campaigns).id }, []);
    }
  }
}

/** The write-route handlers the timeline uses, found by method and template. */
export function timelineRoutes(routes: readonly RouteDefinition[]): TimelineRoutes {
  const find = (method: RouteDefinition['method'], template: string): Handler => {
    const route = routes.find((r) => r.method === method && r.template === template);
    if (!route) throw new Error(`timeline: no route ${method} ${template}`);
    return route.handle;
  };
  const base = '/12/accounts/:account_id';
  return {
    createCampaign: find('POST', `${base}/campaigns`),
    updateCampaign: find('PUT', `${base}/campaigns/:campaign_id`),
    deleteCampaign: find('DELETE', `${base}/campaigns/:campaign_id`),
    createLineItem: find('POST', `${base}/line_items`),
  };
}

export type { LineItem };
