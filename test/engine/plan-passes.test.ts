/**
 * The rewrite passes, each shown by the tree before and after it (the `afterPass` hook of
 * planStatement): what the planner builds without deciding anything, and what the pass moves.
 * Order: choose-join-order → choose-dependent-joins → place-predicates → negotiate-scans → push-limit
 * (choose-join-order has its own tests in join-order.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatements } from '../../src/engine.js';
import { blocksOf, inputsOf, type LogicalNode } from '../../src/logical/logical-node.js';
import type { SelectPlan } from '../../src/logical/select-plan.js';
import { PASSES } from '../../src/plan/passes/index.js';
import { placePredicates } from '../../src/plan/passes/place-predicates.js';
import { planStatement } from '../../src/plan/query-plan.js';
import type { SelectStatement } from '../../src/sql/ir.js';
import { catalogOf, FakeApiTable, query, tableInfo } from './helpers.js';
import { block, shape } from './plan-shape.js';

const rows = [
  { Id: 'c1', Name: 'Spring', AccountId: 'a1' },
  { Id: 'c2', Name: 'Summer', AccountId: 'a1' },
  { Id: 'c3', Name: 'Autumn', AccountId: 'a2' },
  { Id: 'c4', Name: 'Winter', AccountId: 'a2' },
];
const campaignsTable = () => new FakeApiTable(tableInfo('Campaigns', ['Id', 'Name', 'AccountId']), rows, { exact: ['Id', 'AccountId'], sortable: ['Name'] });
const lineItemsTable = () => new FakeApiTable(tableInfo('LineItems', ['Id', 'CampaignId', 'Kind']), [], { exact: ['CampaignId'] });

/** The block's tree as planned and after each pass, by pass name. */
function trees(sql: string, catalog = catalogOf(campaignsTable(), lineItemsTable())): Map<string, Record<string, unknown>> {
  const after = new Map<string, Record<string, unknown>>();
  planStatement(parseStatements(sql)[0] as SelectStatement, catalog, { now: new Date(0), afterPass: (name, plan) => after.set(name, block(plan)) });
  return after;
}

const scan = (label: string, more: Record<string, unknown> = {}) => ({ kind: 'Scan', label, pushed: [], local: [], ...more });
const project = (names: string[], input: Record<string, unknown>) => ({ kind: 'Project', names, inputs: [input] });
const limit = (n: number | undefined, offset: number, input: Record<string, unknown>) => ({ kind: 'Limit', limit: n, offset, inputs: [input] });
const sort = (keys: string[], input: Record<string, unknown>, keep?: number) => ({ kind: 'Sort', keys, ...(keep !== undefined ? { keep } : {}), inputs: [input] });

test('the passes run in a fixed, named order', () => {
  assert.deepEqual(PASSES.map((p) => p.name), ['choose-join-order', 'choose-dependent-joins', 'place-predicates', 'negotiate-scans', 'push-limit']);
  assert.deepEqual([...trees('SELECT Id FROM Campaigns').keys()], ['planned', 'choose-join-order', 'choose-dependent-joins', 'place-predicates', 'negotiate-scans', 'push-limit']);
});

test('push-limit: a LIMIT reaches a single-table scan (limit + offset)', () => {
  const t = trees('SELECT Id FROM Campaigns LIMIT 2 OFFSET 1');
  assert.deepEqual(t.get('negotiate-scans'), { root: limit(2, 1, project(['Id'], scan('Campaigns'))) });
  assert.deepEqual(t.get('push-limit'), { root: limit(2, 1, project(['Id'], scan('Campaigns', { limit: 3 }))) });
});

test('push-limit: a filter the scan checks locally stops the limit', () => {
  const filtered = trees("SELECT Id FROM Campaigns WHERE Name LIKE 'S%' LIMIT 2");
  assert.deepEqual(filtered.get('push-limit'), { root: limit(2, 0, project(['Id'], scan('Campaigns', { local: ["Name LIKE 'S%'"] }))) });
});

