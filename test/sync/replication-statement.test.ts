/** CACHE and REPLICATE statements: parsed with CData's options, run into the CacheLocation target. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SqlSyntaxError } from '../../src/errors.js';
import { parseStatements } from '../../src/sql/parse.js';
import { openTarget } from '../../src/sync/target.js';
import { canonical, dataColumns, startTwitter, targetRows } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'socialsql-cache-'));
const file = join(dir, 'cache.db');
let twitter: Awaited<ReturnType<typeof startTwitter>>;
before(async () => {
  twitter = await startTwitter();
});
after(async () => {
  await twitter.close();
  rmSync(dir, { recursive: true, force: true });
});

test('CACHE and REPLICATE parse with a table name and WITH options', () => {
  const cache = parseStatements('CACHE WITH TRUNCATE, AUTOCOMMIT SELECT * FROM Campaigns')[0]!;
  assert.equal(cache.kind, 'Replication');
  if (cache.kind !== 'Replication') return;
  assert.equal(cache.verb, 'CACHE');
  assert.equal(cache.table, undefined);
  assert.deepEqual(cache.options, { truncate: true, autocommit: true, schemaOnly: false, dropExisting: false, alterSchema: false });
  assert.equal(cache.query.from?.table.name, 'Campaigns');
  const replicate = parseStatements('REPLICATE "My Campaigns" WITH DROP EXISTING SCHEMA ONLY ALTER SCHEMA SELECT Id, Name FROM Campaigns WHERE AccountId = ?')[0]!;
  assert.ok(replicate.kind === 'Replication' && replicate.verb === 'REPLICATE' && replicate.table === 'My Campaigns');
  assert.ok(replicate.kind === 'Replication' && replicate.options.dropExisting && replicate.options.schemaOnly && replicate.options.alterSchema && !replicate.options.truncate);
  assert.throws(() => parseStatements('CACHE WITH EVERYTHING SELECT 1'), (e: unknown) => e instanceof SqlSyntaxError && e.line === 1 && e.column === 12);
  assert.throws(() => parseStatements('CACHE t\nSELECT Id FROM'), (e: unknown) => e instanceof SqlSyntaxError && e.line === 2);
  assert.throws(() => parseStatements('REPLICATE t DELETE FROM Campaigns'), (e: unknown) => e instanceof SqlSyntaxError && /takes a SELECT/.test(e.message) && e.column === 13);
});

test('CACHE lands exactly the rows the SELECT returns; REPLICATE after it upserts 0; options do what they say', async () => {
  const account = twitter.emulator.credentials.accountIds[0]!;
  const conn = await twitter.connectWith(`CacheLocation=${file}`);
  const live = await conn.query('SELECT * FROM Campaigns WHERE AccountId = ? AND IncludeDeleted = true', [account]);
  const cached = await conn.query('CACHE SELECT * FROM Campaigns WHERE AccountId = ? AND IncludeDeleted = true', [account]);
  assert.deepEqual(cached.rows, [{ Table: 'twitterads_campaigns', Rows: live.rows.length, Upserted: live.rows.length }]);
  const target = await openTarget({ kind: 'sqlite', file });
  try {
    const columns = dataColumns(conn, 'Campaigns');
    assert.deepEqual(canonical(await targetRows(target, conn, 'twitterads', 'Campaigns'), columns), canonical(live.rows, columns));
    const again = await conn.query('REPLICATE SELECT * FROM Campaigns WHERE AccountId = ? AND IncludeDeleted = true', [account]);
    assert.equal(again.affectedRows, 0, 'nothing changed');

    await twitter.reset();
    const schema = await conn.query('CACHE Summary WITH SCHEMA ONLY SELECT Id, Name, DailyBudgetAmountLocalMicro FROM Campaigns');
    assert.equal((await twitter.calls()).requests, 0, 'SCHEMA ONLY makes no API call');
    assert.deepEqual(schema.rows, [{ Table: 'twitterads_summary', Rows: 0, Upserted: 0 }]);
    assert.equal(await target.hasTable('twitterads', 'Summary'), true);

    const first = await conn.query('CACHE Summary SELECT Id, Name FROM Campaigns WHERE AccountId = ?', [account]);
    const truncated = await conn.query("CACHE Summary WITH TRUNCATE SELECT Id, Name FROM Campaigns WHERE AccountId = ? AND Name LIKE 'Q%'", [account]);
    const dropped = await conn.query('CACHE Summary WITH DROP EXISTING, AUTOCOMMIT SELECT Id FROM Campaigns WHERE AccountId = ? LIMIT 3', [account]);
    assert.ok(Number(first.rows[0]!.Rows) > Number(truncated.rows[0]!.Rows));
    assert.equal(truncated.rows[0]!.Upserted, truncated.rows[0]!.Rows, 'after TRUNCATE every row is new again');
    assert.equal(dropped.rows[0]!.Upserted, 3);

    await assert.rejects(conn.query('CACHE SELECT Name FROM Campaigns'), (e: unknown) => (e as { code?: string }).code === 'PLAN' && /select Id/.test(String(e)));
    await assert.rejects(twitter.conn.query('CACHE SELECT * FROM Campaigns'), (e: unknown) => (e as { code?: string }).code === 'PLAN' && /CacheLocation/.test(String(e)));
  } finally {
    await target.close();
  }
});
