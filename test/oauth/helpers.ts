/** Shared pieces of the OAuth end-to-end tests: temp dirs, the real-browser BROWSER command, file checks. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSettingsStore, type OAuthProvider, type OAuthSettings } from '../../src/auth/settings-store.js';

export const CHROMIUM = '/usr/bin/chromium';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `socialsql-${prefix}-`));
}

/** BROWSER for openBrowser: Debian's Chromium, driven by test/auth/click-authorize.ts, clicks Authorize. */
export function clickingBrowser(): string {
  assert.ok(existsSync(CHROMIUM), `Chromium is not installed at ${CHROMIUM}; install it with: apt-get update && apt-get install -y chromium`);
  const script = fileURLToPath(new URL('../auth/click-authorize.ts', import.meta.url));
  const loader = fileURLToPath(import.meta.resolve('tsx'));
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  return [process.execPath, '--import', loader, script, '%s'].map(quote).join(' ');
}

/**
 * The settings file exists, is private (0600), and neither the secrets given nor the tokens it
 * holds (read back through the store) are in its bytes, plain or base64.
 */
export async function assertSealed(path: string, provider: OAuthProvider, clientSecret: string, extra: readonly string[] = []): Promise<OAuthSettings> {
  const saved = await openSettingsStore(path, provider, clientSecret).read();
  assert.ok(saved, 'the store reads back what was saved');
  assertNotInFile(path, [clientSecret, saved.accessToken, ...(saved.accessTokenSecret ? [saved.accessTokenSecret] : []), ...extra]);
  return saved;
}

function assertNotInFile(path: string, secrets: readonly string[]): void {
  assert.ok(existsSync(path), `${path} was written`);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const bytes = readFileSync(path);
  for (const secret of secrets) {
    assert.equal(bytes.includes(secret), false, 'a secret is in the settings file as plain text');
    assert.equal(bytes.includes(Buffer.from(secret).toString('base64')), false, 'a secret is in the settings file as base64');
  }
}

/** Runs `body` with process.env changed, then restores it. */
export async function withEnv<T>(changes: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((k) => [k, process.env[k]]));
  Object.assign(process.env, changes);
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
