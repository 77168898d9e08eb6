/**
 * The one HTTP stack both API clients use, outermost first:
 *   cache → retry → validate → concurrency → rate limit → auth → log → transport.
 * The validate layer sits below the cache and the retry, so a malformed or truncated body is
 * retried and never cached; rate limits sit below the concurrency cap, so no more requests than
 * MaxConcurrency are ever admitted against a budget whose size is not yet known, and below the
 * retry, so a throttle is waited for, not retried blindly; auth signs each attempt afresh.
 */
import type { Logger } from '../log/logger.js';
import { systemClock } from './clock.js';
import { limitConcurrency } from './concurrency.js';
import { logExchanges } from './log-exchanges.js';
import { respectRateLimits, type RateLimitRules } from './rate-limit.js';
import { cacheResponses } from './response-cache.js';
import { defaultRetryPolicy, retry, type RetryPolicy } from './retry.js';
import { compose, type Clock, type Layer, type Send } from './types.js';
import { validateBodies } from './validate.js';

export interface HttpStackOptions {
  /** How messages name the API ("Twitter Ads", "the Instagram Graph API"). */
  readonly apiName: string;
  readonly send: Send;
  readonly auth: Layer;
  readonly rateLimits: RateLimitRules;
  readonly maxConcurrency: number;
  readonly maxRateLimitDelay: number;
  readonly cacheTtlSeconds: number;
  readonly logger: Logger;
  readonly retryPolicy?: RetryPolicy;
  readonly clock?: Clock;
}

export function httpStack(options: HttpStackOptions): Send {
  const log = options.logger;
  const clock = options.clock ?? systemClock;
  return compose(
    cacheResponses(options.cacheTtlSeconds),
    retry(options.retryPolicy ?? defaultRetryPolicy, (attempt, reason) => log.log(2, `retry ${attempt} after ${reason}`), clock),
    validateBodies(options.apiName),
    limitConcurrency(options.maxConcurrency),
    respectRateLimits(options.rateLimits, options.maxRateLimitDelay, { onWait: (bucket, ms) => log.log(2, `rate limit: waiting ${ms} ms for ${bucket}`) }, clock),
    options.auth,
    logExchanges(log),
  )(options.send);
}
