import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { admin, graph } from './instagram-client.js';

test('missing, invalid and expired tokens get the real Graph errors', async () => {
  let nowMs = Date.UTC(2025, 5, 2, 12);
  const emu = await startInstagramEmulator({ seed: 3, tokenTtlSeconds: 60, now: () => new Date(nowMs) });
  try {
    const ig = emu.credentials.businessAccountId;
    const missing = await graph(emu, `/v21.0/${ig}`, { auth: 'none' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.code, 104);
    const me = await graph(emu, '/v21.0/me/accounts', { auth: 'none' });
    assert.equal(me.body.error.code, 2500);
    const invalid = await graph(emu, `/v21.0/${ig}`, { token: 'EAAGnotatoken' });
    assert.equal(invalid.body.error.code, 190);
    assert.equal(invalid.body.error.message, 'Invalid OAuth access token - Cannot parse access token');
    assert.equal((await graph(emu, `/v21.0/${ig}`, { auth: 'header' })).status, 200);
    nowMs += 61_000;
    const expired = await graph(emu, `/v21.0/${ig}`);
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error.code, 190);
    assert.equal(expired.body.error.error_subcode, 463);
    assert.equal(expired.body.error.type, 'OAuthException');
    assert.match(expired.body.error.message, /^Error validating access token: Session has expired on Monday, 02-Jun-25 05:01:00 PDT\. The current time is Monday, 02-Jun-25 05:01:01 PDT\.$/);
    assert.match(expired.headers.get('www-authenticate') ?? '', /invalid_token/);
    // The TTL is a fault setting: lifting it revives the long-lived token.
    await admin(emu, 'POST', '/__emulator/faults', { tokenTtl: null });
    assert.equal((await graph(emu, `/v21.0/${ig}`)).status, 200);
  } finally {
    await emu.close();
  }
});

test('requireAppsecretProof: missing or wrong proofs are rejected, the right one passes', async () => {
  const emu = await startInstagramEmulator({ seed: 3, requireAppsecretProof: true });
  try {
    const { accessToken, clientSecret, businessAccountId: ig } = emu.credentials;
    const missing = await graph(emu, `/v21.0/${ig}`);
    assert.equal(missing.status, 400);
    assert.deepEqual([missing.body.error.code, missing.body.error.type, missing.body.error.message], [100, 'GraphMethodException', 'API calls from the server require an appsecret_proof argument']);
    const wrong = await graph(emu, `/v21.0/${ig}`, { query: { appsecret_proof: 'ab'.repeat(32) } });
    assert.equal(wrong.body.error.message, 'Invalid appsecret_proof provided in the API argument');
    const proof = createHmac('sha256', clientSecret).update(accessToken).digest('hex');
    const ok = await graph(emu, `/v21.0/${ig}/media`, { query: { appsecret_proof: proof, limit: 2 } });
    assert.equal(ok.status, 200);
    assert.equal(new URL(ok.body.paging.next).searchParams.get('appsecret_proof'), proof, 'next links keep the proof');
    const viaHeader = await graph(emu, `/v21.0/${ig}`, { auth: 'header', query: { appsecret_proof: proof } });
    assert.equal(viaHeader.status, 200);
  } finally {
    await emu.close();
  }
});

test('throttling: usage headers, then codes 32 / 613 / 17 / 4 by route with time to regain access', async () => {
  const emu = await startInstagramEmulator({ seed: 3, rateLimit: 4 });
  try {
    const ig = emu.credentials.businessAccountId;
    const first = await graph(emu, `/v21.0/${ig}`);
    assert.deepEqual(JSON.parse(first.headers.get('x-app-usage')!), { call_count: 25, total_time: 15, total_cputime: 10 });
    const buc = JSON.parse(first.headers.get('x-business-use-case-usage')!);
    assert.deepEqual(Object.keys(buc), [ig]);
    assert.equal(buc[ig][0].type, 'instagram');
    assert.equal(buc[ig][0].call_count, 25);
    assert.equal(buc[ig][0].estimated_time_to_regain_access, 0);
    for (let i = 0; i < 3; i++) assert.equal((await graph(emu, `/v21.0/${ig}`)).status, 200);
    const read = await graph(emu, `/v21.0/${ig}/media`);
    assert.equal(read.status, 400);
    assert.equal(read.body.error.code, 32);
    assert.equal(read.body.error.is_transient, true);
    const regain = JSON.parse(read.headers.get('x-business-use-case-usage')!)[ig][0];
    assert.equal(regain.call_count, 100);
    assert.ok(regain.estimated_time_to_regain_access > 0);
    const media = (await graph(emu, `/v21.0/${ig}/media`)).body;
    assert.equal(media.error.code, 32);
    const anyMedia = '17900300000104729';
    assert.equal((await graph(emu, `/v21.0/${anyMedia}/insights`, { query: { metric: 'reach' } })).body.error.code, 613);
    assert.equal((await graph(emu, `/v21.0/${anyMedia}/comments`, { method: 'POST', query: { message: 'hi' } })).body.error.code, 17);
    // /me/accounts is outside the Instagram use case: governed by the app window (4 calls used) → code 4.
    const pages = await graph(emu, '/v21.0/me/accounts');
    assert.equal(pages.body.error.code, 4);
    assert.equal(JSON.parse(pages.headers.get('x-app-usage')!).call_count, 100);
    await admin(emu, 'POST', '/__emulator/reset');
    assert.equal((await graph(emu, '/v21.0/me/accounts')).status, 200);
  } finally {
    await emu.close();
  }
});

test('admin: stats by route template, faults at run time', async () => {
  const emu = await startInstagramEmulator({ seed: 3 });
  try {
    const ig = emu.credentials.businessAccountId;
    await graph(emu, `/v21.0/${ig}/media`);
    await graph(emu, `/v21.0/${ig}/media`, { auth: 'none' });
    await graph(emu, '/v21.0/me/accounts');
    const { busyMs, busyMsByRoute, ...counts } = await admin(emu, 'GET', '/__emulator/stats');
    assert.ok(busyMs > 0);
    assert.deepEqual(Object.keys(busyMsByRoute).sort(), ['GET /v21.0/:ig_user_id/media', 'GET /v21.0/me/accounts']);
    assert.deepEqual(counts, {
      requests: 3,
      byRoute: { 'GET /v21.0/:ig_user_id/media': 2, 'GET /v21.0/me/accounts': 1 },
      batchedRequests: 0,
    });
    await admin(emu, 'POST', '/__emulator/faults', { failRate: 1 });
    const failed = await graph(emu, `/v21.0/${ig}`);
    assert.ok(failed.status >= 500);
    assert.ok([1, 2].includes(failed.body.error.code));
    assert.equal(failed.body.error.is_transient, true);
    await admin(emu, 'POST', '/__emulator/faults', { failRate: 0, truncateRate: 1 });
    const cut = await graph(emu, `/v21.0/${ig}`);
    assert.equal(typeof cut.body, 'string');
    await admin(emu, 'POST', '/__emulator/reset');
    assert.deepEqual(await admin(emu, 'GET', '/__emulator/stats'), { requests: 0, byRoute: {}, batchedRequests: 0, busyMs: 0, busyMsByRoute: {} });
  } finally {
    await emu.close();
  }
});
