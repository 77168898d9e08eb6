/**
 * InitiateOAuth=GETANDREFRESH with no saved token: the connector listens on CallbackURL, opens
 * the consent page in a real headless Chromium (which clicks Authorize), takes the callback,
 * saves the tokens encrypted, and runs the query.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { connect as connectInstagram } from '../../src/providers/instagram/index.js';
import { connect as connectTwitter } from '../../src/providers/twitterads/index.js';
import { assertSealed, clickingBrowser, tempDir, withEnv } from './helpers.js';

test('Twitter Ads desktop flow in Chromium: authorize, save, query; the next connection reuses the file', { timeout: 120_000 }, async () => {
  const emulator = await startTwitterAdsEmulator({ port: 0, seed: 21 });
  const dir = tempDir('tw-desktop');
  const settings = join(dir, 'OAuthSettings.txt');
  const log = join(dir, 'socialsql.log');
  const { clientId, clientSecret } = emulator.credentials;
  const cs = `InitiateOAuth=GETANDREFRESH;OAuthClientId=${clientId};OAuthClientSecret=${clientSecret};CallbackURL=http://127.0.0.1:0/callback;OAuthSettingsLocation=${settings};BaseURL=${emulator.url};Logfile=${log};Verbosity=5`;
  try {
    const conn = await withEnv({ BROWSER: clickingBrowser(), CLICK_AUTHORIZE_LOG: join(dir, 'click.log') }, () => connectTwitter(cs));
    const { rows } = await conn.query('SELECT Id FROM Accounts');
    assert.ok(rows.length > 0);
    await conn.close();
    const saved = await assertSealed(settings, 'twitterads', clientSecret);
    assert.ok(saved.accessTokenSecret);
    const logText = readFileSync(log, 'utf8');
    assert.match(logText, /opening the browser/);
    for (const secret of [clientSecret, saved.accessToken, saved.accessTokenSecret!]) assert.ok(!logText.includes(secret), 'a secret is in the log');

    // No browser this time: BROWSER fails loudly, so reuse is the only way this can pass.
    const again = await withEnv({ BROWSER: '/bin/false' }, () => connectTwitter(cs));
    assert.ok((await again.query('SELECT Id FROM Accounts')).rows.length > 0);
    await again.close();
  } finally {
    await emulator.close();
  }
});

test('Instagram desktop flow in Chromium: code → short-lived → long-lived token, saved, query', { timeout: 120_000 }, async () => {
  const emulator = await startInstagramEmulator({ port: 0, seed: 21, shortLivedTokens: true });
  const dir = tempDir('ig-desktop');
  const settings = join(dir, 'OAuthSettings.txt');
  const { clientId, clientSecret } = emulator.credentials;
  const cs = `InitiateOAuth=GETANDREFRESH;OAuthClientId=${clientId};OAuthClientSecret=${clientSecret};CallbackURL=http://127.0.0.1:0/callback;OAuthSettingsLocation=${settings};BaseURL=${emulator.url}`;
  try {
    const conn = await withEnv({ BROWSER: clickingBrowser(), CLICK_AUTHORIZE_LOG: join(dir, 'click.log') }, () => connectInstagram(cs));
    const { rows } = await conn.query('SELECT Username FROM Accounts');
    assert.equal(rows.length, 1);
    await conn.close();
    await assertSealed(settings, 'instagram', clientSecret);
    const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { byRoute: Record<string, number> };
    assert.equal(stats.byRoute['GET /v24.0/oauth/access_token'], 2, 'code exchange, then the long-lived exchange');
  } finally {
    await emulator.close();
  }
});

test('Twitter Ads, GETANDREFRESH: a token rejected in the middle of a multi-page query is replaced once (browser again), no row lost or repeated', { timeout: 120_000 }, async () => {
  const emulator = await startTwitterAdsEmulator({ port: 0, seed: 22, scale: 3, latencyMs: 250 });
  const dir = tempDir('tw-expiry');
  const settings = join(dir, 'OAuthSettings.txt');
  const { clientId, clientSecret, accessToken, accessTokenSecret, accountIds } = emulator.credentials;
  try {
    const app = `OAuthClientId=${clientId};OAuthClientSecret=${clientSecret};BaseURL=${emulator.url}`;
    const baseline = await connectTwitter(`${app};OAuthAccessToken=${accessToken};OAuthAccessTokenSecret=${accessTokenSecret}`);
    const expected = (await baseline.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [accountIds[0]!])).rows.map((r) => r.Id).sort();
    await baseline.close();
    // 150+ pages of one row at 250 ms each outlive a 20-second token even on an idle machine, while 20 s
    // leaves a loaded machine's browser time to click through (request tokens live 20 s too).
    assert.ok(expected.length >= 150, 'enough pages (of 1, 250 ms each) to outlive a 20-second token');
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokenTtl: 20 }) });

    const cs = `${app};InitiateOAuth=GETANDREFRESH;CallbackURL=http://127.0.0.1:0/callback;OAuthSettingsLocation=${settings};Pagesize=1`;
    const rows = await withEnv({ BROWSER: clickingBrowser(), CLICK_AUTHORIZE_LOG: join(dir, 'click.log') }, async () => {
      const conn = await connectTwitter(cs);
      try {
        return (await conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [accountIds[0]!])).rows.map((r) => r.Id);
      } finally {
        await conn.close();
      }
    });
    assert.deepEqual([...rows].sort(), expected);
    assert.equal(new Set(rows).size, rows.length);
    const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { byRoute: Record<string, number> };
    assert.ok((stats.byRoute['POST /oauth/access_token'] ?? 0) >= 2, 'authorized at connect, and again when the token was rejected');
  } finally {
    await emulator.close();
  }
});
