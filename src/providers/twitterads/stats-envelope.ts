/**
 * The analytics response body, checked at the edge: the sync endpoint's answer and an async job's
 * downloaded result have the same shape (the result's `id_data` has one entry per segment).
 * One response holds thousands of metric values: the entities are zod objects (a few dozen per
 * body), but each series is one z.custom checked by a loop, not a zod schema per value.
 */
import { z } from 'zod';

/** A metric is a series, or (conversion metrics, in the API's documented samples) an object whose `metric` is the series. */
export type MetricSeries = readonly (number | null)[] | { readonly metric?: readonly (number | null)[] | null; readonly [extra: string]: unknown } | null;

export const segmentOf = z.object({ segment_name: z.string().nullable().optional(), segment_value: z.string().nullable().optional() }).passthrough().nullable().optional();

/** An entity's metrics by name, checked by a loop over its series and values: no zod object per value, no copy. */
const metricsByName = z.custom<Readonly<Record<string, MetricSeries>>>(isMetricsByName, {
  message: 'expected metrics by name, each an array of numbers or nulls, an object with such a `metric` array, or null',
});

export const statsEnvelope = z.object({
  time_series_length: z.number().int().nonnegative(),
  data: z.array(
    z.object({
      id: z.string(),
      id_data: z.array(z.object({ segment: segmentOf, metrics: metricsByName })),
    }),
  ),
});
export type StatsEnvelope = z.infer<typeof statsEnvelope>;
export type StatsEntity = StatsEnvelope['data'][number];

export type StatsCheck = { readonly ok: true; readonly value: StatsEnvelope } | { readonly ok: false; readonly detail: string };

/** The body as a StatsEnvelope, or where it first departs from the shape. */
export function checkStatsEnvelope(json: unknown): StatsCheck {
  const checked = statsEnvelope.safeParse(json);
  if (checked.success) return { ok: true, value: checked.data };
  const issue = checked.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the top';
  return { ok: false, detail: `at ${where}: ${issue?.message ?? 'unexpected shape'}` };
}

/** The value of bucket `i` of a metric series (or of a conversion metric's `metric` series). */
export function valueAt(series: MetricSeries | undefined, i: number): number | null {
  if (!series) return null;
  const values = Array.isArray(series) ? series : (series as { readonly metric?: readonly (number | null)[] | null }).metric;
  return values?.[i] ?? null;
}

function isMetricsByName(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const name in value) if (!isMetricSeries((value as Record<string, unknown>)[name])) return false;
  return true;
}

function isMetricSeries(value: unknown): boolean {
  if (value === null || isNumberSeries(value)) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const metric = (value as { metric?: unknown }).metric;
  return metric === undefined || metric === null || isNumberSeries(metric);
}

function isNumberSeries(value: unknown): value is (number | null)[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) return false;
  }
  return true;
}
