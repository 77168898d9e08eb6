import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { OAuthEndpointError } from '../../src/auth/oauth-endpoint-error.js';
import { authorizationUrl, exchangeCode, exchangeForLongLived, refreshLongLived } from '../../src/auth/oauth2-flow.js';
import { createTransport, type Transport } from '../../src/http/transport.js';

const CLIENT_ID = '1234567890';
const CLIENT_SECRET = 'app-secret-9f8e7d6c5b';
const REDIRECT = 'http://localhost:33333/cb';
const CODE = 'auth-code-AQBx7';
const SHORT = 'EAAshort-token-1a2b3c';
const LONG = 'EAAlong-token-4d5e6f';
const REFRESHED = 'IGQrefreshed-token-7g8h';

/** A tiny fake of Graph's token endpoints, strict about parameters like the real ones. */
let server: Server;
let base: string;
let transport: Transport;
const requests: URL[] = [];
/** Next response override (status, body) for the error tests. */
let override: { status: number; body: string } | undefined;

const graphError = (message: string, code: number, subcode?: number) =>
  JSON.stringify({ error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AbCdEf123' } });

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(url);
    const q = url.searchParams;
    const send = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    if (override) {
      const o = override;
      override = undefined;
      return send(o.status, o.body);
    }
    if (req.method === 'GET' && url.pathname === '/v21.0/oauth/access_token') {
      if (q.get('client_id') !== CLIENT_ID || q.get('client_secret') !== CLIENT_SECRET) return send(400, graphError('Error validating client secret.', 1));
      if (q.get('grant_type') === 'fb_exchange_token') {
        if (q.get('fb_exchange_token') !== SHORT) return send(400, graphError(`Invalid OAuth access token - Cannot parse access token ${q.get('fb_exchange_token')}`, 190));
        return send(200, JSON.stringify({ access_token: LONG, token_type: 'bearer', expires_in: 5183944 }));
      }
      if (q.get('redirect_uri') !== REDIRECT) return send(400, graphError("Can't load URL: redirect_uri is not identical to the one used in the dialog", 191));
      // The real message echoes nothing, but a careless server might: the client must mask it.
      if (q.get('code') !== CODE) return send(400, graphError(`Error validating verification code ${q.get('code')}. Please make sure your redirect_uri is identical.`, 100));
      return send(200, JSON.stringify({ access_token: SHORT, token_type: 'bearer', expires_in: 3600 }));
    }
    if (req.method === 'GET' && url.pathname === '/refresh_access_token') {
      if (q.get('grant_type') !== 'ig_refresh_token') return send(400, graphError('Unsupported grant type', 100));
      if (q.get('access_token') !== LONG) return send(400, graphError('Error validating access token: Session has expired.', 190, 463));
      return send(200, JSON.stringify({ access_token: REFRESHED, token_type: 'bearer', expires_in: '5183944' }));
    }
    send(404, graphError('Unknown path', 803));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  transport = createTransport({ timeoutSeconds: 10 });
});
after(async () => {
  await transport.close();
  server.close();
});

const graph = () => ({ send: transport.send, graphBase: base, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
const ALL_SECRETS = [CLIENT_SECRET, CODE, SHORT, LONG, REFRESHED, 'wrong-code-XYZ', 'stale-token-QRS'];

function assertSafe(error: unknown): asserts error is OAuthEndpointError {
  assert.ok(error instanceof OAuthEndpointError, `expected OAuthEndpointError, got ${String(error)}`);
  assert.equal(error.code, 'AUTH');
  for (const secret of ALL_SECRETS) assert.ok(!error.message.includes(secret), `message leaks ${secret.slice(0, 6)}…: ${error.message}`);
  assert.ok(!error.message.includes(base), 'no URL in the message');
}

test('authorizationUrl: the Facebook dialog with client_id, redirect_uri, state, response_type and scope', () => {
  const url = new URL(authorizationUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, state: 'st', scope: ['instagram_basic', 'pages_show_list'] }));
  assert.equal(url.origin + url.pathname, 'https://www.facebook.com/v21.0/dialog/oauth');
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    state: 'st',
    response_type: 'code',
    scope: 'instagram_basic,pages_show_list',
  });
  const custom = new URL(authorizationUrl({ dialogBase: `${base}/`, version: '22.0', clientId: CLIENT_ID, redirectUri: REDIRECT, state: 's', scope: 'a, b' }));
  assert.equal(custom.pathname, '/v22.0/dialog/oauth');
  assert.equal(custom.searchParams.get('scope'), 'a,b');
  assert.equal(new URL(authorizationUrl({ clientId: 'c', redirectUri: REDIRECT, state: 's' })).searchParams.has('scope'), false);
});

