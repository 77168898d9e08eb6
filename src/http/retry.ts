/**
 * Retries what is safe to retry: reads (GETs and batches of GETs) and PUT/DELETE that failed on the
 * network, with a 5xx, or whose body was malformed or truncated (validate layer, below). Honors
 * Retry-After. Never retries other 4xx, unless the API's own answer says it is temporary
 * (`transientAnswer`: Graph's code 1/2 and is_transient); the rest are the caller's to fix.
 */
import { ApiError, CancelledError } from '../errors.js';
import { systemClock } from './clock.js';
import { isRead, type Clock, type HttpResponse, type Layer } from './types.js';

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** An API answer that is temporary whatever its status (Graph sends some with a 400). */
  readonly transientAnswer?: (response: HttpResponse) => boolean;
}

/** Seven attempts with capped backoff: a read that fails one time in five still fails only about once in 100,000. */
export const defaultRetryPolicy: RetryPolicy = { maxRetries: 6, baseDelayMs: 200, maxDelayMs: 2_000 };

const retryableStatuses = new Set([500, 502, 503, 504]);

/** Failures that would only repeat: the same body or headers would be just as large again. */
const deterministic = new Set(['RESPONSE_TOO_LARGE', 'HEADERS_TOO_LARGE']);

/** Failures worth another attempt: no response (network, reset, timeout) or a malformed body. */
export function isTransientFailure(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 0 || error.apiCode === 'MALFORMED_RESPONSE') && !deterministic.has(error.apiCode ?? '');
}

export function retry(policy: RetryPolicy, onRetry?: (attempt: number, reason: string) => void, clock: Clock = systemClock): Layer {
  return (next) => async (request) => {
    const retryable = isRead(request) || request.method === 'PUT' || request.method === 'DELETE';
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse | undefined;
      let failure: ApiError | undefined;
      try {
        response = await next(request);
        if (!retryableStatuses.has(response.status) && !(response.status >= 400 && policy.transientAnswer?.(response))) return response;
      } catch (error) {
        if (error instanceof CancelledError || !isTransientFailure(error)) throw error;
        failure = error;
      }
      if (!retryable || attempt >= policy.maxRetries) {
        if (response) return response;
        throw failure;
      }
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt) * (0.5 + Math.random() / 2);
      const retryAfter = response ? Number(response.headers['retry-after']) * 1000 : NaN;
      const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, policy.maxDelayMs) : backoff;
      onRetry?.(attempt + 1, response ? `HTTP ${response.status}` : failure!.message);
      await clock.sleep(delay, request.signal);
    }
  };
}
