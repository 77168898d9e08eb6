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
  /** Send one request at a time: the budget is nearly spent and its size is unknown (Graph percentages). */
  readonly serial?: boolean;
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
}

export interface RateLimitEvents {
  onWait?(bucket: string, ms: number): void;
  onThrottle?(bucket: string): void;
}

interface Bucket {
  remaining: number | undefined;
  resetAt: number | undefined;
  serial: boolean;
  inFlight: number;
  waiters: (() => void)[];
}

/** Most throttles one request accepts (each followed by a wait) before it gives up. */
const MAX_THROTTLES = 3;

export function respectRateLimits(rules: RateLimitRules, maxDelaySeconds: number, events: RateLimitEvents = {}, clock: Clock = systemClock): Layer {
  const buckets = new Map<string, Bucket>();
  const bucketNamed = (name: string): Bucket => {
    let bucket = buckets.get(name);
    if (!bucket) buckets.set(name, (bucket = { remaining: undefined, resetAt: undefined, serial: false, inFlight: 0, waiters: [] }));
    return bucket;
  };
  const finished = (bucket: Bucket) => {
    bucket.inFlight--;
    for (const wake of bucket.waiters.splice(0)) wake();
  };
  const untilOneFinishes = (bucket: Bucket) => new Promise<void>((resolve) => bucket.waiters.push(resolve));

  const waitUntil = async (name: string, resetAt: number, estimated: boolean, signal: AbortSignal): Promise<void> => {
    const ms = resetAt - clock.now() + 250;
    if (ms <= 0) return;
    if (ms > maxDelaySeconds * 1000) {
      const when = new Date(resetAt).toISOString();
      throw new RateLimitError(
        `Rate limit reached for ${name}; the window resets at ${when}${estimated ? ' (estimated: the API gave no usable reset time)' : ''}, which is more than MaxRateLimitDelay=${maxDelaySeconds} s away`,
        new Date(resetAt),
        estimated,
      );
    }
    events.onWait?.(name, ms);
    await clock.sleep(ms, signal);
  };

  /** Waits until the bucket's budget allows one more request in flight. */
  const admit = async (name: string, bucket: Bucket, signal: AbortSignal): Promise<void> => {
    for (;;) {
      if (bucket.resetAt !== undefined && clock.now() >= bucket.resetAt) {
        bucket.remaining = undefined;
        bucket.resetAt = undefined;
        bucket.serial = false;
      }
      const spent = bucket.remaining !== undefined && bucket.remaining - bucket.inFlight <= 0;
      if (spent && bucket.resetAt !== undefined && bucket.remaining !== undefined && bucket.remaining <= 0) {
        await waitUntil(name, bucket.resetAt, false, signal);
        continue;
      }
      if ((spent || bucket.serial) && bucket.inFlight > 0) {
        await untilOneFinishes(bucket);
        continue;
      }
      return;
    }
  };

  return (next) => async (request) => {
    const name = rules.bucketOf(request);
    const bucket = bucketNamed(name);
    for (let throttles = 0; ; ) {
      await admit(name, bucket, request.signal);
      bucket.inFlight++;
      let response: HttpResponse;
      try {
        response = await next(request);
      } finally {
        finished(bucket);
      }
      const now = clock.now();
      const reading = rules.read(response, now);
      if (reading) update(bucket, reading);
      const throttle = rules.throttle(response, now);
      if (!throttle) return response;
      events.onThrottle?.(name);
      bucket.remaining = 0;
      bucket.resetAt = throttle.resetAt;
      if (++throttles > MAX_THROTTLES) {
        throw new RateLimitError(`Rate limit reached for ${name} ${throttles} times in a row; the window resets at ${new Date(throttle.resetAt).toISOString()}`, new Date(throttle.resetAt), throttle.estimated);
      }
      await waitUntil(name, throttle.resetAt, throttle.estimated, request.signal);
    }
  };
}

/** Within one window the lowest remaining count wins (responses arrive out of order); a new window starts afresh. */
function update(bucket: Bucket, reading: RateLimitReading): void {
  const sameWindow = reading.resetAt === undefined || bucket.resetAt === undefined || reading.resetAt === bucket.resetAt;
  if (reading.remaining !== undefined) {
    bucket.remaining = sameWindow && bucket.remaining !== undefined ? Math.min(bucket.remaining, reading.remaining) : reading.remaining;
  }
  if (reading.resetAt !== undefined) bucket.resetAt = reading.resetAt;
  if (reading.serial !== undefined) bucket.serial = reading.serial;
}

/** A reset time the API sent, if it is a plausible one: in the future, and within a day. */
export function plausibleReset(ms: number, now: number): number | undefined {
  return Number.isFinite(ms) && ms > now && ms - now <= 86_400_000 ? ms : undefined;
}