test('push-limit: ORDER BY goes to a source that sorts; the Sort is dropped and the LIMIT follows it down', () => {
  const t = trees('SELECT Id, Name AS n FROM Campaigns ORDER BY n DESC LIMIT 2');
  assert.deepEqual(t.get('negotiate-scans'), { root: limit(2, 0, sort(['n DESC'], project(['Id', 'n'], scan('Campaigns')))) });
  assert.deepEqual(t.get('push-limit'), { root: limit(2, 0, project(['Id', 'n'], scan('Campaigns', { limit: 2, sorted: ['Name DESC'] }))) });
});

test('push-limit: a source that cannot sort keeps the Sort, which keeps limit + offset rows (top-N); nothing reaches the scan', () => {
  const t = trees('SELECT Id FROM Campaigns ORDER BY AccountId LIMIT 2 OFFSET 1');
  assert.deepEqual(t.get('push-limit'), { root: limit(2, 1, sort(['AccountId'], project(['Id'], scan('Campaigns')), 3)) });
  // NULLS LAST ascending is not the order a source gives.
  const nullsLast = trees('SELECT Id FROM Campaigns ORDER BY Name NULLS LAST LIMIT 2');
  assert.deepEqual(nullsLast.get('push-limit'), { root: limit(2, 0, sort(['Name NULLS LAST'], project(['Id'], scan('Campaigns')), 2)) });
});

test('push-limit: ORDER BY without LIMIT still goes to the source, through a local filter', () => {
  const t = trees("SELECT Id FROM Campaigns WHERE Name LIKE 'S%' ORDER BY Name");
  assert.deepEqual(t.get('push-limit'), { root: project(['Id'], scan('Campaigns', { local: ["Name LIKE 'S%'"], sorted: ['Name'] })) });
});

test('push-limit: a LIMIT stops at a UNION, a window, an aggregate and a join', () => {
  for (const sql of [
    'SELECT Id FROM Campaigns UNION SELECT Id FROM LineItems LIMIT 2',
    'SELECT Id, ROW_NUMBER() OVER (ORDER BY Name) AS r FROM Campaigns LIMIT 2',
    'SELECT AccountId, COUNT(*) AS n FROM Campaigns GROUP BY AccountId LIMIT 2',
    'SELECT DISTINCT AccountId FROM Campaigns LIMIT 2',
    'SELECT c.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id LIMIT 2',
    'SELECT Id FROM (SELECT Id FROM Campaigns) d LIMIT 2',
  ]) {
    const t = trees(sql);
    assert.deepEqual(t.get('push-limit'), t.get('negotiate-scans'), sql);
  }
  // The trees themselves: a window and a join between the Limit and the scans.
  assert.deepEqual(trees('SELECT Id, ROW_NUMBER() OVER (ORDER BY Name) AS r FROM Campaigns LIMIT 2').get('push-limit'), {
    root: limit(2, 0, project(['Id', 'r'], { kind: 'Window', calls: ['ROW_NUMBER() OVER (ORDER BY Name)'], inputs: [scan('Campaigns')] })),
  });
  assert.deepEqual(trees('SELECT c.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id ORDER BY c.Name LIMIT 2').get('push-limit'), {
    root: limit(2, 0, sort(['c.Name'], project(['Id'], { kind: 'DependentJoin', type: 'Inner', keys: ['c.Id = l.CampaignId'], inputs: [scan('Campaigns c'), scan('LineItems l', { pushed: ['CampaignId in {join:l}'] })] }), 2)),
  });
});

test('push-limit: the blocks inside a derived table and a UNION are rewritten too', () => {
  const t = trees('SELECT Id FROM (SELECT Id, Name FROM Campaigns ORDER BY Name LIMIT 3) d UNION ALL SELECT Id FROM LineItems LIMIT 1');
  const json = JSON.stringify(t.get('push-limit'));
  assert.ok(json.includes('"limit":3,"sorted":["Name"]'), json);
  assert.ok(!JSON.stringify(t.get('planned')).includes('"sorted"'));
});

