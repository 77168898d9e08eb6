/**
 * The analytics response body, checked at the edge: the sync endpoint's answer and an async job's
 * downloaded result have the same shape (the result's `id_data` has one entry per segment).
 */
import { z } from 'zod';

/** A metric is a series, or (conversion metrics, in the API's documented samples) an object whose `metric` is the series. */
export const metricSeries = z.union([z.array(z.number().nullable()), z.object({ metric: z.array(z.number().nullable()).nullable().optional() }).passthrough()]).nullable();
export type MetricSeries = z.infer<typeof metricSeries>;

export const segmentOf = z.object({ segment_name: z.string().nullable().optional(), segment_value: z.string().nullable().optional() }).passthrough().nullable().optional();

export const statsEnvelope = z.object({
  time_series_length: z.number().int().nonnegative(),
  data: z.array(
    z.object({
      id: z.string(),
      id_data: z.array(z.object({ segment: segmentOf, metrics: z.record(z.string(), metricSeries) })),
    }),
  ),
});
export type StatsEntity = z.infer<typeof statsEnvelope>['data'][number];

/** The value of bucket `i` of a metric series (or of a conversion metric's `metric` series). */
export function valueAt(series: MetricSeries | undefined, i: number): number | null {
  if (!series) return null;
  const values = Array.isArray(series) ? series : series.metric;
  return values?.[i] ?? null;
}
