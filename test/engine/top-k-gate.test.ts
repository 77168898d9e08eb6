/**
 * ORDER BY … LIMIT over an in-memory scan with compiled predicates: past the first slice the
 * scan drops rows that miss the sort's cut, some before the predicates run. Answers must equal
 * SQLite's with NULL keys, ties on the first key, DESC and ASC, strings and numbers.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Oracle } from './sqlite-oracle.js';

const rows = [];
// More rows than one scan slice, so the gate is set while rows are still coming.
for (let i = 0; i < 5000; i++) {
  rows.push({ Id: i, S: i % 7 === 0 ? null : ['x', 'y', 'z'][i % 3]!, N: i % 11 === 0 ? null : (i * 7919) % 500, T: `t${(i * 31) % 97}` });
}
const oracle = new Oracle([
  {
    name: 'R',
    columns: [{ name: 'Id', type: 'Int' }, { name: 'S', type: 'String' }, { name: 'N', type: 'Int' }, { name: 'T', type: 'String' }],
    rows,
  },
]);
after(() => oracle.close());

test('the gated top-k gives the rows SQLite gives, in order', async () => {
  for (const sql of [
    "SELECT Id, N FROM R WHERE S <> 'x' AND N IS NOT NULL ORDER BY N DESC, Id LIMIT 20",
    "SELECT Id, N FROM R WHERE S <> 'x' ORDER BY N, Id LIMIT 15",
    "SELECT Id, N FROM R WHERE S <> 'x' ORDER BY N DESC, Id DESC LIMIT 9",
    "SELECT Id, T FROM R WHERE S = 'y' ORDER BY T DESC, Id LIMIT 12",
    'SELECT Id, N, T FROM R WHERE N IS NOT NULL ORDER BY T, N DESC, Id LIMIT 30',
    'SELECT Id FROM R WHERE N < 100 ORDER BY Id DESC LIMIT 5 OFFSET 3',
  ]) {
    const { ours, sqlite } = await oracle.both(sql);
    assert.deepEqual(ours, sqlite, sql);
  }
});
