import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { query } from './helpers.js';
import { multiset, Oracle } from './sqlite-oracle.js';

const oracle = new Oracle([
  {
    name: 'A',
    columns: [{ name: 'Id', type: 'Int' }, { name: 'K', type: 'String' }, { name: 'N', type: 'Int' }],
    rows: [{ Id: 1, K: 'x', N: 1 }, { Id: 2, K: 'y', N: 2 }, { Id: 3, K: null, N: 3 }, { Id: 4, K: 'x', N: null }],
  },
  {
    name: 'B',
    columns: [{ name: 'K', type: 'String' }, { name: 'M', type: 'Int' }],
    rows: [{ K: 'x', M: 10 }, { K: 'z', M: 20 }, { K: null, M: 30 }, { K: 'x', M: 1 }],
  },
  {
    name: 'C',
    columns: [{ name: 'M', type: 'Int' }, { name: 'L', type: 'String' }],
    rows: [{ M: 10, L: 'ten' }, { M: 30, L: 'thirty' }, { M: 99, L: 'lost' }],
  },
]);
after(() => oracle.close());

const sameAsSqlite = async (sql: string) => {
  const { ours, sqlite } = await oracle.both(sql);
  assert.deepEqual(multiset(ours), multiset(sqlite), sql);
  return ours;
};

test('RIGHT and FULL joins keep the unmatched rows of their sides', async () => {
  assert.equal((await sameAsSqlite('SELECT A.Id, B.M FROM A RIGHT JOIN B ON A.K = B.K')).length, 6);
  assert.equal((await sameAsSqlite('SELECT A.Id, B.M FROM A FULL OUTER JOIN B ON A.K = B.K')).length, 8);
  await sameAsSqlite('SELECT A.Id, B.M FROM A RIGHT OUTER JOIN B ON A.K = B.K AND A.N > 1');
  await sameAsSqlite('SELECT A.Id, B.M FROM A FULL JOIN B ON A.K = B.K AND B.M > 5');
});

test('WHERE above an outer join sees the NULL-extended rows', async () => {
  await sameAsSqlite('SELECT A.Id, B.M FROM A RIGHT JOIN B ON A.K = B.K WHERE A.Id IS NULL');
  await sameAsSqlite('SELECT A.Id, B.M FROM A FULL JOIN B ON A.K = B.K WHERE B.M > 5 OR A.N = 2');
  await sameAsSqlite('SELECT A.Id, B.M FROM A LEFT JOIN B ON A.K = B.K WHERE B.M IS NULL');
  await sameAsSqlite('SELECT A.Id, B.M FROM A RIGHT JOIN B ON A.K = B.K WHERE 1 = 0');
});

test('three or more tables, CROSS joins and ON with several conjuncts', async () => {
  await sameAsSqlite('SELECT A.Id, B.M, C.L FROM A JOIN B ON A.K = B.K JOIN C ON C.M = B.M');
  await sameAsSqlite('SELECT A.Id, B.M, C.L FROM A LEFT JOIN B ON A.K = B.K LEFT JOIN C ON C.M = B.M AND C.L <> \'x\'');
  await sameAsSqlite('SELECT A.Id, B.M, C.L FROM A JOIN B ON A.K = B.K RIGHT JOIN C ON C.M = B.M');
  await sameAsSqlite('SELECT A.Id, B.M, C.L FROM A JOIN B ON A.K = B.K FULL JOIN C ON C.M = B.M WHERE A.N = 1 OR C.L IS NOT NULL');
  await sameAsSqlite('SELECT A.Id, C.L FROM A CROSS JOIN C WHERE A.N < 3');
  await sameAsSqlite('SELECT A.Id, B.M FROM A JOIN B ON A.K = B.K AND A.N <= B.M AND B.M <> 1');
});

test('GROUP BY over a FULL join, and EXPLAIN names the join type', async () => {
  await sameAsSqlite('SELECT B.K, COUNT(A.Id) AS n FROM A FULL JOIN B ON A.K = B.K GROUP BY B.K');
  const explain = await query(oracle.catalog, 'EXPLAIN SELECT A.Id FROM A RIGHT JOIN B ON A.K = B.K WHERE A.N > 1');
  assert.deepEqual(explain.map((r) => String(r.Operation).trim()), ['Project', 'Filter', 'HashJoin', 'Scan', 'Scan']);
  assert.equal(explain[1]!.Detail, 'A.N > 1', 'the WHERE on the NULL-extended side stays above the join');
  assert.match(String(explain[2]!.Detail), /^RIGHT ON A\.K = B\.K/);
});
