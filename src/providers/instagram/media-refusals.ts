/**
 * Graph answers to `/{media-id}/insights` that concern one media, not the query: a metric this media
 * does not support (100, "does not support the m1, m2 metric for this media product type"), a metric
 * the version no longer serves (100, "no longer supported: m"), and media with no insights at all
 * (100/2108006 before the business conversion, #10 below the privacy threshold, 100/33 for a story
 * past its 24 hours or media this account cannot read). They give NULLs for that media, with the reason.
 */
import type { GraphFailure } from './client.js';

export type MediaRefusal =
  /** These metrics are refused; the rest may be asked again. */
  | { readonly kind: 'metrics'; readonly metrics: readonly string[]; readonly reason: string }
  /** Nothing this media has can be read. */
  | { readonly kind: 'media'; readonly reason: string };

const UNSUPPORTED = /does not support the (.+?) metrics? for this media product type/i;
const REMOVED = /the following metrics? (?:is|are) no longer supported: ([a-z0-9_, ]+?)\.?\s*(?:Instead|$)/i;

/** What a failed media-insights call means for that media, or undefined when it is the query's error. */
export function mediaRefusal(failure: GraphFailure, asked: readonly string[]): MediaRefusal | undefined {
  const reason = `${failure.message} (code ${failure.subcode !== undefined ? `${failure.code}/${failure.subcode}` : failure.code})`;
  if (failure.code === 10 || (failure.code === 100 && (failure.subcode === 2108006 || failure.subcode === 33))) return { kind: 'media', reason };
  if (failure.code !== 100 || failure.subcode !== undefined) return undefined;
  const named = UNSUPPORTED.exec(failure.message)?.[1] ?? REMOVED.exec(failure.message)?.[1];
  if (named === undefined) return undefined;
  const metrics = named.split(',').map((m) => m.trim()).filter((m) => asked.includes(m));
  // A refusal naming nothing we asked for cannot be acted on: it stays the query's error.
  return metrics.length > 0 ? { kind: 'metrics', metrics, reason } : undefined;
}

/** The MetricErrors column: `metric[, metric]: reason`, one group per reason, `; `-joined. */
export function describeRefusals(errors: ReadonlyMap<string, string>): string | null {
  if (errors.size === 0) return null;
  const byReason = new Map<string, string[]>();
  for (const [metric, reason] of errors) byReason.set(reason, [...(byReason.get(reason) ?? []), metric]);
  return [...byReason].map(([reason, metrics]) => `${metrics.join(', ')}: ${reason}`).join('; ');
}
