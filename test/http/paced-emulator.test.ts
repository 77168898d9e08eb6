/**
 * Rate budgets paced, not hit (issue 9 item 3), against the emulators' `--rate-limit N` fault set
 * through `POST /__emulator/faults`, on one injected clock shared by the emulator and the client:
 * a job needing three times the remaining budget finishes, with at most one throttle received.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { startTwitterAdsEmulator, type RunningEmulator } from '../../src/emulator/twitterads/index.js';
import { createTransport, type Transport } from '../../src/http/transport.js';
import { silentLogger } from '../../src/log/logger.js';
import { InstagramClient } from '../../src/providers/instagram/client.js';
import { TwitterAdsClient } from '../../src/providers/twitterads/client.js';
import { fakeClock } from './scripted-server.js';

const call = { signal: new AbortController().signal, onCall: () => {} };

/** The transport, counting what came back. */
function counting(transport: Transport, statuses: number[]): Transport {
  return { send: async (request) => {
    const response = await transport.send(request);
    statuses.push(response.status);
    return response;
  }, close: () => transport.close() };
}

/** A Twitter Ads client of the emulator's credentials: no cache, pages of 1, waits up to 1,000 s for a budget. */
function twitterClient(emulator: RunningEmulator, transport: Transport, clock: ReturnType<typeof fakeClock>, maxConcurrency: number): TwitterAdsClient {
  const c = emulator.credentials;
  return new TwitterAdsClient({
    baseUrl: emulator.url,
    version: '12',
    session: { credentials: async () => ({ consumerKey: c.clientId, consumerSecret: c.clientSecret, token: c.accessToken, tokenSecret: c.accessTokenSecret }), renew: async () => false, secrets: () => [] },
    transport,
    maxConcurrency,
    maxRateLimitDelay: 1000,
    cacheTtlSeconds: 0,
    pageSize: 1,
    logger: silentLogger,
    clock,
  });
}

async function setFaults(url: string, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  assert.equal(response.status, 200);
}

test('Twitter Ads: 30 calls against a budget of 10 per window finish with at most one 429', async (t) => {
  const clock = fakeClock();
  const emulator = await startTwitterAdsEmulator({ port: 0, seed: 3, now: () => new Date(clock.now()) });
  const statuses: number[] = [];
  const transport = counting(createTransport({ timeoutSeconds: 10 }), statuses);
  try {
    await setFaults(emulator.url, { rateLimit: 10 });
    const c = emulator.credentials;
    const client = twitterClient(emulator, transport, clock, 8);
    const account = c.accountIds[0]!;
    const answers = await Promise.all(Array.from({ length: 30 }, () => client.getJson(`/accounts/${account}/campaigns`, { count: '1' }, call)));
    assert.equal(answers.length, 30);
    const throttles = statuses.filter((s) => s === 429).length;
    t.diagnostic(`requests ${statuses.length}, 429s ${throttles}, virtual wait ${Math.round(clock.slept.reduce((a, b) => a + b, 0) / 1000)} s`);
    assert.ok(throttles <= 1, `429s received: ${throttles}`);
    assert.equal(statuses.filter((s) => s === 200).length, 30);
    assert.ok(clock.slept.some((ms) => ms > 60_000), 'it waited for a window reset instead of failing');
  } finally {
    await transport.close();
    await emulator.close();
  }
});

test('Instagram: 60 calls against a budget of 20 per hour finish with at most one throttle', async (t) => {
  const clock = fakeClock();
  const emulator = await startInstagramEmulator({ port: 0, seed: 3, now: () => new Date(clock.now()) });
  const statuses: number[] = [];
  const transport = counting(createTransport({ timeoutSeconds: 10 }), statuses);
  try {
    await setFaults(emulator.url, { rateLimit: 20 });
    const c = emulator.credentials;
    const client = new InstagramClient({
      baseUrl: emulator.url,
      version: 'v21.0',
      session: { token: async () => c.accessToken, renew: async () => false, secrets: () => [c.accessToken] },
      clientSecret: c.clientSecret,
      businessAccountId: c.businessAccountId,
      transport,
      maxConcurrency: 8,
      maxRateLimitDelay: 7200,
      cacheTtlSeconds: 0,
      pageSize: 25,
      logger: silentLogger,
      clock,
    });
    const answers = await Promise.all(Array.from({ length: 60 }, () => client.getOne(`/${c.businessAccountId}`, { fields: 'id' }, call)));
    assert.deepEqual(new Set(answers.map((a) => (a as { id: string }).id)), new Set([c.businessAccountId]));
    const throttles = statuses.filter((s) => s !== 200).length;
    t.diagnostic(`requests ${statuses.length}, throttles ${throttles}, virtual wait ${Math.round(clock.slept.reduce((a, b) => a + b, 0) / 1000)} s`);
    assert.ok(throttles <= 1, `throttles received: ${throttles}`);
    assert.ok(clock.slept.some((ms) => ms > 60_000), 'it waited for the budget to return');
  } finally {
    await transport.close();
    await emulator.close();
  }
});

test('Twitter Ads: the user-level budget, spent by another account, paces an account that still has calls left', async (t) => {
  const clock = fakeClock();
  const emulator = await startTwitterAdsEmulator({ port: 0, seed: 3, now: () => new Date(clock.now()) });
  const statuses: number[] = [];
  const transport = counting(createTransport({ timeoutSeconds: 10 }), statuses);
  try {
    // Every budget 10 per window: the endpoint's user-level one is shared by the accounts, each account has its own.
    await setFaults(emulator.url, { rateLimit: 10 });
    const c = emulator.credentials;
    assert.ok(c.accountIds.length >= 2, 'the seed has two accounts');
    const client = twitterClient(emulator, transport, clock, 1);
    const [first, second] = c.accountIds as [string, string];
    for (let i = 0; i < 8; i++) await client.getJson(`/accounts/${first}/campaigns`, { count: '1' }, call);
    // The second account's own budget says 10 left; the user-level one only 2.
    for (let i = 0; i < 6; i++) await client.getJson(`/accounts/${second}/campaigns`, { count: '1' }, call);
    t.diagnostic(`requests ${statuses.length}, virtual wait ${Math.round(clock.slept.reduce((a, b) => a + b, 0) / 1000)} s`);
    assert.deepEqual(statuses.filter((s) => s !== 200), [], 'no 429: the spent user-level budget was waited out');
    assert.equal(statuses.length, 14);
    assert.ok(clock.slept.some((ms) => ms > 60_000), 'it waited for the user-level window to reset');
  } finally {
    await transport.close();
    await emulator.close();
  }
});
