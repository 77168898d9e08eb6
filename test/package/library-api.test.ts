/**
 * The library API (DESIGN §1, issue 15.5): exports of every entry, stream() fields before the
 * first row, a program that never iterates exits, `await using`, timeout distinct from cancel.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as rootEntry from '../../src/index.js';
import * as twitterEntry from '../../src/providers/twitterads/index.js';
import * as instagramEntry from '../../src/providers/instagram/index.js';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import type { Connection, Field, Params, QueryOptions, QueryResult, Row } from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ERROR_CODES = {
  SqlSyntaxError: 'SQL_SYNTAX',
  PlanError: 'PLAN',
  ConnectionStringError: 'CONNECTION_STRING',
  AuthError: 'AUTH',
  RateLimitError: 'RATE_LIMIT',
  ApiError: 'API',
  CancelledError: 'CANCELLED',
  TimeoutError: 'TIMEOUT',
  ConfigError: 'CONFIG',
};

test('the root and both provider entries export connect and every error class with its code', () => {
  for (const entry of [rootEntry, twitterEntry, instagramEntry] as unknown as Record<string, unknown>[]) {
    assert.equal(typeof entry.connect, 'function');
    for (const [name, code] of Object.entries(ERROR_CODES)) {
      const ErrorClass = entry[name] as (new (...args: never[]) => { code: string }) | undefined;
      assert.equal(typeof ErrorClass, 'function', `${name} is exported`);
      assert.equal(Object.create(ErrorClass!.prototype).constructor, ErrorClass);
    }
  }
  assert.equal(new rootEntry.TimeoutError(5).code, 'TIMEOUT');
  assert.equal(new rootEntry.ConfigError('x').code, 'CONFIG');
  assert.equal(rootEntry.TimeoutError, twitterEntry.TimeoutError, 'one class, whichever entry it is imported from');
  assert.deepEqual(rootEntry.PROVIDER_NAMES, ['twitterads', 'instagram']);
});

test('stream().fields resolves before iterating, on the emulator; the rows follow; `await using` closes', async () => {
  let closed: Connection;
  {
    await using conn = await twitterEntry.connect({ Emulator: true });
    closed = conn;
    const stream = conn.stream('SELECT Id, Name, EntityStatus FROM Campaigns LIMIT 3');
    const fields: readonly Field[] = await stream.fields;
    assert.deepEqual(fields, [
      { name: 'Id', type: 'String' },
      { name: 'Name', type: 'String' },
      { name: 'EntityStatus', type: 'String' },
    ]);
    const rows: Row[] = [];
    for await (const row of stream) rows.push(row);
    assert.equal(rows.length, 3);
    assert.deepEqual(Object.keys(rows[0]!), ['Id', 'Name', 'EntityStatus']);
    const bad = conn.stream('SELEC 1');
    await assert.rejects(bad.fields, (e: unknown) => e instanceof rootEntry.SqlSyntaxError);
    await assert.rejects(async () => {
      for await (const _ of bad) assert.fail('no rows');
    }, rootEntry.SqlSyntaxError);
  }
  await assert.rejects(closed.query('SELECT 1'), /The connection is closed/);
});

const run = promisify(execFile);
const NEVER_ITERATES = `
  const { connect } = await import(process.argv[1]);
  const conn = await connect(process.argv[2]);
  const stream = conn.stream('SELECT Id, Name FROM Campaigns');
  console.log(JSON.stringify((await stream.fields).map((f) => f.name)));
  await conn.close();
`;

test('a program that awaits fields and never iterates prints them and exits, on the emulator and against a BaseURL server', async () => {
  const entry = `${root}src/providers/twitterads/index.ts`;
  const env = { ...process.env, SOCIALSQL_CONFIG: '/nonexistent/socialsql.toml' };
  const emulated = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', NEVER_ITERATES, entry, 'Emulator=true'], { cwd: root, env, timeout: 60_000 });
  assert.equal(emulated.stdout, '["Id","Name"]\n');

  const server = await startTwitterAdsEmulator({ port: 0, seed: 2 });
  try {
    const c = server.credentials;
    const connectionString = `BaseURL=${server.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret}`;
    const live = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', NEVER_ITERATES, entry, connectionString], { cwd: root, env, timeout: 60_000 });
    assert.equal(live.stdout, '["Id","Name"]\n');
    const stats = (await (await fetch(`${server.url}/__emulator/stats`)).json()) as { requests: number };
    assert.equal(stats.requests, 0, 'a stream never iterated sends no request');
  } finally {
    await server.close();
  }
});

test('timeoutMs fails with TimeoutError; an aborted signal with CancelledError', async () => {
  const server = await startTwitterAdsEmulator({ port: 0, seed: 2, latencyMs: 2_000 });
  try {
    const c = server.credentials;
    await using conn = await twitterEntry.connect({
      BaseURL: server.url,
      OAuthClientId: c.clientId,
      OAuthClientSecret: c.clientSecret,
      OAuthAccessToken: c.accessToken,
      OAuthAccessTokenSecret: c.accessTokenSecret,
    });
    const params: Params = [];
    const timeout: QueryOptions = { timeoutMs: 20 };
    await assert.rejects(conn.query('SELECT Id FROM Campaigns', params, timeout), (e: unknown) => e instanceof rootEntry.TimeoutError && e.code === 'TIMEOUT' && e.timeoutMs === 20);
    const controller = new AbortController();
    const cancelled = conn.query('SELECT Id FROM Campaigns', [], { signal: controller.signal, timeoutMs: 60_000 });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(cancelled, (e: unknown) => e instanceof rootEntry.CancelledError && !(e instanceof rootEntry.TimeoutError));
    const streamed = conn.stream('SELECT Id FROM Campaigns', [], { timeoutMs: 20 });
    assert.ok((await streamed.fields).length === 1);
    await assert.rejects(async () => {
      for await (const _ of streamed) assert.fail('no row arrives in time');
    }, rootEntry.TimeoutError);
    const fast: QueryResult = await conn.query('SELECT * FROM sys_tables', [], { timeoutMs: 60_000 });
    assert.ok(fast.rows.length > 0, 'a query that finishes in time is unaffected');
  } finally {
    await server.close();
  }
});
