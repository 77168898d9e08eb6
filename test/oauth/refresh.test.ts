/**
 * Token lifetimes across processes: two processes that need a refresh at once make one between them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSettingsStore } from '../../src/auth/settings-store.js';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { connect } from '../../src/providers/instagram/index.js';
import { submitConsent } from '../auth/consent-form.js';
import { tempDir } from './helpers.js';

const CALLBACK = 'http://localhost:33333/callback';

async function statsOf(url: string): Promise<Record<string, number>> {
  return ((await (await fetch(`${url}/__emulator/stats`)).json()) as { byRoute: Record<string, number> }).byRoute;
}

/** Authorizes the app on the emulator as a user would and returns the redirect's code. */
async function codeFrom(emulatorUrl: string, app: string): Promise<string> {
  const conn = await connect(`${app};BaseURL=${emulatorUrl}`);
  const [auth] = (await conn.query(`EXEC GetOAuthAuthorizationURL @CallbackURL = '${CALLBACK}'`)).rows;
  await conn.close();
  return new URL(await submitConsent(auth!.URL as string)).searchParams.get('code')!;
}

// A token that expires in the middle of a multi-page query: test/oauth/token-renewal.test.ts, on an injected clock.

test('two processes that need a refresh at once make exactly one', { timeout: 60_000 }, async () => {
  const emulator = await startInstagramEmulator({ port: 0, seed: 42 });
  try {
    const { clientId, clientSecret } = emulator.credentials;
    const app = `OAuthClientId=${clientId};OAuthClientSecret=${clientSecret}`;
    const settings = join(tempDir('ig-two'), 'OAuthSettings.txt');
    const code = await codeFrom(emulator.url, app);
    const first = await connect(`${app};BaseURL=${emulator.url};InitiateOAuth=REFRESH;OAuthVerifier=${code};CallbackURL=${CALLBACK};OAuthSettingsLocation=${settings}`);
    await first.close();
    // Age the saved token so both processes find it in its last tenth of life.
    const store = openSettingsStore(settings, 'instagram', clientSecret);
    await store.update(async (current) => current && { ...current, obtainedAt: Date.now() - 10 * 86_400_000, expiresAt: Date.now() + 3_600_000 });
    const before = (await statsOf(emulator.url))['GET /refresh_access_token'] ?? 0;

    const child = fileURLToPath(new URL('./refresh-child.ts', import.meta.url));
    const loader = fileURLToPath(import.meta.resolve('tsx'));
    const cs = `${app};BaseURL=${emulator.url};InitiateOAuth=REFRESH;OAuthSettingsLocation=${settings}`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', loader, child, cs], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => (out += d));
        p.stderr.on('data', (d: Buffer) => (err += d));
        p.on('exit', (status) => (status === 0 ? resolve(out.trim()) : reject(new Error(`child failed (${status}): ${err}`))));
      });
    const [a, b] = await Promise.all([run(), run()]);
    assert.equal(a, '1');
    assert.equal(b, '1');
    assert.equal(((await statsOf(emulator.url))['GET /refresh_access_token'] ?? 0) - before, 1);
    const saved = await store.read();
    assert.ok(saved && saved.expiresAt! > Date.now() + 86_400_000, 'the refreshed long-lived token is saved');
  } finally {
    await emulator.close();
  }
});
