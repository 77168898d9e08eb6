/**
 * Logical plans compared as trees of data (kinds and the facts each node carries), not as EXPLAIN
 * strings: a decorrelated EXISTS, a CTE with a pushed filter, a UNION under a LIMIT, a window query.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatements } from '../../src/engine.js';
import { block } from './plan-shape.js';
import { planStatement } from '../../src/plan/query-plan.js';
import type { SelectStatement } from '../../src/sql/ir.js';
import { catalogOf, FakeApiTable, query, tableInfo } from './helpers.js';

const campaigns = new FakeApiTable(tableInfo('Campaigns', ['Id', 'Name', 'AccountId']), [], { exact: ['Id', 'AccountId'] });
const lineItems = new FakeApiTable(tableInfo('LineItems', ['Id', 'CampaignId', 'Kind']), [], { exact: ['CampaignId'] });
const catalog = catalogOf(campaigns, lineItems);

const planOf = (sql: string): Record<string, unknown> => {
  const logical = planStatement(parseStatements(sql)[0] as SelectStatement, catalog, { now: new Date(0) });
  return block(logical.plan);
};

const scan = (label: string, pushed: string[] = [], local: string[] = [], limit?: number) => ({ kind: 'Scan', label, pushed, local, ...(limit !== undefined ? { limit } : {}) });
const project = (names: string[], input: Record<string, unknown>) => ({ kind: 'Project', names, inputs: [input] });

test('a correlated EXISTS through one equality: an IN list run first and offered to the outer scan', () => {
  assert.deepEqual(planOf("SELECT c.Name FROM Campaigns c WHERE EXISTS (SELECT 1 FROM LineItems l WHERE l.CampaignId = c.Id AND l.Kind = 'x')"), {
    root: project(['Name'], scan('Campaigns c', ['Id in {subquery:1}'])),
    subqueries: [{ kind: 'In', paramId: 'subquery:1', root: project(['CampaignId'], scan('LineItems l', [], ["l.Kind = 'x'", 'l.CampaignId IS NOT NULL'])) }],
  });
});

test('a correlated NOT EXISTS through two equalities: a LEFT JOIN of the distinct keys, kept where none matched', () => {
  assert.deepEqual(planOf('SELECT c.Name FROM Campaigns c WHERE NOT EXISTS (SELECT 1 FROM LineItems l WHERE l.CampaignId = c.Id AND l.Kind = c.Name)'), {
    root: project(['Name'], {
      kind: 'Filter',
      conditions: ['NOT __correlated_1.k1 IS NOT NULL'],
      inputs: [
        {
          kind: 'Join',
          type: 'Left',
          keys: ['c.Id = __correlated_1.k1', 'c.Name = __correlated_1.k2'],
          inputs: [
            scan('Campaigns c'),
            {
              kind: 'Subquery',
              label: '__correlated_1',
              pushed: [],
              local: [],
              decorrelated: 'EXISTS (SELECT 1 FROM LineItems l WHERE l.CampaignId = c.Id AND l.Kind = c.Name)',
              blocks: [{ root: { kind: 'Distinct', inputs: [project(['k1', 'k2'], scan('LineItems l'))] } }],
            },
          ],
        },
      ],
    }),
  });
});

test('a subquery correlated to a GROUP BY key: grouped once, joined, its columns become group keys', () => {
  assert.deepEqual(planOf('SELECT c.AccountId, COUNT(*) AS n, (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.AccountId) AS items FROM Campaigns c GROUP BY c.AccountId'), {
    root: project(['AccountId', 'n', 'items'], {
      kind: 'Aggregate',
      groups: ['c.AccountId', '__correlated_1.k1', '__correlated_1.v'],
      aggregates: ['COUNT(*)'],
      inputs: [
        {
          kind: 'Join',
          type: 'Left',
          keys: ['c.AccountId = __correlated_1.k1'],
          inputs: [
            scan('Campaigns c'),
            {
              kind: 'Subquery',
              label: '__correlated_1',
              pushed: [],
              local: [],
              decorrelated: '(SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.AccountId)',
              blocks: [{ root: project(['k1', 'v'], { kind: 'Aggregate', groups: ['l.CampaignId'], aggregates: ['COUNT(*)'], inputs: [scan('LineItems l')] }) }],
            },
          ],
        },
      ],
    }),
  });
});

test('a filter on a CTE reaches the scan inside it', () => {
  assert.deepEqual(planOf("WITH a AS (SELECT Id, Name FROM Campaigns) SELECT Name FROM a WHERE Id = 'c1'"), {
    root: project(['Name'], { kind: 'Subquery', label: 'a', pushed: ["Id = 'c1'"], local: [], blocks: [{ root: project(['Id', 'Name'], scan('Campaigns', ['Id=c1'])) }] }),
  });
});

test('a UNION under ORDER BY and LIMIT: the LIMIT stays above it, no scan gets one', () => {
  assert.deepEqual(planOf('SELECT Id FROM Campaigns UNION SELECT Id FROM LineItems ORDER BY Id LIMIT 2'), {
    root: {
      kind: 'Limit',
      limit: 2,
      offset: 0,
      inputs: [
        {
          kind: 'Sort',
          keys: ['Id'],
          keep: 2,
          inputs: [
            project(['Id'], {
              kind: 'Subquery',
              label: 'set_result',
              pushed: [],
              local: [],
              blocks: [{ root: { kind: 'SetOperation', op: 'Union', all: false, blocks: [{ root: project(['Id'], scan('Campaigns')) }, { root: project(['Id'], scan('LineItems')) }] } }],
            }),
          ],
        },
      ],
    },
  });
  // Without ORDER BY, the same: a UNION can drop rows, so the LIMIT is not passed below it.
  const unordered = planOf('SELECT Id FROM Campaigns UNION ALL SELECT Id FROM LineItems LIMIT 2');
  assert.equal(JSON.stringify(unordered).includes('"limit":2,"offset":0'), true);
  assert.equal(/"kind":"Scan"[^}]*"limit"/.test(JSON.stringify(unordered)), false, JSON.stringify(unordered));
});

test('a window query: the filter goes to the scan, the LIMIT stays above the Window', () => {
  assert.deepEqual(planOf("SELECT Id, ROW_NUMBER() OVER (PARTITION BY AccountId ORDER BY Name) AS rn FROM Campaigns WHERE AccountId = 'a1' LIMIT 3"), {
    root: { kind: 'Limit', limit: 3, offset: 0, inputs: [project(['Id', 'rn'], { kind: 'Window', calls: ['ROW_NUMBER() OVER (PARTITION BY AccountId ORDER BY Name)'], inputs: [scan('Campaigns', ['AccountId=a1'])] })] },
  });
  // The same query without the window sends the LIMIT to the scan: the tree shows the difference.
  assert.deepEqual(planOf("SELECT Id FROM Campaigns WHERE AccountId = 'a1' LIMIT 3"), { root: { kind: 'Limit', limit: 3, offset: 0, inputs: [project(['Id'], scan('Campaigns', ['AccountId=a1'], [], 3))] } });
});

test('EXPLAIN says which correlated subquery a joined block was made from', async () => {
  const rows = await query(catalog, 'EXPLAIN SELECT c.Name, (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id) AS n FROM Campaigns c');
  assert.deepEqual(
    rows.map((r) => [r.ParentId, String(r.Operation).trim()]),
    [[null, 'Project'], [1, 'HashJoin'], [2, 'Scan'], [2, 'Subquery'], [4, 'Project'], [5, 'Aggregate'], [6, 'Scan']],
  );
  assert.equal(rows[3]!.Detail, '__correlated_1: decorrelated (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id), computed once for all outer rows and joined on its correlation keys');
  assert.equal(rows[0]!.Detail, 'c.Name AS Name, COALESCE(__correlated_1.v, 0) AS n');
});