test('code → short-lived → long-lived → refreshed', async () => {
  const short = await exchangeCode({ ...graph(), redirectUri: REDIRECT, code: CODE });
  assert.deepEqual(short, { accessToken: SHORT, tokenType: 'bearer', expiresIn: 3600 });
  const long = await exchangeForLongLived({ ...graph(), accessToken: short.accessToken });
  assert.deepEqual(long, { accessToken: LONG, tokenType: 'bearer', expiresIn: 5183944 });
  const refreshed = await refreshLongLived({ send: transport.send, refreshBase: base, accessToken: long.accessToken });
  assert.deepEqual(refreshed, { accessToken: REFRESHED, tokenType: 'bearer', expiresIn: 5183944 }, 'a numeric string expires_in is accepted');
  const paths = requests.slice(-3).map((u) => `${u.pathname}?${[...u.searchParams.keys()].sort().join(',')}`);
  assert.deepEqual(paths, [
    '/v21.0/oauth/access_token?client_id,client_secret,code,redirect_uri',
    '/v21.0/oauth/access_token?client_id,client_secret,fb_exchange_token,grant_type',
    '/refresh_access_token?access_token,grant_type',
  ]);
});

test('a wrong code: the Graph error with code and fbtrace_id, the code itself masked', async () => {
  await assert.rejects(exchangeCode({ ...graph(), redirectUri: REDIRECT, code: 'wrong-code-XYZ' }), (error: unknown) => {
    assertSafe(error);
    assert.equal(error.status, 400);
    assert.equal(error.apiCode, '100');
    assert.match(error.message, /^Instagram authorization code exchange failed: Error validating verification code \*\*\*\*\. .*\(HTTP 400, OAuthException, code 100, fbtrace_id AbCdEf123\)\.$/);
    return true;
  });
  await assert.rejects(exchangeCode({ ...graph(), redirectUri: 'http://localhost:1/other', code: CODE }), /redirect_uri is not identical.*code 191/);
  await assert.rejects(exchangeCode({ ...graph(), clientSecret: 'nope', redirectUri: REDIRECT, code: CODE }), /Error validating client secret/);
});

test('an expired token on refresh: code 190 subcode 463, a hint to authorize again, the token masked', async () => {
  await assert.rejects(exchangeForLongLived({ ...graph(), accessToken: 'stale-token-QRS' }), (error: unknown) => {
    assertSafe(error);
    assert.equal(error.apiCode, '190');
    assert.match(error.message, /Cannot parse access token \*\*\*\*/);
    return true;
  });
  await assert.rejects(refreshLongLived({ send: transport.send, refreshBase: base, accessToken: 'stale-token-QRS' }), (error: unknown) => {
    assertSafe(error);
    assert.equal(error.apiCode, '190');
    assert.equal(error.apiSubcode, '463');
    assert.match(error.message, /^Instagram token refresh failed: Error validating access token: Session has expired\. \(HTTP 400, OAuthException, code 190, subcode 463, fbtrace_id AbCdEf123\)\. The token is expired or invalid: authorize again\.$/);
    return true;
  });
});

test('unexpected bodies: 200 without a token, HTML errors, the older Instagram envelope', async () => {
  override = { status: 200, body: JSON.stringify({ token_type: 'bearer' }) };
  await assert.rejects(refreshLongLived({ send: transport.send, refreshBase: base, accessToken: LONG }), (error: unknown) => {
    assertSafe(error);
    assert.match(error.message, /answered HTTP 200 with an unexpected body \(bad fields: access_token\)/);
    return true;
  });
  override = { status: 200, body: 'not json' };
  await assert.rejects(exchangeCode({ ...graph(), redirectUri: REDIRECT, code: CODE }), /unexpected body \(bad fields: \(body\)\)/);
  override = { status: 502, body: '<html>Bad gateway</html>' };
  await assert.rejects(exchangeCode({ ...graph(), redirectUri: REDIRECT, code: CODE }), (error: unknown) => {
    assertSafe(error);
    assert.equal(error.status, 502);
    assert.match(error.message, /failed with HTTP 502 and no Graph error body/);
    return true;
  });
  override = { status: 400, body: JSON.stringify({ error_type: 'OAuthException', code: 400, error_message: `Invalid access_token=${LONG}` }) };
  await assert.rejects(refreshLongLived({ send: transport.send, refreshBase: base, accessToken: LONG }), (error: unknown) => {
    assertSafe(error);
    assert.match(error.message, /Invalid access_token=\*\*\*\* \(HTTP 400, OAuthException, code 400\)/);
    return true;
  });
});

test('network failures name the step, never the URL (which holds the secret)', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await assert.rejects(exchangeCode({ ...graph(), graphBase: deadBase, redirectUri: REDIRECT, code: CODE }), (error: unknown) => {
    assertSafe(error);
    assert.equal(error.status, 0);
    assert.match(error.message, /^Instagram authorization code exchange failed: GET \/v21\.0\/oauth\/access_token failed: /);
    assert.ok(!error.message.includes(deadBase));
    return true;
  });
});

test('defaults: graph.facebook.com for exchanges, graph.instagram.com for refresh', async () => {
  const seen: string[] = [];
  const send = async (req: { url: string }) => {
    seen.push(new URL(req.url).origin + new URL(req.url).pathname);
    return { status: 200, headers: {}, body: JSON.stringify({ access_token: 'x' }) };
  };
  await exchangeCode({ send, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT, code: CODE });
  await exchangeForLongLived({ send, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, accessToken: SHORT });
  assert.deepEqual(await refreshLongLived({ send, accessToken: LONG }), { accessToken: 'x' });
  assert.deepEqual(seen, [
    'https://graph.facebook.com/v21.0/oauth/access_token',
    'https://graph.facebook.com/v21.0/oauth/access_token',
    'https://graph.instagram.com/refresh_access_token',
  ]);
});
