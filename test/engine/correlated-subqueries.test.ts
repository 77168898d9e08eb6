/**
 * Correlated scalar subqueries (SELECT, WHERE, ORDER BY) and correlated IN (SELECT …), decorrelated into
 * grouped joins, compared with SQLite; the plan shows the join and the subquery's table is read once.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
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

test('correlations it cannot decorrelate are PlanErrors', async () => {
  const rejects = (sql: string, pattern: RegExp) => assert.rejects(query(oracle.catalog, sql), (e: unknown) => e instanceof PlanError && pattern.test(e.message), sql);
  await rejects('SELECT (SELECT Bid FROM LineItems l WHERE l.CampaignId = c.Id) FROM Campaigns c', /one aggregate/);
  await rejects('SELECT (SELECT MAX(Bid) FROM LineItems l WHERE l.CampaignId > c.Id) FROM Campaigns c', /does not compare with =/);
  await rejects('SELECT Name FROM Campaigns c WHERE (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id AND l.Bid < c.Budget) = 0', /does not compare with =/);
  await rejects('SELECT Name FROM Campaigns c WHERE c.Id NOT IN (SELECT l.CampaignId FROM LineItems l WHERE l.Kind = c.Name)', /NOT IN/);
  await rejects('SELECT c.Name, COUNT(*), (SELECT MAX(Bid) FROM LineItems l WHERE l.CampaignId = c.Id) FROM Campaigns c GROUP BY c.Name', /groups its rows/);
});
