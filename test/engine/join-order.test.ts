/**
 * The join-order rule (README, "Join order"), shown by the tree after choose-dependent-joins (before predicate placement and scan negotiation):
 * the first two tables swap when the first has a required key column the join can fill from the
 * second (every join kind; a swapped LEFT runs as RIGHT and RIGHT as LEFT), or, under INNER only,
 * when only the first can take the join's values. A decorrelated subquery never causes a swap.
 * Each swapped tree equals the tree of the same join written in the other order. The planner joins
 * as written; the swap is the choose-join-order pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatements } from '../../src/engine.js';
import { planStatement } from '../../src/plan/query-plan.js';
import type { SelectStatement } from '../../src/sql/ir.js';
import { catalogOf, FakeApiTable, tableInfo } from './helpers.js';
import { block } from './plan-shape.js';

/** Campaigns needs an AccountId (as a defaulted AccountId does), which a join with Accounts can fill. */
const campaigns = () => new FakeApiTable(tableInfo('Campaigns', ['Id', 'Name', 'AccountId']), [], { exact: ['AccountId'], required: ['AccountId'] });
const accounts = () => new FakeApiTable(tableInfo('Accounts', ['Id', 'Name']), [], { exact: ['Id'] });
/** LineItems takes a CampaignId optionally; these Campaigns take nothing. */
const lineItems = () => new FakeApiTable(tableInfo('LineItems', ['Id', 'CampaignId']), [], { exact: ['CampaignId'] });
const plainCampaigns = () => new FakeApiTable(tableInfo('Campaigns', ['Id', 'Name']), []);

/** The tree once the join strategy is chosen, before predicates are placed and scans negotiated. */
function planned(sql: string, catalog = catalogOf(campaigns(), accounts())): Record<string, unknown> {
  let tree: Record<string, unknown> | undefined;
  planStatement(parseStatements(sql)[0] as SelectStatement, catalog, { now: new Date(0), afterPass: (name, plan) => name === 'choose-dependent-joins' && (tree = block(plan)) });
  assert.ok(tree);
  return tree;
}

const scan = (label: string, more: Record<string, unknown> = {}) => ({ kind: 'UnplannedScan', label, offered: [], local: [], ...more });
const project = (input: Record<string, unknown>) => ({ kind: 'Project', names: ['Id'], inputs: [input] });
const accountsThenCampaigns = (type: string, fallback: string) =>
  project({ kind: 'DependentJoin', type, keys: ['a.Id = c.AccountId'], fallback, inputs: [scan('Accounts a'), scan('Campaigns c', { joinParam: ['AccountId IN ({join:c})'] })] });

test('required key, INNER: Campaigns JOIN Accounts reads Accounts first and feeds its ids to Campaigns', () => {
  const swapped = planned('SELECT c.Id FROM Campaigns c JOIN Accounts a ON c.AccountId = a.Id');
  assert.deepEqual(swapped, { root: accountsThenCampaigns('Inner', 'Inner') });
  assert.deepEqual(planned('SELECT c.Id FROM Accounts a JOIN Campaigns c ON c.AccountId = a.Id'), swapped);
});

test('required key, LEFT: Campaigns LEFT JOIN Accounts runs as Accounts RIGHT JOIN Campaigns (driven: INNER)', () => {
  const swapped = planned('SELECT c.Id FROM Campaigns c LEFT JOIN Accounts a ON c.AccountId = a.Id');
  // RIGHT over a required key that is the only condition: every Campaigns row read matches, so it runs as INNER.
  assert.deepEqual(swapped, { root: accountsThenCampaigns('Inner', 'Right') });
  assert.deepEqual(planned('SELECT c.Id FROM Accounts a RIGHT JOIN Campaigns c ON c.AccountId = a.Id'), swapped);
});

