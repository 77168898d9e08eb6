import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import { parseStatements } from '../../src/engine.js';
import { inputsOf, type LogicalNode } from '../../src/logical/logical-node.js';
import { planStatement } from '../../src/plan/query-plan.js';
import type { SelectStatement } from '../../src/sql/ir.js';
import { catalogOf, FakeApiTable, query, tableInfo } from './helpers.js';

const ops = (rows: readonly Record<string, unknown>[]) => rows.map((r) => String(r.Operation));

test('EXPLAIN lists operators in tree order with parents and indentation', async () => {
  const people = new MemoryTable(tableInfo('People', ['Id', 'Name', 'TeamId']), []);
  const teams = new MemoryTable(tableInfo('Teams', ['Id', 'Name']), []);
  const rows = await query(
    catalogOf(people, teams),
    "EXPLAIN SELECT t.Name, COUNT(*) AS n FROM People p LEFT JOIN Teams t ON t.Id = p.TeamId WHERE p.Name LIKE 'A%' GROUP BY t.Name HAVING COUNT(*) > 1 ORDER BY n DESC LIMIT 5",
  );
  assert.deepEqual(ops(rows), ['Limit', '  Sort', '    Project', '      Filter', '        Aggregate', '          HashJoin', '            Scan', '            Scan']);
  assert.deepEqual(rows.map((r) => r.ParentId), [null, 1, 2, 3, 4, 5, 6, 6]);
  assert.deepEqual(rows.map((r) => r.Detail).slice(0, 5), ['5', 'n DESC', 't.Name AS Name, COUNT(*) AS n', 'COUNT(*) > 1', 'GROUP BY t.Name; COUNT(*)']);
  assert.equal(rows[5]!.Detail, 'LEFT ON p.TeamId = t.Id; build side: inner scan');
  assert.equal(rows[6]!.Detail, "People p via (local); pushed: (none); local filter: p.Name LIKE 'A%'");
  assert.ok(rows.every((r) => r.ActualCalls === null));
});

test('EXPLAIN shows dependent joins and subqueries without running them; ANALYZE adds actual counts', async () => {
  const campaigns = new FakeApiTable(tableInfo('Campaigns', ['Id', 'AccountId']), [
    { Id: 'c1', AccountId: 'a1' },
    { Id: 'c2', AccountId: 'a1' },
    { Id: 'c3', AccountId: 'a1' },
  ], { exact: ['AccountId'], pageSize: 2 });
  const stats = new FakeApiTable(tableInfo('Stats', ['EntityId', 'Clicks']), [{ EntityId: 'c2', Clicks: '5' }], { exact: ['EntityId'], required: ['EntityId'] });
  const accounts = new MemoryTable(tableInfo('Accounts', ['Id']), [{ Id: 'a1' }]);
  const catalog = catalogOf(campaigns, stats, accounts);
  const sql = 'SELECT c.Id, s.Clicks FROM Campaigns c JOIN Stats s ON s.EntityId = c.Id WHERE c.AccountId IN (SELECT Id FROM Accounts)';
  const plain = await query(catalog, `EXPLAIN ${sql}`);
  assert.deepEqual(ops(plain), ['Project', '  DependentJoin', '    Scan', '    Scan', '  Subquery', '    Project', '      Scan']);
  assert.match(String(plain[1]!.Detail), /INNER ON c\.Id = s\.EntityId; inner scan gets the outer c\.Id values as join:s/);
  assert.match(String(plain[2]!.Detail), /^Campaigns c via GET \/fake\/campaigns; pushed: AccountId in \{subquery:1\}/);
  assert.match(String(plain[3]!.Detail), /pushed: EntityId in \{join:s\}/);
  assert.match(String(plain[4]!.Detail), /subquery:1: IN list/);
  assert.equal(campaigns.opens.length + stats.opens.length, 0);

  const analyzed = await query(catalog, `EXPLAIN ANALYZE ${sql}`);
  assert.deepEqual(ops(analyzed), ops(plain));
  assert.equal(analyzed[2]!.ActualCalls, 2, 'two pages of campaigns');
  assert.equal(analyzed[3]!.ActualCalls, 1, 'one batch of keys');
  assert.equal(analyzed[0]!.ActualRows, 1);
  assert.equal(analyzed[2]!.ActualRows, 3);
  assert.deepEqual(stats.opens[0]!.params?.get('join:s'), ['c1', 'c2', 'c3']);
});

test('the planner returns a logical plan as data: a tree of kind-tagged nodes', () => {
  const people = new MemoryTable(tableInfo('People', ['Id', 'Name', 'TeamId']), []);
  const teams = new MemoryTable(tableInfo('Teams', ['Id', 'Name']), []);
  const [statement] = parseStatements(
    "SELECT t.Name, COUNT(*) AS n FROM People p JOIN Teams t ON t.Id = p.TeamId WHERE p.Name LIKE 'A%' GROUP BY t.Name ORDER BY n DESC LIMIT 5",
  );
  const logical = planStatement(statement as SelectStatement, catalogOf(people, teams), { now: new Date(0) });
  const shape = (node: LogicalNode): unknown => {
    const facts: Record<string, unknown> = { kind: node.kind };
    if (node.kind === 'Scan') Object.assign(facts, { label: node.label, local: node.local.map((l) => l.text) });
    if (node.kind === 'Join') Object.assign(facts, { type: node.type, keys: node.keys.map((k) => k.text) });
    if (node.kind === 'Aggregate') Object.assign(facts, { groups: node.groups.map((g) => g.text), aggregates: node.aggregates.map((a) => a.text) });
    if (node.kind === 'Project') Object.assign(facts, { names: node.names });
    if (node.kind === 'Sort') Object.assign(facts, { keys: node.keys.map((k) => k.text), keep: node.keep });
    if (node.kind === 'Limit') Object.assign(facts, { limit: node.limit, offset: node.offset });
    const inputs = inputsOf(node).map(shape);
    return inputs.length > 0 ? { ...facts, inputs } : facts;
  };
  assert.equal(logical.kind, 'Select');
  assert.deepEqual(logical.plan.fields, [
    { name: 'Name', type: 'String' },
    { name: 'n', type: 'Long' },
  ]);
  assert.deepEqual(shape(logical.plan.root), {
    kind: 'Limit',
    limit: 5,
    offset: 0,
    inputs: [
      {
        kind: 'Sort',
        keys: ['n DESC'],
        keep: 5,
        inputs: [
          {
            kind: 'Project',
            names: ['Name', 'n'],
            inputs: [
              {
                kind: 'Aggregate',
                groups: ['t.Name'],
                aggregates: ['COUNT(*)'],
                inputs: [
                  {
                    kind: 'Join',
                    type: 'Inner',
                    keys: ['p.TeamId = t.Id'],
                    inputs: [
                      { kind: 'Scan', label: 'People p', local: ["p.Name LIKE 'A%'"] },
                      { kind: 'Scan', label: 'Teams t', local: [] },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
});
