import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

test('`socialsql instagram` with no connection string runs SQL on the built-in emulator', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'instagram'], {
    input: 'SELECT Username, MediaCount FROM Accounts;\nSELECT COUNT(*) AS n FROM Media;\n',
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Username/);
  assert.match(result.stdout, /\(1 row\)/);
  assert.match(result.stdout, /\b120\b/);
});
