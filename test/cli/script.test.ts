import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { FakeConnection } from './fake-connection.js';
import { collect, runMain } from './harness.js';

const CAMPAIGNS = 'SELECT * FROM Campaigns';

test('-e --format table: box table, NULL as ∅, ISO dates, right-aligned numbers, (N rows) footer', async () => {
  const run = await runMain(['twitterads', '-e', CAMPAIGNS]);
  assert.equal(run.code, 0);
  assert.equal(
    run.stdout,
    [
      '┌────┬────────────────┬────────┬──────────────────────┬────────┐',
      '│ Id │ Name           │ Budget │ Created              │ Active │',
      '├────┼────────────────┼────────┼──────────────────────┼────────┤',
      '│ c1 │ Spring, "Sale" │   12.5 │ 2024-03-01T10:00:00Z │ true   │',
      '│ c2 │ Winter         │      ∅ │ 2024-12-24T00:00:00Z │ ∅      │',
      '└────┴────────────────┴────────┴──────────────────────┴────────┘',
      '(2 rows)',
      '',
    ].join('\n'),
  );
  assert.equal(run.stderr, '');
  assert.equal(run.conn.closed, true);
});

test('-e --format csv: header row, quoting, NULL as empty', async () => {
  const run = await runMain(['twitterads', '-e', CAMPAIGNS, '--format', 'csv']);
  assert.equal(run.code, 0);
  assert.equal(
    run.stdout,
    'Id,Name,Budget,Created,Active\nc1,"Spring, ""Sale""",12.5,2024-03-01T10:00:00.000Z,true\nc2,Winter,,2024-12-24T00:00:00.000Z,\n',
  );
});

test('-e --format json: one array per statement, each on its own line', async () => {
  const run = await runMain(['twitterads', '-e', `${CAMPAIGNS}; SELECT 7;`, '--format', 'json']);
  assert.equal(run.code, 0);
  const lines = run.stdout.split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[2], '');
  assert.deepEqual(JSON.parse(lines[0]!), [
    { Id: 'c1', Name: 'Spring, "Sale"', Budget: 12.5, Created: '2024-03-01T10:00:00.000Z', Active: true },
    { Id: 'c2', Name: 'Winter', Budget: null, Created: '2024-12-24T00:00:00.000Z', Active: null },
  ]);
  assert.equal(lines[1], '[{"n":7}]');
});

test('-e --format ndjson: one object per line, keys in select order', async () => {
  const run = await runMain(['twitterads', '-e', CAMPAIGNS, '--format', 'ndjson']);
  assert.equal(
    run.stdout,
    '{"Id":"c1","Name":"Spring, \\"Sale\\"","Budget":12.5,"Created":"2024-03-01T10:00:00.000Z","Active":true}\n' +
      '{"Id":"c2","Name":"Winter","Budget":null,"Created":"2024-12-24T00:00:00.000Z","Active":null}\n',
  );
});

test('several statements (one -e with ;, or several -e) run in order', async () => {
  const run = await runMain(['twitterads', '-e', "SELECT 1; SELECT 4, ';' -- no split;\n; SELECT 2", '-e', 'SELECT 3', '--format', 'csv']);
  assert.equal(run.code, 0);
  assert.deepEqual(run.conn.statements, ['SELECT 1', "SELECT 4, ';' -- no split;", 'SELECT 2', 'SELECT 3']);
});

test('an empty result still prints its header / empty array', async () => {
  const conn = new FakeConnection();
  conn.query = async () => ({ fields: [{ name: 'Id', type: 'String' }], rows: [] });
  conn.stream = (() => {
    const rows: never[] = [];
    return Object.assign(
      (async function* () {
        yield* rows;
      })(),
      { fields: Promise.resolve([{ name: 'Id', type: 'String' as const }]) },
    );
  }) as FakeConnection['stream'];
  assert.equal((await runMain(['twitterads', '-e', 'SELECT Id FROM X', '--format', 'csv'], { conn })).stdout, 'Id\n');
  assert.equal((await runMain(['twitterads', '-e', 'SELECT Id FROM X', '--format', 'json'], { conn })).stdout, '[]\n');
  assert.match((await runMain(['twitterads', '-e', 'SELECT Id FROM X'], { conn })).stdout, /│ Id │\n└────┘\n\(0 rows\)\n$/);
});

test('an error goes to stderr as Error [CODE]: message, stops the script, exits 1', async () => {
  const run = await runMain(['twitterads', '-e', 'SELECT 1; SELECT FAIL; SELECT 2', '--format', 'csv']);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, 'n\n1\n');
  assert.equal(run.stderr, 'Error [PLAN]: Campaigns needs AccountId\n');
  assert.deepEqual(run.conn.statements, ['SELECT 1', 'SELECT FAIL']);
  assert.equal(run.conn.closed, true);
});

test('SOCIALSQL_DEBUG=1 adds a stack trace; without it there is none', async () => {
  const plain = await runMain(['twitterads', '-e', 'SELECT FAIL']);
  assert.ok(!plain.stderr.includes(' at '));
  const debug = await runMain(['twitterads', '-e', 'SELECT FAIL'], { env: { SOCIALSQL_DEBUG: '1' } });
  assert.match(debug.stderr, /^Error \[PLAN\]: Campaigns needs AccountId\n\s+at /);
});

