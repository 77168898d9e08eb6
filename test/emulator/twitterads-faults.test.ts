import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { admin, authorizationHeader, call, qs } from './twitterads-client.js';

test('--rate-limit N: the N+1th request is 429 with rate-limit headers', async () => {
  const emu = await startTwitterAdsEmulator({ seed: 2, rateLimit: 3 });
  try {
    const path = `/12/accounts/${emu.credentials.accountIds[0]}/campaigns`;
    for (let i = 0; i < 3; i++) {
      const ok = await call(emu, path);
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('x-rate-limit-limit'), '3');
      assert.equal(ok.headers.get('x-rate-limit-remaining'), String(2 - i));
      assert.equal(ok.headers.get('x-account-rate-limit-remaining'), String(2 - i));
    }
    const limited = await call(emu, path);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.errors[0].code, 'TOO_MANY_REQUESTS');
    assert.equal(limited.headers.get('x-rate-limit-remaining'), '0');
    const reset = Number(limited.headers.get('x-rate-limit-reset'));
    assert.ok(reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 15 * 60 + 1, 'reset is epoch seconds within the window');
    // Budgets are per endpoint: another endpoint still has room.
    assert.equal((await call(emu, '/12/accounts')).status, 200);
    // Reset clears rate-limit windows too.
    await admin(emu, 'POST', '/__emulator/reset');
    assert.equal((await call(emu, path)).status, 200);
  } finally {
    await emu.close();
  }
});

test('documented default budgets appear in headers', async () => {
  const emu = await startTwitterAdsEmulator({ seed: 2 });
  try {
    const account = emu.credentials.accountIds[0]!;
    const core = await call(emu, `/12/accounts/${account}/line_items`);
    assert.equal(core.headers.get('x-account-rate-limit-limit'), '10000');
    const stats = await call(emu, `/12/stats/accounts/${account}` + qs({ entity: 'ACCOUNT', entity_ids: account, start_time: '2025-05-01T00:00:00Z', end_time: '2025-05-02T00:00:00Z', granularity: 'TOTAL', metric_groups: 'ENGAGEMENT', placement: 'ALL_ON_TWITTER' }));
    assert.equal(stats.headers.get('x-rate-limit-limit'), '250');
    assert.equal(stats.headers.get('x-account-rate-limit-limit'), null);
    const unauthorized = await call(emu, '/12/accounts', { tokenSecret: 'bad' });
    assert.ok(unauthorized.headers.get('x-rate-limit-limit'), 'even a 401 carries rate-limit headers');
  } finally {
    await emu.close();
  }
});

test('admin stats count requests by route template (401s included), reset clears them', async () => {
  const emu = await startTwitterAdsEmulator({ seed: 2 });
  try {
    const account = emu.credentials.accountIds[0]!;
    await call(emu, `/12/accounts/${account}/campaigns`);
    await call(emu, `/12/accounts/${account}/campaigns` + qs({ count: 5 }));
    await call(emu, '/12/accounts', { tokenSecret: 'bad' });
    await admin(emu, 'GET', '/__emulator/stats'); // admin calls are not counted
    const stats = await admin(emu, 'GET', '/__emulator/stats');
    const { busyMs, busyMsByRoute, ...counts } = stats;
    assert.deepEqual(counts, { requests: 3, byRoute: { 'GET /12/accounts/:account_id/campaigns': 2, 'GET /12/accounts': 1 } });
    assert.ok(busyMs > 0, 'busy time is counted');
    assert.deepEqual(Object.keys(busyMsByRoute).sort(), ['GET /12/accounts', 'GET /12/accounts/:account_id/campaigns']);
    await admin(emu, 'POST', '/__emulator/reset');
    assert.deepEqual(await admin(emu, 'GET', '/__emulator/stats'), { requests: 0, byRoute: {}, busyMs: 0, busyMsByRoute: {} });
  } finally {
    await emu.close();
  }
});

test('truncate fault: a 200 with a complete but malformed JSON body', async () => {
  const emu = await startTwitterAdsEmulator({ seed: 2, truncateRate: 1 });
  try {
    const res = await call(emu, '/12/accounts');
    assert.equal(res.status, 200);
    assert.equal(typeof res.body, 'string');
    assert.throws(() => JSON.parse(res.body as string));
    assert.equal(Number(res.headers.get('content-length')), Buffer.byteLength(res.body as string));
  } finally {
    await emu.close();
  }
});

test('fail and reset faults, settable at run time through /__emulator/faults', async () => {
  const emu = await startTwitterAdsEmulator({ seed: 2 });
  try {
    const settings = await admin(emu, 'POST', '/__emulator/faults', { 'fail-rate': 1 });
    assert.equal(settings.failRate, 1);
    const failed = await call(emu, '/12/accounts');
    assert.ok(failed.status === 503 || failed.status === 500);
    assert.match(failed.body.errors[0].code, /^(SERVICE_UNAVAILABLE|INTERNAL_ERROR)$/);

    await admin(emu, 'POST', '/__emulator/faults', { failRate: 0, resetRate: 1 });
    const url = `${emu.url}/12/accounts`;
    const outcome = await new Promise<string>((resolve) => {
      const req = request(url, { headers: { authorization: authorizationHeader(emu, 'GET', url) } }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve('complete'));
        res.on('error', () => resolve('reset'));
        res.on('aborted', () => resolve('reset'));
      });
      req.on('error', () => resolve('reset'));
      req.end();
    });
    assert.equal(outcome, 'reset');

    await admin(emu, 'POST', '/__emulator/faults', { resetRate: 0, latency: 150 });
    const started = Date.now();
    assert.equal((await call(emu, '/12/accounts')).status, 200);
    assert.ok(Date.now() - started >= 140, 'latency applied');
    const { busyMsByRoute } = await admin(emu, 'GET', '/__emulator/stats');
    assert.ok(busyMsByRoute['GET /12/accounts'] < 150, 'busy time leaves the injected latency out');
    const bad = await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ failRate: 2 }) });
    assert.equal(bad.status, 400);
  } finally {
    await emu.close();
  }
});
