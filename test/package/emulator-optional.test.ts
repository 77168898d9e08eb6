/**
 * The library alone never loads the emulator (issue 14.8, 15.2): its code is reached only through
 * dynamic imports taken when Emulator=true. Checked twice: statically, over the import graph of
 * each entry, and at run time, by recording every module a real query loads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ENTRIES = ['src/index.ts', 'src/providers/twitterads/index.ts', 'src/providers/instagram/index.ts'];

/** Value imports and re-exports (not `import type`, not dynamic `import()`), resolved to files or package names. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const statement = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm;
  for (const match of text.matchAll(statement)) {
    const specifier = match[1]!;
    found.push(specifier.startsWith('.') ? resolve(dirname(file), specifier.replace(/\.js$/, '.ts')) : specifier);
  }
  return found;
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [join(root, entry)];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (next.startsWith('/')) stack.push(...staticImports(next));
  }
  return seen;
}

test('no library entry statically reaches src/emulator or a package only the emulator uses', () => {
  for (const entry of ENTRIES) {
    const graph = [...reachable(entry)];
    assert.ok(graph.some((f) => f.endsWith('src/connection/sql-connection.ts')) || entry === 'src/index.ts', `${entry}: the graph walk follows imports`);
    assert.deepEqual(graph.filter((f) => f.includes('/src/emulator/')), [], `${entry} reaches the emulator`);
    assert.deepEqual(graph.filter((f) => f === 'oauth-1.0a'), [], `${entry} reaches oauth-1.0a`);
  }
});

test('library entries reach only the packages a query needs (no emulator, serve or sync dependencies)', () => {
  // node-sql-parser is loaded with createRequire on first parse, so it is not in the static graph.
  const allowed = new Set(['zod', 'undici', 'lru-cache', 'p-limit', 'proper-lockfile', 'smol-toml']);
  for (const entry of ENTRIES) {
    const packages = [...reachable(entry)].filter((f) => !f.startsWith('/') && !f.startsWith('node:'));
    assert.deepEqual(packages.filter((p) => !allowed.has(p)), [], `${entry} loads a package the library does not need`);
  }
});

test('the graph check sees a static emulator import when there is one (the emulator command reaches it)', () => {
  const graph = [...reachable('src/emulator/main.ts')];
  assert.ok(graph.some((f) => f.includes('/src/emulator/twitterads/')));
  assert.ok(graph.includes('oauth-1.0a'));
});

/** Runs the child asynchronously: the emulator it queries lives in this process. */
async function loadedModules(entry: string, connectionString: string, env: Record<string, string> = {}): Promise<{ urls: string[]; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'socialsql-modules-'));
  try {
    const out = join(dir, 'modules.txt');
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'test/package/load-entry-child.ts'), join(root, entry), connectionString, out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, SOCIALSQL_CONFIG: join(dir, 'none.toml'), ...env },
    });
    const { rows } = JSON.parse(result.stdout) as { rows: number };
    return { urls: readFileSync(out, 'utf8').trim().split('\n'), rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a query through socialsql/twitterads against a BaseURL server loads no emulator module; Emulator=true does', async () => {
  const emulator = await startTwitterAdsEmulator({ port: 0, seed: 3 });
  try {
    const c = emulator.credentials;
    // The credentials travel as SOCIALSQL_* variables, so the connection string names no secret.
    const live = await loadedModules('src/providers/twitterads/index.ts', `BaseURL=${emulator.url}`, {
      SOCIALSQL_OAUTHCLIENTID: c.clientId,
      SOCIALSQL_OAUTHCLIENTSECRET: c.clientSecret,
      SOCIALSQL_OAUTHACCESSTOKEN: c.accessToken,
      SOCIALSQL_OAUTHACCESSTOKENSECRET: c.accessTokenSecret,
    });
    assert.ok(live.rows > 0);
    assert.ok(live.urls.some((u) => u.includes('/src/providers/twitterads/client.ts')), 'the recorder sees provider modules');
    assert.deepEqual(live.urls.filter((u) => u.includes('/src/emulator/') || u.includes('oauth-1.0a')), []);

    const emulated = await loadedModules('src/providers/twitterads/index.ts', 'Emulator=true');
    assert.ok(emulated.rows > 0);
    assert.ok(emulated.urls.some((u) => u.includes('/src/emulator/twitterads/server.ts')));
  } finally {
    await emulator.close();
  }
});

test('a query through socialsql/instagram against a BaseURL server loads no emulator module', async () => {
  const emulator = await startInstagramEmulator({ port: 0, seed: 3 });
  try {
    const c = emulator.credentials;
    const live = await loadedModules('src/providers/instagram/index.ts', `BaseURL=${emulator.url};OAuthClientId=${c.clientId}`, {
      SOCIALSQL_OAUTHCLIENTSECRET: c.clientSecret,
      SOCIALSQL_OAUTHACCESSTOKEN: c.accessToken,
    });
    assert.ok(live.rows > 0);
    assert.deepEqual(live.urls.filter((u) => u.includes('/src/emulator/')), []);
  } finally {
    await emulator.close();
  }
});