test('affected rows: on stdout in table mode, on stderr in machine formats', async () => {
  const table = await runMain(['twitterads', '-e', "INSERT INTO Campaigns (Name) VALUES ('a'), ('b')"]);
  assert.equal(table.stdout, '2 rows affected\n');
  const json = await runMain(['twitterads', '-e', "INSERT INTO Campaigns (Name) VALUES ('a'), ('b')", '--format', 'json']);
  assert.equal(json.stdout, '');
  assert.equal(json.stderr, '2 rows affected\n');
});

test('no connection string → Emulator=true; the given one is passed through untouched', async () => {
  assert.deepEqual((await runMain(['instagram', '-e', 'SELECT 1'])).opened, [{ provider: 'instagram', connectionString: 'Emulator=true' }]);
  const secret = 'OAuthClientId=abc;OAuthClientSecret=s3cr3t';
  assert.deepEqual((await runMain(['twitterads', secret, '-e', 'SELECT 1'])).opened, [{ provider: 'twitterads', connectionString: secret }]);
});

test('a connection failure prints only its message and exits 1', async () => {
  const stderr = collect();
  const code = await main(['twitterads', 'OAuthClientSecret=s3cr3t;Bogus=1', '-e', 'SELECT 1'], {
    stdin: new PassThrough(),
    stdout: collect().stream,
    stderr: stderr.stream,
    env: {},
    openConnection: async () => {
      const error = new Error('Unknown property "Bogus". Did you mean Logfile?', { cause: new Error('OAuthClientSecret=s3cr3t') });
      throw Object.assign(error, { code: 'CONNECTION_STRING' });
    },
  });
  assert.equal(code, 1);
  assert.equal(stderr.text(), 'Error [CONNECTION_STRING]: Unknown property "Bogus". Did you mean Logfile?\n');
});

test('Ctrl-C during -e cancels the query through its AbortSignal and exits 130', async () => {
  const interrupts = new EventEmitter();
  const conn = new FakeConnection();
  conn.onSlowStart = () => interrupts.emit('SIGINT');
  const run = await runMain(['twitterads', '-e', 'SELECT SLOW FROM Campaigns; SELECT 1'], { conn, interrupts });
  assert.equal(run.code, 130);
  assert.equal(run.stderr, 'Query cancelled\n');
  assert.equal(conn.signals[0]?.aborted, true);
  assert.deepEqual(conn.statements, ['SELECT SLOW FROM Campaigns']);
  assert.equal(interrupts.listenerCount('SIGINT'), 0);
});

test('usage errors exit 2 with usage on stderr; --help and --version exit 0', async () => {
  const bogus = await runMain(['bogus']);
  assert.equal(bogus.code, 2);
  assert.match(bogus.stderr, /unknown provider "bogus"[\s\S]*Usage:/);
  assert.equal(bogus.opened.length, 0);
  const help = await runMain(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage:\n {2}socialsql <provider> \[connection-string\]/);
  const version = await runMain(['--version']);
  assert.equal(version.stdout, '0.1.0\n');
});

test('emulator delegates everything after `emulator`', async () => {
  let received: string[] | undefined;
  const code = await main(['emulator', 'twitterads', '--port', '0', '--seed', '7'], {
    stdin: new PassThrough(),
    stdout: collect().stream,
    stderr: collect().stream,
    env: {},
    runEmulatorCommand: async (argv) => {
      received = argv;
    },
  });
  assert.equal(code, 0);
  assert.deepEqual(received, ['twitterads', '--port', '0', '--seed', '7']);
});

test('token and secret columns print as **** unless -e runs with --show-secrets', async () => {
  const { parseArgs } = await import('../../src/cli/args.js');
  const { runScript } = await import('../../src/cli/run-script.js');
  const { PassThrough } = await import('node:stream');
  const conn = {
    query: async () => ({ rows: [{ OAuthAccessToken: 'tok-123', OAuthAccessTokenSecret: 'sec-456', ExpiresIn: 60 }], fields: [{ name: 'OAuthAccessToken', type: 'String' as const }, { name: 'OAuthAccessTokenSecret', type: 'String' as const }, { name: 'ExpiresIn', type: 'Long' as const }] }),
    stream: () => { throw new Error('not used'); },
    describe: async () => [],
    tables: () => [],
    procedures: () => [],
    properties: () => [],
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
  const run = async (reveal: boolean) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let text = '';
    stdout.on('data', (d: Buffer) => (text += d));
    await runScript(conn, [{ text: 'EXEC GetOAuthAccessToken @Verifier = 1', name: '-e' }], { stdin: new PassThrough(), stdout, stderr, env: {} }, { format: 'csv', revealSecrets: reveal });
    return text;
  };
  assert.equal(await run(false), 'OAuthAccessToken,OAuthAccessTokenSecret,ExpiresIn\n****,****,60\n');
  assert.equal(await run(true), 'OAuthAccessToken,OAuthAccessTokenSecret,ExpiresIn\ntok-123,sec-456,60\n');
  const parsed = parseArgs(['twitterads', '-e', 'x', '--show-secrets']);
  assert.ok(parsed.kind === 'connect' && parsed.showSecrets);
  assert.equal(parseArgs(['twitterads', '--show-secrets']).kind, 'usage-error');
});
