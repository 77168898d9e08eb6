/**
 * Graph answers worth sending again, whatever their HTTP status: code 1 ("API Unknown: possibly a
 * temporary issue due to downtime") and code 2 ("API Service: temporary issue due to downtime"), and
 * any error marked `is_transient` except the throttles, which the rate-limit layer waits for instead
 * (developers.facebook.com/docs/graph-api/guides/error-handling).
 */
import type { HttpResponse } from '../../http/types.js';

/** The throttling codes (client.ts): waited for, never retried blindly. */
const THROTTLES = new Set([4, 17, 32, 613]);
const isThrottle = (code: number) => THROTTLES.has(code) || (code >= 80000 && code <= 80014);

export function isTemporaryGraphAnswer(response: HttpResponse): boolean {
  let error: unknown;
  try {
    error = (JSON.parse(response.body) as { error?: unknown }).error;
  } catch {
    return false;
  }
  if (typeof error !== 'object' || error === null) return false;
  const { code, is_transient: transient } = error as { code?: unknown; is_transient?: unknown };
  if (typeof code !== 'number' || isThrottle(code)) return false;
  return code === 1 || code === 2 || transient === true;
}
