/**
 * AuthScheme=InstagramLogin through the connector: graph.instagram.com requests (no
 * appsecret_proof), /me as the account, Facebook-only tables refused before any call, every
 * InitiateOAuth mode and the OAuth procedures, and the 24-hour renewal scaled by --token-ttl.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { instagramAuthorizationUrl } from '../../src/auth/instagram-login.js';
import { startInstagramEmulator, type RunningInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { ConnectionStringError, PlanError } from '../../src/errors.js';
import { createTransport } from '../../src/http/transport.js';
import { silentLogger } from '../../src/log/logger.js';
import { connect } from '../../src/providers/instagram/index.js';
import { InstagramOAuth } from '../../src/providers/instagram/oauth.js';
import { submitConsent } from '../auth/consent-form.js';

const CALLBACK = 'http://localhost:33333/callback';

interface Logged {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: Record<string, string>;
}

const requests = async (emu: RunningInstagramEmulator) => ((await (await fetch(`${emu.url}/__emulator/requests`)).json()) as Logged[]).map((r) => `${r.method} ${r.path}`);
const reset = (emu: RunningInstagramEmulator) => fetch(`${emu.url}/__emulator/reset`, { method: 'POST' });
const app = (emu: RunningInstagramEmulator) => `AuthScheme=InstagramLogin;BaseURL=${emu.url};OAuthClientId=${emu.credentials.clientId};OAuthClientSecret=${emu.credentials.clientSecret}`;

test('InitiateOAuth=OFF with an Instagram token: /me gives the account once, no appsecret_proof, EXPLAIN says so; Pages is a PlanError before any call', async () => {
  const emu = await startInstagramEmulator({ seed: 31, requireAppsecretProof: true });
  const conn = await connect(`${app(emu)};OAuthAccessToken=${emu.credentials.instagramAccessToken}`);
  try {
    const explain = (await conn.query('EXPLAIN SELECT Id FROM Media')).rows.map((r) => String(r.Detail)).join('\n');
    assert.match(explain, /the Instagram user who logged in, from \/me/);
    const { rows } = await conn.query('SELECT Username FROM Accounts');
    assert.deepEqual(rows, [{ Username: 'socialsql_demo' }]);
    assert.equal((await conn.query('SELECT COUNT(*) AS N FROM Media')).rows[0]!.N, 120);
    const log = (await (await fetch(`${emu.url}/__emulator/requests`)).json()) as Logged[];
    assert.deepEqual(log.slice(0, 2).map((r) => `${r.method} ${r.path} ${r.query.fields}`), ['GET /v24.0/me id', `GET /v24.0/${emu.credentials.businessAccountId} id,username`]);
    assert.equal(log.filter((r) => r.path === '/v24.0/me').length, 1, '/me is asked once per connection');
    assert.ok(log.every((r) => r.query.appsecret_proof === undefined), 'no appsecret_proof under Instagram Login');

    await reset(emu);
    for (const table of ['Pages', 'InstagramPages']) {
      await assert.rejects(conn.query(`SELECT * FROM ${table}`), (e: unknown) => e instanceof PlanError && /AuthScheme=InstagramLogin/.test(e.message) && /AuthScheme=OAuth/.test(e.message));
    }
    assert.deepEqual(await requests(emu), [], 'refused before any call');
  } finally {
    await conn.close();
    await emu.close();
  }
  await assert.rejects(connect(`AuthScheme=InstagramLogin;Emulator=true;AuthenticateAsPage=shop`), (e: unknown) => e instanceof ConnectionStringError && /AuthenticateAsPage needs Facebook Login/.test(e.message));
  await assert.rejects(connect('AuthScheme=TwitterLogin;Emulator=true'), (e: unknown) => e instanceof ConnectionStringError && /OAuth, FacebookLogin, InstagramLogin/.test(e.message));
});

test('EXEC GetOAuthAuthorizationURL → the Instagram window; GetOAuthAccessToken → a long-lived Instagram token; RefreshOAuthAccessToken renews it', async () => {
  const emu = await startInstagramEmulator({ seed: 32 });
  const conn = await connect(`${app(emu)};OAuthAccessToken=${emu.credentials.instagramAccessToken}`);
  try {
    const url = String((await conn.query(`EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}', @State = 'abc'`)).rows[0]!.URL);
    const parsed = new URL(url);
    assert.equal(`${parsed.origin}${parsed.pathname}`, `${emu.url}/oauth/authorize`);
    assert.deepEqual(Object.fromEntries(parsed.searchParams), {
      client_id: emu.credentials.clientId,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'instagram_business_basic,instagram_business_manage_comments,instagram_business_manage_insights',
      state: 'abc',
    });
    const code = new URL(await submitConsent(url)).searchParams.get('code')!;
    await reset(emu);
    const token = (await conn.query(`EXEC GetOAuthAccessToken @Verifier = '${code}#_', @CallbackURL = '${CALLBACK}'`)).rows[0]!;
    assert.match(String(token.OAuthAccessToken), /^IGAA/);
    assert.equal(token.ExpiresIn, 5_183_944);
    assert.deepEqual(await requests(emu), ['POST /oauth/access_token', 'GET /access_token'], 'the code (its #_ dropped), then ig_exchange_token');

    const refreshed = (await conn.query('EXEC RefreshOAuthAccessToken')).rows[0]!;
    assert.notEqual(refreshed.OAuthAccessToken, token.OAuthAccessToken);
    assert.match(String(refreshed.OAuthAccessToken), /^IGAA/);
    await reset(emu);
    assert.equal((await conn.query('SELECT Username FROM Accounts')).rows.length, 1, 'the refreshed token is in use');
  } finally {
    await conn.close();
    await emu.close();
  }
});

test('InitiateOAuth=REFRESH with OAuthVerifier exchanges the code and saves the token; the next REFRESH connection reuses it', async () => {
  const emu = await startInstagramEmulator({ seed: 33 });
  try {
    const url = instagramAuthorizationUrl({ authorizeBase: emu.url, clientId: emu.credentials.clientId, redirectUri: CALLBACK, state: 's' });
    const code = new URL(await submitConsent(url)).searchParams.get('code')!;
    const store = `memory://iglogin-${randomBytes(6).toString('hex')}`;
    const first = await connect(`${app(emu)};InitiateOAuth=REFRESH;OAuthVerifier=${code};CallbackURL=${CALLBACK};OAuthSettingsLocation=${store}`);
    assert.equal((await first.query('SELECT Username FROM Accounts')).rows.length, 1);
    await first.close();
    await reset(emu);
    const second = await connect(`${app(emu)};InitiateOAuth=REFRESH;OAuthSettingsLocation=${store}`);
    assert.equal((await second.query('SELECT Username FROM Accounts')).rows.length, 1);
    await second.close();
    const steps = await requests(emu);
    assert.ok(!steps.some((s) => s.includes('oauth') || s.includes('access_token')), `no new exchange: ${steps.join(', ')}`);
  } finally {
    await emu.close();
  }
});

test('the renewal rule is shared with Facebook Login: a saved Instagram token is refreshed once it is a sixtieth of its lifetime old (24 h of 60 days; 1 s of --token-ttl 60)', async () => {
  let now = Date.UTC(2026, 11, 1, 9);
  const emu = await startInstagramEmulator({ seed: 34, enforceRefreshAge: true, tokenTtlSeconds: 60, now: () => new Date(now) });
  const transport = createTransport({ timeoutSeconds: 10 });
  try {
    const { clientId, clientSecret } = emu.credentials;
    const code = new URL(await submitConsent(instagramAuthorizationUrl({ authorizeBase: emu.url, clientId, redirectUri: CALLBACK, state: 's' }))).searchParams.get('code')!;
    const session = new InstagramOAuth({
      mode: 'REFRESH',
      scheme: 'InstagramLogin',
      clientId,
      clientSecret,
      verifier: code,
      callbackUrl: CALLBACK,
      scope: '',
      settingsLocation: `memory://iglogin-renew-${randomBytes(6).toString('hex')}`,
      version: 'v24.0',
      dialogBase: emu.url,
      graphBase: emu.url,
      apiBase: emu.url,
      refreshBase: emu.url,
      send: transport.send,
      logger: silentLogger,
      now: () => now,
    });
    await session.start();
    const first = await session.token();
    now += 500;
    assert.equal(await session.token(), first, 'half a second old: kept');
    now += 1_000;
    const renewed = await session.token();
    assert.notEqual(renewed, first, '1.5 s old: renewed on the way');
    assert.match(renewed, /^IGAA/);
    const stats = (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { byRoute: Record<string, number> };
    assert.equal(stats.byRoute['GET /refresh_access_token'], 1);
  } finally {
    await transport.close();
    await emu.close();
  }
});
