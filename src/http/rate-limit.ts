/**
 * Paces requests by the API's rate-limit budgets instead of running into them. Each response's
 * headers update its bucket (remaining calls, reset time); a request to a bucket whose budget is
 * spent, counting the calls already in flight, waits for the reset, or, with no known reset, goes
 * alone as a probe. A throttle (429 or a throttle code) waits for its reset and retries when that
 * is within MaxRateLimitDelay; otherwise the caller gets a RateLimitError with the reset time,
 * marked as estimated when the API gave none that is usable.
 */
import { RateLimitError } from '../errors.js';
import { systemClock } from './clock.js';
import type { Clock, HttpRequest, HttpResponse, Layer } from './types.js';

export interface RateLimitReading {
  /** Calls left in the window, when the API says (0: spent). */
  readonly remaining?: number;
  /** When the window resets (ms since the epoch), when the API says. */
  readonly resetAt?: number;
  /** Share of the budget used, in percent, for APIs that report no counts (Graph's usage headers). */
  readonly usedPercent?: number;
}

export interface Throttle {
  readonly resetAt: number;
  readonly estimated: boolean;
}

export interface RateLimitRules {
  /** Requests that share a budget share a bucket: e.g. route template + account. */
  bucketOf(request: HttpRequest): string;
  read(response: HttpResponse, now: number): RateLimitReading | undefined;
  /** The reset of a throttled response; undefined when the response is not a throttle. */
  throttle(response: HttpResponse, now: number): Throttle | undefined;
  /** The window's length, to estimate a reset the API does not send (from the window's first call). */
  readonly windowMs?: number;
}

export interface RateLimitEvents {
  onWait?(bucket: string, ms: number): void;
  onThrottle?(bucket: string): void;
}

interface Bucket {
  remaining: number | undefined;
  resetAt: number | undefined;
  resetEstimated: boolean;
  /** When the current window's first call went out (for estimated resets). */
  windowStart: number | undefined;
  /** Responses in this window, and the last usage percentage, to turn percentages into calls left. */
  responses: number;
  lastPercent: number | undefined;
  /** After a reset the new budget is unknown: one request goes first and reads it. */
  probing: boolean;
  inFlight: number;
  waiters: (() => void)[];
}

/** Most throttles one request accepts (each followed by a wait) before it gives up. */
const MAX_THROTTLES = 3;

