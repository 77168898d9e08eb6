import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { main } from '../../src/cli/main.js';
import { FakeConnection } from './fake-connection.js';
import { collect, fakeTty, runMain, waitFor } from './harness.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'socialsql-settings-'));

test('.headers off, .nullvalue, .separator, .width and .show', async () => {
  const run = await runMain(['twitterads'], {
    input: '.headers off\n.nullvalue (null)\n.separator |\n.mode csv\nSELECT * FROM Campaigns;\n.mode table\nSELECT * FROM Campaigns;\n.width 3\nSELECT * FROM Campaigns;\n.show\n',
  });
  assert.equal(run.code, 0, run.stderr);
  const showAt = run.stdout.indexOf('      mode: ');
  const show = run.stdout.slice(showAt);
  const [csv, table, narrow] = run.stdout.slice(0, showAt).split(/(?=┌)/);
  assert.equal(csv, 'c1|"Spring, ""Sale"""|12.5|2024-03-01T10:00:00.000Z|true\nc2|Winter||2024-12-24T00:00:00.000Z|\n');
  assert.match(table!, /^┌────┬────────────────┬────────┬──────────────────────┬────────┐\n│ c1 │ Spring, "Sale" │   12\.5 │/);
  assert.match(table!, /│ c2 │ Winter         │ \(null\) │ 2024-12-24T00:00:00Z │ \(null\) │/);
  assert.match(narrow!, /^┌─────┬/);
  assert.match(narrow!, /│ c1  │ Spring, "Sale" │/);
  assert.equal(
    show,
    '      mode: table\n   headers: off\n nullvalue: "(null)"\n     width: 3\n separator: "|"\n  expanded: auto\n     timer: off\n      bail: off\n',
  );
});

test('.read FILE runs SQL and dot-commands; an error points at the line of that file; .bail on stops it', async () => {
  const dir = tmp();
  const script = join(dir, 'setup.sql');
  writeFileSync(script, '.mode csv\nSELECT 1;\n\nSELECT\n  Id FRM Campaigns;\nSELECT 2;\n');
  const run = await runMain(['twitterads'], { input: `.read ${script}\nSELECT 3;\n` });
  assert.equal(run.code, 1);
  assert.equal(run.stdout, 'n\n1\nn\n2\nn\n3\n');
  assert.equal(run.stderr, 'Error [SQL_SYNTAX]: Syntax error: unexpected "FRM" (line 5, column 6)\nLINE 5:   Id FRM Campaigns;\n             ^\n');

  const bailed = await runMain(['twitterads'], { input: `.bail on\n.read ${script}\nSELECT 3;\n` });
  assert.equal(bailed.stdout, 'n\n1\nn\n3\n', 'the script stopped at its error; the shell went on');
  const missing = await runMain(['twitterads'], { input: '.read /nonexistent/x.sql\n' });
  assert.equal(missing.stderr, 'Error: Cannot read /nonexistent/x.sql: ENOENT\n');
});

test('piped input under .bail on stops at the first error, exit 1', async () => {
  const run = await runMain(['twitterads'], { input: '.bail on\n.mode csv\nSELECT 1;\nSELECT FAIL;\nSELECT 2;\n' });
  assert.equal(run.code, 1);
  assert.equal(run.stdout, 'n\n1\n');
  assert.deepEqual(run.conn.statements, ['SELECT 1', 'SELECT FAIL']);
});

test('the REPL prints EXPLAIN as a tree; .mode json prints the same tree nested', async () => {
  const conn = new FakeConnection();
  conn.query = async (sql) => {
    conn.statements.push(sql);
    return {
      fields: ['Id', 'ParentId', 'Operation', 'Detail', 'EstimatedCalls', 'ActualCalls', 'ActualRows'].map((name) => ({ name, type: name === 'Operation' || name === 'Detail' ? ('String' as const) : ('Long' as const) })),
      rows: [
        { Id: 1, ParentId: null, Operation: 'Limit', Detail: '5', EstimatedCalls: null, ActualCalls: null, ActualRows: null },
        { Id: 2, ParentId: 1, Operation: '  Scan', Detail: 'Campaigns via /12/accounts/:account_id/campaigns; pushed: count=5', EstimatedCalls: 1, ActualCalls: null, ActualRows: null },
      ],
    };
  };
  const run = await runMain(['twitterads'], { conn, input: '.explain SELECT Id FROM Campaigns LIMIT 5\n.mode json\nEXPLAIN SELECT 1;\n' });
  assert.equal(
    run.stdout.split('\n[')[0],
    'Limit 5  [local]\n└─ Scan Campaigns via /12/accounts/:account_id/campaigns  [API · est 1 call]\n       pushed: count=5',
  );
  const json = JSON.parse(`[${run.stdout.split('\n[')[1]}`) as { Operation: string; Children: { Operation: string; Api: boolean; EstimatedCalls: number }[] }[];
  assert.equal(json[0]!.Operation, 'Limit');
  assert.deepEqual([json[0]!.Children[0]!.Operation, json[0]!.Children[0]!.Api, json[0]!.Children[0]!.EstimatedCalls], ['Scan', true, 1]);
});

test('at a terminal the prompt shows before the connection is open; a failed connection ends the shell with exit 1', async () => {
  const stdin = fakeTty();
  const stdout = collect();
  const stderr = collect();
  let fail: (error: Error) => void = () => undefined;
  const done = main(['twitterads', 'OAuthClientId=x'], {
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { SOCIALSQL_HISTORY: join(tmp(), 'h') },
    interrupts: new EventEmitter(),
    openConnection: () => new Promise((_, reject) => (fail = reject)),
  });
  await waitFor(() => stdout.text().includes('socialsql> '), 'the prompt before the connection');
  const { AuthError } = await import('../../src/errors.js');
  fail(new AuthError('The access token was rejected'));
  assert.equal(await done, 1);
  assert.match(stderr.text(), /Error \[AUTH\]: The access token was rejected\n/);
});

test('.once FILE takes the next result only; .output still works after it', async () => {
  const dir = tmp();
  const once = join(dir, 'once.csv');
  const run = await runMain(['twitterads'], { input: `.mode csv\n.once ${once}\nSELECT 1;\nSELECT 2;\n` });
  assert.equal(readFileSync(once, 'utf8'), 'n\n1\n');
  assert.equal(run.stdout, 'n\n2\n');
});

test('at a terminal, a result taller than the screen goes through $PAGER; a short one does not', async () => {
  const dir = tmp();
  const paged = join(dir, 'paged.txt');
  const stdin = fakeTty();
  const stdout = collect();
  const session = runMain(['twitterads'], { stdin, stdout, env: { SOCIALSQL_HISTORY: join(dir, 'h'), PAGER: `cat > ${paged}` } });
  await waitFor(() => stdout.text().includes('socialsql> '), 'the prompt');
  stdin.write('SELECT 1;\r');
  await waitFor(() => stdout.text().includes('(1 row)'), 'the short result on the terminal');
  stdin.write('SELECT MANY;\r');
  await waitFor(() => {
    try {
      return readFileSync(paged, 'utf8').includes('(showing the first 1000 rows');
    } catch {
      return false;
    }
  }, 'the long result in the pager');
  stdin.write('.quit\r');
  const run = await session;
  assert.equal(run.code, 0);
  assert.ok(!run.stdout.includes('│ 1000 │'), 'the long result went to the pager, not the terminal');
  assert.match(readFileSync(paged, 'utf8'), /│ 1000 │\n└──────┘\n/);
});
