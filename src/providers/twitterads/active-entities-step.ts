/**
 * The active-entities pre-step of Insights: before asking stats for many entities, ask
 * `GET stats/accounts/:id/active_entities` which of them had metrics at all, and request stats for
 * those alone (the API's own advice: "analytics should not be requested for ids outside this set").
 *
 * SQL still sees every entity: an entity that is not active has no metric in the range, so the
 * stats endpoint would answer NULL for each of its metrics in every bucket. Those rows are built
 * here, with NULL metrics, instead of being fetched, so the rows equal the rows without the step.
 *
 * The API files change events by the hour they are recorded in, and a change can apply to an
 * earlier hour (late data, billing adjustments), so the step asks from the report's start to a week
 * past its end (at most up to now; 90 days a call) and keeps the entities whose activity window
 * meets the report range. Every metric needs an impression in the range, whose change is recorded
 * within hours; a correction recorded more than a week after the range would be missed (the
 * entity had impressions then, so it is listed anyway unless its only events are that late).
 */
import { z } from 'zod';
import type { Row } from '../../catalog/types.js';
import { ApiError } from '../../errors.js';
import type { EntityType, Placement } from '../../../schemas/twitterads/insights.js';
import { pathSegment } from '../../source/key-values.js';
import type { PlannedRequest } from '../../source/planned-call.js';
import type { CallOptions } from '../api-client.js';
import type { TwitterAdsClient } from './client.js';
import { ENTITY_IDS_PER_CALL, planStatsCalls, type StatsCall, type StatsInputs } from './insights-calls.js';
import { apiTime, windowsFor } from './insights-range.js';

/** The entity types active_entities takes. */
export const activeEntityTypes: readonly EntityType[] = ['CAMPAIGN', 'FUNDING_INSTRUMENT', 'LINE_ITEM', 'MEDIA_CREATIVE', 'PROMOTED_ACCOUNT', 'PROMOTED_TWEET'];
/** The placements active_entities reports activity for; other placements are always fetched. */
export const activityPlacements: readonly Placement[] = ['ALL_ON_TWITTER', 'PUBLISHER_NETWORK'];

const HOUR = 3_600_000;
const MAX_RANGE = 90 * 24 * HOUR;
/** How long after the range the step still looks for change events that apply to it. */
const LATE_EVENTS = 7 * 24 * HOUR;

const activeEnvelope = z.object({
  data: z.array(z.object({ entity_id: z.string(), activity_start_time: z.string(), activity_end_time: z.string(), placements: z.array(z.string()) })),
});

/** The calls of the step for one account: [the report's start, a week after its end or now) in ≤ 90-day ranges, whole hours. */
export function activeEntitiesRequests(account: string, entityType: EntityType, range: { readonly start: Date; readonly end: Date }, now: Date): PlannedRequest[] {
  const segment = pathSegment(account);
  if (segment === undefined) return [];
  const requests: PlannedRequest[] = [];
  const end = Math.ceil(range.end.getTime() / HOUR) * HOUR;
  const to = Math.max(end, Math.min(Math.ceil(now.getTime() / HOUR) * HOUR, end + LATE_EVENTS));
  for (let from = Math.floor(range.start.getTime() / HOUR) * HOUR; from < to; from += MAX_RANGE) {
    const query = { entity: entityType, start_time: apiTime(new Date(from)), end_time: apiTime(new Date(Math.min(to, from + MAX_RANGE))) };
    requests.push({ method: 'GET', path: `/stats/accounts/${segment}/active_entities`, query, kind: 'list', rowValues: { AccountId: account } });
  }
  return requests;
}

/** The report range of an account: from the first bucket's start to the last bucket's end over every granularity. */
export function reportRange(inputs: StatsInputs, account: string): { start: Date; end: Date } | undefined {
  const zone = inputs.zones.get(account);
  if (zone === undefined) return undefined;
  const windows = inputs.granularities.flatMap((g) => windowsFor(inputs.time, g, zone, inputs.now));
  if (windows.length === 0) return undefined;
  return { start: new Date(Math.min(...windows.map((w) => w.start.getTime()))), end: new Date(Math.max(...windows.map((w) => w.end.getTime()))) };
}

/**
 * Whether the step pays for an account: the type and every placement are ones active_entities
 * answers for, the entities take more than one stats call's worth of ids, and the step can save
 * at least three calls (it is a round trip before any stats, and may find every entity active).
 */
export function stepApplies(inputs: StatsInputs, account: string): boolean {
  if (!activeEntityTypes.includes(inputs.entityType)) return false;
  if (!inputs.placements.every((p) => activityPlacements.includes(p))) return false;
  if (inputs.entityIds(account).length <= ENTITY_IDS_PER_CALL) return false;
  const range = reportRange(inputs, account);
  if (!range) return false;
  const stats = planStatsCalls({ ...inputs, accounts: [account] }).length;
  return stats >= activeEntitiesRequests(account, inputs.entityType, range, inputs.now).length + 3;
}

