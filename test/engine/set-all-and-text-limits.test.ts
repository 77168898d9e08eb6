/**
 * INTERSECT ALL / EXCEPT ALL (the grammar takes ALL only after UNION; the dialect rewrite carries it over),
 * checked against SQLite through its ROW_NUMBER equivalent; and LIMIT/OFFSET bound as numeric text.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../../src/errors.js';
import { query } from './helpers.js';
import { multiset, Oracle } from './sqlite-oracle.js';

const oracle = new Oracle([
  {
    name: 'T',
    columns: [{ name: 'Id', type: 'Int' }, { name: 'K', type: 'String' }],
    rows: [{ Id: 1, K: 'a' }, { Id: 2, K: 'a' }, { Id: 3, K: 'a' }, { Id: 4, K: 'b' }, { Id: 5, K: null }, { Id: 6, K: null }],
  },
  { name: 'U', columns: [{ name: 'K', type: 'String' }], rows: [{ K: 'a' }, { K: 'a' }, { K: 'c' }, { K: null }] },
]);
after(() => oracle.close());

// SQLite has no INTERSECT/EXCEPT ALL: numbering each copy of a row makes the plain operator count copies.
const numbered = (table: string) => `SELECT K, ROW_NUMBER() OVER (PARTITION BY K) AS n FROM ${table}`;

test('INTERSECT ALL keeps min(m, n) copies, EXCEPT ALL keeps m - n (NULLs equal)', async () => {
  const cases: [string, string, string[]][] = [
    ['SELECT K FROM T INTERSECT ALL SELECT K FROM U', `SELECT K FROM (${numbered('T')} INTERSECT ${numbered('U')})`, ['["a"]', '["a"]', '[null]']],
    ['SELECT K FROM T EXCEPT ALL SELECT K FROM U', `SELECT K FROM (${numbered('T')} EXCEPT ${numbered('U')})`, ['["a"]', '["b"]', '[null]']],
    ['SELECT K FROM U except all SELECT K FROM T', `SELECT K FROM (${numbered('U')} EXCEPT ${numbered('T')})`, ['["c"]']],
  ];
  for (const [ours, sqlite, expected] of cases) {
    const both = await oracle.both(ours, sqlite);
    assert.deepEqual(multiset(both.ours), multiset(both.sqlite), ours);
    assert.deepEqual(multiset(both.ours), expected, ours);
  }
  // Without ALL the result stays a set.
  const plain = await oracle.both('SELECT K FROM T INTERSECT SELECT K FROM U');
  assert.deepEqual(multiset(plain.ours), multiset(plain.sqlite));
  assert.deepEqual(multiset(plain.ours), ['["a"]', '[null]']);
});

test('INTERSECT ALL chains with UNION ALL and takes ORDER BY/LIMIT over the whole', async () => {
  const sql = 'SELECT K FROM T INTERSECT ALL SELECT K FROM U UNION ALL SELECT K FROM U ORDER BY 1 LIMIT 3';
  const rows = await query(oracle.catalog, sql);
  assert.deepEqual(rows.map((r) => r.K), [null, null, 'a']);
});

test('LIMIT and OFFSET accept whole-number strings (how PostgreSQL clients bind $1)', async () => {
  const both = await oracle.both("SELECT Id FROM T ORDER BY Id LIMIT '2' OFFSET '1'", 'SELECT Id FROM T ORDER BY Id LIMIT 2 OFFSET 1');
  assert.deepEqual(both.ours, both.sqlite);
  assert.deepEqual(both.ours, [[2], [3]]);
  const params = await query(oracle.catalog, 'SELECT Id FROM T ORDER BY Id LIMIT @n', { n: '3' });
  assert.deepEqual(params.map((r) => r.Id), [1, 2, 3]);
  for (const bad of ["'2.5'", "'-1'", "'two'", "''", "'1e3'"]) {
    await assert.rejects(query(oracle.catalog, `SELECT Id FROM T LIMIT ${bad}`), (e: unknown) => e instanceof PlanError && /LIMIT must be a non-negative integer/.test(e.message), bad);
  }
});
