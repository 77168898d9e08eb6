import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { parseEmulatorFlags } from '../../src/emulator/main.js';

const script = fileURLToPath(new URL('./run-emulator-cli.ts', import.meta.url));

// A failed assertion must not leave an emulator running: the test file would never end.
const children = new Set<ReturnType<typeof spawn>>();
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

test('flags parse into emulator options', () => {
  assert.deepEqual(parseEmulatorFlags(['--port', '0', '--seed=4', '--fail-rate', '0.5', '--rate-limit', '10', '--token-ttl', '30', '--latency', '5']), {
    port: 0,
    seed: 4,
    failRate: 0.5,
    rateLimit: 10,
    tokenTtlSeconds: 30,
    latencyMs: 5,
  });
});

test('instagram switches parse; twitterads does not accept them', () => {
  assert.deepEqual(parseEmulatorFlags(['--short-lived-tokens', '--port', '0', '--require-appsecret-proof=true', '--rate-limit=5'], 'instagram'), {
    shortLivedTokens: true,
    port: 0,
    requireAppsecretProof: true,
    rateLimit: 5,
  });
});

test('emulator instagram prints one JSON line with url and credentials', async () => {
  const child = run(['instagram', '--port', '0', '--seed', '3', '--require-appsecret-proof']);
  let out = '';
  child.stdout.setEncoding('utf8');
  const firstLine = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  const info = JSON.parse(firstLine);
  assert.deepEqual(Object.keys(info), ['url', 'clientId', 'clientSecret', 'accessToken', 'businessAccountId', 'instagramAccessToken']);
  assert.match(info.instagramAccessToken, /^IGAA/, 'an Instagram Login token of the same account (AuthScheme=InstagramLogin)');
  const res = await fetch(`${info.url}/v21.0/${info.businessAccountId}?access_token=${info.accessToken}`);
  assert.equal((await res.json()).error.message, 'API calls from the server require an appsecret_proof argument');
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('emulator twitterads prints one JSON line with url and credentials, and stops on SIGTERM', async () => {
  const child = run(['twitterads', '--port', '0', '--seed', '3']);
  let out = '';
  child.stdout.setEncoding('utf8');
  const firstLine = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  const info = JSON.parse(firstLine);
  assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  for (const key of ['clientId', 'clientSecret', 'accessToken', 'accessTokenSecret']) assert.equal(typeof info[key], 'string');
  assert.equal(info.accountIds.length, 3);
  const stats = await (await fetch(`${info.url}/__emulator/stats`)).json();
  assert.deepEqual(stats, { requests: 0, byRoute: {}, busyMs: 0, busyMsByRoute: {} });
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('unknown flags and unknown providers fail with a message on stderr', async () => {
  for (const [args, pattern] of [
    [['twitterads', '--bogus', '1'], /unknown flag --bogus/],
    [['twitterads', '--fail-rate', '2'], /probability/],
    [['facebook'], /unknown provider/],
    [['twitterads', '--short-lived-tokens'], /unknown flag --short-lived-tokens/],
    [['instagram', '--short-lived-tokens=maybe'], /takes no value/],
  ] as const) {
    const child = run([...args]);
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (err += chunk));
    const [code] = await once(child, 'exit');
    assert.notEqual(code, 0, args.join(' '));
    assert.match(err, pattern);
  }
});
