import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { multiset, Oracle } from './sqlite-oracle.js';
import { query } from './helpers.js';

const oracle = new Oracle([
  {
    name: 'A',
    columns: [{ name: 'K', type: 'String' }, { name: 'N', type: 'Int' }],
    rows: [{ K: 'x', N: 1 }, { K: 'x', N: 1 }, { K: 'y', N: 2 }, { K: null, N: 3 }, { K: null, N: 3 }, { K: 'z', N: null }],
  },
  {
    name: 'B',
    columns: [{ name: 'K', type: 'String' }, { name: 'N', type: 'Int' }],
    rows: [{ K: 'x', N: 1 }, { K: 'y', N: 5 }, { K: null, N: 3 }, { K: 'w', N: 9 }],
  },
]);
after(() => oracle.close());

const sameAsSqlite = async (sql: string, ordered = false) => {
  const { ours, sqlite } = await oracle.both(sql);
  if (ordered) assert.deepEqual(ours, sqlite, sql);
  else assert.deepEqual(multiset(ours), multiset(sqlite), sql);
  return ours;
};

test('UNION removes duplicates (NULLs equal), UNION ALL keeps them', async () => {
  assert.equal((await sameAsSqlite('SELECT K, N FROM A UNION SELECT K, N FROM B')).length, 6);
  assert.equal((await sameAsSqlite('SELECT K, N FROM A UNION ALL SELECT K, N FROM B')).length, 10);
});

test('INTERSECT and EXCEPT, with NULLs compared equal', async () => {
  assert.deepEqual(multiset(await sameAsSqlite('SELECT K, N FROM A INTERSECT SELECT K, N FROM B')), multiset([['x', 1], [null, 3]]));
  await sameAsSqlite('SELECT K, N FROM A EXCEPT SELECT K, N FROM B');
  await sameAsSqlite('SELECT K FROM B EXCEPT SELECT K FROM A');
});

test('chains are left-associative, as in SQLite', async () => {
  await sameAsSqlite('SELECT K FROM A UNION SELECT K FROM B INTERSECT SELECT K FROM B');
  await sameAsSqlite('SELECT K FROM A EXCEPT SELECT K FROM B UNION SELECT K FROM B');
});

test('ORDER BY and LIMIT apply to the whole result, by name or position', async () => {
  await sameAsSqlite('SELECT K, N FROM A UNION SELECT K, N FROM B ORDER BY N DESC, K LIMIT 3', true);
  await sameAsSqlite('SELECT K, N FROM A UNION ALL SELECT K, N FROM B ORDER BY 2, 1 LIMIT 4 OFFSET 2', true);
});

test('output names come from the first SELECT; column counts must match', async () => {
  const rows = await query(oracle.catalog, 'SELECT K AS Key FROM A WHERE N = 2 UNION SELECT N FROM B WHERE N = 9');
  assert.deepEqual(rows.map((r) => Object.keys(r)), [['Key'], ['Key']]);
  await assert.rejects(query(oracle.catalog, 'SELECT K, N FROM A UNION SELECT K FROM B'), /same number of columns \(2 and 1\)/);
});

test('a set operation in FROM, in IN (...) and in a WITH query', async () => {
  await sameAsSqlite('SELECT COUNT(*) AS n FROM (SELECT K FROM A UNION SELECT K FROM B) AS u');
  await sameAsSqlite('SELECT K, N FROM A WHERE K IN (SELECT K FROM B EXCEPT SELECT K FROM A WHERE N = 2)');
  await sameAsSqlite('WITH u AS (SELECT K, N FROM A UNION ALL SELECT K, N FROM B) SELECT K, SUM(N) AS s FROM u GROUP BY K');
});

test('EXPLAIN shows the set operation over both blocks; a LIMIT stays above it', async () => {
  const rows = await query(oracle.catalog, 'EXPLAIN SELECT K FROM A UNION SELECT K FROM B LIMIT 2');
  assert.deepEqual(rows.map((r) => String(r.Operation)), ['Limit', '  Project', '    Subquery', '      SetOperation', '        Project', '          Scan', '        Project', '          Scan']);
  assert.ok(rows.filter((r) => String(r.Operation).trim() === 'Scan').every((r) => !String(r.Detail).includes('limit')), 'no scan gets the limit');
});
