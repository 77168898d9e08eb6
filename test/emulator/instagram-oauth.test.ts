// Drives the consent page with plain HTTP, as a browser would: GET the dialog,
// submit its form, follow the redirect to the callback, exchange the code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type RunningInstagramEmulator, startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { graph } from './instagram-client.js';

const CALLBACK = 'http://localhost:33333';

async function consent(emu: RunningInstagramEmulator, action: 'allow' | 'deny', redirectUri = CALLBACK): Promise<URL> {
  const dialog = new URL(`${emu.url}/v21.0/dialog/oauth`);
  dialog.search = new URLSearchParams({ client_id: emu.credentials.clientId, redirect_uri: redirectUri, state: 'xyz', scope: 'instagram_basic,instagram_manage_insights', response_type: 'code' }).toString();
  const page = await fetch(dialog);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<button[^>]*value="allow"[^>]*>Authorize<\/button>/);
  const action_ = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1]!, m[2]!.replace(/&amp;/g, '&'));
  form.set('action', action);
  const submitted = await fetch(`${emu.url}${action_}`, { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(submitted.status, 302);
  return new URL(submitted.headers.get('location')!);
}

const exchange = (emu: RunningInstagramEmulator, query: Record<string, string>) => graph(emu, '/v21.0/oauth/access_token', { auth: 'none', query });

test('dialog → code → token; the token works; codes are single-use', async () => {
  const emu = await startInstagramEmulator({ seed: 4, shortLivedTokens: true });
  try {
    const callback = await consent(emu, 'allow');
    assert.equal(`${callback.origin}`, CALLBACK);
    assert.equal(callback.searchParams.get('state'), 'xyz');
    const code = callback.searchParams.get('code')!;
    assert.ok(code);
    const { clientId, clientSecret } = emu.credentials;
    const token = await exchange(emu, { client_id: clientId, client_secret: clientSecret, redirect_uri: CALLBACK, code });
    assert.equal(token.status, 200);
    assert.equal(token.body.token_type, 'bearer');
    assert.equal(token.body.expires_in, 3600);
    const me = await graph(emu, '/v21.0/me/accounts', { token: token.body.access_token, query: { fields: 'instagram_business_account' } });
    assert.equal(me.status, 200);
    const reused = await exchange(emu, { client_id: clientId, client_secret: clientSecret, redirect_uri: CALLBACK, code });
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error.type, 'OAuthException');
    assert.equal(reused.body.error.error_subcode, 36009);

    const longLived = await exchange(emu, { grant_type: 'fb_exchange_token', client_id: clientId, client_secret: clientSecret, fb_exchange_token: token.body.access_token });
    assert.equal(longLived.status, 200);
    assert.equal(longLived.body.expires_in, 5183944);
    assert.equal((await graph(emu, `/v21.0/${emu.credentials.businessAccountId}`, { token: longLived.body.access_token })).status, 200);
  } finally {
    await emu.close();
  }
});

test('wrong secret, redirect mismatch, unknown client, unregistered redirect and denial', async () => {
  const emu = await startInstagramEmulator({ seed: 4 });
  try {
    const { clientId, clientSecret } = emu.credentials;
    const code = (await consent(emu, 'allow', 'http://127.0.0.1:45678/cb')).searchParams.get('code')!;
    const wrongSecret = await exchange(emu, { client_id: clientId, client_secret: 'nope', redirect_uri: 'http://127.0.0.1:45678/cb', code });
    assert.deepEqual([wrongSecret.status, wrongSecret.body.error.message, wrongSecret.body.error.code], [400, 'Error validating client secret.', 1]);
    const mismatch = await exchange(emu, { client_id: clientId, client_secret: clientSecret, redirect_uri: CALLBACK, code });
    assert.equal(mismatch.body.error.error_subcode, 36008);
    const badCode = await exchange(emu, { client_id: clientId, client_secret: clientSecret, redirect_uri: CALLBACK, code: 'AQbogus' });
    assert.equal(badCode.body.error.code, 100);
    const unknownClient = await exchange(emu, { client_id: '123', client_secret: clientSecret, redirect_uri: CALLBACK, code });
    assert.equal(unknownClient.body.error.code, 101);
    // The code survived the failed attempts.
    assert.equal((await exchange(emu, { client_id: clientId, client_secret: clientSecret, redirect_uri: 'http://127.0.0.1:45678/cb', code })).status, 200);

    const badDialog = await fetch(`${emu.url}/v21.0/dialog/oauth?client_id=999&redirect_uri=${encodeURIComponent(CALLBACK)}`);
    assert.equal(badDialog.status, 400);
    assert.match(await badDialog.text(), /Invalid App ID/);
    const blocked = await fetch(`${emu.url}/v21.0/dialog/oauth?client_id=${clientId}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`);
    assert.equal(blocked.status, 400);
    assert.match(await blocked.text(), /URL blocked/);
    const denied = await consent(emu, 'deny');
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.equal(denied.searchParams.get('error_reason'), 'user_denied');
    assert.equal(denied.searchParams.get('code'), null);
  } finally {
    await emu.close();
  }
});

test('refresh_access_token (unversioned) issues a new long-lived token; the 24 h rule only when enforced', async () => {
  const emu = await startInstagramEmulator({ seed: 4 });
  try {
    const refreshed = await graph(emu, '/refresh_access_token', { query: { grant_type: 'ig_refresh_token' } });
    assert.equal(refreshed.status, 200);
    assert.deepEqual(Object.keys(refreshed.body), ['access_token', 'token_type', 'expires_in']);
    assert.equal(refreshed.body.expires_in, 5183944);
    assert.notEqual(refreshed.body.access_token, emu.credentials.accessToken);
    assert.equal((await graph(emu, `/v21.0/${emu.credentials.businessAccountId}`, { token: refreshed.body.access_token })).status, 200);
    const badGrant = await graph(emu, '/refresh_access_token', { query: { grant_type: 'nope' } });
    assert.equal(badGrant.status, 400);
    const badToken = await graph(emu, '/refresh_access_token', { token: 'EAAGbad', query: { grant_type: 'ig_refresh_token' } });
    assert.equal(badToken.body.error.code, 190);
  } finally {
    await emu.close();
  }
  let nowMs = Date.UTC(2025, 0, 1);
  const strict = await startInstagramEmulator({ seed: 4, enforceRefreshAge: true, now: () => new Date(nowMs) });
  try {
    assert.equal((await graph(strict, '/refresh_access_token', { query: { grant_type: 'ig_refresh_token' } })).status, 400);
    nowMs += 25 * 3_600_000;
    assert.equal((await graph(strict, '/refresh_access_token', { query: { grant_type: 'ig_refresh_token' } })).status, 200);
  } finally {
    await strict.close();
  }
});

test('expired tokens cannot be exchanged; tokenTtlSeconds applies to issued tokens', async () => {
  let nowMs = Date.UTC(2025, 0, 1);
  const emu = await startInstagramEmulator({ seed: 4, tokenTtlSeconds: 30, now: () => new Date(nowMs) });
  try {
    const { clientId, clientSecret, accessToken } = emu.credentials;
    const code = (await consent(emu, 'allow')).searchParams.get('code')!;
    const token = await exchange(emu, { client_id: clientId, client_secret: clientSecret, redirect_uri: CALLBACK, code });
    assert.equal(token.body.expires_in, 30);
    nowMs += 31_000;
    const expired = await exchange(emu, { grant_type: 'fb_exchange_token', client_id: clientId, client_secret: clientSecret, fb_exchange_token: accessToken });
    assert.equal(expired.body.error.error_subcode, 463);
  } finally {
    await emu.close();
  }
});
