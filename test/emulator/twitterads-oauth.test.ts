import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { computeSignature, parseAuthorizationHeader } from '../../src/emulator/twitterads/oauth-verifier.js';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { authorizationHeader, call } from './twitterads-client.js';

interface Vector {
  name: string;
  method: string;
  url: string;
  params: Record<string, string>;
  consumerSecret: string;
  tokenSecret: string;
  signature: string;
}

const vectors = (JSON.parse(readFileSync(new URL('../fixtures/oauth1-test-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors;

test('emulator signature matches the published OAuth 1.0a vectors', () => {
  assert.ok(vectors.length >= 3);
  for (const v of vectors) {
    const oauthParams = Object.fromEntries(Object.entries(v.params).filter(([k]) => k.startsWith('oauth_')));
    const params = Object.entries(v.params).filter(([k]) => !k.startsWith('oauth_'));
    const signature = computeSignature({
      method: v.method,
      baseUrl: v.url,
      params,
      oauthParams,
      consumerKey: v.params.oauth_consumer_key!,
      consumerSecret: v.consumerSecret,
      tokenSecret: v.tokenSecret,
    });
    assert.equal(signature, v.signature, v.name);
  }
});

test('Authorization header parsing decodes percent-encoded values', () => {
  const parsed = parseAuthorizationHeader('OAuth oauth_consumer_key="a%2Bb", oauth_nonce="n", oauth_signature="x%3D"');
  assert.deepEqual(parsed, { oauth_consumer_key: 'a+b', oauth_nonce: 'n', oauth_signature: 'x=' });
  assert.equal(parseAuthorizationHeader('Bearer abc'), null);
});

let emu: RunningEmulator;
before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 7 });
});
after(() => emu.close());

test('a correctly signed request gets 200', async () => {
  const res = await call(emu, '/12/accounts');
  assert.equal(res.status, 200);
  assert.equal(res.body.data.length, emu.credentials.accountIds.length);
});

test('signature covers query parameters with spaces and reserved characters', async () => {
  const res = await call(emu, `/12/accounts/${emu.credentials.accountIds[0]}/campaigns?q=${encodeURIComponent("Spring Sale - (x)!*'")}`);
  assert.equal(res.status, 200);
});

async function expect401(promise: Promise<{ status: number; body: any }>, label: string): Promise<void> {
  const res = await promise;
  assert.equal(res.status, 401, label);
  assert.equal(res.body.errors[0].code, 'UNAUTHORIZED_ACCESS', label);
}

test('bad signature, wrong secrets, unknown token/consumer, stale timestamp and missing header get 401', async () => {
  const path = '/12/accounts';
  await expect401(call(emu, path, { mutateHeader: (h) => h.replace(/oauth_signature="[^"]+"/, 'oauth_signature="AAAA"') }), 'bad signature');
  await expect401(call(emu, path, { consumerSecret: 'wrong' }), 'wrong consumer secret');
  await expect401(call(emu, path, { tokenSecret: 'wrong' }), 'wrong token secret');
  await expect401(call(emu, path, { token: '123-unknown' }), 'unknown token');
  await expect401(call(emu, path, { mutateHeader: (h) => h.replace(/oauth_consumer_key="[^"]+"/, 'oauth_consumer_key="nobody"') }), 'unknown consumer');
  await expect401(call(emu, path, { timestamp: Math.floor(Date.now() / 1000) - 600 }), 'timestamp 10 minutes old');
  const res = await fetch(`${emu.url}${path}`);
  assert.equal(res.status, 401, 'no Authorization header');
});

test('a signature for a different path or query is rejected', async () => {
  const header = authorizationHeader(emu, 'GET', `${emu.url}/12/accounts?count=5`);
  const res = await fetch(`${emu.url}/12/accounts?count=6`, { headers: { authorization: header } });
  assert.equal(res.status, 401);
});

test('a reused nonce and timestamp is rejected', async () => {
  const fixed = { nonce: 'replayednonce123', timestamp: Math.floor(Date.now() / 1000) };
  assert.equal((await call(emu, '/12/accounts', fixed)).status, 200);
  await expect401(call(emu, '/12/accounts', fixed), 'replay');
});

test('token TTL expires the access token', async () => {
  let nowMs = Date.now();
  const ttlEmu = await startTwitterAdsEmulator({ seed: 7, tokenTtlSeconds: 60, now: () => new Date(nowMs) });
  try {
    assert.equal((await call(ttlEmu, '/12/accounts')).status, 200);
    nowMs += 61_000;
    await expect401(call(ttlEmu, '/12/accounts', { timestamp: Math.floor(nowMs / 1000) }), 'expired token');
  } finally {
    await ttlEmu.close();
  }
});

test('three-legged flow: request token, consent page, access token', async () => {
  const c = emu.credentials;
  const OAuth = (await import('oauth-1.0a')).default;
  const { hmacSha1 } = await import('./twitterads-client.js');
  const oauth = new OAuth({ consumer: { key: c.clientId, secret: c.clientSecret }, signature_method: 'HMAC-SHA1', hash_function: hmacSha1 });

  const requestUrl = `${emu.url}/oauth/request_token`;
  const callback = 'http://localhost:33333/cb';
  const reqData = { ...oauth.authorize({ url: requestUrl, method: 'POST', data: { oauth_callback: callback } }) };
  const reqHeader = oauth.toHeader(reqData as OAuth.Authorization).Authorization.replace('OAuth ', `OAuth oauth_callback="${encodeURIComponent(callback)}", `);
  const r1 = await fetch(requestUrl, { method: 'POST', headers: { authorization: reqHeader } });
  assert.equal(r1.status, 200, await r1.clone().text());
  const requestToken = new URLSearchParams(await r1.text());
  assert.equal(requestToken.get('oauth_callback_confirmed'), 'true');
  const token = requestToken.get('oauth_token')!;
  const tokenSecret = requestToken.get('oauth_token_secret')!;

  const page = await fetch(`${emu.url}/oauth/authorize?oauth_token=${encodeURIComponent(token)}`);
  assert.match(await page.text(), /Authorize app/);
  const consent = await fetch(`${emu.url}/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ oauth_token: token, action: 'allow' }).toString(),
    redirect: 'manual',
  });
  assert.equal(consent.status, 302);
  const location = new URL(consent.headers.get('location')!);
  assert.equal(location.origin + location.pathname, callback);
  const verifier = location.searchParams.get('oauth_verifier')!;

  const accessUrl = `${emu.url}/oauth/access_token`;
  const accessData = oauth.authorize({ url: accessUrl, method: 'POST', data: { oauth_verifier: verifier } }, { key: token, secret: tokenSecret });
  const r3 = await fetch(accessUrl, {
    method: 'POST',
    headers: { authorization: oauth.toHeader(accessData).Authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ oauth_verifier: verifier }).toString(),
  });
  assert.equal(r3.status, 200, await r3.clone().text());
  const access = new URLSearchParams(await r3.text());
  const res = await call(emu, '/12/accounts', { token: access.get('oauth_token')!, tokenSecret: access.get('oauth_token_secret')! });
  assert.equal(res.status, 200);
});
