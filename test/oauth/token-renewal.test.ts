/**
 * Instagram token lifetimes on an injected clock (no real waits): a saved long-lived token is
 * renewed on any connection once it is 24 hours old, so a weekly job never finds it expired; the
 * 24 hours scale with the emulator's --token-ttl; a query that pages past a token's expiry
 * refreshes it on the way, every row once.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { authorizationUrl } from '../../src/auth/oauth2-flow.js';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { createTransport } from '../../src/http/transport.js';
import type { Send } from '../../src/http/types.js';
import { silentLogger } from '../../src/log/logger.js';
import { InstagramClient } from '../../src/providers/instagram/client.js';
import { InstagramOAuth, type InstagramOAuthOptions } from '../../src/providers/instagram/oauth.js';
import { submitConsent } from '../auth/consent-form.js';

const CALLBACK = 'http://localhost:33333/callback';
const DAY = 86_400_000;
const signal = new AbortController().signal;

function manualClock() {
  let now = Date.UTC(2026, 11, 1, 9);
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

async function refreshes(url: string): Promise<number> {
  const stats = (await (await fetch(`${url}/__emulator/stats`)).json()) as { byRoute: Record<string, number> };
  return stats.byRoute['GET /refresh_access_token'] ?? 0;
}

async function setUp(emulatorOptions: Parameters<typeof startInstagramEmulator>[0], send?: (inner: Send) => Send) {
  const clock = manualClock();
  const emulator = await startInstagramEmulator({ port: 0, seed: 5, ...emulatorOptions, now: () => new Date(clock.now()) });
  const transport = createTransport({ timeoutSeconds: 10 });
  const { clientId, clientSecret } = emulator.credentials;
  const options: Omit<InstagramOAuthOptions, 'mode'> = {
    clientId,
    clientSecret,
    callbackUrl: CALLBACK,
    scope: '',
    settingsLocation: `memory://renewal-${randomBytes(6).toString('hex')}`,
    version: 'v21.0',
    dialogBase: emulator.url,
    graphBase: emulator.url,
    refreshBase: emulator.url,
    send: send ? send(transport.send) : transport.send,
    logger: silentLogger,
    now: clock.now,
  };
  const consent = authorizationUrl({ dialogBase: emulator.url, version: 'v21.0', clientId, redirectUri: CALLBACK, state: 's', scope: '' });
  const code = new URL(await submitConsent(consent)).searchParams.get('code')!;
  const first = new InstagramOAuth({ ...options, mode: 'REFRESH', verifier: code });
  await first.start();
  const me = async (token: string) => (await transport.send({ method: 'GET', url: `${emulator.url}/v21.0/me?fields=id&access_token=${token}`, signal })).status;
  return {
    clock,
    emulator,
    transport,
    options,
    first,
    me,
    /** A new connection with InitiateOAuth=REFRESH on the saved token, as a scheduled job makes. */
    job: async () => {
      const session = new InstagramOAuth({ ...options, mode: 'REFRESH' });
      await session.start();
      return session;
    },
    close: async () => {
      await transport.close();
      await emulator.close();
    },
  };
}

test('a weekly job renews its saved 60-day token each run and never finds it expired', async () => {
  const env = await setUp({ enforceRefreshAge: true });
  try {
    assert.equal(await env.me(await env.first.token()), 200);
    const statuses: number[] = [];
    for (let week = 1; week <= 12; week++) {
      env.clock.advance(7 * DAY);
      const session = await env.job();
      statuses.push(await env.me(await session.token()));
    }
    assert.deepEqual(statuses, Array(12).fill(200), 'twelve weeks, far past the 60-day lifetime, and every run had a working token');
    assert.equal(await refreshes(env.emulator.url), 12, 'one renewal per weekly run');
  } finally {
    await env.close();
  }
});

