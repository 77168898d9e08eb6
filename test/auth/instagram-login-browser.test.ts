/**
 * AuthScheme=InstagramLogin end to end in a real browser: InitiateOAuth=GETANDREFRESH with no saved
 * token opens the emulator's Instagram authorization window (www.instagram.com/oauth/authorize) in
 * Debian's Chromium, which clicks Authorize; the connector takes the code from the callback,
 * exchanges it at api.instagram.com (POST form) for a short-lived token, then for a long-lived one
 * (ig_exchange_token), saves it sealed, and queries graph.instagram.com with /me as the account.
 * Never skipped: without Chromium it fails and says how to install it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { connect } from '../../src/providers/instagram/index.js';
import { assertSealed, clickingBrowser, tempDir, withEnv } from '../oauth/helpers.js';

interface Logged {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: Record<string, string>;
}

test('Instagram Login in Chromium: authorize window → code → short-lived → long-lived token, saved; queries go to /me without appsecret_proof', { timeout: 120_000 }, async () => {
  const emulator = await startInstagramEmulator({ port: 0, seed: 23 });
  const dir = tempDir('ig-login');
  const settings = join(dir, 'OAuthSettings.txt');
  const { clientId, clientSecret, businessAccountId } = emulator.credentials;
  const cs = `AuthScheme=InstagramLogin;InitiateOAuth=GETANDREFRESH;OAuthClientId=${clientId};OAuthClientSecret=${clientSecret};CallbackURL=http://127.0.0.1:0/callback;OAuthSettingsLocation=${settings};BaseURL=${emulator.url}`;
  try {
    const conn = await withEnv({ BROWSER: clickingBrowser(), CLICK_AUTHORIZE_LOG: join(dir, 'click.log') }, () => connect(cs));
    const { rows } = await conn.query('SELECT Id, Username FROM Accounts');
    assert.deepEqual(rows, [{ Id: businessAccountId, Username: 'socialsql_demo' }]);
    await conn.close();
    const saved = await assertSealed(settings, 'instagram', clientSecret);
    assert.match(saved.accessToken, /^IGAA/, 'an Instagram Login token was saved');

    // The browser also asks for /favicon.ico: not part of the flow.
    const log = ((await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as Logged[]).filter((r) => r.path !== '/favicon.ico');
    const steps = log.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(steps.slice(0, 4), ['GET /oauth/authorize', 'POST /oauth/authorize', 'POST /oauth/access_token', 'GET /access_token'], 'window, consent, code exchange, long-lived exchange');
    const authorize = log[0]!;
    assert.equal(authorize.query.response_type, 'code');
    assert.equal(authorize.query.scope, 'instagram_business_basic,instagram_business_manage_comments,instagram_business_manage_insights');
    const exchange = log[2]!;
    assert.equal(exchange.body?.grant_type, 'authorization_code');
    assert.equal(exchange.body?.client_id, clientId);
    assert.equal(log[3]!.query.grant_type, 'ig_exchange_token');
    const graph = log.slice(4);
    assert.deepEqual(graph.map((r) => `${r.method} ${r.path}`), ['GET /v24.0/me', `GET /v24.0/${businessAccountId}`], 'the account comes from /me, not /me/accounts');
    for (const request of graph) assert.equal(request.query.appsecret_proof, undefined, 'no appsecret_proof under Instagram Login');

    // The next connection reuses the saved token: BROWSER fails loudly, so reuse is the only way this passes.
    const again = await withEnv({ BROWSER: '/bin/false' }, () => connect(cs.replace('GETANDREFRESH', 'REFRESH')));
    assert.equal((await again.query('SELECT COUNT(*) AS N FROM Media')).rows[0]!.N, 120);
    await again.close();
  } finally {
    await emulator.close();
  }
});