test('push-limit: what the pass decides is what the source is asked and what it serves', async () => {
  const t = campaignsTable();
  const result = await query(catalogOf(t), 'SELECT Id, Name FROM Campaigns ORDER BY Name DESC LIMIT 2');
  assert.deepEqual(result, [{ Id: 'c4', Name: 'Winter' }, { Id: 'c2', Name: 'Summer' }]);
  assert.deepEqual(t.requests.at(-1)!.orderBy, [{ column: 'Name', desc: true }]);
  assert.equal(t.opens.at(-1)!.limit, 2);
  assert.equal(t.pagesFetched, 1);
});

test('negotiate-scans: the planner only offers; the source answers, and what it does not apply exactly is checked locally', () => {
  const t = trees("SELECT Id FROM Campaigns WHERE AccountId = 'a1' AND Name LIKE 'S%' AND UPPER(Name) <> 'X'");
  assert.deepEqual(t.get('place-predicates'), {
    root: project(['Id'], { kind: 'UnplannedScan', label: 'Campaigns', offered: ["AccountId = 'a1'", "Name LIKE 'S%'"], local: ["UPPER(Name) <> 'X'"] }),
  });
  assert.deepEqual(t.get('negotiate-scans'), {
    root: project(['Id'], scan('Campaigns', { pushed: ['AccountId=a1'], local: ["Name LIKE 'S%'", "UPPER(Name) <> 'X'"] })),
  });
});

test('choose-dependent-joins: planFrom builds a hash join; the pass drives the inner scan whose key column takes a Param', () => {
  const t = trees('SELECT c.Name, l.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id');
  assert.deepEqual(t.get('planned'), {
    root: project(['Name', 'Id'], { kind: 'Join', type: 'Inner', keys: ['c.Id = l.CampaignId'], inputs: [{ kind: 'UnplannedScan', label: 'Campaigns c', offered: [], local: [] }, { kind: 'UnplannedScan', label: 'LineItems l', offered: [], local: [] }] }),
  });
  // Campaigns that take no key: the join the other way round stays a hash join.
  const keyless = new FakeApiTable(tableInfo('Campaigns', ['Id', 'Name', 'AccountId']), rows);
  const reversed = trees('SELECT c.Name, l.Id FROM LineItems l LEFT JOIN Campaigns c ON l.CampaignId = c.Id', catalogOf(keyless, lineItemsTable()));
  assert.equal((reversed.get('choose-dependent-joins')!.root as { inputs: { kind: string }[] }).inputs[0]!.kind, 'Join');
});

test('negotiate-scans: a dependent join offers its Param to the inner scan, and keeps the strategy when the source takes it', () => {
  const t = trees('SELECT c.Name, l.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id');
  const planned = { kind: 'UnplannedScan', label: 'LineItems l', offered: [], local: [], joinParam: ['CampaignId IN ({join:l})'] };
  assert.deepEqual(t.get('choose-dependent-joins'), {
    root: project(['Name', 'Id'], { kind: 'DependentJoin', type: 'Inner', keys: ['c.Id = l.CampaignId'], fallback: 'Inner', inputs: [{ kind: 'UnplannedScan', label: 'Campaigns c', offered: [], local: [] }, planned] }),
  });
  assert.deepEqual(t.get('negotiate-scans'), {
    root: project(['Name', 'Id'], { kind: 'DependentJoin', type: 'Inner', keys: ['c.Id = l.CampaignId'], inputs: [scan('Campaigns c'), scan('LineItems l', { pushed: ['CampaignId in {join:l}'] })] }),
  });
});

/** A table that declares CampaignId as a key column but refuses every Param operand. */
class RefusesParams extends FakeApiTable {
  override plan(request: Parameters<FakeApiTable['plan']>[0]): ReturnType<FakeApiTable['plan']> {
    const plan = super.plan(request);
    const handling = plan.handling.map((h, i) => {
      const p = request.predicates[i]!;
      return p.kind === 'In' && p.operands.some((o) => o.kind === 'Param') ? ('unsupported' as const) : h;
    });
    return { ...plan, handling };
  }
}

