import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCallbackListener } from '../../src/auth/callback-listener.js';
import { OAuthEndpointError } from '../../src/auth/oauth-endpoint-error.js';
import { getAccessToken, getRequestToken } from '../../src/auth/oauth1-flow.js';
import { oauth1Header } from '../../src/auth/oauth1-signer.js';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { ApiError, AuthError } from '../../src/errors.js';
import { createTransport, type Transport } from '../../src/http/transport.js';
import type { HttpResponse, Send } from '../../src/http/types.js';
import { submitConsent } from './consent-form.js';

let emu: RunningEmulator;
let transport: Transport;
before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 11 });
  transport = createTransport({ timeoutSeconds: 10 });
});
after(async () => {
  await transport.close();
  await emu.close();
});

const app = () => ({ send: transport.send, baseUrl: emu.url, consumerKey: emu.credentials.clientId, consumerSecret: emu.credentials.clientSecret });

function assertNoSecrets(message: string, secrets: ReadonlyArray<string>): void {
  for (const secret of secrets) assert.ok(!message.includes(secret), 'a secret leaked into the message');
}

test('desktop flow over plain HTTP: request token → consent form → callback listener → access token → signed API call', async () => {
  const listener = await startCallbackListener({ callbackUrl: 'http://127.0.0.1:0/twitter/callback' });
  try {
    const requestToken = await getRequestToken({ ...app(), callbackUrl: listener.callbackUrl });
    assert.equal(requestToken.authorizationUrl, `${emu.url}/oauth/authorize?oauth_token=${encodeURIComponent(requestToken.token)}`);
    const callback = listener.next({ oauthToken: requestToken.token }, { timeoutMs: 10_000 });
    const location = await submitConsent(requestToken.authorizationUrl);
    assert.ok(location.startsWith(listener.callbackUrl), 'redirects to our callback');
    const landing = await fetch(location); // the browser follows the redirect
    assert.equal(landing.status, 200);
    const query = await callback;
    assert.equal(query.get('oauth_token'), requestToken.token);
    const verifier = query.get('oauth_verifier');
    assert.ok(verifier);

    const access = await getAccessToken({ ...app(), token: requestToken.token, tokenSecret: requestToken.tokenSecret, verifier });
    assert.equal(access.userId, '1000000000');
    assert.equal(access.screenName, 'socialsql_demo');
    assert.notEqual(access.accessToken, emu.credentials.accessToken, 'a newly issued token');

    const url = `${emu.url}/12/accounts`;
    const header = oauth1Header('GET', url, { ...app(), token: access.accessToken, tokenSecret: access.accessTokenSecret });
    const res = await transport.send({ method: 'GET', url, headers: { authorization: header }, signal: new AbortController().signal });
    assert.equal(res.status, 200);

    // The request token is single use.
    await assert.rejects(getAccessToken({ ...app(), token: requestToken.token, tokenSecret: requestToken.tokenSecret, verifier }), AuthError);
  } finally {
    await listener.close();
  }
});

test('a wrong verifier is rejected with a clear AuthError that names no secret', async () => {
  const requestToken = await getRequestToken({ ...app(), callbackUrl: 'http://127.0.0.1:9/cb' });
  const location = await submitConsent(requestToken.authorizationUrl);
  const realVerifier = new URL(location).searchParams.get('oauth_verifier')!;
  const wrongVerifier = `${realVerifier}-wrong`;
  await assert.rejects(getAccessToken({ ...app(), token: requestToken.token, tokenSecret: requestToken.tokenSecret, verifier: wrongVerifier }), (error: unknown) => {
    assert.ok(error instanceof OAuthEndpointError);
    assert.equal(error.code, 'AUTH');
    assert.equal(error.status, 401);
    assert.equal(error.apiCode, 'UNAUTHORIZED_ACCESS');
    assert.match(error.message, /Twitter refused the OAuth access token request \(HTTP 401: UNAUTHORIZED_ACCESS: .*\)\. The verifier or request token is wrong/);
    assertNoSecrets(error.message, [wrongVerifier, realVerifier, requestToken.token, requestToken.tokenSecret, emu.credentials.clientSecret]);
    return true;
  });
});

