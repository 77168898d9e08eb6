import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindParameters } from '../../src/engine.js';
import type { SelectStatement } from '../../src/engine.js';
import { SqlSyntaxError } from '../../src/errors.js';
import { grammarRunCount } from '../../src/sql/mysql-adapter.js';
import { StatementCache } from '../../src/sql/statement-cache.js';
import { startHarness } from '../twitterads/harness.js';

test('the same text twice runs the grammar once; new parameters still give their own rows', async () => {
  const h = await startHarness();
  try {
    const all = (await h.conn.query('SELECT Id, Name FROM Campaigns ORDER BY Id')).rows;
    assert.ok(all.length >= 2);
    const [a, b] = [String(all[0]!.Name), String(all[1]!.Name)];
    assert.notEqual(a, b);
    const sql = 'SELECT Id, Name FROM Campaigns WHERE Name = ? ORDER BY Id';
    const before = grammarRunCount();
    const first = await h.conn.query(sql, [a]);
    const second = await h.conn.query(sql, [b]);
    const third = await h.conn.query(sql, [a]);
    assert.equal(grammarRunCount() - before, 1);
    assert.deepEqual(first.rows.map((r) => r.Id), all.filter((r) => r.Name === a).map((r) => r.Id));
    assert.deepEqual(second.rows.map((r) => r.Id), all.filter((r) => r.Name === b).map((r) => r.Id));
    assert.notDeepEqual(first.rows, second.rows);
    assert.deepEqual(third.rows, first.rows);
    // describe() shares the cache; different text is parsed anew.
    await h.conn.describe(sql, [a]);
    assert.equal(grammarRunCount() - before, 1);
    await h.conn.query(`${sql} `, [a]);
    assert.equal(grammarRunCount() - before, 2);
  } finally {
    await h.close();
  }
});

test('a cached statement is frozen, and binding builds a new one', () => {
  const cache = new StatementCache();
  const sql = `SELECT Id FROM T WHERE A = ? AND B IN (${Array.from({ length: 20 }, () => '?').join(', ')})`;
  const [statement] = cache.parse(sql) as SelectStatement[];
  assert.ok(Object.isFrozen(statement) && Object.isFrozen(statement!.where) && Object.isFrozen(statement!.items));
  assert.throws(() => {
    (statement as { where?: unknown }).where = undefined;
  }, TypeError);
  const bound = bindParameters(statement!, Array.from({ length: 21 }, (_, i) => i)) as SelectStatement;
  assert.notEqual(bound, statement);
  const again = cache.parse(sql)[0] as SelectStatement;
  assert.equal(again, statement);
  assert.ok(!JSON.stringify(again.where).includes('Literal'));
});

test('bounded by entries and by total text; errors are not cached', () => {
  const cache = new StatementCache({ maxEntries: 3, maxTextChars: 100 });
  for (const n of [1, 2, 3, 4]) cache.parse(`SELECT ${n}`);
  assert.equal(cache.size, 3);
  const before = grammarRunCount();
  cache.parse('SELECT 4');
  assert.equal(grammarRunCount() - before, 0);
  cache.parse('SELECT 1');
  assert.equal(grammarRunCount() - before, 1, 'the oldest entry was evicted');
  // One text of 90 characters leaves room for nothing else of that size.
  const long = `SELECT ${'1 + '.repeat(20)}1`.padEnd(90, ' ');
  cache.parse(long);
  cache.parse(`${long} `);
  assert.ok(cache.size <= 2);
  const runs = grammarRunCount();
  cache.parse(long);
  assert.equal(grammarRunCount() - runs, 1, 'the text-size bound evicted the first long text');
  for (let i = 0; i < 2; i++) assert.throws(() => cache.parse('SELECT FROM WHERE'), SqlSyntaxError);
  assert.equal(grammarRunCount() - runs, 3);
});
