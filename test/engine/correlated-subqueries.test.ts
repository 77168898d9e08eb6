/**
 * Correlated scalar subqueries (SELECT, WHERE, ORDER BY) and correlated IN (SELECT …), decorrelated into
 * grouped joins, compared with SQLite; the plan shows the join and the subquery's table is read once.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sqlInfo } from '../../src/catalog/sql-info.js';
import { PlanError } from '../../src/errors.js';
import { catalogOf, FakeApiTable, query, tableInfo } from './helpers.js';
import { multiset, Oracle } from './sqlite-oracle.js';

const oracle = new Oracle([
  {
    name: 'Campaigns',
    columns: [{ name: 'Id', type: 'Int' }, { name: 'Name', type: 'String' }, { name: 'Budget', type: 'Int' }],
    rows: [
      { Id: 1, Name: 'a', Budget: 100 },
      { Id: 2, Name: 'b', Budget: 50 },
      { Id: 3, Name: 'c', Budget: null },
      { Id: null, Name: 'd', Budget: 10 },
    ],
  },
  {
    name: 'LineItems',
    columns: [{ name: 'Id', type: 'Int' }, { name: 'CampaignId', type: 'Int' }, { name: 'Bid', type: 'Int' }, { name: 'Kind', type: 'String' }],
    rows: [
      { Id: 10, CampaignId: 1, Bid: 5, Kind: 'x' },
      { Id: 11, CampaignId: 1, Bid: 7, Kind: 'y' },
      { Id: 12, CampaignId: 2, Bid: null, Kind: 'x' },
      { Id: 13, CampaignId: null, Bid: 9, Kind: 'x' },
      { Id: 14, CampaignId: 2, Bid: 60, Kind: null },
    ],
  },
]);
after(() => oracle.close());

const sameAsSqlite = async (sql: string) => {
  const { ours, sqlite } = await oracle.both(sql);
  assert.deepEqual(multiset(ours), multiset(sqlite), sql);
  return ours;
};

test('correlated scalar subqueries in SELECT: COUNT of no rows is 0, other aggregates NULL', async () => {
  const counts = await sameAsSqlite('SELECT c.Name, (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id) FROM Campaigns c');
  assert.deepEqual(multiset(counts), multiset([['a', 2], ['b', 2], ['c', 0], ['d', 0]]));
  await sameAsSqlite('SELECT c.Name, (SELECT COUNT(l.Bid) FROM LineItems l WHERE l.CampaignId = c.Id) AS n FROM Campaigns c');
  await sameAsSqlite('SELECT Name, (SELECT MAX(Bid) FROM LineItems WHERE CampaignId = Campaigns.Id) AS top, (SELECT SUM(Bid) FROM LineItems l WHERE l.CampaignId = Campaigns.Id AND l.Kind = \'x\') AS sx FROM Campaigns');
  // An expression over aggregates keeps its value over no rows (here 1, not NULL).
  await sameAsSqlite('SELECT c.Id, (SELECT COUNT(*) + 1 FROM LineItems l WHERE l.CampaignId = c.Id) AS n1, (SELECT COALESCE(MAX(l.Bid), -1) FROM LineItems l WHERE c.Id = l.CampaignId) AS m FROM Campaigns c');
  await sameAsSqlite('SELECT * FROM Campaigns c WHERE c.Budget > 0 ORDER BY (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id), c.Name');
  const star = await query(oracle.catalog, 'SELECT *, (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id) AS n FROM Campaigns c WHERE c.Id = 1');
  assert.deepEqual(star, [{ Id: 1, Name: 'a', Budget: 100, n: 2 }]);
});

test('correlated scalar subqueries in WHERE, and several correlations', async () => {
  await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id) > 1');
  // Campaigns with no line item at all: the NULL of the outer join must read as COUNT's 0, not be filtered away.
  const none = await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id) = 0');
  assert.deepEqual(multiset(none), multiset([['c'], ['d']]));
  await sameAsSqlite('SELECT c.Name FROM Campaigns c LEFT JOIN LineItems x ON x.Id = c.Id * 10 WHERE (SELECT MAX(l.Bid) FROM LineItems l WHERE l.CampaignId = c.Id) IS NULL');
  await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE c.Budget > (SELECT MAX(l.Bid) FROM LineItems l WHERE l.CampaignId = c.Id)');
  await sameAsSqlite("SELECT c.Name FROM Campaigns c WHERE (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id AND l.Kind = 'x') = 1");
  await sameAsSqlite('SELECT l.Id, (SELECT COUNT(*) FROM LineItems m WHERE m.CampaignId = l.CampaignId AND m.Kind = l.Kind) AS same FROM LineItems l');
});

test('correlated IN (SELECT …) as a WHERE condition', async () => {
  const rows = await sameAsSqlite("SELECT c.Name FROM Campaigns c WHERE 'x' IN (SELECT l.Kind FROM LineItems l WHERE l.CampaignId = c.Id)");
  assert.deepEqual(multiset(rows), multiset([['a'], ['b']]));
  await sameAsSqlite("SELECT c.Name FROM Campaigns c WHERE c.Budget > 0 AND c.Id IN (SELECT l.CampaignId FROM LineItems l WHERE l.Kind = 'x' AND l.CampaignId = c.Id)");
  // Duplicates in the subquery never duplicate outer rows.
  await sameAsSqlite("SELECT l.Id FROM LineItems l WHERE l.Kind IN (SELECT m.Kind FROM LineItems m WHERE m.CampaignId = l.CampaignId)");
  await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE c.Budget / 10 IN (SELECT l.Bid + 5 FROM LineItems l WHERE l.CampaignId = c.Id)');
});

test('the subquery runs once, grouped, joined to the outer scan', async () => {
  const campaigns = new FakeApiTable(tableInfo('Campaigns', ['Id', 'Name']), [{ Id: 'c1', Name: 'x' }, { Id: 'c2', Name: 'y' }], {});
  const items = new FakeApiTable(tableInfo('LineItems', ['Id', 'CampaignId']), [{ Id: 'l1', CampaignId: 'c2' }, { Id: 'l2', CampaignId: 'c2' }], {});
  const catalog = catalogOf(campaigns, items);
  const sql = 'SELECT c.Name, (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id) AS n FROM Campaigns c';
  assert.deepEqual(multiset((await query(catalog, sql)).map((r) => [r.Name!, r.n!])), multiset([['x', 0], ['y', 2]]));
  assert.equal(items.opens.length, 1, 'LineItems read once');
  const explain = (await query(catalog, `EXPLAIN ${sql}`)).map((r) => String(r.Operation).trim());
  assert.ok(explain.some((op) => /Join/.test(op)), explain.join(', '));
  assert.ok(explain.includes('Aggregate'), explain.join(', '));
});

test('correlated NOT IN (SELECT …): a NULL in the subquery makes it unknown, an empty subquery makes it true', async () => {
  // Campaign 2's line items have a NULL Bid: NOT IN is unknown there, so no row; campaign 3 has none: true.
  const rows = await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE c.Budget NOT IN (SELECT l.Bid FROM LineItems l WHERE l.CampaignId = c.Id)');
  assert.deepEqual(multiset(rows), multiset([['a'], ['c'], ['d']]));
  // A NULL operand with an empty subquery is true; with a non-empty one, unknown.
  await sameAsSqlite("SELECT c.Name FROM Campaigns c WHERE c.Name NOT IN (SELECT l.Kind FROM LineItems l WHERE l.CampaignId = c.Id AND l.Kind <> 'y')");
  await sameAsSqlite('SELECT c.Id FROM Campaigns c WHERE c.Id * 5 NOT IN (SELECT l.Bid FROM LineItems l WHERE l.CampaignId = c.Id AND l.Bid IS NOT NULL)');
  // As a value, NOT IN and IN are TRUE, FALSE or NULL, as SQLite gives them.
  await sameAsSqlite('SELECT c.Name, c.Budget NOT IN (SELECT l.Bid FROM LineItems l WHERE l.CampaignId = c.Id) AS n, c.Budget IN (SELECT l.Bid FROM LineItems l WHERE l.CampaignId = c.Id) AS i FROM Campaigns c');
  await sameAsSqlite("SELECT c.Name FROM Campaigns c WHERE NOT (c.Name IN (SELECT l.Kind FROM LineItems l WHERE l.CampaignId = c.Id)) OR c.Id = 2");
  await sameAsSqlite('SELECT l.Id FROM LineItems l WHERE l.Kind NOT IN (SELECT m.Kind FROM LineItems m WHERE m.CampaignId = l.CampaignId)');
});

test('non-aggregate correlated scalar subqueries: zero rows give NULL, one row its value, more than one an error', async () => {
  const rows = await sameAsSqlite("SELECT c.Name, (SELECT l.Bid FROM LineItems l WHERE l.CampaignId = c.Id AND l.Kind = 'x') AS b FROM Campaigns c");
  assert.deepEqual(multiset(rows), multiset([['a', 5], ['b', null], ['c', null], ['d', null]]));
  await sameAsSqlite("SELECT c.Name FROM Campaigns c WHERE (SELECT l.Id FROM LineItems l WHERE l.CampaignId = c.Id AND l.Kind = 'y') = 11");
  await sameAsSqlite("SELECT c.Name FROM Campaigns c ORDER BY (SELECT l.Id FROM LineItems l WHERE l.CampaignId = c.Id AND l.Kind = 'x'), c.Name");
  // DISTINCT counts distinct values: two line items of kind x for one campaign are one row.
  await sameAsSqlite('SELECT l.Id, (SELECT DISTINCT m.CampaignId FROM LineItems m WHERE m.Kind = l.Kind) AS c FROM LineItems l WHERE l.Kind = \'y\'');
  const many = 'SELECT c.Name, (SELECT l.Bid FROM LineItems l WHERE l.CampaignId = c.Id) FROM Campaigns c';
  await assert.rejects(query(oracle.catalog, many), (e: unknown) => e instanceof PlanError && /more than one row/.test(e.message) && /Subquery returned more than 1 value/.test(e.message));
  // Only outer rows that reach the subquery count: campaign 1 (two line items) is filtered out first.
  await sameAsSqlite('SELECT c.Name, (SELECT l.Bid FROM LineItems l WHERE l.CampaignId = c.Id) AS b FROM Campaigns c WHERE c.Id > 2 OR c.Id IS NULL');
});

test('TOP n / LIMIT n [OFFSET m] with ORDER BY in a correlated subquery: rows numbered per outer key, then cut', async () => {
  const top = await sameAsSqlite('SELECT c.Name, (SELECT l.Bid FROM LineItems l WHERE l.CampaignId = c.Id ORDER BY l.Bid DESC LIMIT 1) AS top FROM Campaigns c');
  assert.deepEqual(multiset(top), multiset([['a', 7], ['b', 60], ['c', null], ['d', null]]));
  const { ours } = await oracle.both(
    'SELECT c.Name, (SELECT TOP 1 l.Id FROM LineItems l WHERE l.CampaignId = c.Id ORDER BY l.Bid, l.Id) AS first FROM Campaigns c',
    'SELECT c.Name, (SELECT l.Id FROM LineItems l WHERE l.CampaignId = c.Id ORDER BY l.Bid, l.Id LIMIT 1) AS first FROM Campaigns c',
  );
  assert.deepEqual(multiset(ours), multiset([['a', 10], ['b', 12], ['c', null], ['d', null]]));
  await sameAsSqlite('SELECT c.Name, (SELECT l.Id FROM LineItems l WHERE l.CampaignId = c.Id ORDER BY l.Id LIMIT 1 OFFSET 1) AS second FROM Campaigns c');
  await sameAsSqlite('SELECT c.Name, (SELECT l.Kind AS k FROM LineItems l WHERE l.CampaignId = c.Id ORDER BY 1 DESC LIMIT 1) AS k FROM Campaigns c');
  await sameAsSqlite("SELECT c.Name FROM Campaigns c WHERE (SELECT l.Kind FROM LineItems l WHERE l.CampaignId = c.Id ORDER BY l.Id DESC LIMIT 1) = 'x'");
  // EXISTS (SELECT TOP 1 …) means what EXISTS means.
  const exists = await sameAsSqlite("SELECT c.Name FROM Campaigns c WHERE EXISTS (SELECT l.Id FROM LineItems l WHERE l.CampaignId = c.Id AND l.Kind = 'x' LIMIT 1)");
  assert.deepEqual(multiset(exists), multiset([['a'], ['b']]));
  // More rows than one after the cut is still an error.
  await assert.rejects(query(oracle.catalog, 'SELECT c.Name, (SELECT l.Id FROM LineItems l WHERE l.CampaignId = c.Id ORDER BY l.Id LIMIT 2) FROM Campaigns c'), /more than one row/);
});

test('correlation inside a grouped query: subqueries over GROUP BY keys in SELECT, HAVING and ORDER BY', async () => {
  const grouped = new Oracle([
    {
      name: 'Campaigns',
      columns: [{ name: 'Id', type: 'Int' }, { name: 'Acct', type: 'String' }, { name: 'Budget', type: 'Int' }],
      rows: [
        { Id: 1, Acct: 'x', Budget: 100 },
        { Id: 2, Acct: 'x', Budget: 50 },
        { Id: 3, Acct: 'y', Budget: null },
        { Id: 4, Acct: null, Budget: 10 },
        { Id: 5, Acct: 'z', Budget: 7 },
      ],
    },
    {
      name: 'Accounts',
      columns: [{ name: 'Id', type: 'String' }, { name: 'Cap', type: 'Int' }],
      rows: [{ Id: 'x', Cap: 120 }, { Id: 'x', Cap: 200 }, { Id: 'y', Cap: 5 }, { Id: 'w', Cap: 1 }, { Id: 'z', Cap: null }],
    },
  ]);
  try {
    const same = async (sql: string) => {
      const { ours, sqlite } = await grouped.both(sql);
      assert.deepEqual(multiset(ours), multiset(sqlite), sql);
      return ours;
    };
    const rows = await same('SELECT c.Acct, COUNT(*) AS n, (SELECT COUNT(*) FROM Accounts a WHERE a.Id = c.Acct) AS accounts FROM Campaigns c GROUP BY c.Acct');
    assert.deepEqual(multiset(rows), multiset([['x', 2, 2], ['y', 1, 1], ['z', 1, 1], [null, 1, 0]]));
    await same('SELECT c.Acct, SUM(c.Budget) FROM Campaigns c GROUP BY c.Acct HAVING SUM(c.Budget) < (SELECT MAX(a.Cap) FROM Accounts a WHERE a.Id = c.Acct)');
    await same('SELECT c.Acct FROM Campaigns c GROUP BY c.Acct HAVING EXISTS (SELECT 1 FROM Accounts a WHERE a.Id = c.Acct AND a.Cap > 100)');
    await same('SELECT c.Acct, COUNT(*) FROM Campaigns c GROUP BY c.Acct HAVING c.Acct NOT IN (SELECT a.Id FROM Accounts a WHERE a.Id = c.Acct AND a.Cap < 10)');
    await same('SELECT c.Acct AS acct, MIN(c.Id) FROM Campaigns c GROUP BY acct ORDER BY (SELECT SUM(a.Cap) FROM Accounts a WHERE a.Id = c.Acct), acct');
    await same('SELECT 1 + (SELECT MIN(a.Cap) FROM Accounts a WHERE a.Id = c.Acct) AS m, COUNT(*) FROM Campaigns c GROUP BY 1 + (SELECT MIN(a.Cap) FROM Accounts a WHERE a.Id = c.Acct)');
    // Per row, inside an aggregate: correlated to any column.
    await same('SELECT c.Acct, SUM((SELECT COUNT(*) FROM Accounts a WHERE a.Id = c.Acct AND a.Cap > 100)) FROM Campaigns c GROUP BY c.Acct');
    // …and correlated to a column that is not grouped, since it is read before grouping.
    await same('SELECT c.Acct, SUM((SELECT COUNT(*) FROM Accounts a WHERE a.Cap = c.Budget * 2)) FROM Campaigns c GROUP BY c.Acct');
    await same('SELECT c.Acct, MAX((SELECT a.Cap FROM Accounts a WHERE a.Id = c.Acct AND a.Cap < 150)) FROM Campaigns c GROUP BY c.Acct');
    // Correlated to a column that is not grouped: an error as in SQL Server, not a silent regrouping.
    await assert.rejects(
      query(grouped.catalog, 'SELECT c.Acct, (SELECT COUNT(*) FROM Accounts a WHERE a.Cap = c.Budget) FROM Campaigns c GROUP BY c.Acct'),
      (e: unknown) => e instanceof PlanError && /c\.Budget must appear in GROUP BY/.test(e.message),
    );
  } finally {
    grouped.close();
  }
});

test('correlations no join form covers run as Apply, and what stays refused is a PlanError', async () => {
  // Scalar over more than one row: SQL Server's error (SQLite would take the first row).
  await assert.rejects(query(oracle.catalog, 'SELECT (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id GROUP BY l.Kind) FROM Campaigns c'), /more than one row/);
  await sameAsSqlite('SELECT c.Name, (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id LIMIT 1) FROM Campaigns c');
  await sameAsSqlite("SELECT Name FROM Campaigns c WHERE c.Name IN (SELECT l.Kind FROM LineItems l WHERE l.CampaignId = c.Id LIMIT 1)");
  const rejects = (sql: string, pattern: RegExp) => assert.rejects(query(oracle.catalog, sql), (e: unknown) => e instanceof PlanError && pattern.test(e.message), sql);
  // After GROUP BY only equalities on group keys are decorrelated; an Apply runs before grouping.
  await rejects('SELECT c.Name, COUNT(*) FROM Campaigns c GROUP BY c.Name HAVING (SELECT COUNT(*) FROM LineItems l WHERE l.Bid > COUNT(*)) > 0', /Aggregate|after GROUP BY/);
  await rejects('SELECT c.Name, (SELECT MAX(l.Bid) FROM LineItems l WHERE l.Bid > c.Budget) FROM Campaigns c GROUP BY c.Name', /after GROUP BY only when it is correlated through equalities \(l\.Bid > c\.Budget does not compare with =\)/);
  // In an INNER join's ON it is part of WHERE; in an outer join's ON it is refused.
  await sameAsSqlite('SELECT c.Name FROM Campaigns c JOIN LineItems x ON x.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems l WHERE l.Bid > c.Budget)');
  await rejects('SELECT c.Name FROM Campaigns c LEFT JOIN LineItems x ON x.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems l WHERE l.Bid > c.Budget)', /in the ON of an outer join/);
});

test('sys_sqlinfo states the correlated forms these tests run, and the limits they reject', () => {
  const subqueries = sqlInfo().SUBQUERIES!;
  for (const claim of [/scalar aggregates/, /scalar values \(more than one row is an error; TOP n \/ LIMIT n \[OFFSET m\] with ORDER BY\)/, /\[NOT\] EXISTS/, /\[NOT\] IN with SQL NULL semantics/, /HAVING/, /correlated through GROUP BY keys/, /equalities/, /other than =, or grouping or limiting inside\) runs as an Apply/]) {
    assert.match(subqueries, claim);
  }
});

test('after GROUP BY, a correlation other than = on GROUP BY keys runs as an Apply before grouping (SELECT, HAVING, ORDER BY, EXISTS)', async () => {
  // The answer depends on the group's keys only: the same on every row of the group.
  await sameAsSqlite('SELECT l.Kind, COUNT(*), (SELECT COUNT(*) FROM Campaigns c WHERE c.Budget > l.Kind) AS above FROM LineItems l GROUP BY l.Kind');
  await sameAsSqlite('SELECT l.CampaignId, SUM(l.Bid) FROM LineItems l GROUP BY l.CampaignId HAVING SUM(l.Bid) > (SELECT MIN(c.Budget) FROM Campaigns c WHERE c.Id <> l.CampaignId)');
  await sameAsSqlite('SELECT l.CampaignId, l.Kind FROM LineItems l GROUP BY l.CampaignId, l.Kind HAVING NOT EXISTS (SELECT 1 FROM Campaigns c WHERE c.Id > l.CampaignId AND c.Name < l.Kind)');
  const ordered = await sameAsSqlite('SELECT l.CampaignId FROM LineItems l GROUP BY l.CampaignId ORDER BY (SELECT COUNT(*) FROM Campaigns c WHERE c.Id < l.CampaignId), l.CampaignId');
  assert.equal(ordered.length, 3);
  // The output column keeps the subquery's text as its name.
  const rows = await query(oracle.catalog, 'SELECT l.Kind, (SELECT COUNT(*) FROM Campaigns c WHERE c.Name > l.Kind) FROM LineItems l GROUP BY l.Kind');
  assert.deepEqual(Object.keys(rows[0]!), ['Kind', '(SELECT COUNT(*) FROM Campaigns c WHERE c.Name > l.Kind)']);
});
