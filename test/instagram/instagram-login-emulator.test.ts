/**
 * The emulator serves Instagram Login beside Facebook Login, as Meta documents it: the authorization
 * window, the api.instagram.com code exchange (form POST, {"data":[{access_token,user_id,permissions}]}),
 * ig_exchange_token and ig_refresh_token, /me as the Instagram user; codes and tokens of one scheme
 * are refused by the other's endpoints; Facebook-only routes refuse Instagram tokens.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { submitConsent } from '../auth/consent-form.js';
import { graph } from '../emulator/instagram-client.js';

const REDIRECT = 'http://localhost:33333/callback';
const SCOPE = 'instagram_business_basic,instagram_business_manage_insights';

function windowUrl(base: string, clientId: string, overrides: Record<string, string> = {}): string {
  const q = new URLSearchParams({ client_id: clientId, redirect_uri: REDIRECT, response_type: 'code', scope: SCOPE, state: 'st4te', ...overrides });
  return `${base}/oauth/authorize?${q.toString()}`;
}

test('Instagram Login: window → code (#_) → short-lived token with user_id and permissions → long-lived → /me is the Instagram user', async () => {
  let nowMs = Date.UTC(2026, 11, 1, 12);
  const emu = await startInstagramEmulator({ seed: 7, enforceRefreshAge: true, now: () => new Date(nowMs) });
  try {
    const { clientId, clientSecret, businessAccountId } = emu.credentials;
    const location = await submitConsent(windowUrl(emu.url, clientId));
    assert.ok(location.endsWith('#_'), 'Instagram appends #_ to the redirect');
    const redirect = new URL(location);
    assert.equal(redirect.searchParams.get('state'), 'st4te');
    const code = redirect.searchParams.get('code')!;

    const form = { client_id: clientId, client_secret: clientSecret, grant_type: 'authorization_code', redirect_uri: REDIRECT, code };
    const short = await graph(emu, '/oauth/access_token', { method: 'POST', auth: 'none', form });
    assert.equal(short.status, 200);
    assert.equal(short.body.data.length, 1);
    assert.equal(short.body.data[0].user_id, businessAccountId);
    assert.equal(short.body.data[0].permissions, SCOPE);
    const shortToken: string = short.body.data[0].access_token;
    assert.match(shortToken, /^IGAA/);
    const reused = await graph(emu, '/oauth/access_token', { method: 'POST', auth: 'none', form });
    assert.deepEqual(reused.body, { error_type: 'OAuthException', code: 400, error_message: 'Matching code was not found or was already used' });

    const long = await graph(emu, '/access_token', { token: shortToken, query: { grant_type: 'ig_exchange_token', client_secret: clientSecret } });
    assert.equal(long.status, 200);
    assert.equal(long.body.token_type, 'bearer');
    assert.equal(long.body.expires_in, 5_183_944);
    const longToken: string = long.body.access_token;

    const me = await graph(emu, '/v24.0/me', { token: longToken, query: { fields: 'id,username' } });
    assert.deepEqual(me.body, { id: businessAccountId, username: 'socialsql_demo' });
    const media = await graph(emu, '/v24.0/me/media', { token: longToken, auth: 'header' });
    assert.equal(media.status, 200);
    assert.ok(media.body.data.length > 0);

    // The 24-hour rule: refused at 23 h, accepted at 24 h.
    nowMs += 23 * 3_600_000;
    const early = await graph(emu, '/refresh_access_token', { token: longToken, query: { grant_type: 'ig_refresh_token' } });
    assert.equal(early.status, 400);
    assert.match(early.body.error.message, /at least 24 hours old/);
    nowMs += 3_600_000;
    const refreshed = await graph(emu, '/v24.0/refresh_access_token', { token: longToken, query: { grant_type: 'ig_refresh_token' } });
    assert.equal(refreshed.status, 200);
    assert.match(refreshed.body.access_token, /^IGAA/, 'a refreshed Instagram token is still an Instagram token');
  } finally {
    await emu.close();
  }
});

test('the schemes keep apart: codes and tokens of one are refused by the other; Facebook-only routes refuse Instagram tokens', async () => {
  const emu = await startInstagramEmulator({ seed: 8 });
  try {
    const { clientId, clientSecret, accessToken, instagramAccessToken } = emu.credentials;
    // A Facebook Login code at api.instagram.com, an Instagram code at graph.facebook.com.
    const fbDialog = `${emu.url}/v24.0/dialog/oauth?${new URLSearchParams({ client_id: clientId, redirect_uri: REDIRECT, state: 's', response_type: 'code' })}`;
    const fbCode = new URL(await submitConsent(fbDialog)).searchParams.get('code')!;
    const igCode = new URL(await submitConsent(windowUrl(emu.url, clientId))).searchParams.get('code')!;
    const atInstagram = await graph(emu, '/oauth/access_token', { method: 'POST', auth: 'none', form: { client_id: clientId, client_secret: clientSecret, grant_type: 'authorization_code', redirect_uri: REDIRECT, code: fbCode } });
    assert.equal(atInstagram.body.error_message, 'Matching code was not found or was already used');
    const atFacebook = await graph(emu, '/v24.0/oauth/access_token', { auth: 'none', query: { client_id: clientId, client_secret: clientSecret, redirect_uri: REDIRECT, code: igCode } });
    assert.equal(atFacebook.status, 400);
    assert.equal(atFacebook.body.error.code, 100);
    assert.match(atFacebook.body.error.message, /Invalid verification code format/);

    // A Facebook token cannot be exchanged with ig_exchange_token, nor an Instagram token with fb_exchange_token.
    const igExchange = await graph(emu, '/access_token', { token: accessToken, query: { grant_type: 'ig_exchange_token', client_secret: clientSecret } });
    assert.equal(igExchange.body.error.code, 190);
    const fbExchange = await graph(emu, '/v24.0/oauth/access_token', { auth: 'none', query: { grant_type: 'fb_exchange_token', client_id: clientId, client_secret: clientSecret, fb_exchange_token: instagramAccessToken } });
    assert.equal(fbExchange.body.error.code, 190);

    // Pages and Facebook users are graph.facebook.com's.
    const pages = await graph(emu, '/v24.0/me/accounts', { token: instagramAccessToken });
    assert.equal(pages.status, 400);
    assert.deepEqual({ type: pages.body.error.type, code: pages.body.error.code }, { type: 'IGApiException', code: 100 });
    const discovery = await graph(emu, `/v24.0/${emu.credentials.businessAccountId}`, { token: instagramAccessToken, query: { fields: 'business_discovery.username(other)' } });
    assert.equal(discovery.status, 400);
    // The same account through Facebook Login still works.
    assert.equal((await graph(emu, '/v24.0/me/accounts', { token: accessToken })).status, 200);
  } finally {
    await emu.close();
  }
});

test('the authorization window checks the app, the redirect and the Business Login scopes', async () => {
  const emu = await startInstagramEmulator({ seed: 9 });
  try {
    const { clientId } = emu.credentials;
    const cases: Array<[Record<string, string>, string]> = [
      [{ client_id: '42' }, 'Invalid platform app'],
      [{ redirect_uri: 'https://evil.example/cb' }, 'Invalid redirect_uri'],
      [{ scope: 'business_basic' }, 'Invalid Scopes: business_basic'],
      [{ scope: 'instagram_business_basic,pages_show_list' }, 'Invalid Scopes: pages_show_list'],
      [{ scope: 'instagram_business_manage_comments' }, 'Invalid Scopes: instagram_business_basic is required'],
    ];
    for (const [overrides, message] of cases) {
      const answer = await graph(emu, windowUrl(emu.url, clientId, overrides), { auth: 'none' });
      assert.equal(answer.status, 400, message);
      assert.deepEqual(answer.body, { error_type: 'OAuthException', code: 400, error_message: message });
    }
    const denied = new URL(await submitConsent(windowUrl(emu.url, clientId), 'Cancel'));
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.equal(denied.searchParams.get('error_reason'), 'user_denied');
    assert.equal(denied.searchParams.get('code'), null);
  } finally {
    await emu.close();
  }
});

test('with --token-ttl the 24-hour refresh rule scales with the lifetime (a sixtieth of it)', async () => {
  let nowMs = Date.UTC(2026, 11, 1, 12);
  const emu = await startInstagramEmulator({ seed: 10, enforceRefreshAge: true, tokenTtlSeconds: 60, now: () => new Date(nowMs) });
  try {
    const token = emu.credentials.instagramAccessToken;
    const refresh = () => graph(emu, '/refresh_access_token', { token, query: { grant_type: 'ig_refresh_token' } });
    nowMs += 500;
    assert.equal((await refresh()).status, 400, 'half a second old: too young for a 60 s token');
    nowMs += 600;
    const ok = await refresh();
    assert.equal(ok.status, 200);
    assert.equal(ok.body.expires_in, 60);
  } finally {
    await emu.close();
  }
});
