/**
 * Planned calls of Insights, as data: for the accounts, their time zones, the entity ids and the
 * bound dimensions, the exact stats requests (≤20 entity ids, one granularity and placement, ≤7
 * days each), or the async jobs (the same, ≤90 days each, 45 with segmentation). The scan fetches
 * exactly these and EXPLAIN counts them.
 */
import { aloneGroups, type EntityType, type Granularity, type MetricGroup, type Placement } from '../../../schemas/twitterads/insights.js';
import { pathSegment } from '../../source/key-values.js';
import type { PlannedRequest } from '../../source/planned-call.js';
import { apiTime, windowsFor, type TimeBounds, type Window } from './insights-range.js';

export const ENTITY_IDS_PER_CALL = 20;
export const SYNC_WINDOW_DAYS = 7;
export const ASYNC_WINDOW_DAYS = 90;
export const SEGMENTED_WINDOW_DAYS = 45;

/** A segmentation as the job takes it: the type, and the country or platform it requires. */
export interface SegmentationAsk {
  readonly type: string;
  readonly country?: string;
  readonly platform?: string;
}

export interface StatsCall extends PlannedRequest {
  readonly accountId: string;
  readonly granularity: Granularity;
  readonly placement: Placement;
  readonly window: Window;
  /** Which of the id chunk × window's requests this is: MOBILE_CONVERSION goes in a request of its own (part 1). */
  readonly part: number;
  /** The id chunk × window this request answers (its parts share it). */
  readonly unit: number;
  readonly segmentation?: SegmentationAsk;
}

export interface StatsInputs {
  readonly entityType: EntityType;
  readonly groups: readonly MetricGroup[];
  readonly accounts: readonly string[];
  /** Each account's IANA time zone; accounts without one have no rows (not accessible). */
  readonly zones: ReadonlyMap<string, string>;
  /** The entity ids of an account: given, the account itself, or listed. */
  readonly entityIds: (account: string) => readonly string[];
  readonly granularities: readonly Granularity[];
  readonly placements: readonly Placement[];
  readonly time: TimeBounds;
  readonly now: Date;
}

/** Every sync stats request, in the order the rows come: account, granularity, placement, id chunk, window. */
export function planStatsCalls(inputs: StatsInputs): StatsCall[] {
  return planRequests(inputs, SYNC_WINDOW_DAYS, (segment) => ({ method: 'GET', path: `/stats/accounts/${segment}` }));
}

/** Every async job (POST stats/jobs/accounts/:id), in the same order, with 90-day windows (45 segmented). */
export function planStatsJobs(inputs: StatsInputs, segmentation?: SegmentationAsk): StatsCall[] {
  const extra: Record<string, string> = segmentation
    ? { segmentation_type: segmentation.type, ...(segmentation.country ? { country: segmentation.country } : {}), ...(segmentation.platform ? { platform: segmentation.platform } : {}) }
    : {};
  return planRequests(inputs, segmentation ? SEGMENTED_WINDOW_DAYS : ASYNC_WINDOW_DAYS, (segment) => ({ method: 'POST', path: `/stats/jobs/accounts/${segment}` }), extra, segmentation);
}

function planRequests(
  inputs: StatsInputs,
  windowDays: number,
  endpoint: (accountSegment: string) => { method: 'GET' | 'POST'; path: string },
  extra: Readonly<Record<string, string>> = {},
  segmentation?: SegmentationAsk,
): StatsCall[] {
  const calls: StatsCall[] = [];
  let unit = 0;
  for (const accountId of inputs.accounts) {
    const zone = inputs.zones.get(accountId);
    const segment = pathSegment(accountId);
    if (zone === undefined || segment === undefined) continue;
    const ids = inputs.entityIds(accountId);
    for (const granularity of inputs.granularities) {
      const windows = windowsFor(inputs.time, granularity, zone, inputs.now, windowDays);
      for (const placement of inputs.placements) {
        for (let i = 0; i < ids.length; i += ENTITY_IDS_PER_CALL) {
          for (const window of windows) {
            unit += 1;
            groupSets(inputs.groups).forEach((groups, part) => {
              const query = {
                entity: inputs.entityType,
                entity_ids: ids.slice(i, i + ENTITY_IDS_PER_CALL).join(','),
                start_time: apiTime(window.start),
                end_time: apiTime(window.end),
                granularity,
                placement,
                metric_groups: groups.join(','),
                ...extra,
              };
              calls.push({ ...endpoint(segment), query, kind: 'object', rowValues: { AccountId: accountId }, accountId, granularity, placement, window, part, unit, ...(segmentation ? { segmentation } : {}) });
            });
          }
        }
      }
    }
  }
  return calls;
}

/** The groups as the API takes them: every group that may share a request together, then each group that must be alone. */
export function groupSets(groups: readonly MetricGroup[]): MetricGroup[][] {
  const shared = groups.filter((g) => !aloneGroups.includes(g));
  const alone = groups.filter((g) => aloneGroups.includes(g)).map((g) => [g]);
  return [...(shared.length > 0 ? [shared] : []), ...alone];
}
