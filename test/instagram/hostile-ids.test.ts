/**
 * Issue 7, items 1-2 on Instagram: a value is one Graph id or none. A list separator, a dot
 * segment, an empty value or anything that is not a Graph id matches nothing and costs no call,
 * in reads and in writes (`..` would otherwise resolve the path to `/`, the batch endpoint).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PlanError } from '../../src/errors.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let media: string[];
before(async () => {
  h = await startHarness();
  media = (await h.conn.query('SELECT Id FROM Media LIMIT 2')).rows.map((r) => r.Id as string);
});
after(() => h.close());

test('a value containing a comma, or no Graph id at all, matches nothing and costs no call', async () => {
  const pair = `${media[0]},${media[1]}`;
  for (const [sql, params] of [
    ['SELECT Id FROM Media WHERE Id = ?', [pair]],
    ['SELECT Id FROM Media WHERE Id IN (?, ?)', [pair, '..']],
    ['SELECT Id FROM Comments WHERE MediaId = ?', [pair]],
    ['SELECT Id FROM Comments WHERE MediaId = ?', ['..']],
    ['SELECT Id FROM Comments WHERE MediaId IN (?, ?)', ['', ' ']],
    ['SELECT Id FROM Replies WHERE CommentId = ?', ['.']],
    ['SELECT MediaId FROM MediaInsights WHERE MediaId = ?', [pair]],
    ['SELECT Id FROM Accounts WHERE Id = ?', ['me']],
  ] as const) {
    await h.reset();
    const { rows } = await h.conn.query(sql, [...params]);
    assert.equal(rows.length, 0, sql);
    assert.equal((await h.calls()).requests, 0, sql);
  }
});

test("writes keyed on '..' or a list affect nothing and send nothing; INSERT under a non-id is a PlanError", async () => {
  for (const sql of ["DELETE FROM Comments WHERE Id = '..'", "UPDATE Comments SET Hidden = true WHERE Id = '..'", "DELETE FROM Comments WHERE Id = '1,2'", "UPDATE Comments SET Hidden = true WHERE Id = ''"]) {
    await h.reset();
    const result = await h.conn.query(sql);
    assert.equal(result.affectedRows, 0, sql);
    assert.equal((await h.calls()).requests, 0, sql);
  }
  await h.reset();
  await assert.rejects(h.conn.query("INSERT INTO Comments (MediaId, Text) VALUES ('..', 'hi')"), PlanError);
  await assert.rejects(h.conn.query(`INSERT INTO Comments (MediaId, Text) VALUES ('${media[0]},${media[1]}', 'hi')`), PlanError);
  assert.equal((await h.calls()).requests, 0);
});