test('negotiate-scans: when the source refuses the join Param, the dependent join falls back to a hash join over a plain scan', async () => {
  const lineItems = new RefusesParams(tableInfo('LineItems', ['Id', 'CampaignId', 'Kind']), [{ Id: 'l1', CampaignId: 'c2', Kind: 'x' }], { exact: ['CampaignId'] });
  const catalog = catalogOf(campaignsTable(), lineItems);
  const sql = 'SELECT c.Name, l.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id';
  const t = trees(sql, catalog);
  assert.equal((t.get('choose-dependent-joins')!.root as { inputs: { kind: string }[] }).inputs[0]!.kind, 'DependentJoin');
  assert.deepEqual(t.get('negotiate-scans'), {
    root: project(['Name', 'Id'], { kind: 'Join', type: 'Inner', keys: ['c.Id = l.CampaignId'], inputs: [scan('Campaigns c'), scan('LineItems l')] }),
  });
  // Asked with the Param first, then without it.
  assert.deepEqual(lineItems.requests.map((r) => r.predicates.length), [1, 0]);
  assert.deepEqual(await query(catalog, sql), [{ Name: 'Summer', Id: 'l1' }]);
});

const filter = (conditions: string[], input: Record<string, unknown>, placeable = false) => ({ kind: 'Filter', conditions, ...(placeable ? { placeable } : {}), inputs: [input] });
const unplanned = (label: string, offered: string[] = [], more: Record<string, unknown> = {}) => ({ kind: 'UnplannedScan', label, offered, local: [], ...more });
const joinParam = ['CampaignId IN ({join:l})'];

test('place-predicates: WHERE conjuncts reach their scans through an INNER join', () => {
  const t = trees("SELECT c.Name, l.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id WHERE c.AccountId = 'a1' AND l.Kind = 'x'");
  const join = (outer: Record<string, unknown>, inner: Record<string, unknown>) => ({ kind: 'DependentJoin', type: 'Inner', keys: ['c.Id = l.CampaignId'], fallback: 'Inner', inputs: [outer, inner] });
  assert.deepEqual(t.get('choose-dependent-joins'), {
    root: project(['Name', 'Id'], filter(["c.AccountId = 'a1'", "l.Kind = 'x'"], join(unplanned('Campaigns c'), unplanned('LineItems l', [], { joinParam })), true)),
  });
  assert.deepEqual(t.get('place-predicates'), {
    root: project(['Name', 'Id'], join(unplanned('Campaigns c', ["c.AccountId = 'a1'"]), unplanned('LineItems l', ["l.Kind = 'x'"], { joinParam }))),
  });
  assert.deepEqual(t.get('negotiate-scans'), {
    root: project(['Name', 'Id'], {
      kind: 'DependentJoin',
      type: 'Inner',
      keys: ['c.Id = l.CampaignId'],
      inputs: [scan('Campaigns c', { pushed: ['AccountId=a1'] }), scan('LineItems l', { pushed: ['CampaignId in {join:l}'], local: ["l.Kind = 'x'"] })],
    }),
  });
});

test('place-predicates: a WHERE on the NULL-extended side stays above a LEFT JOIN; its ON conjuncts go to the inner scan only', () => {
  const t = trees("SELECT c.Name, l.Id FROM Campaigns c LEFT JOIN LineItems l ON l.CampaignId = c.Id AND l.Kind = 'x' WHERE l.Id IS NULL AND c.Name = 'Spring'");
  const join = (outer: Record<string, unknown>, inner: Record<string, unknown>) => ({ kind: 'DependentJoin', type: 'Left', keys: ['c.Id = l.CampaignId'], fallback: 'Left', inputs: [outer, inner] });
  assert.deepEqual(t.get('choose-dependent-joins'), {
    root: project(['Name', 'Id'], filter(["c.Name = 'Spring'", 'l.Id IS NULL'], join(unplanned('Campaigns c'), filter(["l.Kind = 'x'"], unplanned('LineItems l', [], { joinParam }), true)), true)),
  });
  assert.deepEqual(t.get('place-predicates'), {
    root: project(['Name', 'Id'], filter(['l.Id IS NULL'], join(unplanned('Campaigns c', ["c.Name = 'Spring'"]), unplanned('LineItems l', ["l.Kind = 'x'"], { joinParam })))),
  });
});

