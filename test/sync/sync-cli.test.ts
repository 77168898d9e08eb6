/** `socialsql sync` from the command line, in-process: the last stdout line is the JSON summary. */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { addDays, dayOf } from '../../src/sync/windows.js';
import { startTwitter } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'socialsql-sync-cli-'));
let twitter: Awaited<ReturnType<typeof startTwitter>>;
before(async () => {
  twitter = await startTwitter();
});
after(async () => {
  await twitter.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(argv, { stdin, stdout, stderr, env: {}, interrupts: new EventEmitter() });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

test('sync into SQLite: the summary line has tables, rows, upserted and calls; a re-run upserts 0', async () => {
  const c = twitter.emulator.credentials;
  const cs = `BaseURL=${twitter.emulator.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret}`;
  const args = ['sync', 'twitterads', cs, '--to', `sqlite:${join(dir, 'ads.db')}`, '--tables', 'Campaigns,Insights', '--since', addDays(dayOf(new Date()), -3)];
  await twitter.reset();
  const first = await run(args);
  assert.equal(first.code, 0, first.stderr);
  const summary = JSON.parse(first.stdout.trim().split('\n').at(-1)!);
  assert.deepEqual(Object.keys(summary), ['tables', 'calls', 'rateLimitWaits']);
  assert.deepEqual(Object.keys(summary.tables), ['Campaigns', 'Insights']);
  assert.equal(summary.calls, (await twitter.calls()).requests);
  assert.ok(summary.tables.Campaigns.rows > 0 && summary.tables.Campaigns.upserted === summary.tables.Campaigns.rows);
  assert.match(first.stderr, /synced Campaigns: \d+ rows, \d+ calls/);
  assert.ok(!first.stderr.includes(c.accessTokenSecret) && !first.stdout.includes(c.accessTokenSecret));
  const second = JSON.parse((await run(args)).stdout.trim().split('\n').at(-1)!);
  assert.equal(second.tables.Campaigns.upserted, 0);
});

test('usage errors exit 2; --workers needs PostgreSQL', async () => {
  assert.equal((await run(['sync', 'twitterads'])).code, 2);
  assert.equal((await run(['sync', 'nosuch', '--to', 'sqlite:x.db'])).code, 2);
  const workers = await run(['sync', 'twitterads', '--to', `sqlite:${join(dir, 'w.db')}`, '--workers', '2']);
  assert.equal(workers.code, 1);
  assert.match(workers.stderr, /Error \[PLAN\]: --workers needs a PostgreSQL target/);
  const worker = await run(['worker', 'sqlite:x.db']);
  assert.equal(worker.code, 1);
});
