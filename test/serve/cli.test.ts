/** `socialsql serve` as a process: named connections from the configuration file, users with ${ENV} passwords. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import pg from 'pg';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('serve prints its address, serves each named connection as a schema, and keeps the password off argv', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-cli-'));
  const config = join(dir, 'connections.toml');
  writeFileSync(
    config,
    ['[agency-eu]', 'provider = "twitterads"', 'Emulator = true', '', '[brand-ig]', 'provider = "instagram"', 'Emulator = true', '', '[serve.users.analyst]', 'password = "${ANALYST_PASSWORD}"', 'connections = ["agency-eu"]', ''].join('\n'),
  );
  chmodSync(config, 0o600);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--config', config], {
    cwd: root,
    env: { ...process.env, ANALYST_PASSWORD: 'from-the-environment' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const address = JSON.parse(first) as { host: string; port: number; database: string; schemas: string[] };
    assert.equal(address.host, '127.0.0.1');
    assert.equal(address.database, 'socialsql');
    assert.deepEqual(address.schemas, ['agency-eu', 'brand-ig']);
    assert.ok(!readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').includes('from-the-environment'));
    const c = new pg.Client({ host: address.host, port: address.port, user: 'analyst', password: 'from-the-environment', database: 'socialsql' });
    await c.connect();
    try {
      const r = await c.query('SELECT "Name" FROM "agency-eu".campaigns LIMIT 2');
      assert.equal(r.rows.length, 2);
      await assert.rejects(c.query('SELECT "Id" FROM "brand-ig".media'), (e: { code?: string }) => e.code === '42P01');
    } finally {
      await c.end();
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
