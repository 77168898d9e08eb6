/**
 * The flows of the CData connection documents that run without a local browser: the web flow
 * through EXEC, headless option 1 (OAuthVerifier on the headless machine) and option 2 (copy the
 * settings file), and REFRESH reusing a saved file.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AuthError } from '../../src/errors.js';
import { startInstagramEmulator, type RunningInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { startTwitterAdsEmulator, type RunningEmulator } from '../../src/emulator/twitterads/index.js';
import { connect as connectInstagram } from '../../src/providers/instagram/index.js';
import { connect as connectTwitter } from '../../src/providers/twitterads/index.js';
import { submitConsent } from '../auth/consent-form.js';
import { assertSealed, tempDir } from './helpers.js';

let twitter: RunningEmulator;
let instagram: RunningInstagramEmulator;
before(async () => {
  twitter = await startTwitterAdsEmulator({ port: 0, seed: 31 });
  instagram = await startInstagramEmulator({ port: 0, seed: 31 });
});
after(async () => {
  await twitter.close();
  await instagram.close();
});

const twitterApp = () => `OAuthClientId=${twitter.credentials.clientId};OAuthClientSecret=${twitter.credentials.clientSecret};BaseURL=${twitter.url}`;
const instagramApp = () => `OAuthClientId=${instagram.credentials.clientId};OAuthClientSecret=${instagram.credentials.clientSecret};BaseURL=${instagram.url}`;
const CALLBACK = 'http://localhost:33333/callback';

/** The user's part: open the URL, click Authorize, land on the callback. Returns the callback's query. */
async function authorize(url: string): Promise<URLSearchParams> {
  return new URL(await submitConsent(url)).searchParams;
}

test('Twitter Ads web flow: GetOAuthAuthorizationURL, authorize, GetOAuthAccessToken, then query with the tokens', async () => {
  const app = await connectTwitter(twitterApp());
  const [auth] = (await app.query(`EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}', @AuthMode = 'WEB'`)).rows;
  const callback = await authorize(auth!.URL as string);
  assert.equal(callback.get('oauth_token'), (auth!.AuthToken as string));
  const [tokens] = (await app.query('EXEC GetOAuthAccessToken AuthMode = ?, Verifier = ?, AuthToken = ?, AuthKey = ?', ['WEB', callback.get('oauth_verifier')!, (auth!.AuthToken as string), (auth!.AuthKey as string)])).rows;
  await app.close();
  const conn = await connectTwitter(`${twitterApp()};OAuthAccessToken=${tokens!.OAuthAccessToken};OAuthAccessTokenSecret=${tokens!.OAuthAccessTokenSecret}`);
  assert.ok((await conn.query('SELECT Id FROM Accounts')).rows.length > 0);
  await conn.close();
});

test('a wrong verifier or request token is rejected with AuthError', async () => {
  const app = await connectTwitter(twitterApp());
  const [auth] = (await app.query(`EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}'`)).rows;
  await authorize(auth!.URL as string);
  await assert.rejects(app.query('EXEC GetOAuthAccessToken @Verifier = ?, @AuthToken = ?, @AuthKey = ?', ['not-the-verifier', (auth!.AuthToken as string), (auth!.AuthKey as string)]), AuthError);
  await assert.rejects(app.query('EXEC GetOAuthAccessToken @Verifier = ?, @AuthToken = ?, @AuthKey = ?', ['x', 'not-a-token', 'y']), AuthError);
  await assert.rejects(app.query('EXEC GetOAuthAccessToken @AuthToken = ?', ['x']), /needs @Verifier/);
  await app.close();
});

test('Instagram web flow: the URL, the code, a long-lived token; a wrong code is rejected', async () => {
  const app = await connectInstagram(instagramApp());
  const [auth] = (await app.query(`EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}', @State = 'xyz'`)).rows;
  const callback = await authorize(auth!.URL as string);
  assert.equal(callback.get('state'), 'xyz');
  const [tokens] = (await app.query(`EXEC GetOAuthAccessToken @AuthMode = 'WEB', @Verifier = ?, @CallbackURL = '${CALLBACK}'`, [callback.get('code')])).rows;
  assert.ok((tokens!.ExpiresIn as number) > 86_400 * 50, 'a long-lived token');
  await assert.rejects(app.query(`EXEC GetOAuthAccessToken @Verifier = 'wrong-code', @CallbackURL = '${CALLBACK}'`), AuthError);
  await app.close();
  const conn = await connectInstagram(`${instagramApp()};OAuthAccessToken=${tokens!.OAuthAccessToken}`);
  assert.equal((await conn.query('SELECT Id FROM Accounts')).rows.length, 1);
  const [refreshed] = (await conn.query('EXEC RefreshOAuthAccessToken')).rows;
  assert.notEqual(refreshed!.OAuthAccessToken, tokens!.OAuthAccessToken);
  assert.equal((await conn.query('SELECT Id FROM Accounts')).rows.length, 1, 'the connection uses the refreshed token');
  await conn.close();
});

