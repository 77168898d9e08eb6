/**
 * Insights rows from async job results: the parts of one id chunk × window (MOBILE_CONVERSION is a
 * job of its own) are merged per entity and segment, each bucket becomes a row, and TOTAL sums its
 * windows into one row per entity and segment, as the sync path does.
 */
import type { Row } from '../../catalog/types.js';
import { ApiError } from '../../errors.js';
import { metricColumns } from '../../../schemas/twitterads/insights.js';
import { runAccountJobs, type AccountJobsOptions } from './async-stats.js';
import type { StatsCall } from './insights-calls.js';
import { valueAt, type MetricSeries } from './stats-envelope.js';

export interface Segment {
  readonly name: string | null;
  readonly value: string | null;
}

/** Builds one row (the scan's columns) for an entity, a bucket and a segment. */
export type RowOf = (call: StatsCall, entityId: string, start: Date, end: Date, metric: (name: string) => number | null, segment: Segment | undefined) => Row;

interface Entry {
  readonly id: string;
  readonly segment: Segment | undefined;
  metrics: Record<string, MetricSeries>;
}

interface TotalGroup {
  unitsLeft: number;
  start: Date;
  end: Date;
  readonly first: StatsCall;
  readonly sums: Map<string, { id: string; segment: Segment | undefined; sum: Map<string, number | null> }>;
}

/** Rows of one account's jobs, a page per completed id chunk × window (TOTAL: per completed group). */
export async function* accountRows(jobs: readonly StatsCall[], options: AccountJobsOptions, rowOf: RowOf): AsyncGenerator<Row[]> {
  const partsLeft = new Map<number, number>();
  for (const job of jobs) partsLeft.set(job.unit, (partsLeft.get(job.unit) ?? 0) + 1);
  const totals = new Map<string, TotalGroup>();
  for (const job of jobs) {
    if (job.granularity !== 'TOTAL') continue;
    const key = groupKey(job);
    const group = totals.get(key);
    if (group) {
      if (job.part === 0) group.unitsLeft += 1;
      if (job.window.start < group.start) group.start = job.window.start;
      if (job.window.end > group.end) group.end = job.window.end;
    } else totals.set(key, { unitsLeft: 1, start: job.window.start, end: job.window.end, first: job, sums: new Map() });
  }
  const merged = new Map<number, Map<string, Entry>>();
  for await (const result of runAccountJobs(jobs, options)) {
    const call = result.call;
    const buckets = call.window.boundaries.length - 1;
    if (result.timeSeriesLength !== buckets) throw new ApiError(`Malformed async analytics result for job ${call.path}: expected ${buckets} buckets, got ${result.timeSeriesLength}`, 200, 'MALFORMED_RESPONSE');
    const entries = merged.get(call.unit) ?? new Map<string, Entry>();
    merged.set(call.unit, entries);
    for (const entity of result.data) {
      for (const slice of entity.id_data) {
        const segment = slice.segment ? { name: slice.segment.segment_name ?? null, value: slice.segment.segment_value ?? null } : undefined;
        const key = `${entity.id}\u0000${segment?.value ?? ''}\u0000${segment?.name ?? ''}`;
        const entry = entries.get(key) ?? { id: entity.id, segment, metrics: {} };
        entry.metrics = { ...entry.metrics, ...slice.metrics };
        entries.set(key, entry);
      }
    }
    const left = (partsLeft.get(call.unit) ?? 1) - 1;
    partsLeft.set(call.unit, left);
    if (left > 0) continue;
    merged.delete(call.unit);
    if (call.granularity !== 'TOTAL') {
      const rows: Row[] = [];
      for (const entry of entries.values()) {
        for (let i = 0; i < buckets; i++) rows.push(rowOf(call, entry.id, call.window.boundaries[i]!, call.window.boundaries[i + 1]!, (m) => valueAt(entry.metrics[m], i), entry.segment));
      }
      yield rows;
      continue;
    }
    const group = totals.get(groupKey(call))!;
    for (const [key, entry] of entries) {
      const acc = group.sums.get(key) ?? { id: entry.id, segment: entry.segment, sum: new Map<string, number | null>() };
      group.sums.set(key, acc);
      for (const { metric } of metricColumns) {
        if (!(metric in entry.metrics)) continue;
        const value = valueAt(entry.metrics[metric], 0);
        const previous = acc.sum.get(metric) ?? null;
        acc.sum.set(metric, value === null ? previous : (previous ?? 0) + value);
      }
    }
    group.unitsLeft -= 1;
    if (group.unitsLeft === 0) yield [...group.sums.values()].map((acc) => rowOf(group.first, acc.id, group.start, group.end, (m) => acc.sum.get(m) ?? null, acc.segment));
  }
}

function groupKey(call: StatsCall): string {
  return `${call.accountId}|${call.granularity}|${call.placement}`;
}