test('a token younger than 24 hours is not renewed (Graph refuses); at 24 hours it is, on any connection', async () => {
  const env = await setUp({ enforceRefreshAge: true });
  try {
    const original = await env.first.token();
    env.clock.advance(23 * 3_600_000);
    const young = await env.job();
    assert.equal(await env.me(await young.token()), 200);
    assert.equal(await refreshes(env.emulator.url), 0);
    env.clock.advance(3_600_000);
    const old = await env.job();
    assert.equal(await refreshes(env.emulator.url), 1);
    const renewed = await old.token();
    assert.notEqual(renewed, original, 'the renewed token differs from the first');
    assert.equal(await env.me(renewed), 200);
    // The connection that was already open keeps working: it adopts the renewed token when due.
    assert.equal(await env.me(await young.token()), 200);
    assert.equal(await refreshes(env.emulator.url), 1, 'the open connection adopted the saved renewal instead of renewing again');
  } finally {
    await env.close();
  }
});

test('with --token-ttl the 24 hours scale with the lifetime: a 60 s token is renewed once it is 1 s old', async () => {
  const env = await setUp({ tokenTtlSeconds: 60 });
  try {
    env.clock.advance(900);
    await env.first.token();
    assert.equal(await refreshes(env.emulator.url), 0, '0.9 s is less than a sixtieth of 60 s');
    env.clock.advance(200);
    assert.equal(await env.me(await env.first.token()), 200);
    assert.equal(await refreshes(env.emulator.url), 1);
  } finally {
    await env.close();
  }
});

test('a token that expires in the middle of a multi-page query is refreshed before it lapses; every row once', async () => {
  // Each request costs one virtual second; tokens live 4 s, so a 2-row-per-page scan outlives several.
  let clockRef: ReturnType<typeof manualClock> | undefined;
  const statuses: number[] = [];
  const ticking = (inner: Send): Send => async (request) => {
    clockRef?.advance(1000);
    const response = await inner(request);
    statuses.push(response.status);
    return response;
  };
  const env = await setUp({ tokenTtlSeconds: 4 }, ticking);
  clockRef = env.clock;
  try {
    const baselineClient = (session: InstagramOAuth, send: Send) =>
      new InstagramClient({
        baseUrl: env.emulator.url,
        version: 'v21.0',
        session,
        clientSecret: env.options.clientSecret,
        businessAccountId: env.emulator.credentials.businessAccountId,
        transport: { send, close: async () => {} },
        maxConcurrency: 1,
        maxRateLimitDelay: 60,
        cacheTtlSeconds: 0,
        pageSize: 2,
        logger: silentLogger,
        clock: { now: env.clock.now, sleep: async (ms) => env.clock.advance(ms) },
      });
    const client = baselineClient(env.first, ticking(env.transport.send));
    const ids: string[] = [];
    const call = { signal, onCall: () => {} };
    const started = env.clock.now();
    for await (const page of client.list(`/${env.emulator.credentials.businessAccountId}/media`, { fields: 'id' }, { pageSize: 2 }, call)) {
      for (const item of page) ids.push((item as { id: string }).id);
    }
    assert.ok(env.clock.now() - started > 4000, 'the scan outlived the first token (virtual time)');
    assert.ok(ids.length > 4, `several pages (${ids.length} rows)`);
    assert.equal(new Set(ids).size, ids.length, 'no row twice');
    assert.ok((await refreshes(env.emulator.url)) >= 1, 'the token was refreshed on the way');
    assert.equal(statuses.filter((s) => s === 400 || s === 401).length, 0, 'no request was refused for an expired token');

    // Every row: the same scan with a fresh token and all rows on one page.
    const fresh = await env.job();
    const all: string[] = [];
    for await (const page of baselineClient(fresh, env.transport.send).list(`/${env.emulator.credentials.businessAccountId}/media`, { fields: 'id' }, { pageSize: 100 }, call)) {
      for (const item of page) all.push((item as { id: string }).id);
    }
    assert.deepEqual([...ids].sort(), [...all].sort());
  } finally {
    await env.close();
  }
});
