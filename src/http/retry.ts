/**
 * Retries what is safe to retry: idempotent requests that failed on the network, with a 5xx,
 * or that came back truncated. Honors Retry-After. Never retries 4xx: those are the caller's to fix.
 */
import { ApiError, CancelledError } from '../errors.js';
import type { HttpResponse, Layer } from './types.js';

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 4, baseDelayMs: 200, maxDelayMs: 10_000 };

const retryableStatuses = new Set([500, 502, 503, 504]);

export function retry(policy: RetryPolicy, onRetry?: (attempt: number, reason: string) => void): Layer {
  return (next) => async (request) => {
    const idempotent = request.method === 'GET' || request.method === 'PUT' || request.method === 'DELETE';
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse | undefined;
      let failure: unknown;
      try {
        response = await next(request);
        if (!retryableStatuses.has(response.status)) return response;
      } catch (error) {
        if (error instanceof CancelledError || !(error instanceof ApiError) || error.status !== 0) throw error;
        failure = error;
      }
      if (!idempotent || attempt >= policy.maxRetries) {
        if (response) return response;
        throw failure;
      }
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt) * (0.5 + Math.random() / 2);
      const retryAfter = response ? Number(response.headers['retry-after']) * 1000 : NaN;
      const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, policy.maxDelayMs) : backoff;
      onRetry?.(attempt + 1, response ? `HTTP ${response.status}` : (failure as Error).message);
      await sleep(delay, request.signal);
    }
  };
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
