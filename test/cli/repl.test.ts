import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT_HINT } from '../../src/cli/repl.js';
import { FakeConnection } from './fake-connection.js';
import { collect, fakeTty, runMain, waitFor } from './harness.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'socialsql-cli-'));

test('piped stdin: multi-line statements run when a line ends with ;, silently, in order', async () => {
  const input = [
    '-- a comment line is skipped',
    '',
    'SELECT *',
    "  FROM Campaigns WHERE Name = 'a;",
    "b'",
    ';',
    'SELECT 1; SELECT',
    '2;',
    'SELECT 3', // the last statement may omit its ;
  ].join('\n');
  const run = await runMain(['twitterads'], { input });
  assert.equal(run.code, 0);
  assert.deepEqual(run.conn.statements, ["SELECT *\n  FROM Campaigns WHERE Name = 'a;\nb'", 'SELECT 1', 'SELECT\n2', 'SELECT 3']);
  assert.ok(!run.stdout.includes('socialsql>'), 'no prompts when stdin is not a terminal');
  assert.ok(run.stdout.startsWith('┌────┬'));
  assert.equal(run.stderr, '');
  assert.equal(run.conn.closed, true);
});

test('piped stdin: errors print and the REPL continues; exit code is 1', async () => {
  const run = await runMain(['twitterads'], { input: '.mode csv\nSELECT FAIL;\nSELECT 1;\n' });
  assert.equal(run.code, 1);
  assert.equal(run.stderr, 'Error [PLAN]: Campaigns needs AccountId\n');
  assert.equal(run.stdout, 'n\n1\n');
});

test('.mode switches formats, including line', async () => {
  const run = await runMain(['twitterads'], { input: '.mode line\nSELECT * FROM Campaigns;\n.mode ndjson\nSELECT 1;\n.mode\n.mode xml\n' });
  assert.equal(
    run.stdout,
    '     Id = c1\n   Name = Spring, "Sale"\n Budget = 12.5\nCreated = 2024-03-01T10:00:00Z\n Active = true\n\n' +
      '     Id = c2\n   Name = Winter\n Budget = ∅\nCreated = 2024-12-24T00:00:00Z\n Active = ∅\n' +
      '{"n":1}\nndjson\n',
  );
  assert.equal(run.stderr, 'Error: Unknown mode "xml". Choose one of: table, box, markdown, csv, tsv, json, ndjson, line\n');
});

test('.tables, .schema (pseudo-columns marked), .procedures', async () => {
  const run = await runMain(['twitterads'], { input: '.mode csv\n.tables\n.schema adcampaigns\n.procedures\n.tables acc\n' });
  assert.equal(run.code, 0);
  assert.equal(
    run.stdout,
    [
      'Name,Aliases,Description',
      'Campaigns,AdCampaigns,Ad campaigns',
      'Accounts,AdAccounts,Ad accounts',
      'Column,Type,Pseudo,Description',
      'Id,String,,Campaign id',
      'Name,String,,',
      'IncludeDeleted,Boolean,yes,Also return deleted campaigns',
      'Name,Parameters,Description',
      'GetOAuthAuthorizationURL,@CallbackURL String,Gets the URL to authorize',
      'Name,Aliases,Description',
      'Accounts,AdAccounts,Ad accounts',
      '',
    ].join('\n'),
  );
});

test('.schema of an unknown table and an unknown dot-command name the closest match', async () => {
  const run = await runMain(['twitterads'], { input: '.schema Campains\n.tabels\n.frobnicate\n' });
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    'Error: No table named Campains. Did you mean Campaigns?\n' +
      'Error: Unknown command ".tabels". Did you mean .tables? Enter .help for the list.\n' +
      'Error: Unknown command ".frobnicate". Enter .help for the list.\n',
  );
});