export function respectRateLimits(rules: RateLimitRules, maxDelaySeconds: number, events: RateLimitEvents = {}, clock: Clock = systemClock): Layer {
  const buckets = new Map<string, Bucket>();
  const bucketNamed = (name: string): Bucket => {
    let bucket = buckets.get(name);
    if (!bucket) buckets.set(name, (bucket = fresh()));
    return bucket;
  };
  const finished = (bucket: Bucket) => {
    bucket.inFlight--;
    for (const wake of bucket.waiters.splice(0)) wake();
  };
  const untilOneFinishes = (bucket: Bucket) => new Promise<void>((resolve) => bucket.waiters.push(resolve));

  const waitUntil = async (name: string, resetAt: number, estimated: boolean, signal: AbortSignal): Promise<void> => {
    const distance = resetAt - clock.now();
    if (distance <= 0) return;
    if (distance > maxDelaySeconds * 1000) {
      const when = new Date(resetAt).toISOString();
      throw new RateLimitError(
        `Rate limit reached for ${name}; the window resets at ${when}${estimated ? ' (estimated: the API gave no usable reset time)' : ''}, which is more than MaxRateLimitDelay=${maxDelaySeconds} s away`,
        new Date(resetAt),
        estimated,
      );
    }
    // A little past the reset, so the server's window has surely turned.
    const ms = distance + 250;
    events.onWait?.(name, ms);
    await clock.sleep(ms, signal);
  };

  /** Waits until the bucket's budget allows one more request in flight, and counts it in flight. */
  const admit = async (name: string, bucket: Bucket, signal: AbortSignal): Promise<void> => {
    for (;;) {
      if (bucket.resetAt !== undefined && clock.now() >= bucket.resetAt) Object.assign(bucket, fresh(), { inFlight: bucket.inFlight, waiters: bucket.waiters, probing: true });
      const spent = bucket.remaining !== undefined && bucket.remaining - bucket.inFlight <= 0;
      if (spent && bucket.remaining! <= 0 && bucket.resetAt === undefined && rules.windowMs !== undefined && bucket.windowStart !== undefined) {
        bucket.resetAt = bucket.windowStart + rules.windowMs;
        bucket.resetEstimated = true;
      }
      if (spent && bucket.resetAt !== undefined && bucket.remaining! <= 0) {
        await waitUntil(name, bucket.resetAt, bucket.resetEstimated, signal);
        continue;
      }
      // Calls left but all taken by requests in flight, spent with no known reset, or a new window: one probe at a time.
      if ((spent || bucket.probing) && bucket.inFlight > 0) {
        await untilOneFinishes(bucket);
        continue;
      }
      bucket.windowStart ??= clock.now();
      // Counted before any await, so concurrent admissions see each other.
      bucket.inFlight++;
      return;
    }
  };

  return (next) => async (request) => {
    const name = rules.bucketOf(request);
    const bucket = bucketNamed(name);
    for (let throttles = 0; ; ) {
      await admit(name, bucket, request.signal);
      let response: HttpResponse;
      try {
        response = await next(request);
      } finally {
        finished(bucket);
      }
      const now = clock.now();
      bucket.probing = false;
      const reading = rules.read(response, now);
      if (reading) update(bucket, reading, now);
      const throttle = rules.throttle(response, now);
      if (!throttle) return response;
      events.onThrottle?.(name);
      bucket.remaining = 0;
      bucket.resetAt = throttle.resetAt;
      bucket.resetEstimated = throttle.estimated;
      if (++throttles > MAX_THROTTLES) {
        throw new RateLimitError(`Rate limit reached for ${name} ${throttles} times in a row; the window resets at ${new Date(throttle.resetAt).toISOString()}`, new Date(throttle.resetAt), throttle.estimated);
      }
      await waitUntil(name, throttle.resetAt, throttle.estimated, request.signal);
    }
  };
}

function fresh(): Bucket {
  return { remaining: undefined, resetAt: undefined, resetEstimated: false, windowStart: undefined, responses: 0, lastPercent: undefined, probing: false, inFlight: 0, waiters: [] };
}

/**
 * Within one window the lowest remaining count wins (responses arrive out of order); a new window
 * starts afresh. A usage percentage becomes calls left from the calls this window has seen: a
 * conservative estimate, since other clients' calls raise the percentage too.
 */
function update(bucket: Bucket, reading: RateLimitReading, now: number): void {
  const sameWindow = reading.resetAt === undefined || bucket.resetAt === undefined || reading.resetAt === bucket.resetAt;
  if (reading.remaining !== undefined) {
    bucket.remaining = sameWindow && bucket.remaining !== undefined ? Math.min(bucket.remaining, reading.remaining) : reading.remaining;
  }
  if (reading.resetAt !== undefined) {
    bucket.resetAt = reading.resetAt;
    bucket.resetEstimated = false;
  }
  const percent = reading.usedPercent;
  if (percent === undefined) return;
  if (bucket.lastPercent !== undefined && percent < bucket.lastPercent) {
    // The window turned: start counting again (the old window's peak says nothing about the new one).
    bucket.responses = 0;
    bucket.windowStart = now;
    bucket.remaining = undefined;
    bucket.lastPercent = undefined;
  }
  bucket.lastPercent = Math.max(percent, bucket.lastPercent ?? 0);
  bucket.responses++;
  if (bucket.lastPercent >= 100) bucket.remaining = 0;
  else if (bucket.lastPercent > 0) {
    const left = Math.floor(((100 - bucket.lastPercent) * bucket.responses) / bucket.lastPercent);
    bucket.remaining = bucket.remaining === undefined ? left : Math.min(bucket.remaining, left);
  }
}

/** A reset time the API sent, if it is a plausible one: in the future, and within a day. */
export function plausibleReset(ms: number, now: number): number | undefined {
  return Number.isFinite(ms) && ms > now && ms - now <= 86_400_000 ? ms : undefined;
}