export interface SteppedInputs {
  /** The stats inputs with each account's entities cut to the active ones. */
  readonly inputs: StatsInputs;
  /** The stats calls the step saved: their entities' rows are all NULL metrics. */
  readonly skipped: readonly StatsCall[];
  /** Accounts the step ran for, and the calls it made. */
  readonly accounts: readonly string[];
  readonly calls: number;
}

/**
 * Runs the step for the accounts it pays for (remembered per account and range, so the batches of
 * a dependent join ask once) and answers the inputs cut to the active entities.
 */
export class ActiveEntitiesStep {
  private readonly asked = new Map<string, Promise<ReadonlyMap<string, { start: number; end: number; placements: readonly string[] }>>>();

  constructor(private readonly client: TwitterAdsClient) {}

  async restrict(inputs: StatsInputs, options: CallOptions): Promise<SteppedInputs> {
    const active = new Map<string, ReadonlySet<string>>();
    let calls = 0;
    const counting: CallOptions = { ...options, onCall: () => { calls++; options.onCall(); } };
    for (const account of inputs.accounts) {
      if (!stepApplies(inputs, account)) continue;
      const range = reportRange(inputs, account)!;
      const listed = await this.activity(account, inputs.entityType, range, inputs.now, counting);
      const meets = (id: string) => {
        const a = listed.get(id);
        return a !== undefined && a.start < range.end.getTime() && a.end > range.start.getTime() && inputs.placements.some((p) => a.placements.includes(p));
      };
      active.set(account, new Set(inputs.entityIds(account).filter(meets)));
    }
    const ids = (account: string) => {
      const kept = active.get(account);
      return kept ? inputs.entityIds(account).filter((id) => kept.has(id)) : inputs.entityIds(account);
    };
    const inactive = (account: string) => {
      const kept = active.get(account);
      return kept ? inputs.entityIds(account).filter((id) => !kept.has(id)) : [];
    };
    return { inputs: { ...inputs, entityIds: ids }, skipped: planStatsCalls({ ...inputs, entityIds: inactive }), accounts: [...active.keys()], calls };
  }

  private activity(account: string, entityType: EntityType, range: { start: Date; end: Date }, now: Date, options: CallOptions) {
    const requests = activeEntitiesRequests(account, entityType, range, now);
    const key = requests.map((r) => `${r.path}?${r.query.entity}&${r.query.start_time}&${r.query.end_time}`).join('|');
    let answer = this.asked.get(key);
    if (!answer) {
      answer = this.fetch(requests, options);
      this.asked.set(key, answer);
      answer.catch(() => this.asked.delete(key));
    }
    return answer;
  }

  private async fetch(requests: readonly PlannedRequest[], options: CallOptions) {
    const listed = new Map<string, { start: number; end: number; placements: readonly string[] }>();
    for (const request of requests) {
      const parsed = activeEnvelope.safeParse(await this.client.getJson(request.path, request.query, options));
      if (!parsed.success) throw new ApiError(`Malformed response from Twitter Ads for GET ${request.path}: expected {"data": [{"entity_id", "activity_start_time", "activity_end_time", "placements"}]}`, 200, 'MALFORMED_RESPONSE');
      for (const e of parsed.data.data) {
        const start = Date.parse(e.activity_start_time);
        const end = Date.parse(e.activity_end_time);
        if (Number.isNaN(start) || Number.isNaN(end)) throw new ApiError(`Malformed response from Twitter Ads for GET ${request.path}: activity times of ${e.entity_id} are not timestamps`, 200, 'MALFORMED_RESPONSE');
        const seen = listed.get(e.entity_id);
        listed.set(e.entity_id, seen ? { start: Math.min(seen.start, start), end: Math.max(seen.end, end), placements: [...new Set([...seen.placements, ...e.placements])] } : { start, end, placements: e.placements });
      }
    }
    return listed;
  }
}

/**
 * The rows of skipped stats calls, as the API would have answered them: one row per entity and
 * bucket (TOTAL: one per entity over the account × granularity × placement), NULL metrics.
 */
export function inactiveRows(skipped: readonly StatsCall[], row: (call: StatsCall, entityId: string, start: Date, end: Date) => Row): Row[] {
  const rows: Row[] = [];
  const totals = new Map<string, { first: StatsCall; end: Date; ids: Set<string> }>();
  for (const call of skipped) {
    if (call.part > 0) continue;
    const ids = (call.query.entity_ids ?? '').split(',').filter((id) => id !== '');
    if (call.granularity === 'TOTAL') {
      const key = `${call.accountId}|${call.granularity}|${call.placement}`;
      const total = totals.get(key) ?? { first: call, end: call.window.end, ids: new Set<string>() };
      totals.set(key, total);
      if (call.window.end.getTime() > total.end.getTime()) total.end = call.window.end;
      for (const id of ids) total.ids.add(id);
      continue;
    }
    for (const id of ids) {
      for (let i = 0; i < call.window.boundaries.length - 1; i++) rows.push(row(call, id, call.window.boundaries[i]!, call.window.boundaries[i + 1]!));
    }
  }
  for (const { first, end, ids } of totals.values()) for (const id of ids) rows.push(row(first, id, first.window.start, end));
  return rows;
}
