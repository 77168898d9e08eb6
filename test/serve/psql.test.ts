/** The real psql binary against `socialsql serve`: catalog meta-commands, a join, a parameterised query, errors. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServe, type ServeHarness } from './harness.js';

let h: ServeHarness;
before(async () => {
  h = await startServe();
});
after(async () => {
  await h.close();
});

test('\\dt lists each connection as a schema of lower-case tables', async () => {
  const out = await h.psql(['-c', '\\dt "agency-eu".*']);
  assert.match(out, /agency-eu \| campaigns\s+\| table/);
  assert.match(out, /agency-eu \| lineitems\s+\| table/);
  const all = await h.psql(['-A', '-t', '-c', '\\dt *.*']);
  assert.ok(all.split('\n').some((l) => l.startsWith('brand-ig|media|table')), all);
});

test('\\dn lists the schemas and \\d shows columns with their PostgreSQL types', async () => {
  assert.match(await h.psql(['-c', '\\dn']), /agency-eu[\s\S]*brand-ig/);
  const d = await h.psql(['-c', '\\d "agency-eu".campaigns']);
  assert.match(d, /Table "agency-eu\.campaigns"/);
  assert.match(d, /\bId\s+\| text/);
  assert.match(d, /DailyBudgetAmountLocalMicro\s+\| bigint/);
  assert.match(d, /Servable\s+\| boolean/);
  assert.match(d, /CreatedAt\s+\| timestamp with time zone/);
});

test('a join runs through the engine and prints rows', async () => {
  const out = await h.psql(['-A', '-F', '|', '-c', 'SELECT c."Name", l."Name" AS line FROM campaigns c JOIN lineitems l ON l."CampaignId" = c."Id" ORDER BY 1, 2 LIMIT 3']);
  const direct = await h.twitter.conn.query('SELECT c.Name, l.Name AS line FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id ORDER BY 1, 2 LIMIT 3');
  const lines = out.trim().split('\n');
  assert.equal(lines[0], 'Name|line');
  assert.deepEqual(lines.slice(1, 4), direct.rows.map((r) => `${r.Name}|${r.line}`));
  assert.equal(lines[4], '(3 rows)');
});

test('a parameterised query (psql variables) and a schema-qualified name', async () => {
  const { rows } = await h.twitter.conn.query('SELECT Id, Name FROM Campaigns ORDER BY Id LIMIT 1');
  const id = String(rows[0]!.Id);
  // psql substitutes variables in scripts, not in -c.
  const dir = await mkdtemp(join(tmpdir(), 'serve-psql-'));
  const script = join(dir, 'q.sql');
  await writeFile(script, `SELECT "Name" FROM "agency-eu".campaigns WHERE "Id" = :'id';\n`);
  const out = await h.psql(['-A', '-t', '-v', `id=${id}`, '-f', script]);
  await rm(dir, { recursive: true });
  assert.equal(out.trim(), String(rows[0]!.Name));
});

test('errors carry SQLSTATEs and psql shows them', async () => {
  const fail = async (sql: string): Promise<string> => {
    try {
      await h.psql(['-v', 'VERBOSITY=verbose', '-c', sql]);
    } catch (error) {
      return String((error as { stderr?: string }).stderr);
    }
    assert.fail(`expected an error for ${sql}`);
  };
  assert.match(await fail('SELECT "Id" FROM campaigns WHER 1 = 1'), /ERROR:\s+42601/);
  assert.match(await fail('SELECT * FROM campaignz'), /ERROR:\s+42P01/);
  assert.match(await fail(`DELETE FROM campaigns WHERE "Id" = 'x'`), /ERROR:\s+42501/);
});

test('a wrong password and an unknown user are refused with 28P01, a wrong database with 3D000', async () => {
  const refused = async (user: string, password: string, db = 'socialsql'): Promise<string> => {
    try {
      await h.psql(['-d', db, '-c', 'SELECT 1'], user, password);
    } catch (error) {
      return String((error as { stderr?: string }).stderr);
    }
    assert.fail('expected the connection to be refused');
  };
  assert.match(await refused('analyst', 'wrong'), /password authentication failed for user "analyst"/);
  assert.match(await refused('mallory', 'x'), /password authentication failed for user "mallory"/);
  assert.match(await refused('analyst', 'analyst-pw', 'postgres'), /database "postgres" does not exist/);
});
