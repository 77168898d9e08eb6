import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf, FakeApiTable, query, tableInfo } from './helpers.js';
import { multiset, Oracle } from './sqlite-oracle.js';

const oracle = new Oracle([
  {
    name: 'S',
    columns: [{ name: 'Id', type: 'Int' }, { name: 'G', type: 'String' }, { name: 'D', type: 'Int' }, { name: 'V', type: 'Int' }],
    rows: [
      { Id: 1, G: 'a', D: 1, V: 10 },
      { Id: 2, G: 'a', D: 2, V: 20 },
      { Id: 3, G: 'a', D: 2, V: 5 },
      { Id: 4, G: 'a', D: 4, V: null },
      { Id: 5, G: 'b', D: 1, V: 7 },
      { Id: 6, G: 'b', D: 3, V: 8 },
      { Id: 7, G: null, D: 1, V: 1 },
    ],
  },
]);
after(() => oracle.close());

const sameAsSqlite = async (sql: string) => {
  const { ours, sqlite } = await oracle.both(sql);
  assert.deepEqual(multiset(ours), multiset(sqlite), sql);
  return ours;
};

test('ranking functions: ROW_NUMBER, RANK, DENSE_RANK, NTILE', async () => {
  await sameAsSqlite('SELECT Id, ROW_NUMBER() OVER (PARTITION BY G ORDER BY D, Id) AS rn FROM S');
  await sameAsSqlite('SELECT Id, RANK() OVER (PARTITION BY G ORDER BY D) AS r, DENSE_RANK() OVER (PARTITION BY G ORDER BY D) AS dr FROM S');
  await sameAsSqlite('SELECT Id, RANK() OVER (ORDER BY V DESC) AS r FROM S');
  await sameAsSqlite('SELECT Id, NTILE(3) OVER (ORDER BY Id) AS t, NTILE(2) OVER (PARTITION BY G ORDER BY Id) AS t2 FROM S');
});

test('LAG, LEAD, FIRST_VALUE, LAST_VALUE', async () => {
  await sameAsSqlite('SELECT Id, LAG(V) OVER (PARTITION BY G ORDER BY Id) AS prev, LEAD(V, 2, -1) OVER (PARTITION BY G ORDER BY Id) AS next2 FROM S');
  await sameAsSqlite('SELECT Id, FIRST_VALUE(V) OVER (PARTITION BY G ORDER BY Id) AS f, LAST_VALUE(V) OVER (PARTITION BY G ORDER BY Id) AS l FROM S');
  await sameAsSqlite('SELECT Id, LAST_VALUE(V) OVER (PARTITION BY G ORDER BY Id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS l FROM S');
});

test('aggregates OVER partitions and frames (peers share the default frame)', async () => {
  await sameAsSqlite('SELECT Id, SUM(V) OVER (PARTITION BY G) AS total, COUNT(*) OVER () AS n, AVG(V) OVER (PARTITION BY G) AS mean FROM S');
  await sameAsSqlite('SELECT Id, SUM(V) OVER (PARTITION BY G ORDER BY D) AS running FROM S');
  await sameAsSqlite('SELECT Id, SUM(V) OVER (ORDER BY Id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving FROM S');
  await sameAsSqlite('SELECT Id, MIN(V) OVER (ORDER BY Id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS lo, MAX(V) OVER (ORDER BY Id ROWS UNBOUNDED PRECEDING) AS hi FROM S');
  await sameAsSqlite('SELECT Id, COUNT(V) OVER (ORDER BY Id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING) AS upto FROM S');
});

test('windows over grouped rows, in ORDER BY, and under a LIMIT', async () => {
  await sameAsSqlite('SELECT G, SUM(V) AS s, RANK() OVER (ORDER BY SUM(V) DESC) AS r FROM S GROUP BY G');
  const { ours, sqlite } = await oracle.both('SELECT Id, ROW_NUMBER() OVER (ORDER BY V DESC) AS rn FROM S ORDER BY rn LIMIT 3');
  assert.deepEqual(ours, sqlite);
  await sameAsSqlite('SELECT * FROM (SELECT Id, G, ROW_NUMBER() OVER (PARTITION BY G ORDER BY V DESC) AS rn FROM S) AS t WHERE rn = 1');
});

test('a LIMIT is not sent to the scan below a window, and a filter is not pushed below one', async () => {
  const t = new FakeApiTable(tableInfo('T', ['Id', 'K']), [
    { Id: '1', K: 'a' },
    { Id: '2', K: 'b' },
    { Id: '3', K: 'a' },
  ], { exact: ['K'] });
  const rows = await query(catalogOf(t), 'SELECT Id, COUNT(*) OVER () AS n FROM T LIMIT 1');
  assert.deepEqual(rows, [{ Id: '1', n: 3 }]);
  assert.equal(t.opens[0]!.limit, undefined);
  const explain = await query(catalogOf(t), "EXPLAIN SELECT Id FROM (SELECT Id, K, ROW_NUMBER() OVER (ORDER BY Id) AS rn FROM T) AS d WHERE K = 'a'");
  assert.deepEqual(explain.map((r) => String(r.Operation).trim()), ['Project', 'Subquery', 'Project', 'Window', 'Scan']);
  assert.match(String(explain[1]!.Detail), /local filter: K = 'a'/);
  assert.equal(explain[3]!.Detail, 'ROW_NUMBER() OVER (ORDER BY Id)');
  assert.deepEqual(
    (await query(catalogOf(t), "SELECT Id, rn FROM (SELECT Id, K, ROW_NUMBER() OVER (ORDER BY Id) AS rn FROM T) AS d WHERE K = 'a'")).map((r) => r.rn),
    [1, 3],
  );
});

test('window functions are rejected where they cannot be', async () => {
  await assert.rejects(query(oracle.catalog, 'SELECT Id FROM S WHERE ROW_NUMBER() OVER (ORDER BY Id) = 1'), /not allowed in WHERE/);
  await assert.rejects(query(oracle.catalog, 'SELECT NTILE(0) OVER (ORDER BY Id) FROM S'), /positive whole number/);
  await assert.rejects(query(oracle.catalog, 'SELECT UPPER(G) OVER (ORDER BY Id) FROM S'), /not a window function/);
});

test('RANGE frames: CURRENT ROW includes the peers', async () => {
  await sameAsSqlite('SELECT Id, SUM(V) OVER (PARTITION BY G ORDER BY D RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s FROM S');
  await sameAsSqlite('SELECT Id, SUM(V) OVER (PARTITION BY G ORDER BY D RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS s FROM S');
  await sameAsSqlite('SELECT Id, LAST_VALUE(V) OVER (PARTITION BY G ORDER BY D RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l FROM S');
  await sameAsSqlite('SELECT Id, COUNT(*) OVER (ORDER BY D RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS peers FROM S');
  await assert.rejects(query(oracle.catalog, 'SELECT SUM(V) OVER (ORDER BY D RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM S'), /use ROWS for row offsets/);
  await assert.rejects(query(oracle.catalog, 'SELECT SUM(V) OVER (ORDER BY D RANGE UNBOUNDED PRECEDING) FROM S'), /RANGE BETWEEN/);
});
