import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf, FakeApiTable, query, tableInfo } from './helpers.js';
import { multiset, Oracle } from './sqlite-oracle.js';

const oracle = new Oracle([
  {
    name: 'T',
    columns: [{ name: 'Id', type: 'Int' }, { name: 'K', type: 'String' }, { name: 'N', type: 'Int' }],
    rows: [
      { Id: 1, K: 'a', N: 10 },
      { Id: 2, K: 'b', N: 20 },
      { Id: 3, K: null, N: 30 },
      { Id: 4, K: 'd', N: null },
    ],
  },
  {
    name: 'U',
    columns: [{ name: 'K', type: 'String' }, { name: 'M', type: 'Int' }],
    rows: [{ K: 'a', M: 1 }, { K: 'a', M: 2 }, { K: 'd', M: 3 }, { K: null, M: 4 }],
  },
  { name: 'Empty', columns: [{ name: 'K', type: 'String' }], rows: [] },
]);
after(() => oracle.close());

const sameAsSqlite = async (sql: string) => {
  const { ours, sqlite } = await oracle.both(sql);
  assert.deepEqual(multiset(ours), multiset(sqlite), sql);
  return ours;
};

test('correlated EXISTS and NOT EXISTS (NULL keys never match)', async () => {
  assert.equal((await sameAsSqlite('SELECT Id FROM T WHERE EXISTS (SELECT 1 FROM U WHERE U.K = T.K)')).length, 2);
  assert.equal((await sameAsSqlite('SELECT Id FROM T WHERE NOT EXISTS (SELECT * FROM U WHERE U.K = T.K)')).length, 2);
  await sameAsSqlite('SELECT Id FROM T t WHERE EXISTS (SELECT 1 FROM U u WHERE t.K = u.K AND u.M > 1) AND t.N > 0');
  await sameAsSqlite('SELECT Id FROM T WHERE N > 15 AND NOT EXISTS (SELECT 1 FROM U WHERE U.K = T.K AND U.M = 3)');
});

test('uncorrelated EXISTS, anywhere', async () => {
  await sameAsSqlite('SELECT Id FROM T WHERE EXISTS (SELECT 1 FROM Empty)');
  await sameAsSqlite('SELECT Id FROM T WHERE NOT EXISTS (SELECT 1 FROM Empty)');
  await sameAsSqlite("SELECT Id, CASE WHEN EXISTS (SELECT 1 FROM U WHERE M > 3) THEN 'y' ELSE 'n' END AS e FROM T");
  await sameAsSqlite('SELECT COUNT(*) FROM T WHERE EXISTS (SELECT COUNT(*) FROM Empty)');
});

test('IN and NOT IN (SELECT ...) with NULL semantics', async () => {
  await sameAsSqlite('SELECT Id FROM T WHERE K IN (SELECT K FROM U)');
  // U.K has a NULL: NOT IN is never true.
  assert.deepEqual(await sameAsSqlite('SELECT Id FROM T WHERE K NOT IN (SELECT K FROM U)'), []);
  await sameAsSqlite('SELECT Id FROM T WHERE K NOT IN (SELECT K FROM U WHERE K IS NOT NULL)');
  await sameAsSqlite('SELECT Id FROM T WHERE K NOT IN (SELECT K FROM Empty)');
});

test('scalar subqueries in SELECT and WHERE', async () => {
  await sameAsSqlite('SELECT Id, (SELECT MAX(M) FROM U) AS top FROM T');
  await sameAsSqlite('SELECT Id FROM T WHERE N > (SELECT AVG(N) FROM T)');
  await sameAsSqlite("SELECT Id FROM T WHERE N = (SELECT N FROM T WHERE K = 'zzz')");
  await assert.rejects(query(oracle.catalog, 'SELECT (SELECT M FROM U) AS m'), /more than one row/);
});

test('a correlated EXISTS runs its subquery once and offers the keys to the outer scan', async () => {
  const campaigns = new FakeApiTable(tableInfo('Campaigns', ['Id', 'Name']), [
    { Id: 'c1', Name: 'x' },
    { Id: 'c2', Name: 'y' },
  ], { exact: ['Id'] });
  const stats = new FakeApiTable(tableInfo('Stats', ['EntityId', 'Clicks']), [{ EntityId: 'c2', Clicks: '5' }], {});
  const catalog = catalogOf(campaigns, stats);
  const sql = "SELECT Id FROM Campaigns c WHERE EXISTS (SELECT 1 FROM Stats s WHERE s.EntityId = c.Id AND s.Clicks <> '0')";
  assert.deepEqual(await query(catalog, sql), [{ Id: 'c2' }]);
  assert.equal(stats.opens.length, 1, 'the subquery ran once');
  assert.deepEqual(campaigns.opens[0]!.params?.get('subquery:1'), ['c2']);
  const explain = await query(catalog, `EXPLAIN ${sql}`);
  assert.deepEqual(explain.map((r) => String(r.Operation).trim()), ['Project', 'Scan', 'Subquery', 'Project', 'Scan']);
  assert.match(String(explain[1]!.Detail), /pushed: Id in \{subquery:1\}/);
  assert.match(String(explain[4]!.Detail), /local filter: s\.Clicks <> '0' AND s\.EntityId IS NOT NULL/);
});

test('correlated EXISTS beyond one equality, and IN outside a WHERE condition, become LEFT JOINs of the matching keys', async () => {
  const rows = await sameAsSqlite('SELECT Id FROM T WHERE EXISTS (SELECT 1 FROM U WHERE U.K = T.K AND U.M = T.N)');
  assert.deepEqual(rows, []);
  await sameAsSqlite('SELECT Id FROM T WHERE EXISTS (SELECT 1 FROM U WHERE U.K = T.K AND U.M * 10 = T.N)');
  await sameAsSqlite('SELECT Id, T.K IN (SELECT U.K FROM U WHERE U.M = T.N / 10) AS i FROM T');
  await sameAsSqlite('SELECT Id FROM T WHERE T.N > 25 OR EXISTS (SELECT 1 FROM U WHERE U.K = T.K)');
  // A comparison other than = cannot be grouped by: it runs as an Apply (test/engine/correlated-apply.test.ts).
  await sameAsSqlite('SELECT Id FROM T WHERE EXISTS (SELECT 1 FROM U WHERE U.M > T.N)');
});
