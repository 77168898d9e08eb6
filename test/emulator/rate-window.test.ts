/**
 * The emulators' rate-limit window length option (`rateWindowMs`, `--rate-window-ms`, fault
 * `rateWindowMs`): budgets return after that many ms instead of 15 minutes / an hour, and the reset
 * headers say so, so pacing across window resets can be shown in seconds. Injected clocks throughout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { parseEmulatorFlags } from '../../src/emulator/main.js';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { createTransport } from '../../src/http/transport.js';
import { silentLogger } from '../../src/log/logger.js';
import { TwitterAdsClient } from '../../src/providers/twitterads/client.js';
import { fakeClock } from '../http/scripted-server.js';
import { graph } from './instagram-client.js';
import { admin, call, qs } from './twitterads-client.js';

const START = Date.UTC(2026, 11, 1, 12, 0, 0);

test('--rate-window-ms parses into rateWindowMs for both emulators', () => {
  assert.deepEqual(parseEmulatorFlags(['--rate-limit', '3', '--rate-window-ms', '2000']), { rateLimit: 3, rateWindowMs: 2000 });
  assert.deepEqual(parseEmulatorFlags(['--rate-window-ms=500'], 'instagram'), { rateWindowMs: 500 });
});

test('Twitter Ads: a 2-second window resets after 2 s, and x-rate-limit-reset says when', async () => {
  let now = START;
  const emu = await startTwitterAdsEmulator({ port: 0, seed: 3, now: () => new Date(now), rateLimit: 3, rateWindowMs: 2000 });
  try {
    const path = `/12/accounts/${emu.credentials.accountIds[0]!}/campaigns` + qs({ count: 1 });
    // Signed on the emulator's (injected) clock.
    const get = () => call(emu, path, { timestamp: Math.floor(now / 1000) });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get()).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const spent = await get();
    assert.equal(spent.headers.get('x-rate-limit-limit'), '3');
    assert.equal(spent.headers.get('x-rate-limit-reset'), String(Math.ceil((START + 2000) / 1000)));
    now += 1999;
    assert.equal((await get()).status, 429, 'still the same window');
    now += 1;
    const fresh = await get();
    assert.equal(fresh.status, 200, 'a new window');
    assert.equal(fresh.headers.get('x-rate-limit-remaining'), '2');
    assert.equal(fresh.headers.get('x-rate-limit-reset'), String(Math.ceil((START + 4000) / 1000)));
    // The same setting as a fault, read back; null restores the documented windows.
    const faults = await admin(emu, 'POST', '/__emulator/faults', { rateWindowMs: null });
    assert.equal(faults.rateWindowMs, null);
    const long = await get();
    assert.equal(long.headers.get('x-rate-limit-reset'), String(Math.ceil((START + 2000 + 15 * 60_000) / 1000)));
  } finally {
    await emu.close();
  }
});

test('Instagram: a 5-second window returns the budget after 5 s (estimated_time_to_regain_access in whole minutes)', async () => {
  let now = START;
  const emu = await startInstagramEmulator({ port: 0, seed: 3, now: () => new Date(now), rateLimit: 2, rateWindowMs: 5000 });
  try {
    const ig = emu.credentials.businessAccountId;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await graph(emu, `/v24.0/${ig}`, { query: { fields: 'id' } })).status);
    assert.deepEqual(statuses, [200, 200, 400]);
    const throttled = await graph(emu, `/v24.0/${ig}`, { query: { fields: 'id' } });
    const usage = JSON.parse(throttled.headers.get('x-business-use-case-usage')!) as Record<string, Array<{ estimated_time_to_regain_access: number }>>;
    assert.equal(usage[ig]![0]!.estimated_time_to_regain_access, 1);
    now += 5000;
    assert.equal((await graph(emu, `/v24.0/${ig}`, { query: { fields: 'id' } })).status, 200, 'a new window');
  } finally {
    await emu.close();
  }
});

test('Twitter Ads: 30 calls against 10 per 2-second window are paced across two resets with at most one 429', async () => {
  const clock = fakeClock(START);
  const emu = await startTwitterAdsEmulator({ port: 0, seed: 3, now: () => new Date(clock.now()), rateLimit: 10, rateWindowMs: 2000 });
  const transport = createTransport({ timeoutSeconds: 10 });
  try {
    const c = emu.credentials;
    const client = new TwitterAdsClient({
      baseUrl: emu.url,
      version: '12',
      session: { credentials: async () => ({ consumerKey: c.clientId, consumerSecret: c.clientSecret, token: c.accessToken, tokenSecret: c.accessTokenSecret }), renew: async () => false, secrets: () => [] },
      transport,
      maxConcurrency: 8,
      maxRateLimitDelay: 60,
      cacheTtlSeconds: 0,
      pageSize: 1,
      logger: silentLogger,
      clock,
    });
    const options = { signal: new AbortController().signal, onCall: () => {} };
    const answers = await Promise.all(Array.from({ length: 30 }, () => client.getJson(`/accounts/${c.accountIds[0]!}/campaigns`, { count: '1' }, options)));
    assert.equal(answers.length, 30);
    const log = (await admin(emu, 'GET', '/__emulator/requests')) as Array<{ status?: number }>;
    const statuses = log.map((r) => r.status);
    assert.ok(statuses.filter((s) => s === 429).length <= 1, `429s: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 200).length, 30);
    // Each wait is for a 2-second window (plus the client's margin), never a 15-minute one.
    const waits = clock.slept.filter((ms) => ms > 100);
    assert.ok(waits.length >= 2 && waits.every((ms) => ms <= 3000), `waits: ${clock.slept.join(',')}`);
  } finally {
    await transport.close();
    await emu.close();
  }
});
