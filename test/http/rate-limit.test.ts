/**
 * The rate-limit layer against scripted servers on an injected clock: budgets are paced (a query
 * needing three times the remaining budget gets at most one 429), and every throttle, however odd
 * its headers, is a RateLimitError with a real or clearly estimated reset.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimitError } from '../../src/errors.js';
import { limitConcurrency } from '../../src/http/concurrency.js';
import { respectRateLimits } from '../../src/http/rate-limit.js';
import { createTransport } from '../../src/http/transport.js';
import { compose, type Send } from '../../src/http/types.js';
import { graphRateLimits } from '../../src/providers/instagram/client.js';
import { twitterRateLimits } from '../../src/providers/twitterads/client.js';
import { fakeClock, json, scriptedServer } from './scripted-server.js';

const signal = new AbortController().signal;
const WINDOW = 15 * 60_000;

/** An Ads-API-like server: `budget` calls per 15-minute window, reported in x-rate-limit-* headers. */
async function budgetServer(budget: number, clock: ReturnType<typeof fakeClock>) {
  let windowStart = clock.now();
  let used = 0;
  const statuses: number[] = [];
  const server = await scriptedServer((_req, res) => {
    if (clock.now() >= windowStart + WINDOW) {
      windowStart = clock.now();
      used = 0;
    }
    const headers = {
      'x-rate-limit-limit': String(budget),
      'x-rate-limit-remaining': String(Math.max(0, budget - used - 1)),
      'x-rate-limit-reset': String(Math.ceil((windowStart + WINDOW) / 1000)),
    };
    if (used >= budget) {
      statuses.push(429);
      return json(res, 429, { errors: [{ code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' }] }, { ...headers, 'x-rate-limit-remaining': '0' });
    }
    used++;
    statuses.push(200);
    json(res, 200, { data: [] }, headers);
  });
  return { server, statuses };
}

test('Twitter: a job needing three times the remaining budget is paced across windows with at most one 429', async () => {
  const clock = fakeClock();
  const { server, statuses } = await budgetServer(10, clock);
  const transport = createTransport({ timeoutSeconds: 5 });
  const send: Send = compose(limitConcurrency(8), respectRateLimits(twitterRateLimits, 1000, {}, clock))(transport.send);
  try {
    const answers = await Promise.all(Array.from({ length: 30 }, () => send({ method: 'GET', url: `${server.url}/12/accounts/a1/campaigns`, signal })));
    assert.deepEqual(answers.map((a) => a.status), Array(30).fill(200));
    const throttles = statuses.filter((s) => s === 429).length;
    assert.ok(throttles <= 1, `429s received: ${throttles}: ${statuses.join(",")}`);
    assert.equal(statuses.filter((s) => s === 200).length, 30);
    assert.ok(clock.now() - Date.UTC(2026, 11, 1, 12) >= 2 * WINDOW, 'the job waited for two window resets');
  } finally {
    await transport.close();
    await server.close();
  }
});

test('Twitter: a spent budget whose reset is beyond MaxRateLimitDelay is a RateLimitError stating the reset', async () => {
  const clock = fakeClock();
  const { server } = await budgetServer(2, clock);
  const transport = createTransport({ timeoutSeconds: 5 });
  const send: Send = respectRateLimits(twitterRateLimits, 60, {}, clock)(transport.send);
  try {
    await send({ method: 'GET', url: `${server.url}/x`, signal });
    await send({ method: 'GET', url: `${server.url}/x`, signal });
    await assert.rejects(send({ method: 'GET', url: `${server.url}/x`, signal }), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.resetEstimated, false);
      assert.equal(error.resetAt.getTime(), Math.ceil((Date.UTC(2026, 11, 1, 12) + WINDOW) / 1000) * 1000);
      assert.match(error.message, /resets at 2026-12-01T12:15:00\.000Z, which is more than MaxRateLimitDelay=60 s away/);
      return true;
    });
    assert.equal(server.received.length, 2, 'the third call was not sent into a spent budget');
  } finally {
    await transport.close();
    await server.close();
  }
});

for (const [name, headers] of [
  ['no headers at all', {}],
  ['x-rate-limit-reset: 99999999999999', { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '99999999999999' }],
  ['a reset in the past', { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1000' }],
  ['a reset that is not a number', { 'x-rate-limit-remaining': 'lots', 'x-rate-limit-reset': 'soon' }],
] as const) {
  test(`Twitter: a 429 with ${name} is a RateLimitError with an estimated reset, never a raw error`, async () => {
    const clock = fakeClock();
    const server = await scriptedServer((_req, res) => json(res, 429, { errors: [{ code: 'TOO_MANY_REQUESTS' }] }, headers));
    const transport = createTransport({ timeoutSeconds: 5 });
    const send: Send = respectRateLimits(twitterRateLimits, 60, {}, clock)(transport.send);
    try {
      await assert.rejects(send({ method: 'GET', url: `${server.url}/12/accounts`, signal }), (error: unknown) => {
        assert.ok(error instanceof RateLimitError, String(error));
        assert.equal(error.resetEstimated, true);
        assert.equal(error.resetAt.getTime(), clock.now() + WINDOW);
        assert.match(error.message, /\(estimated: the API gave no usable reset time\)/);
        return true;
      });
      assert.equal(server.received.length, 1);
    } finally {
      await transport.close();
      await server.close();
    }
  });
}

test('Twitter: a 429 with Retry-After within MaxRateLimitDelay waits that long and retries', async () => {
  const clock = fakeClock();
  const server = await scriptedServer((_req, res, _r, index) => (index === 0 ? json(res, 429, {}, { 'retry-after': '5' }) : json(res, 200, { data: [] })));
  const transport = createTransport({ timeoutSeconds: 5 });
  const send: Send = respectRateLimits(twitterRateLimits, 60, {}, clock)(transport.send);
  try {
    assert.equal((await send({ method: 'GET', url: `${server.url}/a`, signal })).status, 200);
    assert.deepEqual(clock.slept, [5250]);
  } finally {
    await transport.close();
    await server.close();
  }
});

/** A Graph-like server: usage percentages, and the throttle code with a regain time once spent. */
async function graphServer(budget: number, clock: ReturnType<typeof fakeClock>) {
  let windowStart = clock.now();
  let used = 0;
  const statuses: number[] = [];
  const server = await scriptedServer((_req, res) => {
    if (clock.now() >= windowStart + 3_600_000) {
      windowStart = clock.now();
      used = 0;
    }
    const allowed = used < budget;
    if (allowed) used++;
    const pct = Math.floor((used * 100) / budget);
    const regain = allowed ? 0 : Math.ceil((windowStart + 3_600_000 - clock.now()) / 60_000);
    const headers = {
      'x-app-usage': JSON.stringify({ call_count: pct, total_time: 0, total_cputime: 0 }),
      'x-business-use-case-usage': JSON.stringify({ '178': [{ type: 'instagram', call_count: pct, total_time: 0, total_cputime: 0, estimated_time_to_regain_access: regain }] }),
    };
    statuses.push(allowed ? 200 : 400);
    if (!allowed) return json(res, 400, { error: { message: '(#32) Page request limit reached', code: 32, is_transient: true } }, headers);
    json(res, 200, { data: [] }, headers);
  });
  return { server, statuses };
}

test('Instagram: usage headers pace a job needing three times the budget, with at most one throttle', async () => {
  const clock = fakeClock();
  const { server, statuses } = await graphServer(20, clock);
  const transport = createTransport({ timeoutSeconds: 5 });
  const send: Send = compose(limitConcurrency(8), respectRateLimits(graphRateLimits, 7200, {}, clock))(transport.send);
  try {
    const answers = await Promise.all(Array.from({ length: 60 }, () => send({ method: 'GET', url: `${server.url}/v21.0/178/media`, signal })));
    assert.deepEqual(answers.map((a) => a.status), Array(60).fill(200));
    const throttles = statuses.filter((s) => s === 400).length;
    assert.ok(throttles <= 1, `throttles received: ${throttles}: ${statuses.join(",")}`);
  } finally {
    await transport.close();
    await server.close();
  }
});

test('Instagram: a throttle with no usage headers is a RateLimitError with an estimated one-hour reset', async () => {
  const clock = fakeClock();
  const server = await scriptedServer((_req, res) => json(res, 400, { error: { message: '(#4) Application request limit reached', code: 4 } }));
  const transport = createTransport({ timeoutSeconds: 5 });
  const send: Send = respectRateLimits(graphRateLimits, 60, {}, clock)(transport.send);
  try {
    await assert.rejects(send({ method: 'GET', url: `${server.url}/v21.0/me`, signal }), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.resetEstimated, true);
      assert.equal(error.resetAt.getTime(), clock.now() + 3_600_000);
      return true;
    });
  } finally {
    await transport.close();
    await server.close();
  }
});

test('Instagram: a business-use-case throttle (80002) with a regain time is a RateLimitError with that real reset', async () => {
  const clock = fakeClock();
  const server = await scriptedServer((_req, res) =>
    json(res, 400, { error: { message: 'There have been too many calls to this Instagram account.', code: 80002, is_transient: true } }, {
      'x-business-use-case-usage': JSON.stringify({ '178': [{ type: 'instagram', call_count: 100, total_time: 20, total_cputime: 20, estimated_time_to_regain_access: 2 }] }),
    }),
  );
  const transport = createTransport({ timeoutSeconds: 5 });
  const send: Send = respectRateLimits(graphRateLimits, 60, {}, clock)(transport.send);
  try {
    await assert.rejects(send({ method: 'GET', url: `${server.url}/v21.0/178/insights`, signal }), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.resetEstimated, false);
      assert.equal(error.resetAt.getTime(), clock.now() + 120_000);
      return true;
    });
    assert.equal(server.received.length, 1);
  } finally {
    await transport.close();
    await server.close();
  }
});
