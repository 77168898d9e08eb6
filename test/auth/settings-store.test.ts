import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { defaultSettingsPath, type OAuthSettings, openSettingsStore } from '../../src/auth/settings-store.js';
import { AuthError } from '../../src/errors.js';

const CLIENT_SECRET = 'client-secret-7f3a9c1e5b';
const ACCESS_TOKEN = 'EAAG-access-token-4d2e8f0a9b7c';
const TOKEN_SECRET = 'token-secret-91b3c5d7e9';
const REFRESH_TOKEN = 'refresh-token-6a8c0e2f4b';

const workDir = mkdtempSync(join(tmpdir(), 'socialsql-store-'));
after(() => rmSync(workDir, { recursive: true, force: true }));
let counter = 0;
const freshPath = (name = 'OAuthSettings.txt') => join(workDir, `case-${++counter}`, name);

function twitterSettings(overrides: Partial<OAuthSettings> = {}): OAuthSettings {
  return { provider: 'twitterads', clientId: 'consumer-key', accessToken: ACCESS_TOKEN, accessTokenSecret: TOKEN_SECRET, obtainedAt: 1_700_000_000_000, userId: '42', ...overrides };
}

const save = (value: OAuthSettings) => async () => value;

/** Asserts an AuthError that names the file and says `what`, and leaks no secret. */
async function rejectsWithAuthError(promise: Promise<unknown>, path: string, what: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AuthError, `expected AuthError, got ${String(error)}`);
    assert.ok(error.message.includes(path), `message names the file: ${error.message}`);
    assert.match(error.message, what);
    for (const secret of [CLIENT_SECRET, ACCESS_TOKEN, TOKEN_SECRET, 'other-secret']) assert.ok(!error.message.includes(secret));
    return true;
  });
}

describe('memory:// store', () => {
  test('connections with the same name share settings; other names and providers do not', async () => {
    const a = openSettingsStore('memory://shared', 'twitterads', CLIENT_SECRET);
    const b = openSettingsStore('MEMORY://shared', 'twitterads', 'any secret');
    assert.equal(a.describe(), 'memory://shared');
    assert.equal(await a.read(), undefined);
    const saved = await a.update(save(twitterSettings()));
    assert.deepEqual(saved, twitterSettings());
    assert.deepEqual(await b.read(), twitterSettings());
    assert.equal(await openSettingsStore('memory://other', 'twitterads', CLIENT_SECRET).read(), undefined);
    assert.equal(await openSettingsStore('memory://shared', 'instagram', CLIENT_SECRET).read(), undefined);
  });

  test('returning undefined or current writes nothing; values are copies', async () => {
    const store = openSettingsStore('memory://copies', 'twitterads', CLIENT_SECRET);
    await store.update(save(twitterSettings()));
    assert.deepEqual(await store.update(async () => undefined), twitterSettings());
    const read = await store.read();
    read!.accessToken = 'mutated';
    assert.equal((await store.read())?.accessToken, ACCESS_TOKEN);
  });

  test('concurrent updates take turns: the second sees the first one\'s result', async () => {
    const store = openSettingsStore('memory://turns', 'instagram', CLIENT_SECRET);
    let refreshes = 0;
    const refreshUnlessSaved = () =>
      store.update(async (current) => {
        if (current) return current;
        refreshes++;
        await new Promise((r) => setTimeout(r, 20));
        return { provider: 'instagram', clientId: 'app', accessToken: `t${refreshes}`, obtainedAt: Date.now() };
      });
    const [x, y] = await Promise.all([refreshUnlessSaved(), refreshUnlessSaved()]);
    assert.equal(refreshes, 1);
    assert.equal(x?.accessToken, 't1');
    assert.equal(y?.accessToken, 't1');
  });
});

