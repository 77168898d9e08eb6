/**
 * Respects the API's rate-limit windows. Each response's headers update the bucket they belong to;
 * a request to an empty bucket waits for the reset, and a 429 waits and retries — but only when the
 * wait is within MaxRateLimitDelay. Otherwise the caller gets a RateLimitError with the reset time.
 */
import { RateLimitError } from '../errors.js';
import { sleep } from './retry.js';
import type { HttpRequest, HttpResponse, Layer } from './types.js';

export interface RateLimitReading {
  readonly remaining: number;
  readonly resetAt: Date;
}

export interface RateLimitRules {
  /** Requests that share a budget share a bucket: e.g. route template + account. */
  bucketOf(request: HttpRequest): string;
  read(response: HttpResponse): RateLimitReading | undefined;
  isRateLimited(response: HttpResponse): boolean;
}

export interface RateLimitEvents {
  onWait?(bucket: string, ms: number): void;
}

export function respectRateLimits(rules: RateLimitRules, maxDelaySeconds: number, events: RateLimitEvents = {}, now: () => number = Date.now): Layer {
  const buckets = new Map<string, RateLimitReading>();

  const waitFor = async (bucket: string, resetAt: Date, signal: AbortSignal): Promise<void> => {
    const ms = resetAt.getTime() - now() + 250;
    if (ms <= 0) return;
    if (ms > maxDelaySeconds * 1000) {
      throw new RateLimitError(
        `Rate limit reached; the window resets at ${resetAt.toISOString()}, which is more than MaxRateLimitDelay=${maxDelaySeconds} s away`,
        resetAt,
      );
    }
    events.onWait?.(bucket, ms);
    await sleep(ms, signal);
  };

  return (next) => async (request) => {
    const bucket = rules.bucketOf(request);
    for (let attempt = 0; ; attempt++) {
      const known = buckets.get(bucket);
      if (known && known.remaining <= 0 && known.resetAt.getTime() > now()) {
        await waitFor(bucket, known.resetAt, request.signal);
        buckets.delete(bucket);
      }
      const response = await next(request);
      const reading = rules.read(response);
      if (reading) buckets.set(bucket, reading);
      if (!rules.isRateLimited(response)) return response;
      const resetAt = reading?.resetAt ?? new Date(now() + 60_000);
      if (attempt >= 2) {
        throw new RateLimitError(`Rate limit reached; the window resets at ${resetAt.toISOString()}`, resetAt);
      }
      buckets.set(bucket, { remaining: 0, resetAt });
    }
  };
}