test('place-predicates: the pass itself never moves a conjunct below the NULL-extended side of a LEFT, RIGHT or FULL join', () => {
  // The INNER join's planned tree, with its type changed: the pass alone decides where each conjunct goes.
  let planned: LogicalNode | undefined;
  planStatement(parseStatements("SELECT c.Name, l.Id FROM Campaigns c CROSS JOIN LineItems l WHERE c.AccountId = 'a1' AND l.Kind = 'x'")[0] as SelectStatement, catalogOf(campaignsTable(), lineItemsTable()), {
    now: new Date(0),
    afterPass: (name, plan) => (name === 'planned' ? (planned = plan.root) : undefined),
  });
  const project0 = planned as LogicalNode & { kind: 'Project' };
  const where = project0.input as LogicalNode & { kind: 'Filter' };
  const cross = where.input as LogicalNode & { kind: 'Join' };
  const placed = (type: 'Inner' | 'Left' | 'Right' | 'Full') => shape(placePredicates({ ...where, input: { ...cross, type } }));
  const tree = (type: string, above: string[], outer: string[], inner: string[]) => {
    const join = { kind: 'Join', type, keys: [], inputs: [unplanned('Campaigns c', outer), unplanned('LineItems l', inner)] };
    return above.length > 0 ? filter(above, join) : join;
  };
  assert.deepEqual(placed('Inner'), tree('Inner', [], ["c.AccountId = 'a1'"], ["l.Kind = 'x'"]));
  assert.deepEqual(placed('Left'), tree('Left', ["l.Kind = 'x'"], ["c.AccountId = 'a1'"], []));
  assert.deepEqual(placed('Right'), tree('Right', ["c.AccountId = 'a1'"], [], ["l.Kind = 'x'"]));
  assert.deepEqual(placed('Full'), tree('Full', ["c.AccountId = 'a1'", "l.Kind = 'x'"], [], []));
});

test('after the passes no node is left in a pass-only state (UnplannedScan, Filter candidates, DependentJoin fallback)', () => {
  const leftovers = (plan: SelectPlan): string[] => {
    const found: string[] = [];
    const visit = (node: LogicalNode): void => {
      if (node.kind === 'UnplannedScan') found.push(`UnplannedScan ${node.label}`);
      if (node.kind === 'Filter' && node.candidates !== undefined) found.push('Filter candidates');
      if (node.kind === 'DependentJoin' && node.fallback !== undefined) found.push('DependentJoin fallback');
      inputsOf(node).forEach(visit);
      blocksOf(node).forEach((b) => found.push(...leftovers(b)));
    };
    visit(plan.root);
    plan.subqueries.forEach((s) => found.push(...leftovers(s.plan)));
    return found;
  };
  for (const join of ['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN']) {
    for (const sql of [
      `SELECT c.Name, l.Id FROM Campaigns c ${join} LineItems l ON l.CampaignId = c.Id AND l.Kind = 'x' WHERE c.AccountId = 'a1' AND l.Kind <> 'y'`,
      `SELECT d.Name FROM (SELECT Id, Name FROM Campaigns WHERE AccountId = 'a1') d ${join} LineItems l ON l.CampaignId = d.Id WHERE d.Name = 'x' ORDER BY d.Name LIMIT 2`,
      `SELECT c.Id FROM Campaigns c ${join} LineItems l ON l.CampaignId = c.Id WHERE c.Id IN (SELECT CampaignId FROM LineItems WHERE Kind = 'x') UNION SELECT Id FROM LineItems WHERE CampaignId = 'c1'`,
    ]) {
      const logical = planStatement(parseStatements(sql)[0] as SelectStatement, catalogOf(campaignsTable(), lineItemsTable()), { now: new Date(0) });
      assert.deepEqual(leftovers(logical.plan), [], sql);
    }
  }
});
