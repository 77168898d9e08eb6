/**
 * Graph-style usage percentages across a window turn: once the percentage falls, the new window is
 * counted afresh, so the old window's peak does not shrink the new window's estimated budget and
 * hold back concurrency.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { respectRateLimits } from '../../src/http/rate-limit.js';
import type { HttpRequest, HttpResponse } from '../../src/http/types.js';
import { graphRateLimits } from '../../src/providers/instagram/client.js';
import { fakeClock } from './scripted-server.js';

const signal = new AbortController().signal;
const request: HttpRequest = { method: 'GET', url: 'http://graph.invalid/v24.0/me', signal };

test('Instagram: after the usage percentage falls (a new window), MaxConcurrency requests go out together again', async () => {
  const clock = fakeClock();
  let percent = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const next = async (): Promise<HttpResponse> => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
    return { status: 200, headers: { 'x-app-usage': JSON.stringify({ call_count: percent, total_time: 0, total_cputime: 0 }) }, body: '{}' };
  };
  const send = respectRateLimits(graphRateLimits, 60, {}, clock)(next);
  // The old window: 21 calls, 1 % each.
  for (percent = 1; percent <= 21; percent++) await send(request);
  // The window turns: 0 %, then 1 % after two calls of the new window (about 198 calls left).
  percent = 0;
  await send(request);
  percent = 1;
  await send(request);
  mostInFlight = 0;
  await Promise.all(Array.from({ length: 8 }, () => send(request)));
  assert.equal(mostInFlight, 8, 'eight requests in flight at once, not held back by the old window');
});
