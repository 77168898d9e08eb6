import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runMain } from './harness.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'socialsql-oneshot-'));

test('-f FILE runs a script; a syntax error points at the script line with a caret, and stops it (exit 1)', async () => {
  const dir = tmp();
  const script = join(dir, 'report.sql');
  writeFileSync(script, '-- weekly report\nSELECT 1;\n\nSELECT Id,\n  Name FRM Campaigns;\nSELECT 2;\n');
  const run = await runMain(['twitterads', '-f', script, '--format', 'csv']);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, 'n\n1\n');
  assert.equal(run.stderr, 'Error [SQL_SYNTAX]: Syntax error: unexpected "FRM" (line 5, column 8)\nLINE 5:   Name FRM Campaigns;\n               ^\n');
  assert.deepEqual(run.conn.statements, ['-- weekly report\nSELECT 1', 'SELECT Id,\n  Name FRM Campaigns']);
});

test('-f - reads the script from stdin; -e texts run first', async () => {
  const stdin = new PassThrough();
  stdin.end('SELECT 2;\nSELECT 3');
  const run = await runMain(['twitterads', '-e', 'SELECT 1', '-f', '-', '--format', 'ndjson'], { stdin });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '{"n":1}\n{"n":2}\n{"n":3}\n');
});

test('-f with a missing file: a clear message, exit 1, no connection opened', async () => {
  const run = await runMain(['twitterads', '-f', '/nonexistent/x.sql']);
  assert.equal(run.code, 1);
  assert.equal(run.stderr, 'socialsql: cannot read the script /nonexistent/x.sql (ENOENT)\n');
  assert.equal(run.opened.length, 0);
});

test('-o FILE writes the results there, nothing on stdout; --no-header and --separator shape csv', async () => {
  const file = join(tmp(), 'out.csv');
  const run = await runMain(['twitterads', '-e', 'SELECT * FROM Campaigns', '-o', file, '--format', 'csv', '--no-header', '--separator', ';']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  assert.equal(readFileSync(file, 'utf8'), 'c1;"Spring, ""Sale""";12.5;2024-03-01T10:00:00.000Z;true\nc2;Winter;;2024-12-24T00:00:00.000Z;\n');
});

test('--format works with every mode: box, markdown, tsv, line', async () => {
  const box = await runMain(['twitterads', '-e', 'SELECT 1', '--format', 'box']);
  assert.equal(box.stdout, '┌───┐\n│ n │\n├───┤\n│ 1 │\n└───┘\n(1 row)\n');
  const markdown = await runMain(['twitterads', '-e', 'SELECT * FROM Campaigns', '--format', 'markdown']);
  assert.equal(
    markdown.stdout,
    '| Id  | Name           | Budget | Created              | Active |\n' +
      '|-----|----------------|-------:|----------------------|--------|\n' +
      '| c1  | Spring, "Sale" |   12.5 | 2024-03-01T10:00:00Z | true   |\n' +
      '| c2  | Winter         |      ∅ | 2024-12-24T00:00:00Z | ∅      |\n' +
      '(2 rows)\n',
  );
  const tsv = await runMain(['twitterads', '-e', 'SELECT * FROM Campaigns', '--format', 'tsv']);
  assert.equal(tsv.stdout, 'Id\tName\tBudget\tCreated\tActive\nc1\tSpring, "Sale"\t12.5\t2024-03-01T10:00:00.000Z\ttrue\nc2\tWinter\t\t2024-12-24T00:00:00.000Z\t\n');
  const line = await runMain(['twitterads', '-e', 'SELECT 7', '--format', 'line']);
  assert.equal(line.stdout, 'n = 7\n');
});

test('-e errors keep their exit codes: a failing statement exits 1 and stops the rest', async () => {
  const run = await runMain(['twitterads', '-e', 'SELECT 1; SELECT FAIL; SELECT 2', '--format', 'csv']);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, 'n\n1\n');
  assert.equal(run.stderr, 'Error [PLAN]: Campaigns needs AccountId\n');
});
