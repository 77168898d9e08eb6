/**
 * Planned calls of Insights, as data: for the accounts, their time zones, the entity ids and the
 * bound dimensions, the exact stats requests (≤20 entity ids, one granularity and placement, ≤7
 * days each). The scan fetches exactly these and EXPLAIN counts them.
 */
import type { EntityType, Granularity, MetricGroup, Placement } from '../../../schemas/twitterads/insights.js';
import { pathSegment } from '../../source/key-values.js';
import type { PlannedRequest } from '../../source/planned-call.js';
import { apiTime, windowsFor, type TimeBounds, type Window } from './insights-range.js';

export const ENTITY_IDS_PER_CALL = 20;

export interface StatsCall extends PlannedRequest {
  readonly accountId: string;
  readonly granularity: Granularity;
  readonly placement: Placement;
  readonly window: Window;
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

/** Every stats request, in the order the rows come: account, granularity, placement, id chunk, window. */
export function planStatsCalls(inputs: StatsInputs): StatsCall[] {
  const calls: StatsCall[] = [];
  for (const accountId of inputs.accounts) {
    const zone = inputs.zones.get(accountId);
    const segment = pathSegment(accountId);
    if (zone === undefined || segment === undefined) continue;
    const ids = inputs.entityIds(accountId);
    for (const granularity of inputs.granularities) {
      const windows = windowsFor(inputs.time, granularity, zone, inputs.now);
      for (const placement of inputs.placements) {
        for (let i = 0; i < ids.length; i += ENTITY_IDS_PER_CALL) {
          for (const window of windows) {
            const query = {
              entity: inputs.entityType,
              entity_ids: ids.slice(i, i + ENTITY_IDS_PER_CALL).join(','),
              start_time: apiTime(window.start),
              end_time: apiTime(window.end),
              granularity,
              placement,
              metric_groups: inputs.groups.join(','),
            };
            calls.push({ method: 'GET', path: `/stats/accounts/${segment}`, query, kind: 'object', rowValues: { AccountId: accountId }, accountId, granularity, placement, window });
          }
        }
      }
    }
  }
  return calls;
}