test('headless option 1, Twitter Ads: the verifier from another machine, exchanged with REFRESH; then REFRESH reuses the file', async () => {
  const browserMachine = await connectTwitter(twitterApp());
  const [auth] = (await browserMachine.query(`EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}'`)).rows;
  const verifier = (await authorize(auth!.URL as string)).get('oauth_verifier');
  await browserMachine.close();

  const settings = join(tempDir('tw-headless1'), 'OAuthSettings.txt');
  const first = await connectTwitter(`${twitterApp()};InitiateOAuth=REFRESH;OAuthVerifier=${verifier};AuthToken=${(auth!.AuthToken as string)};AuthKey=${(auth!.AuthKey as string)};OAuthSettingsLocation=${settings}`);
  assert.ok((await first.query('SELECT Id FROM Accounts')).rows.length > 0);
  await first.close();
  await assertSealed(settings, 'twitterads', twitter.credentials.clientSecret, [verifier!]);

  const later = await connectTwitter(`${twitterApp()};InitiateOAuth=REFRESH;OAuthSettingsLocation=${settings}`);
  assert.ok((await later.query('SELECT Id FROM Accounts')).rows.length > 0);
  await later.close();
});

test('headless option 1, Instagram: the code from another machine, exchanged with REFRESH', async () => {
  const browserMachine = await connectInstagram(instagramApp());
  const [auth] = (await browserMachine.query(`EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}'`)).rows;
  const code = (await authorize(auth!.URL as string)).get('code');
  await browserMachine.close();
  const settings = join(tempDir('ig-headless1'), 'OAuthSettings.txt');
  const conn = await connectInstagram(`${instagramApp()};InitiateOAuth=REFRESH;OAuthVerifier=${code};CallbackURL=${CALLBACK};OAuthSettingsLocation=${settings}`);
  assert.equal((await conn.query('SELECT Id FROM Accounts')).rows.length, 1);
  await conn.close();
  await assertSealed(settings, 'instagram', instagram.credentials.clientSecret, [code!]);
});

test('headless option 2: a settings file copied to another machine works there with the same app', async () => {
  const browserMachine = await connectInstagram(instagramApp());
  const [auth] = (await browserMachine.query(`EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}'`)).rows;
  const code = (await authorize(auth!.URL as string)).get('code');
  await browserMachine.close();
  const original = join(tempDir('ig-browser'), 'OAuthSettings.txt');
  const saver = await connectInstagram(`${instagramApp()};OAuthSettingsLocation=${original}`);
  await saver.query(`EXEC GetOAuthAccessToken @Verifier = ?, @CallbackURL = '${CALLBACK}'`, [code]);
  await saver.close();

  const headless = join(tempDir('ig-headless2'), 'copied');
  mkdirSync(headless);
  copyFileSync(original, join(headless, 'OAuthSettings.txt'));
  const conn = await connectInstagram(`${instagramApp()};InitiateOAuth=REFRESH;OAuthSettingsLocation=${join(headless, 'OAuthSettings.txt')}`);
  assert.equal((await conn.query('SELECT Id FROM Accounts')).rows.length, 1);
  await conn.close();

  await assert.rejects(
    connectInstagram(`OAuthClientId=x;OAuthClientSecret=another-apps-secret;BaseURL=${instagram.url};InitiateOAuth=REFRESH;OAuthSettingsLocation=${join(headless, 'OAuthSettings.txt')}`),
    (e: unknown) => e instanceof AuthError && /OAuthClientSecret/.test(e.message),
  );
});

test('REFRESH with nothing saved and nothing to exchange says what to do', async () => {
  const settings = join(tempDir('empty'), 'OAuthSettings.txt');
  await assert.rejects(connectTwitter(`${twitterApp()};InitiateOAuth=REFRESH;OAuthSettingsLocation=${settings}`), /found no saved tokens.*GETANDREFRESH/);
  await assert.rejects(connectInstagram(`${instagramApp()};InitiateOAuth=REFRESH;OAuthSettingsLocation=${settings}`), /found no saved token.*GETANDREFRESH/);
});
