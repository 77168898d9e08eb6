/**
 * The analytics response body, checked at the edge: the sync endpoint's answer and an async job's
 * downloaded result have the same shape (the result's `id_data` has one entry per segment).
 * A checked loop, not a zod schema: one response holds thousands of metric values, and a schema
 * builds an object per value checked (and copies every object it strips); this walks the parsed
 * JSON once, in place, and says where the first bad value is.
 */

/** A metric is a series, or (conversion metrics, in the API's documented samples) an object whose `metric` is the series. */
export type MetricSeries = readonly (number | null)[] | { readonly metric?: readonly (number | null)[] | null; readonly [extra: string]: unknown } | null;

export interface StatsSegment {
  readonly segment_name?: string | null;
  readonly segment_value?: string | null;
}

export interface StatsEntity {
  readonly id: string;
  readonly id_data: readonly { readonly segment?: StatsSegment | null; readonly metrics: Readonly<Record<string, MetricSeries>> }[];
}

export interface StatsEnvelope {
  readonly time_series_length: number;
  readonly data: readonly StatsEntity[];
}

export type StatsCheck = { readonly ok: true; readonly value: StatsEnvelope } | { readonly ok: false; readonly detail: string };

/** The body as a StatsEnvelope (the same objects, unchanged), or where it first departs from the shape. */
export function checkStatsEnvelope(json: unknown): StatsCheck {
  const bad = (where: string, what: string): StatsCheck => ({ ok: false, detail: `at ${where}: expected ${what}` });
  if (!isObject(json)) return bad('the top', 'an object');
  const length = json.time_series_length;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) return bad('time_series_length', 'a non-negative integer');
  const data = json.data;
  if (!Array.isArray(data)) return bad('data', 'an array');
  for (let e = 0; e < data.length; e++) {
    const entity: unknown = data[e];
    if (!isObject(entity)) return bad(`data.${e}`, 'an object');
    if (typeof entity.id !== 'string') return bad(`data.${e}.id`, 'a string');
    const slices = entity.id_data;
    if (!Array.isArray(slices)) return bad(`data.${e}.id_data`, 'an array');
    for (let s = 0; s < slices.length; s++) {
      const slice: unknown = slices[s];
      const at = `data.${e}.id_data.${s}`;
      if (!isObject(slice)) return bad(at, 'an object');
      const segment = slice.segment;
      if (segment !== undefined && segment !== null) {
        if (!isObject(segment)) return bad(`${at}.segment`, 'an object or null');
        if (!optionalText(segment.segment_name)) return bad(`${at}.segment.segment_name`, 'a string or null');
        if (!optionalText(segment.segment_value)) return bad(`${at}.segment.segment_value`, 'a string or null');
      }
      const metrics = slice.metrics;
      if (!isObject(metrics)) return bad(`${at}.metrics`, 'an object');
      for (const name in metrics) {
        const series = metrics[name];
        if (series === null || isNumberSeries(series)) continue;
        if (isObject(series) && (series.metric === undefined || series.metric === null || isNumberSeries(series.metric))) continue;
        return bad(`${at}.metrics.${name}`, 'an array of numbers or nulls, or null');
      }
    }
  }
  return { ok: true, value: json as unknown as StatsEnvelope };
}

/** The value of bucket `i` of a metric series (or of a conversion metric's `metric` series). */
export function valueAt(series: MetricSeries | undefined, i: number): number | null {
  if (!series) return null;
  const values = Array.isArray(series) ? series : (series as { readonly metric?: readonly (number | null)[] | null }).metric;
  return values?.[i] ?? null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalText(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

function isNumberSeries(value: unknown): value is (number | null)[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) return false;
  }
  return true;
}
