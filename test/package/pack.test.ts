/**
 * The package as a user gets it from the registry: packed, installed offline into an empty
 * project, then used there through its bin, its ESM and CommonJS entries and its declarations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { installInto, pack, repoRoot, type InstalledProject, type PackedProject } from './pack-and-install.js';

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

test('the packed package installs offline into an empty project and works there', { timeout: 900_000 }, async (t) => {
  const packed: PackedProject = pack();
  t.after(() => rmSync(packed.dir, { recursive: true, force: true }));

  await t.test('the tarball holds the built code, declarations, README, LICENSE and CHANGELOG, and nothing of the tests', () => {
    const files = new Set(packed.files);
    for (const required of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/socialsql.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/providers/twitterads/index.js', 'dist/src/providers/twitterads/index.d.ts', 'dist/src/providers/instagram/index.d.ts', 'dist/schemas/twitterads/campaigns.js', 'dist/src/emulator/twitterads/index.js']) {
      assert.ok(files.has(required), `${required} is packed`);
    }
    const unwanted = packed.files.filter((f) => /^(test|bench|scripts|src|schemas|\.ci)\//.test(f) || /^dist\/(test|bench)\//.test(f) || f.endsWith('.map') || f.startsWith('tsconfig'));
    assert.deepEqual(unwanted, []);
    t.diagnostic(`packed ${packed.packedBytes} bytes, unpacked ${packed.unpackedBytes} bytes, ${packed.files.length} files`);
  });

  const installed: InstalledProject = installInto(packed);
  t.diagnostic(`installed node_modules: ${installed.installedBytes} bytes`);
  const consumer = installed.dir;
  for (const file of ['esm.mjs', 'cjs.cjs', 'types.ts', 'tsconfig.nodenext.json', 'tsconfig.bundler.json', 'tsconfig.node10.json']) {
    cpSync(join(repoRoot, 'test/package/consumer', file), join(consumer, file));
  }
  const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: consumer, encoding: 'utf8', timeout: 120_000, env: { ...process.env, SOCIALSQL_CONFIG: join(consumer, 'no-config.toml') } });

  await t.test('socialsql --version prints the version', () => {
    const result = run(join(consumer, 'node_modules/.bin/socialsql'), ['--version']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${version}\n`);
  });

  await t.test('the installed CLI runs a query on the built-in emulator', () => {
    const result = run(join(consumer, 'node_modules/.bin/socialsql'), ['twitterads', '-e', 'SELECT COUNT(*) AS n FROM Accounts', '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    const [rows] = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { n: number }[]);
    assert.ok(rows && rows[0] && rows[0].n > 0, result.stdout);
  });

  await t.test('an ESM script imports the root and both providers and queries the emulator', () => {
    const result = run(process.execPath, ['esm.mjs']);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout) as { campaigns: number; fields: string[]; media: number; accounts: number; planErrorCode: string; rootExports: string[] };
    assert.ok(out.campaigns > 0);
    assert.deepEqual(out.fields, ['Id', 'Name']);
    assert.equal(out.media, 3);
    assert.ok(out.accounts >= 1);
    assert.equal(out.planErrorCode, 'PLAN');
    assert.deepEqual(out.rootExports, ['connect', 'SqlSyntaxError', 'TimeoutError', 'CancelledError']);
  });

  await t.test('a CommonJS script require()s both providers and the root', () => {
    const result = run(process.execPath, ['cjs.cjs']);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout) as { accounts: number; bad: string; rootConnect: string };
    assert.ok(out.accounts >= 1);
    assert.deepEqual({ ...out, accounts: 1 }, { accounts: 1, bad: 'CONNECTION_STRING', rootConnect: 'function' });
  });

  cpSync(join(repoRoot, 'examples'), join(consumer, 'examples'), { recursive: true });
  await t.test('examples/daily-spend-report.mjs writes a CSV of daily spend per campaign', () => {
    const result = run(process.execPath, ['examples/daily-spend-report.mjs']);
    assert.equal(result.status, 0, result.stderr);
    const [header, ...lines] = result.stdout.trim().split('\n');
    assert.equal(header, 'Day,Campaign,Spend,Impressions');
    assert.ok(lines.length > 0);
    for (const line of lines) assert.match(line, /^\d{4}-\d{2}-\d{2},[^,]+,\d+(\.\d+)?,\d*$/);
  });

  await t.test('examples/stream-insights.mjs prints the columns, then one JSON object per media', () => {
    const result = run(process.execPath, ['examples/stream-insights.mjs', '5']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr.split('\n')[0], 'columns: Id String, MediaType String, Timestamp Datetime, Reach Long, Views Long, TotalInteractions Long');
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(rows.length > 0 && rows.length <= 5);
    assert.deepEqual(Object.keys(rows[0]!), ['Id', 'MediaType', 'Timestamp', 'Reach', 'Views', 'TotalInteractions']);
  });

  await t.test('examples/moderate-comments.mjs lists matching comments, and with --apply hides them', () => {
    const dry = run(process.execPath, ['examples/moderate-comments.mjs', 'how much']);
    assert.equal(dry.status, 0, dry.stderr);
    const listed = JSON.parse(dry.stdout) as { checked: number; matched: { text: string }[]; hidden: number };
    assert.ok(listed.matched.length > 0 && listed.matched.every((c) => /how much/i.test(c.text)));
    assert.equal(listed.hidden, 0);
    const applied = JSON.parse(run(process.execPath, ['examples/moderate-comments.mjs', '--apply', 'how much']).stdout) as { matched: unknown[]; hidden: number };
    assert.equal(applied.hidden, applied.matched.length);
  });

  // The consumer's own @types/node, as a TypeScript project would have it (linked from ours).
  mkdirSync(join(consumer, 'node_modules/@types'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules/@types/node'), join(consumer, 'node_modules/@types/node'), 'dir');
  for (const resolution of ['nodenext', 'bundler', 'node10']) {
    await t.test(`the declarations type-check under moduleResolution ${resolution}`, () => {
      try {
        execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${resolution}.json`], { cwd: consumer, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        assert.fail(`tsc failed under ${resolution}:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
      }
    });
  }
});
