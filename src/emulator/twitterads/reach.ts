// GET /12/stats/accounts/:account_id/reach/campaigns and /reach/funding_instruments.
// Reach is consistent with the stats: total_audience_reach × average_frequency ≈ the entity's
// ALL_ON_TWITTER impressions over the range (frequency a seeded 1.1–3.5 per entity); no impressions: 0 and 0.
import { invalidParameter, invalidTimeWindow } from './api-error.js';
import { parseTime, subjectFor } from './analytics.js';
import type { Account } from './entities.js';
import { metricSeries } from './metrics.js';
import type { ParamList } from './oauth-verifier.js';
import { QueryParams } from './query-params.js';
import type { AdsStore } from './store.js';
import { DAY_MS, HOUR_MS, formatTimestamp } from './time.js';
import { streamFor } from '../shared/prng.js';

const MAX_IDS = 20;
const MAX_RANGE_MS = 90 * DAY_MS;

export function reach(
  store: AdsStore,
  account: Account,
  kind: 'campaigns' | 'funding_instruments',
  pairs: ParamList,
  seed: number,
  nowMs: number,
): unknown {
  const idParam = kind === 'campaigns' ? 'campaign_ids' : 'funding_instrument_ids';
  const params = new QueryParams(pairs, [idParam, 'start_time', 'end_time']);
  params.requiredString(idParam);
  const ids = [...new Set(params.list(idParam, MAX_IDS)!)];
  const startMs = parseTime(params, 'start_time', account);
  const endMs = parseTime(params, 'end_time', account);
  if (endMs <= startMs) throw invalidTimeWindow('end_time', 'end_time must be after start_time');
  if (endMs - startMs > MAX_RANGE_MS) throw invalidTimeWindow('end_time', 'The time window between start_time and end_time may not exceed 90 days');
  const entity = kind === 'campaigns' ? 'CAMPAIGN' : 'FUNDING_INSTRUMENT';
  const subjects = ids.map((id) => subjectFor(store, account, entity, id));
  const missing = ids.filter((_, i) => subjects[i] === undefined);
  if (missing.length > 0) throw invalidParameter(idParam, `Entity ids ${missing.join(', ')} are not ${entity} entities of account ${account.id}`);
  const reportedUntil = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const data = subjects.map((subject) => {
    const impressions = metricSeries(seed, subject!, 'ALL_ON_TWITTER', [startMs, endMs], ['impressions'], reportedUntil, nowMs).impressions?.[0] ?? 0;
    const frequency = 1.1 + streamFor(seed, 'frequency', subject!.id).float() * 2.4;
    const people = impressions === 0 ? 0 : Math.max(1, Math.round(impressions / frequency));
    return {
      id: subject!.id,
      total_audience_reach: people,
      average_frequency: people === 0 ? 0 : Math.round((impressions / people) * 100) / 100,
    };
  });
  return {
    request: { params: { account_id: account.id, [idParam]: ids, start_time: formatTimestamp(startMs), end_time: formatTimestamp(endMs) } },
    data_type: 'reach',
    data,
  };
}