test('an unauthorized request token (user never clicked Authorize) is rejected', async () => {
  const requestToken = await getRequestToken({ ...app(), callbackUrl: 'http://127.0.0.1:9/cb' });
  await assert.rejects(getAccessToken({ ...app(), token: requestToken.token, tokenSecret: requestToken.tokenSecret, verifier: 'guess' }), /HTTP 401/);
});

test('a wrong consumer secret fails at the request token with a hint', async () => {
  const wrongSecret = 'definitely-not-the-secret';
  await assert.rejects(getRequestToken({ ...app(), consumerSecret: wrongSecret, callbackUrl: 'http://127.0.0.1:9/cb' }), (error: unknown) => {
    assert.ok(error instanceof OAuthEndpointError);
    assert.equal(error.status, 401);
    assert.match(error.message, /Check OAuthClientId and OAuthClientSecret/);
    assertNoSecrets(error.message, [wrongSecret, emu.credentials.clientSecret]);
    return true;
  });
});

const reply = (status: number, body: string): Send => async () => ({ status, headers: {}, body }) satisfies HttpResponse;
const stubApp = (send: Send) => ({ send, consumerKey: 'ck', consumerSecret: 'cs-secret-value' });

test('responses that break the protocol are clear errors with field names, not values', async () => {
  await assert.rejects(getRequestToken({ ...stubApp(reply(200, 'oauth_token=t&oauth_token_secret=s')), callbackUrl: 'http://localhost:33333' }), /did not confirm the callback URL/);
  await assert.rejects(
    getAccessToken({ ...stubApp(reply(200, 'oauth_token=leaky-token-value')), token: 't', tokenSecret: 's', verifier: 'v' }),
    (error: unknown) => {
      assert.match((error as Error).message, /missing or empty: oauth_token_secret/);
      assert.ok(!(error as Error).message.includes('leaky-token-value'));
      return true;
    },
  );
  await assert.rejects(getRequestToken({ ...stubApp(reply(503, '<html>down</html>')), callbackUrl: 'http://localhost:33333' }), /HTTP 503\)/);
});

test('real Twitter error bodies (numeric codes) and network failures', async () => {
  await assert.rejects(
    getRequestToken({ ...stubApp(reply(401, '{"errors":[{"code":32,"message":"Could not authenticate you."}]}')), callbackUrl: 'http://localhost:33333' }),
    (error: unknown) => {
      assert.ok(error instanceof OAuthEndpointError);
      assert.equal(error.apiCode, '32');
      assert.match(error.message, /HTTP 401: 32: Could not authenticate you\./);
      return true;
    },
  );
  const failing: Send = async () => {
    throw new ApiError('POST /oauth/request_token failed: connect ECONNREFUSED', 0, 'NETWORK');
  };
  await assert.rejects(getRequestToken({ ...stubApp(failing), callbackUrl: 'http://localhost:33333' }), (error: unknown) => {
    assert.ok(error instanceof OAuthEndpointError);
    assert.equal(error.status, 0);
    assert.match(error.message, /Could not get a Twitter OAuth request token: POST \/oauth\/request_token failed: connect ECONNREFUSED/);
    return true;
  });
});

test('the default host is api.x.com and the callback is signed into the request', async () => {
  let seen: { url: string; authorization: string } | undefined;
  const send: Send = async (req) => {
    seen = { url: req.url, authorization: req.headers?.authorization ?? '' };
    return { status: 200, headers: {}, body: 'oauth_token=rt&oauth_token_secret=rs&oauth_callback_confirmed=true' };
  };
  const token = await getRequestToken({ ...stubApp(send), callbackUrl: 'http://localhost:33333' });
  assert.equal(seen?.url, 'https://api.x.com/oauth/request_token');
  assert.match(seen?.authorization ?? '', /oauth_callback="http%3A%2F%2Flocalhost%3A33333"/);
  assert.equal(token.authorizationUrl, 'https://api.x.com/oauth/authorize?oauth_token=rt');
});
