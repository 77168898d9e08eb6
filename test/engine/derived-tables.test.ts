import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf, FakeApiTable, query, tableInfo } from './helpers.js';
import { multiset, Oracle } from './sqlite-oracle.js';

const oracle = new Oracle([
  {
    name: 'Campaigns',
    columns: [{ name: 'Id', type: 'String' }, { name: 'AccountId', type: 'String' }, { name: 'Budget', type: 'Int' }],
    rows: [
      { Id: 'c1', AccountId: 'a1', Budget: 10 },
      { Id: 'c2', AccountId: 'a1', Budget: 20 },
      { Id: 'c3', AccountId: 'a2', Budget: null },
      { Id: 'c4', AccountId: 'a2', Budget: 40 },
    ],
  },
  {
    name: 'Accounts',
    columns: [{ name: 'Id', type: 'String' }, { name: 'Name', type: 'String' }],
    rows: [{ Id: 'a1', Name: 'One' }, { Id: 'a2', Name: 'Two' }, { Id: 'a3', Name: 'Three' }],
  },
]);
after(() => oracle.close());

const sameAsSqlite = async (sql: string) => {
  const { ours, sqlite } = await oracle.both(sql);
  assert.deepEqual(multiset(ours), multiset(sqlite), sql);
  return ours;
};

test('derived tables and WITH queries answer as SQLite does', async () => {
  await sameAsSqlite('SELECT d.AccountId, d.total FROM (SELECT AccountId, SUM(Budget) AS total FROM Campaigns GROUP BY AccountId) AS d WHERE d.total > 15');
  await sameAsSqlite('SELECT a.Name, d.n FROM Accounts a LEFT JOIN (SELECT AccountId, COUNT(*) AS n FROM Campaigns GROUP BY AccountId) AS d ON d.AccountId = a.Id');
  await sameAsSqlite('WITH big AS (SELECT Id, AccountId FROM Campaigns WHERE Budget >= 20), names AS (SELECT Id, Name FROM Accounts) SELECT big.Id, names.Name FROM big JOIN names ON names.Id = big.AccountId');
  await sameAsSqlite('WITH t (acct, n) AS (SELECT AccountId, COUNT(*) FROM Campaigns GROUP BY AccountId) SELECT acct, n FROM t WHERE n = 2');
  await sameAsSqlite('SELECT * FROM (SELECT Id FROM (SELECT Id, Budget FROM Campaigns WHERE Budget IS NOT NULL) AS x WHERE Budget < 30) AS y');
  await sameAsSqlite('SELECT COUNT(*) AS n FROM (SELECT 1 AS one, COUNT(*) AS c FROM Campaigns) AS d WHERE one = 2');
});

test('a filter on a derived table or CTE reaches the scan inside it', async () => {
  const campaigns = new FakeApiTable(tableInfo('Campaigns', ['Id', 'AccountId', 'Name']), [
    { Id: 'c1', AccountId: 'a1', Name: 'x' },
    { Id: 'c2', AccountId: 'a2', Name: 'y' },
  ], { exact: ['AccountId'] });
  const catalog = catalogOf(campaigns);
  const rows = await query(catalog, "WITH c AS (SELECT Id, AccountId AS acct FROM Campaigns) SELECT Id FROM c WHERE acct = 'a2'");
  assert.deepEqual(rows, [{ Id: 'c2' }]);
  const last = campaigns.requests[campaigns.requests.length - 1]!;
  assert.deepEqual(last.predicates, [{ kind: 'Compare', column: 'AccountId', op: '=', operand: { kind: 'Const', value: 'a2' } }]);

  const explain = await query(catalog, "EXPLAIN SELECT Id FROM (SELECT Id, AccountId FROM Campaigns) AS d WHERE AccountId = 'a1'");
  assert.deepEqual(explain.map((r) => String(r.Operation)), ['Project', '  Subquery', '    Project', '      Scan']);
  assert.equal(explain[1]!.Detail, "d: rows of the query below; pushed into it: AccountId = 'a1'");
  assert.match(String(explain[3]!.Detail), /pushed: AccountId=a1/);
});

test('a filter does not pass a LIMIT inside the derived table', async () => {
  const campaigns = new FakeApiTable(tableInfo('Campaigns', ['Id', 'AccountId']), [
    { Id: 'c1', AccountId: 'a1' },
    { Id: 'c2', AccountId: 'a2' },
  ], { exact: ['AccountId'] });
  const rows = await query(catalogOf(campaigns), "SELECT Id FROM (SELECT Id, AccountId FROM Campaigns LIMIT 1) AS d WHERE AccountId = 'a2'");
  assert.deepEqual(rows, [], 'the first row is c1, which the outer filter drops');
  const explain = await query(catalogOf(campaigns), "EXPLAIN SELECT Id FROM (SELECT Id, AccountId FROM Campaigns LIMIT 1) AS d WHERE AccountId = 'a2'");
  assert.equal(explain[1]!.Detail, "d: rows of the query below; local filter: AccountId = 'a2'");
});

test('a filter on an aggregate output goes to HAVING; on a group key to WHERE', async () => {
  const campaigns = new FakeApiTable(tableInfo('Campaigns', ['Id', 'AccountId']), [
    { Id: 'c1', AccountId: 'a1' },
    { Id: 'c2', AccountId: 'a1' },
    { Id: 'c3', AccountId: 'a2' },
  ], { exact: ['AccountId'] });
  const sql = "SELECT AccountId, n FROM (SELECT AccountId, COUNT(*) AS n FROM Campaigns GROUP BY AccountId) AS d WHERE n > 1 AND AccountId = 'a1'";
  assert.deepEqual(await query(catalogOf(campaigns), sql), [{ AccountId: 'a1', n: 2 }]);
  const explain = await query(catalogOf(campaigns), `EXPLAIN ${sql}`);
  const ops = explain.map((r) => String(r.Operation).trim());
  assert.deepEqual(ops, ['Project', 'Subquery', 'Project', 'Filter', 'Aggregate', 'Scan']);
  assert.equal(explain[3]!.Detail, 'COUNT(*) > 1');
  assert.match(String(explain[5]!.Detail), /pushed: AccountId=a1/);
});
