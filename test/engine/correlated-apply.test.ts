/**
 * Correlated subqueries no join form covers (correlation other than =, grouping or limiting inside)
 * run as Apply: compared with SQLite; the plan is an Apply whose inner block reads the outer values
 * as OUTER REF params; the inner table is listed once however many outer rows there are; the work
 * is bounded.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatements } from '../../src/engine.js';
import { PlanError } from '../../src/errors.js';
import { compileSelect } from '../../src/exec/compile/compile-plan.js';
import { runSelect } from '../../src/exec/run-select.js';
import type { ApplyNode } from '../../src/logical/apply-node.js';
import type { LogicalNode } from '../../src/logical/logical-node.js';
import { planSelect } from '../../src/plan/plan-select.js';
import { runPasses } from '../../src/plan/passes/index.js';
import type { SelectStatement } from '../../src/sql/ir.js';
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
      { Id: 5, Name: 'e', Budget: 50 },
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
      { Id: 15, CampaignId: 5, Bid: 60, Kind: 'y' },
    ],
  },
]);
after(() => oracle.close());

const sameAsSqlite = async (sql: string, sqliteSql = sql) => {
  const { ours, sqlite } = await oracle.both(sql, sqliteSql);
  assert.deepEqual(multiset(ours), multiset(sqlite), sql);
  return ours;
};

test('correlation other than =, in SELECT, WHERE and ORDER BY, equals SQLite', async () => {
  const max = await sameAsSqlite('SELECT c.Name, (SELECT MAX(l.Bid) FROM LineItems l WHERE l.CampaignId > c.Id) AS m FROM Campaigns c');
  assert.deepEqual(multiset(max), multiset([['a', 60], ['b', 60], ['c', 60], ['d', null], ['e', null]]));
  await sameAsSqlite('SELECT c.Name, (SELECT COUNT(*) FROM LineItems l WHERE l.Bid < c.Budget) AS n FROM Campaigns c');
  await sameAsSqlite('SELECT Name FROM Campaigns c WHERE (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id AND l.Bid < c.Budget) = 0');
  await sameAsSqlite('SELECT c.Id FROM Campaigns c ORDER BY (SELECT SUM(l.Bid) FROM LineItems l WHERE l.Bid < c.Budget), c.Id');
  await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE c.Budget > (SELECT AVG(l.Bid) FROM LineItems l WHERE l.Id <> c.Id + 9 AND l.Kind IS NOT NULL)');
  // Outer values read in the subquery's select list and in its ON.
  await sameAsSqlite('SELECT c.Name, (SELECT MAX(l.Bid) - c.Budget FROM LineItems l WHERE l.CampaignId <= c.Id) AS d FROM Campaigns c');
  await sameAsSqlite('SELECT c.Name, (SELECT COUNT(*) FROM LineItems l JOIN LineItems k ON k.Id = l.Id + 1 AND k.Bid > c.Budget) AS n FROM Campaigns c');
  // Read before grouping: inside an aggregate, or in WHERE of a grouped query.
  await sameAsSqlite('SELECT c.Budget, SUM((SELECT COUNT(*) FROM LineItems l WHERE l.Bid > c.Budget)) AS s FROM Campaigns c GROUP BY c.Budget');
  await sameAsSqlite('SELECT COUNT(*) FROM Campaigns c WHERE (SELECT COUNT(*) FROM LineItems l WHERE l.Bid < c.Budget) > 1');
});

test('[NOT] EXISTS and [NOT] IN with non-equality correlation keep SQL NULL semantics', async () => {
  await sameAsSqlite('SELECT c.Id FROM Campaigns c WHERE EXISTS (SELECT 1 FROM LineItems l WHERE l.Bid > c.Budget)');
  await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE NOT EXISTS (SELECT 1 FROM LineItems l WHERE l.Bid * 10 > c.Budget)');
  await sameAsSqlite('SELECT c.Name, c.Budget IN (SELECT l.Bid * 10 FROM LineItems l WHERE l.Id > c.Id + 9) AS i FROM Campaigns c');
  // NOT IN over a set holding NULL is NULL, never TRUE: rows with a NULL Bid in range drop out.
  const notIn = await sameAsSqlite('SELECT c.Name, c.Budget NOT IN (SELECT l.Bid FROM LineItems l WHERE l.Id >= c.Id + 9) AS n FROM Campaigns c');
  assert.deepEqual(multiset(notIn), multiset([['a', null], ['b', null], ['c', null], ['d', 1], ['e', 1]]));
  await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE c.Name NOT IN (SELECT l.Kind FROM LineItems l WHERE l.CampaignId <> c.Id)');
  await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE c.Budget > 20 OR EXISTS (SELECT 1 FROM LineItems l WHERE l.Bid BETWEEN c.Budget - 5 AND c.Budget + 5)');
});

test('correlated subqueries that group or limit inside equal SQLite', async () => {
  await sameAsSqlite('SELECT c.Name, (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id LIMIT 1) AS n FROM Campaigns c');
  await sameAsSqlite('SELECT c.Name, (SELECT COUNT(*) AS n FROM LineItems l WHERE l.CampaignId = c.Id GROUP BY l.Kind ORDER BY n DESC, l.Kind LIMIT 1) AS top FROM Campaigns c');
  await sameAsSqlite('SELECT c.Name, (SELECT l.Kind FROM LineItems l WHERE l.CampaignId = c.Id GROUP BY l.Kind HAVING COUNT(*) >= 1 ORDER BY l.Kind LIMIT 1) AS k FROM Campaigns c');
  await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE c.Name IN (SELECT l.Kind FROM LineItems l WHERE l.CampaignId = c.Id LIMIT 1)');
  await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE EXISTS (SELECT l.Kind FROM LineItems l WHERE l.CampaignId = c.Id GROUP BY l.Kind HAVING COUNT(*) > 1)');
  await sameAsSqlite('SELECT c.Name FROM Campaigns c WHERE 1 < (SELECT COUNT(DISTINCT l.Kind) FROM LineItems l WHERE l.CampaignId >= c.Id)');
  await sameAsSqlite('SELECT c.Name, (SELECT l.Bid FROM LineItems l WHERE l.Bid < c.Budget ORDER BY l.Bid DESC LIMIT 1 OFFSET 1) AS second FROM Campaigns c');
  // The grouped form returning two rows for one outer row is SQL Server's error (SQLite would pick one).
  await assert.rejects(query(oracle.catalog, 'SELECT (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id GROUP BY l.Kind) FROM Campaigns c'), (e: unknown) => e instanceof PlanError && /more than one row/.test(e.message));
});

const planOf = (sql: string, catalog = oracle.catalog) => runPasses(planSelect(parseStatements(sql)[0] as SelectStatement, catalog, { now: new Date(0) }));

test('the plan: an Apply over the outer scan, its inner block reading OUTER REF params, the reason in EXPLAIN', async () => {
  const plan = planOf('SELECT c.Name FROM Campaigns c WHERE c.Budget > (SELECT MAX(l.Bid) FROM LineItems l WHERE l.CampaignId > c.Id)');
  const project = plan.root as LogicalNode & { kind: 'Project' };
  assert.equal(project.kind, 'Project');
  const filter = project.input as LogicalNode & { kind: 'Filter' };
  assert.equal(filter.kind, 'Filter');
  assert.deepEqual(filter.conditions.map((c) => c.text), ['c.Budget > (SELECT MAX(l.Bid) FROM LineItems l WHERE l.CampaignId > c.Id)']);
  const apply = filter.input as ApplyNode;
  assert.equal(apply.kind, 'Apply');
  assert.equal(apply.mode, 'Scalar');
  assert.deepEqual(apply.outerValues.map((o) => [o.paramId, o.value.text]), [['outer:1.1', 'c.Id']]);
  assert.equal(apply.reason, 'l.CampaignId > c.Id does not compare with =');
  assert.equal(apply.outer.kind, 'Scan');
  // The comparison stays a local filter of the inner scan: it never reaches the source.
  const inner = apply.plan.root as LogicalNode & { kind: 'Project' };
  const aggregate = inner.input as LogicalNode & { kind: 'Aggregate' };
  const innerScan = aggregate.input as LogicalNode & { kind: 'Scan' };
  assert.equal(innerScan.kind, 'Scan');
  assert.deepEqual(innerScan.local.map((l) => l.text), ["l.CampaignId > OUTER REF('outer:1.1', CAST(NULL AS INT))"]);
  assert.deepEqual(innerScan.plan.explain().pushed, []);
  // The filter on the answer's slot reads what the Apply writes.
  assert.equal(filter.conditions[0]!.scope.slots.get(filter.conditions[0]!.expr.kind === 'Binary' ? filter.conditions[0]!.expr.right : filter.conditions[0]!.expr)?.slot, apply.slot);

  const explain = await query(oracle.catalog, 'EXPLAIN SELECT c.Name FROM Campaigns c WHERE NOT EXISTS (SELECT 1 FROM LineItems l WHERE l.Bid > c.Budget)');
  const line = explain.find((r) => String(r.Operation).trim() === 'Apply')!;
  assert.match(String(line.Detail), /^EXISTS of EXISTS \(SELECT 1 FROM LineItems l WHERE l\.Bid > c\.Budget\) into slot \d+, run once per distinct outer c\.Budget as outer:1\.1; not decorrelated: l\.Bid > c\.Budget does not compare with =/);
});

test('the inner table is listed once for all outer rows (a spool), and each distinct outer value runs once', async () => {
  const outerRows = Array.from({ length: 40 }, (_v, i) => ({ Id: `c${i}`, Budget: String(i % 8) }));
  const innerRows = Array.from({ length: 9 }, (_v, i) => ({ Id: `l${i}`, Bid: String(i) }));
  const campaigns = new FakeApiTable(tableInfo('Campaigns', ['Id', 'Budget']), outerRows, { pageSize: 10 });
  const lineItems = new FakeApiTable(tableInfo('LineItems', ['Id', 'Bid']), innerRows, { pageSize: 2 });
  const catalog = catalogOf(campaigns, lineItems);
  const rows = await query(catalog, 'SELECT c.Id, (SELECT COUNT(*) FROM LineItems l WHERE l.Bid < c.Budget) AS n FROM Campaigns c');
  assert.equal(rows.length, 40);
  assert.deepEqual(rows.slice(0, 9).map((r) => r.n), [0, 1, 2, 3, 4, 5, 6, 7, 0]);
  assert.equal(lineItems.opens.length, 1, 'one listing of LineItems, not one per outer row');
  assert.equal(lineItems.pagesFetched, 5, 'its 9 rows in pages of 2, once');
  assert.equal(campaigns.opens.length, 1);
  // EXPLAIN ANALYZE: the inner Aggregate ran once per distinct Budget (8), not per outer row (40).
  const analyzed = await query(catalog, 'EXPLAIN ANALYZE SELECT c.Id, (SELECT COUNT(*) FROM LineItems l WHERE l.Bid < c.Budget) AS n FROM Campaigns c');
  assert.equal(analyzed.find((r) => String(r.Operation).trim() === 'Aggregate')!.ActualRows, 8);
  assert.equal(analyzed.find((r) => String(r.Operation).trim() === 'Apply')!.ActualRows, 40);
});

test('the work is bounded: too many distinct outer values or spooled rows is a PlanError, not an out-of-memory', async () => {
  const run = async (sql: string, limits: { evaluations: number; spooledRows: number }) => {
    const plan = runPasses(planSelect(parseStatements(sql)[0] as SelectStatement, oracle.catalog, { now: new Date(0), applyLimits: limits }));
    let n = 0;
    for await (const batch of runSelect(compileSelect(plan), new AbortController().signal, new Date(0))) n += batch.length;
    return n;
  };
  const sql = 'SELECT c.Name, (SELECT COUNT(*) FROM LineItems l WHERE l.Bid < c.Budget) FROM Campaigns c';
  assert.equal(await run(sql, { evaluations: 4, spooledRows: 6 }), 5, '4 distinct budgets (100, 50, NULL, 10) and 6 line items fit');
  await assert.rejects(run(sql, { evaluations: 3, spooledRows: 100 }), (e: unknown) => e instanceof PlanError && e.code === 'PLAN' && /more than 3 distinct outer values/.test(e.message));
  await assert.rejects(run(sql, { evaluations: 100, spooledRows: 5 }), (e: unknown) => e instanceof PlanError && /more than 5 rows of its tables/.test(e.message));
  // The answers an IN keeps per distinct outer value count too: 6 line items for each of the first two campaigns.
  const inSql = 'SELECT c.Name, c.Budget IN (SELECT l.Bid FROM LineItems l WHERE l.Id > c.Id) FROM Campaigns c';
  await assert.rejects(run(inSql, { evaluations: 100, spooledRows: 6 }), (e: unknown) => e instanceof PlanError && /more than 6 rows of answers/.test(e.message));
  assert.equal(await run(inSql, { evaluations: 100, spooledRows: 100 }), 5);
});
