// The desktop OAuth 1.0a flow end to end with a real browser: Debian's Chromium, driven by
// test/auth/click-authorize.ts as the BROWSER command, clicks Authorize on the emulator's consent page.
// Never skipped: without Chromium it fails and says how to install it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { openBrowser } from '../../src/auth/browser.js';
import { startCallbackListener } from '../../src/auth/callback-listener.js';
import { getAccessToken, getRequestToken } from '../../src/auth/oauth1-flow.js';
import { oauth1Header } from '../../src/auth/oauth1-signer.js';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { createTransport } from '../../src/http/transport.js';

const CHROMIUM = '/usr/bin/chromium';
const clickScript = fileURLToPath(new URL('./click-authorize.ts', import.meta.url));
// A path, not a file: URL: BROWSER separates commands with ':' (as xdg-open and Python do).
const tsxLoader = fileURLToPath(import.meta.resolve('tsx'));

/** Single-quotes one word for BROWSER's shell-like splitting. */
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

test('desktop flow in a real browser: consent page → Authorize → callback → access token → signed API call', { timeout: 120_000 }, async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium is not installed at ${CHROMIUM}; this test needs it. Install it with: apt-get update && apt-get install -y chromium`);
  const logDir = mkdtempSync(join(tmpdir(), 'socialsql-click-'));
  const log = join(logDir, 'click-authorize.log');
  const emu = await startTwitterAdsEmulator({ seed: 3 });
  const transport = createTransport({ timeoutSeconds: 10 });
  const listener = await startCallbackListener({ callbackUrl: 'http://127.0.0.1:0/callback' });
  try {
    const app = { send: transport.send, baseUrl: emu.url, consumerKey: emu.credentials.clientId, consumerSecret: emu.credentials.clientSecret };
    const requestToken = await getRequestToken({ ...app, callbackUrl: listener.callbackUrl });
    const callback = listener.next({ oauthToken: requestToken.token }, { timeoutMs: 90_000 });
    callback.catch(() => undefined);

    const browser = [process.execPath, '--import', tsxLoader, clickScript, '%s'].map(quote).join(' ');
    await openBrowser(requestToken.authorizationUrl, { ...process.env, BROWSER: browser, CLICK_AUTHORIZE_LOG: log });

    const logText = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
    // The browser runs detached with no stdio: its log tells us at once if it failed.
    let polling = true;
    const browserFailed = (async () => {
      while (polling) {
        if (logText().includes('click-authorize: failed')) throw new Error(`the browser failed:\n${logText()}`);
        await sleep(200);
      }
      return new Promise<never>(() => undefined);
    })();
    const query = await Promise.race([callback, browserFailed])
      .catch((error: unknown) => {
        throw new Error(`no callback from the browser: ${(error as Error).message}\n${logText() || '(click-authorize wrote nothing)'}`);
      })
      .finally(() => (polling = false));
    const verifier = query.get('oauth_verifier');
    assert.ok(verifier, 'the callback carries oauth_verifier');
    assert.equal(query.get('oauth_token'), requestToken.token);

    const access = await getAccessToken({ ...app, token: requestToken.token, tokenSecret: requestToken.tokenSecret, verifier });
    const url = `${emu.url}/12/accounts`;
    const authorization = oauth1Header('GET', url, { ...app, token: access.accessToken, tokenSecret: access.accessTokenSecret });
    const res = await transport.send({ method: 'GET', url, headers: { authorization }, signal: new AbortController().signal });
    assert.equal(res.status, 200);
    assert.ok((JSON.parse(res.body) as { data: unknown[] }).data.length > 0);
  } finally {
    await listener.close();
    await transport.close();
    await emu.close();
    rmSync(logDir, { recursive: true, force: true });
  }
});
