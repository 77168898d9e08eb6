/** The provider registry is the one list: the CLI's providers, connect() and `socialsql emulator` read it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PROVIDERS, parseArgs } from '../../src/cli/args.js';
import { loadProvider, PROVIDER_NAMES, providerTitle } from '../../src/providers/registry.js';
import { connectTo } from '../../src/providers/assemble-connection.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the CLI accepts exactly the registry providers', () => {
  assert.equal(PROVIDERS, PROVIDER_NAMES);
  for (const name of PROVIDER_NAMES) assert.equal(parseArgs([name, '-e', 'SELECT 1']).kind, 'connect');
  assert.equal(parseArgs(['facebook']).kind, 'usage-error');
});

test('each registry entry describes its provider: name, catalog, properties, and a connection through the generic connect', async () => {
  const catalogs: string[] = [];
  for (const name of PROVIDER_NAMES) {
    const provider = await loadProvider(name);
    assert.equal(provider.name, name);
    assert.ok(providerTitle(name).length > 0);
    assert.ok(provider.properties.some((p) => p.name === 'Emulator'));
    const conn = await connectTo(provider, 'Emulator=true', { env: {} });
    try {
      const { rows } = await conn.query('SELECT DISTINCT CatalogName FROM sys_tables');
      catalogs.push(String(rows[0]?.CatalogName));
    } finally {
      await conn.close();
    }
  }
  assert.deepEqual(catalogs, ['TwitterAds', 'Instagram']);
});

test('`socialsql emulator instagram` is served through the registry and prints its JSON line', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'emulator', 'instagram', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const [line] = await Promise.race([
      (async () => {
        for await (const l of createInterface({ input: child.stdout })) return [l];
        return [undefined];
      })(),
      new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)))),
    ]);
    const first = JSON.parse(line!) as Record<string, unknown>;
    assert.match(String(first.url), /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(Object.keys(first).sort(), ['accessToken', 'businessAccountId', 'clientId', 'clientSecret', 'instagramAccessToken', 'url']);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('close', resolve));
  }
});
