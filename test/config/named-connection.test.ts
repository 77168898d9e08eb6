/**
 * Named connections and SOCIALSQL_* variables end to end: the library and the CLI connect with no
 * secret in their arguments, and while a query runs no process's command line shows one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTwitterAdsEmulator, type RunningEmulator } from '../../src/emulator/twitterads/index.js';
import { connect } from '../../src/providers/twitterads/index.js';
import { connect as connectRoot } from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Setup {
  emulator: RunningEmulator;
  dir: string;
  configPath: string;
  /** The environment a user would have: the file's location and the secrets it refers to. */
  env: Record<string, string>;
}

async function setup(latencyMs = 0): Promise<Setup> {
  const emulator = await startTwitterAdsEmulator({ port: 0, seed: 11, latencyMs });
  const dir = mkdtempSync(join(tmpdir(), 'socialsql-named-'));
  const configPath = join(dir, 'connections.toml');
  const c = emulator.credentials;
  writeFileSync(
    configPath,
    `[agency-eu]\nprovider = "twitterads"\nBaseURL = "${emulator.url}"\nOAuthClientId = "${c.clientId}"\nOAuthClientSecret = "\${TW_SECRET}"\nOAuthAccessToken = "\${TW_TOKEN}"\nOAuthAccessTokenSecret = "\${TW_TOKEN_SECRET}"\nAccountId = "${c.accountIds[0]}"\n`,
    { mode: 0o600 },
  );
  return { emulator, dir, configPath, env: { SOCIALSQL_CONFIG: configPath, TW_SECRET: c.clientSecret, TW_TOKEN: c.accessToken, TW_TOKEN_SECRET: c.accessTokenSecret } };
}

async function teardown(s: Setup): Promise<void> {
  await s.emulator.close();
  rmSync(s.dir, { recursive: true, force: true });
}

/** Sets process.env for the library's default context, restoring it after. */
async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test('connect({ connection }) and the root entry use the named connection; origins show, secrets do not', async () => {
  const s = await setup();
  try {
    await withEnv({ ...s.env, SOCIALSQL_MAXROWS: '2' }, async () => {
      await using conn = await connect({ connection: 'agency-eu', Verbosity: 2 });
      const { rows } = await conn.query('SELECT Id FROM Campaigns');
      assert.equal(rows.length, 2, 'MaxRows from SOCIALSQL_MAXROWS applies');
      const props = (await conn.query("SELECT Name, Value, Source FROM sys_connection_props WHERE Name IN ('OAuthClientId', 'OAuthClientSecret', 'MaxRows', 'Verbosity', 'Timeout') LIMIT 50")).rows;
      assert.deepEqual(props, [
        { Name: 'OAuthClientId', Value: s.emulator.credentials.clientId, Source: 'connection agency-eu' },
        { Name: 'OAuthClientSecret', Value: '****', Source: 'connection agency-eu' },
        { Name: 'Timeout', Value: '60', Source: 'default' },
        { Name: 'MaxRows', Value: '2', Source: 'env SOCIALSQL_MAXROWS' },
        { Name: 'Verbosity', Value: '2', Source: 'connect() options' },
      ]);
      const listed = JSON.stringify(conn.properties());
      for (const secret of [s.env.TW_SECRET, s.env.TW_TOKEN, s.env.TW_TOKEN_SECRET]) assert.ok(!listed.includes(secret!));

      await assert.rejects(connectRoot({ connection: 'agency-us' }), /No connection named "agency-us" in .*connections\.toml\. Did you mean agency-eu\?/);
      const viaRoot = await connectRoot({ connection: 'agency-eu' });
      try {
        assert.equal((await viaRoot.query('SELECT Id FROM Accounts')).rows.length > 0, true);
      } finally {
        await viaRoot.close();
      }
    });
  } finally {
    await teardown(s);
  }
});

/** Every process's command line on this machine, as `ps` would show them. */
function allCommandLines(): string[] {
  const lines: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      // The process ended meanwhile.
    }
  }
  return lines;
}

/** Runs the CLI; once the emulator has seen a request (the query is in flight), reads every command line. */
async function commandLinesDuringQuery(s: Setup, args: string[], env: Record<string, string>): Promise<{ lines: string[]; ownLine: string; stdout: string; code: number | null }> {
  await fetch(`${s.emulator.url}/__emulator/reset`, { method: 'POST' });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let lines: string[] = [];
  let ownLine = '';
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    const stats = (await (await fetch(`${s.emulator.url}/__emulator/stats`)).json()) as { requests: number };
    if (stats.requests > 0) {
      lines = allCommandLines();
      ownLine = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const code = await exited;
  assert.equal(code, 0, stderr);
  assert.ok(ownLine.includes('src/cli/main.ts'), 'the command lines were read while the CLI was running its query');
  return { lines, ownLine, stdout, code };
}

test('ps during a CLI query with @name or with SOCIALSQL_* variables shows no secret', async () => {
  const s = await setup(400);
  try {
    const secrets = [s.env.TW_SECRET!, s.env.TW_TOKEN!, s.env.TW_TOKEN_SECRET!];
    const named = await commandLinesDuringQuery(s, ['twitterads', '@agency-eu', '-e', 'SELECT Id FROM Campaigns', '--format', 'json'], s.env);
    assert.ok(named.ownLine.includes('@agency-eu'));
    assert.ok(JSON.parse(named.stdout).length > 0);
    for (const secret of secrets) assert.deepEqual(named.lines.filter((line) => line.includes(secret)), [], 'a secret is on a command line');

    const c = s.emulator.credentials;
    const fromEnv = await commandLinesDuringQuery(s, ['twitterads', `BaseURL=${s.emulator.url};OAuthClientId=${c.clientId}`, '-e', 'SELECT Id FROM Campaigns', '--format', 'json'], {
      SOCIALSQL_CONFIG: join(s.dir, 'none.toml'),
      SOCIALSQL_OAUTHCLIENTSECRET: c.clientSecret,
      SOCIALSQL_OAUTHACCESSTOKEN: c.accessToken,
      SOCIALSQL_OAUTHACCESSTOKENSECRET: c.accessTokenSecret,
    });
    assert.ok(JSON.parse(fromEnv.stdout).length > 0);
    for (const secret of secrets) assert.deepEqual(fromEnv.lines.filter((line) => line.includes(secret)), [], 'a secret is on a command line');
  } finally {
    await teardown(s);
  }
});
