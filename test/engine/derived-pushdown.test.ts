/**
 * place-predicates into derived tables and WITH queries: the planner leaves an outer condition on a
 * derived table in the placeable Filter; the pass rebinds it through the block (its Project, its
 * group keys, both sides of a set operation) down to the block's scans, renaming the predicate's
 * column to the scan's own, or leaves it on the derived table's rows where moving it could change them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatements } from '../../src/engine.js';
import { planStatement } from '../../src/plan/query-plan.js';
import type { SelectStatement } from '../../src/sql/ir.js';
import { catalogOf, FakeApiTable, query, tableInfo } from './helpers.js';
import { block } from './plan-shape.js';

const campaignRows = [
  { Id: 'c1', Name: 'Spring', AccountId: 'a1' },
  { Id: 'c2', Name: 'Summer', AccountId: 'a1' },
  { Id: 'c3', Name: 'Autumn', AccountId: 'a2' },
];
const campaigns = () => new FakeApiTable(tableInfo('Campaigns', ['Id', 'Name', 'AccountId']), campaignRows, { exact: ['Id', 'AccountId'] });
const lineItems = () =>
  new FakeApiTable(tableInfo('LineItems', ['Id', 'CampaignId', 'Kind']), [
    { Id: 'l1', CampaignId: 'c1', Kind: 'x' },
    { Id: 'l2', CampaignId: 'c3', Kind: 'y' },
  ], { exact: ['CampaignId'] });

function trees(sql: string, catalog = catalogOf(campaigns(), lineItems())): Map<string, Record<string, unknown>> {
  const after = new Map<string, Record<string, unknown>>();
  planStatement(parseStatements(sql)[0] as SelectStatement, catalog, { now: new Date(0), afterPass: (name, plan) => after.set(name, block(plan)) });
  return after;
}

const project = (names: string[], input: Record<string, unknown>) => ({ kind: 'Project', names, inputs: [input] });
const filter = (conditions: string[], input: Record<string, unknown>, placeable = false) => ({ kind: 'Filter', conditions, ...(placeable ? { placeable } : {}), inputs: [input] });
const unplanned = (label: string, offered: string[] = []) => ({ kind: 'UnplannedScan', label, offered, local: [] });
const scan = (label: string, pushed: string[] = [], local: string[] = []) => ({ kind: 'Scan', label, pushed, local });
const derived = (label: string, root: Record<string, unknown>, pushed: string[] = [], local: string[] = []) => ({ kind: 'Subquery', label, pushed, local, blocks: [{ root }] });

test('planned: the outer condition waits in the placeable Filter; place-predicates moves it into the block, under the name the scan knows', () => {
  const t = trees("SELECT d.n FROM (SELECT Name AS n, AccountId AS acct FROM Campaigns) d WHERE d.acct = 'a2'");
  assert.deepEqual(t.get('planned'), { root: project(['n'], filter(["d.acct = 'a2'"], derived('d', project(['n', 'acct'], unplanned('Campaigns'))), true)) });
  assert.deepEqual(t.get('place-predicates'), { root: project(['n'], derived('d', project(['n', 'acct'], unplanned('Campaigns', ["AccountId = 'a2'"])), ["d.acct = 'a2'"])) });
  assert.deepEqual(t.get('push-limit'), { root: project(['n'], derived('d', project(['n', 'acct'], scan('Campaigns', ['AccountId=a2'])), ["d.acct = 'a2'"])) });
});

test('through GROUP BY: a condition on a key goes below the Aggregate to the scan; one on an aggregate stays above it', () => {
  const t = trees("SELECT d.acct FROM (SELECT AccountId AS acct, COUNT(*) AS n FROM Campaigns GROUP BY AccountId) d WHERE d.acct = 'a1' AND d.n >= 2");
  const aggregate = (input: Record<string, unknown>) => ({ kind: 'Aggregate', groups: ['AccountId'], aggregates: ['COUNT(*)'], inputs: [input] });
  assert.deepEqual(t.get('push-limit'), {
    root: project(['acct'], derived('d', project(['acct', 'n'], filter(['COUNT(*) >= 2'], aggregate(scan('Campaigns', ['AccountId=a1'])))), ["d.acct = 'a1'", 'd.n >= 2'])),
  });
});

test('one group of everything: even a condition on no aggregate stays above the Aggregate', () => {
  const t = trees('SELECT d.k FROM (SELECT 1 AS k, COUNT(*) AS n FROM Campaigns) d WHERE d.k = 2');
  const aggregate = { kind: 'Aggregate', groups: [], aggregates: ['COUNT(*)'], inputs: [scan('Campaigns')] };
  assert.deepEqual(t.get('push-limit'), { root: project(['k'], derived('d', project(['k', 'n'], filter(['1 = 2'], aggregate)), ['d.k = 2'])) });
});

test('into both sides of a UNION; nested derived tables pass it on to the innermost scan', () => {
  const union = trees("SELECT u.Id FROM (SELECT Id, AccountId FROM Campaigns UNION SELECT CampaignId, Kind FROM LineItems) u WHERE u.AccountId = 'a1'");
  const setop = (left: Record<string, unknown>, right: Record<string, unknown>) => ({ kind: 'SetOperation', op: 'Union', all: false, blocks: [{ root: left }, { root: right }] });
  assert.deepEqual(union.get('push-limit'), {
    root: project(['Id'], {
      kind: 'Subquery',
      label: 'u',
      pushed: ["u.AccountId = 'a1'"],
      local: [],
      blocks: [{ root: setop(project(['Id', 'AccountId'], scan('Campaigns', ['AccountId=a1'])), project(['CampaignId', 'Kind'], scan('LineItems', [], ["Kind = 'a1'"]))) }],
    }),
  });
  const nested = trees("SELECT y.i FROM (SELECT x.Id AS i, x.a AS acct FROM (SELECT Id, AccountId AS a FROM Campaigns) x) y WHERE y.acct = 'a2'");
  assert.deepEqual(nested.get('push-limit'), {
    root: project(['i'], derived('y', project(['i', 'acct'], derived('x', project(['Id', 'a'], scan('Campaigns', ['AccountId=a2'])), ["x.a = 'a2'"])), ["y.acct = 'a2'"])),
  });
});

test('never past a LIMIT or a window function: checked on the rows the block yields', () => {
  const limited = trees("SELECT d.Id FROM (SELECT Id, AccountId FROM Campaigns LIMIT 2) d WHERE d.AccountId = 'a2'");
  assert.deepEqual((limited.get('push-limit') as { root: { inputs: [{ local: string[]; pushed: string[] }] } }).root.inputs[0].local, ["d.AccountId = 'a2'"]);
  const windowed = trees("SELECT d.Id FROM (SELECT Id, AccountId, COUNT(*) OVER (PARTITION BY AccountId) AS n FROM Campaigns) d WHERE d.AccountId = 'a2'");
  const leaf = (windowed.get('push-limit') as { root: { inputs: [{ local: string[]; pushed: string[] }] } }).root.inputs[0];
  assert.deepEqual([leaf.pushed, leaf.local], [[], ["d.AccountId = 'a2'"]]);
});

test("a LEFT JOIN's ON condition on a derived table narrows that block; a WHERE on it stays above the join", async () => {
  const sql = "SELECT l.Id, d.Name FROM LineItems l LEFT JOIN (SELECT Id, Name, AccountId FROM Campaigns) d ON d.Id = l.CampaignId AND d.AccountId = 'a1'";
  const t = trees(sql);
  const inner = t.get('push-limit') as { root: { inputs: [{ inputs: [unknown, Record<string, unknown>] }] } };
  assert.deepEqual(inner.root.inputs[0].inputs[1], derived('d', project(['Id', 'Name', 'AccountId'], scan('Campaigns', ['AccountId=a1'])), ["d.AccountId = 'a1'"]));
  assert.deepEqual(await query(catalogOf(campaigns(), lineItems()), sql), [{ Id: 'l1', Name: 'Spring' }, { Id: 'l2', Name: null }]);
  const where = trees("SELECT l.Id FROM LineItems l LEFT JOIN (SELECT Id, AccountId FROM Campaigns) d ON d.Id = l.CampaignId WHERE d.AccountId IS NULL");
  const top = (where.get('push-limit') as { root: { inputs: [Record<string, unknown>] } }).root.inputs[0];
  assert.deepEqual([top.kind, top.conditions], ['Filter', ['d.AccountId IS NULL']]);
});

test('a condition computed from the block (an expression column) is checked inside it, before the Project, without a predicate', async () => {
  const catalog = catalogOf(campaigns(), lineItems());
  const t = trees("SELECT d.u FROM (SELECT UPPER(Name) AS u FROM Campaigns) d WHERE d.u = 'SPRING'", catalog);
  assert.deepEqual(t.get('push-limit'), { root: project(['u'], derived('d', project(['u'], scan('Campaigns', [], ["UPPER(Name) = 'SPRING'"])), ["d.u = 'SPRING'"])) });
  assert.deepEqual(await query(catalog, "SELECT d.u FROM (SELECT UPPER(Name) AS u FROM Campaigns) d WHERE d.u = 'SPRING'"), [{ u: 'SPRING' }]);
});

test("through an Apply inside the block, when the condition does not read the Apply's answer", () => {
  const t = trees("SELECT d.Id FROM (SELECT c.Id, c.AccountId, (SELECT COUNT(*) FROM LineItems l WHERE l.Kind > c.Name) AS n FROM Campaigns c) d WHERE d.AccountId = 'a1' AND d.n > 0");
  const leaf = (t.get('push-limit') as { root: { inputs: [{ pushed: string[]; local: string[]; blocks: [{ root: { inputs: [{ kind: string; inputs: [unknown] }] } }] }] } }).root.inputs[0];
  assert.deepEqual([leaf.pushed, leaf.local], [["d.AccountId = 'a1'"], ['d.n > 0']]);
  const apply = leaf.blocks[0].root.inputs[0];
  assert.deepEqual([apply.kind, apply.inputs[0]], ['Apply', scan('Campaigns c', ['AccountId=a1'])]);
});