test('required key, RIGHT: Campaigns RIGHT JOIN Accounts runs as Accounts LEFT JOIN Campaigns', () => {
  const swapped = planned('SELECT c.Id FROM Campaigns c RIGHT JOIN Accounts a ON c.AccountId = a.Id');
  assert.deepEqual(swapped, { root: accountsThenCampaigns('Left', 'Left') });
  assert.deepEqual(planned('SELECT c.Id FROM Accounts a LEFT JOIN Campaigns c ON c.AccountId = a.Id'), swapped);
});

test("'takes' (an optional key) swaps under INNER only", () => {
  const catalog = () => catalogOf(lineItems(), plainCampaigns());
  const inner = planned('SELECT l.Id FROM LineItems l JOIN Campaigns c ON l.CampaignId = c.Id', catalog());
  assert.deepEqual(inner, {
    root: { kind: 'Project', names: ['Id'], inputs: [{ kind: 'DependentJoin', type: 'Inner', keys: ['c.Id = l.CampaignId'], fallback: 'Inner', inputs: [scan('Campaigns c'), scan('LineItems l', { joinParam: ['CampaignId IN ({join:l})'] })] }] },
  });
  // A CROSS join with the equality in WHERE is the same inner join.
  assert.deepEqual(planned('SELECT l.Id FROM LineItems l CROSS JOIN Campaigns c WHERE l.CampaignId = c.Id', catalog()), inner);
  // LEFT keeps the written order: the preserved LineItems are read whole anyway; Campaigns takes no key, so a hash join.
  const left = planned('SELECT l.Id FROM LineItems l LEFT JOIN Campaigns c ON l.CampaignId = c.Id', catalog());
  assert.deepEqual(left, {
    root: { kind: 'Project', names: ['Id'], inputs: [{ kind: 'Join', type: 'Left', keys: ['l.CampaignId = c.Id'], inputs: [scan('LineItems l'), scan('Campaigns c')] }] },
  });
});

test('a decorrelated subquery is never swapped in front, though a written derived table is', () => {
  const decorrelated = planned("SELECT c.Id FROM Campaigns c WHERE c.AccountId = 'a1' AND c.Name = (SELECT MAX(a.Name) FROM Accounts a WHERE a.Id = c.AccountId)");
  // Project → the WHERE, both conjuncts waiting above the joins for place-predicates → the join.
  const where = (decorrelated.root as { inputs: [{ kind: string; conditions: string[]; inputs: [Record<string, unknown>] }] }).inputs[0];
  assert.equal(where.kind, 'Filter');
  assert.deepEqual(where.conditions, ["c.AccountId = 'a1'", 'c.Name = __correlated_1.v']);
  const join = where.inputs[0] as { kind: string; type: string; keys: string[]; inputs: Record<string, unknown>[] };
  assert.equal(join.kind, 'Join');
  assert.equal(join.type, 'Left');
  assert.deepEqual(join.keys, ['c.AccountId = __correlated_1.k1']);
  assert.deepEqual(join.inputs[0], scan('Campaigns c'));
  assert.equal(join.inputs[1]!.kind, 'Subquery');
  assert.equal(join.inputs[1]!.label, '__correlated_1');

  const written = planned('SELECT c.Id FROM Campaigns c JOIN (SELECT Id FROM Accounts) a ON c.AccountId = a.Id');
  const driven = (written.root as { inputs: [{ kind: string; inputs: Record<string, unknown>[] }] }).inputs[0];
  assert.equal(driven.kind, 'DependentJoin');
  assert.equal(driven.inputs[0]!.kind, 'Subquery');
  assert.deepEqual(driven.inputs[1], scan('Campaigns c', { joinParam: ['AccountId IN ({join:c})'] }));
});