test('.explain runs EXPLAIN; .timer prints Run Time; .help lists commands; .quit stops reading', async () => {
  const run = await runMain(['twitterads'], { input: '.mode csv\n.explain SELECT 5;\n.timer on\nSELECT 1;\n.help\n.quit\nSELECT 2;\n' });
  assert.deepEqual(run.conn.statements, ['EXPLAIN SELECT 5', 'SELECT 1']);
  assert.match(run.stdout, /^Plan\nplan for SELECT 5\nn\n1\nRun Time: \d+\.\d{3} s\n/);
  assert.match(run.stdout, /\.schema TABLE +Show a table's columns/);
  assert.match(run.stdout, /\.output \[FILE\]/);
});

test('.output FILE sends results to the file; .output alone restores stdout', async () => {
  const file = join(tmp(), 'out.csv');
  const run = await runMain(['twitterads'], { input: `.mode csv\n.output ${file}\nSELECT * FROM Campaigns;\nSELECT 1;\n.output\nSELECT 2;\n` });
  assert.equal(run.code, 0);
  assert.equal(
    readFileSync(file, 'utf8'),
    'Id,Name,Budget,Created,Active\nc1,"Spring, ""Sale""",12.5,2024-03-01T10:00:00.000Z,true\nc2,Winter,,2024-12-24T00:00:00.000Z,\nn\n1\n',
  );
  assert.equal(run.stdout, 'n\n2\n');
});

test('.output to a bad path reports the error and keeps stdout', async () => {
  const run = await runMain(['twitterads'], { input: '.output /nonexistent-dir/x.csv\n.mode csv\nSELECT 1;\n' });
  assert.match(run.stderr, /^Error \[ENOENT\]: /);
  assert.equal(run.stdout, 'n\n1\n');
});

test('table mode stops reading at 1000 rows and says so', async () => {
  const run = await runMain(['twitterads'], { input: 'SELECT MANY;\n' });
  assert.match(run.stdout, /│ 1000 │\n└──────┘\n\(showing the first 1000 rows; stopped reading/);
  assert.ok(!run.stdout.includes('│ 1001 │'));
  assert.ok(run.conn.manyPulled < 1100, `pulled ${run.conn.manyPulled} rows`);
  // Streaming formats write every row.
  const csv = await runMain(['twitterads'], { input: '.mode csv\nSELECT MANY;\n' });
  assert.equal(csv.stdout.split('\n').length, 5002);
});

test('Ctrl-C during a query aborts its signal, prints Query cancelled, and the REPL goes on', async () => {
  const interrupts = new EventEmitter();
  const conn = new FakeConnection();
  conn.onSlowStart = () => interrupts.emit('SIGINT');
  const run = await runMain(['twitterads'], { conn, interrupts, input: '.mode csv\nSELECT SLOW FROM Campaigns;\nSELECT 1;\n' });
  assert.equal(conn.signals[0]?.aborted, true);
  assert.equal(run.stderr, 'Query cancelled\n');
  assert.equal(run.stdout, 'n\n1\n');
  assert.equal(run.code, 1, 'a cancelled piped statement counts as a failure');
  assert.equal(interrupts.listenerCount('SIGINT'), 0);
});

test('Ctrl-C at an idle prompt prints a hint; a second one exits', async () => {
  const interrupts = new EventEmitter();
  const stdin = new PassThrough(); // never ended: only Ctrl-C can stop the REPL
  const done = runMain(['twitterads'], { interrupts, stdin });
  await waitFor(() => interrupts.listenerCount('SIGINT') > 0, 'the REPL to listen');
  interrupts.emit('SIGINT');
  interrupts.emit('SIGINT');
  const run = await done;
  assert.equal(run.code, 0);
  assert.equal(run.stderr, `${EXIT_HINT}\n`);
  assert.equal(run.conn.closed, true);
});

/** Types into a fake terminal, one line at a time, giving the REPL a moment per line. */
async function type(stdin: PassThrough, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    stdin.write(key);
    await sleep(15);
  }
}

test('terminal: prompts, masked banner, history written and reloaded (multi-line = one entry)', async () => {
  const history = join(tmp(), 'nested', 'history');
  const env = { SOCIALSQL_HISTORY: history };
  const connectionString = 'OAuthClientId=abc;OAuthClientSecret=s3cr3t;OAuthAccessToken=tok123;AccountId=18ce';

  const stdin = fakeTty();
  const first = runMain(['twitterads', connectionString], { stdin, env });
  await type(stdin, 'SELECT\r', '  1; -- one\r', '.mode csv\r', '.quit\r');
  const run = await first;
  assert.equal(run.code, 0);
  assert.ok(run.stdout.includes('socialsql> '));
  assert.ok(run.stdout.includes('      ...> '));
  assert.ok(run.stdout.includes('OAuthClientId=abc;OAuthClientSecret=****;OAuthAccessToken=****;AccountId=18ce'));
  assert.ok(!run.stdout.includes('s3cr3t') && !run.stdout.includes('tok123'));
  assert.equal(readFileSync(history, 'utf8'), 'SELECT 1; /* one */\n.mode csv\n.quit\n');

  // A new session recalls the statement with the up arrow (3 entries back) and runs it.
  const stdin2 = fakeTty();
  const second = runMain(['twitterads'], { stdin: stdin2, env });
  await type(stdin2, '\x1b[A', '\x1b[A', '\x1b[A', '\r', '.quit\r');
  const rerun = await second;
  // The comment after the ; is a statement of its own with nothing in it, so it is dropped.
  assert.deepEqual(rerun.conn.statements, ['SELECT 1']);
  assert.ok(rerun.stdout.includes('the built-in emulator'));
});

test('history keeps at most 1000 entries and survives newlines inside quotes', async () => {
  const history = join(tmp(), 'history');
  writeFileSync(history, Array.from({ length: 1200 }, (_, i) => `SELECT ${i};`).join('\n') + '\n');
  const stdin = fakeTty();
  const session = runMain(['twitterads'], { stdin, env: { SOCIALSQL_HISTORY: history } });
  await type(stdin, "SELECT 'a\r", "b';\r", '\x04');
  const run = await session;
  assert.equal(run.code, 0);
  const lines = readFileSync(history, 'utf8').split('\n');
  assert.equal(lines.length, 1001); // 1000 entries and the final newline
  assert.equal(lines[0], 'SELECT 201;');
  assert.equal(lines[999], "SELECT 'a\\nb';");
});

test('terminal: Ctrl-C cancels a running query; twice at the prompt exits', async () => {
  const stdin = fakeTty();
  const conn = new FakeConnection();
  conn.onSlowStart = () => stdin.write('\x03');
  const stdout = collect();
  const session = runMain(['twitterads'], { stdin, conn, stdout, env: { SOCIALSQL_HISTORY: join(tmp(), 'h') } });
  await type(stdin, 'SELECT SLOW FROM Campaigns;\r', 'SELECT 1;\r');
  await waitFor(() => stdout.text().includes('(1 row)'), 'SELECT 1 to finish');
  await type(stdin, '\x03', '\x03');
  const run = await session;
  assert.equal(run.code, 0);
  assert.equal(conn.signals[0]?.aborted, true);
  assert.deepEqual(conn.statements, ['SELECT SLOW FROM Campaigns', 'SELECT 1']);
  assert.equal(run.stderr, 'Query cancelled\n');
  assert.ok(run.stdout.includes(EXIT_HINT));
  assert.equal(conn.closed, true);
});
