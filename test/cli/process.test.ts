import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

test('the real CLI process: --help prints usage and exits 0', () => {
  const result = cli('--help');
  assert.equal(result.status, 0, String(result.stderr));
  assert.match(String(result.stdout), /^Usage:\n {2}socialsql <provider> \[connection-string\]/);
  assert.match(String(result.stdout), /--format <format>/);
});

test('the real CLI process: an unknown provider exits 2 with usage on stderr', () => {
  const result = cli('bogus');
  assert.equal(result.status, 2);
  assert.equal(String(result.stdout), '');
  assert.match(String(result.stderr), /^socialsql: unknown provider "bogus" \(expected twitterads or instagram\)\n\nUsage:/);
});

test('the real CLI process: --version prints the package version', () => {
  const result = cli('--version');
  assert.equal(result.status, 0);
  assert.equal(String(result.stdout), '0.1.0\n');
});