/** The tree after `stage`, whether or not a later pass refuses the query. */
function treeAfter(stage: string, sql: string, catalog = catalogOf(campaigns(), accounts())): Record<string, unknown> {
  let tree: Record<string, unknown> | undefined;
  try {
    planStatement(parseStatements(sql)[0] as SelectStatement, catalog, { now: new Date(0), afterPass: (name, plan) => name === stage && (tree = block(plan)) });
  } catch {
    // Refused after the stage: the tree at the stage is still what the test reads.
  }
  assert.ok(tree, `no tree after ${stage}`);
  return tree;
}

test('the planner joins the tables as written; choose-join-order swaps them, exchanging each key side and mirroring LEFT', () => {
  const sql = 'SELECT c.Id FROM Campaigns c LEFT JOIN Accounts a ON c.AccountId = a.Id';
  assert.deepEqual(treeAfter('planned', sql), {
    root: project({ kind: 'Join', type: 'Left', keys: ['c.AccountId = a.Id'], inputs: [scan('Campaigns c'), scan('Accounts a')] }),
  });
  assert.deepEqual(treeAfter('choose-join-order', sql), {
    root: project({ kind: 'Join', type: 'Right', keys: ['a.Id = c.AccountId'], inputs: [scan('Accounts a'), scan('Campaigns c')] }),
  });
});

test("a LEFT join's narrowing of its NULL-supplying side goes back into ON when the swap makes that side the outer side of a RIGHT join", () => {
  const sql = "SELECT c.Id FROM Campaigns c LEFT JOIN Accounts a ON c.AccountId = a.Id AND a.Name = 'n'";
  // As written, Accounts is the NULL-supplying side of the LEFT join: its ON condition may narrow its scan.
  assert.deepEqual(treeAfter('planned', sql), {
    root: project({ kind: 'Join', type: 'Left', keys: ['c.AccountId = a.Id'], inputs: [scan('Campaigns c'), { kind: 'Filter', conditions: ["a.Name = 'n'"], placeable: true, inputs: [scan('Accounts a')] }] }),
  });
  // Swapped, Accounts would drive which Campaigns are read: narrowing it would drop preserved Campaigns rows.
  assert.deepEqual(treeAfter('choose-join-order', sql), {
    root: project({ kind: 'Join', type: 'Right', keys: ['a.Id = c.AccountId'], residual: "a.Name = 'n'", inputs: [scan('Accounts a'), scan('Campaigns c')] }),
  });
  // The same join written the other way round gives the same tree.
  assert.deepEqual(treeAfter('choose-join-order', "SELECT c.Id FROM Accounts a RIGHT JOIN Campaigns c ON c.AccountId = a.Id AND a.Name = 'n'"), treeAfter('choose-join-order', sql));
});

test('decisions follow what a table is in the join, not its position: a RIGHT join of the first two tables is planned as the LEFT join read the other way round', () => {
  // Constants go to the driving table (Accounts), the ON condition on Campaigns (NULL-supplying) narrows its scan.
  const right = "SELECT c.Id FROM Campaigns c RIGHT JOIN Accounts a ON c.AccountId = a.Id AND c.Name = 'n' WHERE 2 > 1";
  const left = "SELECT c.Id FROM Accounts a LEFT JOIN Campaigns c ON c.AccountId = a.Id AND c.Name = 'n' WHERE 2 > 1";
  const narrowed = { kind: 'Filter', conditions: ["c.Name = 'n'"], placeable: true, inputs: [scan('Campaigns c')] };
  assert.deepEqual(treeAfter('choose-join-order', left), {
    root: project({ kind: 'Join', type: 'Left', keys: ['a.Id = c.AccountId'], inputs: [scan('Accounts a', { local: ['2 > 1'] }), narrowed] }),
  });
  assert.deepEqual(treeAfter('choose-join-order', right), treeAfter('choose-join-order', left));
  assert.deepEqual(treeAfter('planned', right), {
    root: project({ kind: 'Join', type: 'Right', keys: ['c.AccountId = a.Id'], inputs: [narrowed, scan('Accounts a', { local: ['2 > 1'] })] }),
  });
});
