/**
 * src/auth/instagram-login.ts against a fake of Instagram's token endpoints: the exact requests
 * (a form POST for the code, ig_exchange_token for the long-lived token), both documented answer
 * shapes of the code exchange, and errors that name the step with every secret masked.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { OAuthEndpointError } from '../../src/auth/oauth-endpoint-error.js';
import { exchangeInstagramCode, exchangeInstagramLongLived, instagramAuthorizationUrl } from '../../src/auth/instagram-login.js';
import { createTransport, type Transport } from '../../src/http/transport.js';
import { json, scriptedServer, type ScriptedServer } from '../http/scripted-server.js';

const CLIENT_ID = '990602627938098';
const SECRET = 'ig-app-secret-5c4b3a';
const REDIRECT = 'http://localhost:33333/cb';
const CODE = 'AQBcode-77xyz';
const SHORT = 'IGAAshort-1111';
const LONG = 'IGAAlong-2222';

let server: ScriptedServer;
let transport: Transport;
/** What the next code exchange answers: Business Login's data array, or the older flat object. */
let codeShape: 'data' | 'flat' = 'data';

before(async () => {
  server = await scriptedServer((_req, res, received) => {
    const url = new URL(received.url, 'http://fake');
    if (received.method === 'POST' && url.pathname === '/oauth/access_token') {
      const form = new URLSearchParams(received.body);
      if (form.get('client_secret') !== SECRET) return json(res, 400, { error_type: 'OAuthException', code: 400, error_message: `Error validating client secret ${form.get('client_secret')}` });
      if (form.get('code') !== CODE) return json(res, 400, { error_type: 'OAuthException', code: 400, error_message: `Matching code ${form.get('code')} was not found or was already used` });
      const permissions = 'instagram_business_basic,instagram_business_manage_insights';
      // The older answer's user_id is a bare 17-digit number, beyond a double's exact range (…219 would read as …220).
      return codeShape === 'data'
        ? json(res, 200, { data: [{ access_token: SHORT, user_id: '17841405793187219', permissions }] })
        : json(res, 200, `{"access_token":"${SHORT}","user_id":17841405793187219,"permissions":"${permissions}"}`);
    }
    if (received.method === 'GET' && url.pathname === '/access_token') {
      if (url.searchParams.get('access_token') !== SHORT) {
        return json(res, 400, { error: { message: `Invalid OAuth access token ${url.searchParams.get('access_token')}`, type: 'OAuthException', code: 190, fbtrace_id: 'Ax1' } });
      }
      return json(res, 200, { access_token: LONG, token_type: 'bearer', expires_in: 5183944 });
    }
    json(res, 404, { error: { message: 'Unknown path', type: 'OAuthException', code: 2500 } });
  });
  transport = createTransport({ timeoutSeconds: 10 });
});
after(async () => {
  await transport.close();
  await server.close();
});

test('the authorization window URL: www.instagram.com/oauth/authorize with response_type=code and Business Login scopes', () => {
  const url = new URL(instagramAuthorizationUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, state: 's1' }));
  assert.equal(`${url.origin}${url.pathname}`, 'https://www.instagram.com/oauth/authorize');
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'instagram_business_basic,instagram_business_manage_comments,instagram_business_manage_insights',
    state: 's1',
  });
  const custom = new URL(instagramAuthorizationUrl({ authorizeBase: 'http://127.0.0.1:9/', clientId: CLIENT_ID, redirectUri: REDIRECT, state: 's', scope: 'instagram_business_basic, instagram_business_content_publish' }));
  assert.equal(custom.searchParams.get('scope'), 'instagram_business_basic,instagram_business_content_publish');
  assert.equal(custom.origin, 'http://127.0.0.1:9');
});

test('code → short-lived token: a form POST to api.instagram.com with grant_type=authorization_code; both answer shapes; the #_ suffix dropped', async () => {
  for (const shape of ['data', 'flat'] as const) {
    codeShape = shape;
    server.received.length = 0;
    const token = await exchangeInstagramCode({ send: transport.send, apiBase: server.url, clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT, code: `${CODE}#_` });
    assert.deepEqual(token, { accessToken: SHORT, userId: '17841405793187219', permissions: ['instagram_business_basic', 'instagram_business_manage_insights'] });
    const sent = server.received[0]!;
    assert.equal(sent.method, 'POST');
    assert.equal(sent.url, '/oauth/access_token', 'nothing in the query string');
    assert.match(String(sent.headers['content-type']), /application\/x-www-form-urlencoded/);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(sent.body)), { client_id: CLIENT_ID, client_secret: SECRET, grant_type: 'authorization_code', redirect_uri: REDIRECT, code: CODE });
  }
});

test('short → long-lived: GET graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret&access_token', async () => {
  server.received.length = 0;
  const token = await exchangeInstagramLongLived({ send: transport.send, graphBase: server.url, clientSecret: SECRET, accessToken: SHORT });
  assert.deepEqual(token, { accessToken: LONG, tokenType: 'bearer', expiresIn: 5183944 });
  const sent = new URL(server.received[0]!.url, 'http://fake');
  assert.deepEqual(Object.fromEntries(sent.searchParams), { grant_type: 'ig_exchange_token', client_secret: SECRET, access_token: SHORT });
});

test('errors name the step and the API\'s words, never the secret, the code or the token', async () => {
  await assert.rejects(exchangeInstagramCode({ send: transport.send, apiBase: server.url, clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT, code: 'AQBother-code' }), (e: unknown) => {
    assert.ok(e instanceof OAuthEndpointError);
    assert.match(e.message, /^Instagram Login code exchange failed: Matching code \S+ was not found or was already used \(HTTP 400, OAuthException, code 400\)/);
    assert.ok(!e.message.includes('AQBother-code'));
    return true;
  });
  await assert.rejects(exchangeInstagramCode({ send: transport.send, apiBase: server.url, clientId: CLIENT_ID, clientSecret: 'wrong-secret-zz9', redirectUri: REDIRECT, code: CODE }), (e: unknown) => {
    assert.ok(e instanceof OAuthEndpointError && !e.message.includes('wrong-secret-zz9'));
    return true;
  });
  await assert.rejects(exchangeInstagramLongLived({ send: transport.send, graphBase: server.url, clientSecret: SECRET, accessToken: 'IGAAexpired-9999' }), (e: unknown) => {
    assert.ok(e instanceof OAuthEndpointError);
    assert.equal(e.apiCode, '190');
    assert.match(e.message, /Instagram Login long-lived token exchange failed/);
    assert.ok(!e.message.includes('IGAAexpired-9999'));
    return true;
  });
});