describe('encrypted file store', () => {
  test('round trip through a new store; file 0600, new directory 0700', async () => {
    const path = freshPath();
    const store = openSettingsStore(path, 'twitterads', CLIENT_SECRET);
    assert.equal(store.describe(), path);
    assert.equal(await store.read(), undefined);
    await store.update(save(twitterSettings({ refreshToken: REFRESH_TOKEN })));
    assert.deepEqual(await openSettingsStore(path, 'twitterads', CLIENT_SECRET).read(), twitterSettings({ refreshToken: REFRESH_TOKEN }));
    if (process.platform !== 'win32') {
      assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.equal(statSync(join(path, '..')).mode & 0o777, 0o700);
    }
    assert.ok(!existsSync(`${path}.lock`), 'lock released');
  });

  test('no token, secret or client secret is in the file bytes (nor in base64)', async () => {
    const path = freshPath();
    await openSettingsStore(path, 'twitterads', CLIENT_SECRET).update(save(twitterSettings({ refreshToken: REFRESH_TOKEN })));
    const bytes = readFileSync(path);
    for (const secret of [ACCESS_TOKEN, TOKEN_SECRET, REFRESH_TOKEN, CLIENT_SECRET]) {
      assert.equal(bytes.indexOf(secret), -1, 'plain text');
      assert.equal(bytes.indexOf(Buffer.from(secret).toString('base64').slice(0, 12)), -1, 'base64');
    }
    const envelope = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    assert.equal(envelope.format, 'socialsql-oauth-settings');
    assert.equal(envelope.version, 1);
    assert.deepEqual(Object.keys(envelope).sort(), ['cipher', 'ciphertext', 'format', 'iv', 'kdf', 'keyCheck', 'provider', 'tag', 'version']);
  });

  test('a copy on another path (another machine) reads with the same client secret', async () => {
    const path = freshPath();
    await openSettingsStore(path, 'twitterads', CLIENT_SECRET).update(save(twitterSettings()));
    const copy = freshPath('copied.txt');
    await openSettingsStore(copy, 'twitterads', CLIENT_SECRET).read(); // creates nothing
    assert.ok(!existsSync(copy));
    mkdirSync(join(copy, '..'), { recursive: true });
    copyFileSync(path, copy);
    assert.deepEqual(await openSettingsStore(copy, 'twitterads', CLIENT_SECRET).read(), twitterSettings());
  });

  test('a different client secret: clear error, and update refuses to overwrite', async () => {
    const path = freshPath();
    await openSettingsStore(path, 'twitterads', CLIENT_SECRET).update(save(twitterSettings()));
    const before = readFileSync(path);
    const other = openSettingsStore(path, 'twitterads', 'other-secret');
    await rejectsWithAuthError(other.read(), path, /different OAuthClientSecret/);
    let changeRan = false;
    await rejectsWithAuthError(
      other.update(async () => {
        changeRan = true;
        return twitterSettings({ accessToken: 'replacement' });
      }),
      path,
      /different OAuthClientSecret/,
    );
    assert.equal(changeRan, false);
    assert.deepEqual(readFileSync(path), before);
  });

  test('an altered file is corrupt; update refuses', async () => {
    const path = freshPath();
    await openSettingsStore(path, 'twitterads', CLIENT_SECRET).update(save(twitterSettings()));
    const envelope = JSON.parse(readFileSync(path, 'utf8')) as { ciphertext: string };
    const bytes = Buffer.from(envelope.ciphertext, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(path, JSON.stringify({ ...envelope, ciphertext: bytes.toString('base64') }));
    const before = readFileSync(path);
    const store = openSettingsStore(path, 'twitterads', CLIENT_SECRET);
    await rejectsWithAuthError(store.read(), path, /corrupt or was altered/);
    await rejectsWithAuthError(store.update(save(twitterSettings())), path, /corrupt or was altered/);
    assert.deepEqual(readFileSync(path), before);
  });

  test('truncated envelope fields are reported as corrupt', async () => {
    const path = freshPath();
    await openSettingsStore(path, 'twitterads', CLIENT_SECRET).update(save(twitterSettings()));
    const envelope = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    delete envelope.tag;
    writeFileSync(path, JSON.stringify(envelope));
    await rejectsWithAuthError(openSettingsStore(path, 'twitterads', CLIENT_SECRET).read(), path, /corrupt \(bad fields: tag\)/);
  });

  test('foreign files (text, other JSON, empty, newer version) get clear errors and are never overwritten', async () => {
    const cases: Array<[string, RegExp]> = [
      ['access_token=abc\n', /not a socialsql OAuth settings file \(it is not JSON\)/],
      ['{"some":"other tool"}', /not a socialsql OAuth settings file \(no "format" field/],
      ['', /it is empty/],
      ['{"format":"socialsql-oauth-settings","version":99}', /format version 99/],
    ];
    for (const [content, what] of cases) {
      const path = freshPath();
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, content);
      const store = openSettingsStore(path, 'twitterads', CLIENT_SECRET);
      await rejectsWithAuthError(store.read(), path, what);
      await rejectsWithAuthError(store.update(save(twitterSettings())), path, what);
      assert.equal(readFileSync(path, 'utf8'), content);
    }
  });

  test("another provider's file is refused", async () => {
    const path = freshPath();
    await openSettingsStore(path, 'twitterads', CLIENT_SECRET).update(save(twitterSettings()));
    await rejectsWithAuthError(openSettingsStore(path, 'instagram', CLIENT_SECRET).read(), path, /holds twitterads settings, not instagram/);
  });

  test('an existing file with loose permissions becomes 0600 on update', { skip: process.platform === 'win32' }, async () => {
    const path = freshPath();
    const store = openSettingsStore(path, 'twitterads', CLIENT_SECRET);
    await store.update(save(twitterSettings()));
    chmodSync(path, 0o644);
    await store.update(async (current) => current); // no write, still tightened
    assert.equal(statSync(path).mode & 0o777, 0o600);
    chmodSync(path, 0o644);
    await store.update(save(twitterSettings({ accessToken: 'next-token-value' })));
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  test('an invalid value from change() is rejected without writing', async () => {
    const path = freshPath();
    const store = openSettingsStore(path, 'twitterads', CLIENT_SECRET);
    await assert.rejects(store.update(async () => ({ ...twitterSettings(), accessToken: '' })), /invalid OAuth settings: accessToken/);
    await assert.rejects(store.update(async () => ({ ...twitterSettings(), provider: 'instagram' })), /for instagram given to a twitterads store/);
    assert.ok(!existsSync(path));
  });

  test('default location: XDG_CONFIG_HOME, else ~/.config', () => {
    assert.equal(defaultSettingsPath('instagram', { XDG_CONFIG_HOME: '/xdg' }), join('/xdg', 'socialsql', 'instagram', 'OAuthSettings.txt'));
    assert.match(defaultSettingsPath('twitterads', {}), /\.config[\\/]socialsql[\\/]twitterads[\\/]OAuthSettings\.txt$/);
    const store = openSettingsStore(undefined, 'twitterads', CLIENT_SECRET, { env: { XDG_CONFIG_HOME: join(workDir, 'xdg') } });
    assert.equal(store.describe(), join(workDir, 'xdg', 'socialsql', 'twitterads', 'OAuthSettings.txt'));
  });
});

const childScript = fileURLToPath(new URL('./store-child.ts', import.meta.url));

interface Child {
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  waitForLine(line: string): Promise<void>;
}

function startChild(command: string, options: object): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, command, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let buffered = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      lines.push(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
    }
    for (const waiter of waiters.splice(0)) waiter();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
  return {
    lines,
    exited,
    async waitForLine(line) {
      while (!lines.includes(line)) {
        const outcome = await Promise.race([new Promise<'line'>((r) => waiters.push(() => r('line'))), exited.then(() => 'exit' as const)]);
        if (outcome === 'exit' && !lines.includes(line)) throw new Error(`child exited before printing ${line}: ${stderr}`);
      }
    },
  };
}

describe('across processes', () => {
  test('two processes refreshing at once make exactly one refresh and end with the same token', async () => {
    const path = freshPath();
    const counterFile = join(workDir, `counter-${counter}`);
    const goFile = join(workDir, `go-${counter}`);
    writeFileSync(counterFile, '');
    // An expired token: both processes want to refresh it.
    await openSettingsStore(path, 'instagram', CLIENT_SECRET).update(
      save({ provider: 'instagram', clientId: 'app', accessToken: 'expired', obtainedAt: 0, expiresAt: Date.now() - 1000 }),
    );
    const children = [0, 1].map(() => startChild('refresh', { path, secret: CLIENT_SECRET, counterFile, goFile, delayMs: 400 }));
    await Promise.all(children.map((c) => c.waitForLine('ready')));
    writeFileSync(goFile, 'go'); // release both at the same moment
    const results = await Promise.all(children.map((c) => c.exited));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const refreshes = readFileSync(counterFile, 'utf8').trim().split('\n').filter(Boolean);
    assert.equal(refreshes.length, 1, `refreshes by pids ${refreshes.join(', ')}`);
    const tokens = children.map((c) => (JSON.parse(c.lines.at(-1)!) as { accessToken: string }).accessToken);
    assert.equal(tokens[0], `tok-${refreshes[0]}`);
    assert.equal(tokens[1], tokens[0]);
    assert.equal((await openSettingsStore(path, 'instagram', CLIENT_SECRET).read())?.accessToken, tokens[0]);
  });

  test('a crash between the temp write and the rename leaves the old file readable; the next update recovers', async () => {
    const path = freshPath();
    const store = openSettingsStore(path, 'twitterads', CLIENT_SECRET, { lockStaleMs: 2000 });
    await store.update(save(twitterSettings({ accessToken: 'old-token-value' })));
    const child = startChild('crash', { path, secret: CLIENT_SECRET, newToken: 'new-token-value' });
    const result = await child.exited;
    assert.equal(result.signal, 'SIGKILL', result.stderr);
    assert.deepEqual(child.lines, []);
    const dir = join(path, '..');
    const strays = readdirSync(dir).filter((name) => name.endsWith('.tmp'));
    assert.equal(strays.length, 1, 'the crashed writer left its temp file');
    assert.ok(existsSync(`${path}.lock`), 'and its lock');
    assert.equal((await store.read())?.accessToken, 'old-token-value');
    // The dead process's lock goes stale; the temp file is cleaned up under the lock.
    const saved = await store.update(async (current) => current && { ...current, accessToken: 'after-crash-value' });
    assert.equal(saved?.accessToken, 'after-crash-value');
    assert.equal((await openSettingsStore(path, 'twitterads', CLIENT_SECRET).read())?.accessToken, 'after-crash-value');
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), []);
  });
});
