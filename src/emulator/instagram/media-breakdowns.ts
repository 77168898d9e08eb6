// Breakdowns of media insights: `profile_activity` by action_type (FEED, STORY) and story `navigation`
// by story_navigation_action_type, as Meta's IG Media Insights reference lists them. The answer carries
// total_value.breakdowns like account insights do. The refusal wording for other metrics is ours (not verified).
import { hashSeed } from '../shared/prng.js';
import { invalidParam } from './graph-error.js';

export const MEDIA_BREAKDOWNS: Readonly<Record<string, { breakdown: string; values: readonly string[] }>> = {
  profile_activity: { breakdown: 'action_type', values: ['BIO_LINK_CLICKED', 'CALL', 'DIRECTION', 'EMAIL', 'OTHER', 'TEXT'] },
  navigation: { breakdown: 'story_navigation_action_type', values: ['SWIPE_FORWARD', 'TAP_BACK', 'TAP_EXIT', 'TAP_FORWARD'] },
};

/** Refuses a breakdown a metric does not take. */
export function checkMediaBreakdown(metrics: readonly string[], breakdown: string): void {
  const wrong = metrics.filter((m) => MEDIA_BREAKDOWNS[m]?.breakdown !== breakdown);
  if (wrong.length > 0) throw invalidParam(`The metric(s) ${wrong.join(', ')} do not support the breakdown ${breakdown}`);
}

/** `total` split over the breakdown's values with weights from (seed, media, value). */
export function mediaBreakdownValue(seed: number, mediaId: string, metric: string, total: number): unknown {
  const spec = MEDIA_BREAKDOWNS[metric]!;
  const weights = spec.values.map((v) => 1 + (hashSeed(seed, mediaId, metric, v) % 100));
  const sum = weights.reduce((a, b) => a + b, 0);
  let left = total;
  const results = spec.values.map((value, i) => {
    const share = i === spec.values.length - 1 ? left : Math.floor((total * weights[i]!) / sum);
    left -= share;
    return { dimension_values: [value], value: share };
  });
  return { value: total, breakdowns: [{ dimension_keys: [spec.breakdown], results: results.filter((r) => r.value > 0) }] };
}
