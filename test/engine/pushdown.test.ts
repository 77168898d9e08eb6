import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../../src/errors.js';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import { catalogOf, FakeApiTable, query, tableInfo } from './helpers.js';

const campaignRows = [
  { Id: 'c1', AccountId: 'a1', Name: 'Spring', Status: 'ACTIVE', Budget: 10 },
  { Id: 'c2', AccountId: 'a1', Name: 'Summer', Status: 'PAUSED', Budget: 20 },
  { Id: 'c3', AccountId: 'a2', Name: 'Autumn', Status: 'ACTIVE', Budget: null },
  { Id: 'c4', AccountId: 'a1', Name: 'Winter', Status: 'ACTIVE', Budget: 40 },
  { Id: 'c5', AccountId: 'a1', Name: 'Solstice', Status: 'ACTIVE', Budget: 50 },
];
const campaignsInfo = tableInfo('Campaigns', ['Id', 'AccountId', 'Name', 'Status', { name: 'Budget', type: 'Int' }, { name: 'IncludeDeleted', type: 'Boolean', pseudo: true }], ['AdCampaigns']);

function campaigns(options: ConstructorParameters<typeof FakeApiTable>[2] = { exact: ['AccountId', 'Id'], inexact: ['Status'] }) {
  return new FakeApiTable(campaignsInfo, campaignRows, options);
}

test('exact predicates are dropped, inexact ones are rechecked locally, unsupported ones evaluated locally', async () => {
  const t = campaigns();
  const rows = await query(catalogOf(t), "SELECT Id FROM Campaigns WHERE AccountId = 'a1' AND Status = 'ACTIVE' AND Name LIKE 'S%'");
  // The fake ignores inexact Status, so only a local recheck removes c2 (PAUSED).
  assert.deepEqual(rows, [{ Id: 'c1' }, { Id: 'c5' }]);
  const request = t.requests.at(-1)!;
  assert.deepEqual(request.predicates, [
    { kind: 'Compare', column: 'AccountId', op: '=', operand: { kind: 'Const', value: 'a1' } },
    { kind: 'Compare', column: 'Status', op: '=', operand: { kind: 'Const', value: 'ACTIVE' } },
    { kind: 'Like', column: 'Name', pattern: 'S%' },
  ]);
  assert.deepEqual([...request.columns].sort(), ['AccountId', 'Id', 'Name', 'Status']);
});

test('EXPLAIN shows the pushed parameters and the predicates kept locally', async () => {
  const t = campaigns();
  const rows = await query(catalogOf(t), "EXPLAIN SELECT Id FROM Campaigns WHERE AccountId = 'a1' AND Status = 'ACTIVE' AND Budget > 5");
  const scan = rows.find((r) => String(r.Operation).trim() === 'Scan')!;
  assert.match(String(scan.Detail), /GET \/fake\/campaigns/);
  assert.match(String(scan.Detail), /pushed: AccountId=a1/);
  assert.match(String(scan.Detail), /local filter: Status = 'ACTIVE' AND Budget > 5/);
  assert.doesNotMatch(String(scan.Detail), /local filter:.*AccountId/);
  assert.equal(t.opens.length, 0, 'EXPLAIN does no I/O');
});

test('a missing required key is a PlanError before any open', async () => {
  const t = campaigns({ exact: ['AccountId'], required: ['AccountId'] });
  await assert.rejects(query(catalogOf(t), "SELECT Id FROM Campaigns WHERE Name = 'x'"), (e: unknown) => e instanceof PlanError && /needs a filter on AccountId/.test(e.message));
  assert.equal(t.opens.length, 0);
});

test('OR of equalities on one column is offered as one IN', async () => {
  const t = campaigns();
  const rows = await query(catalogOf(t), "SELECT Id FROM Campaigns WHERE Id = 'c1' OR Id = 'c3' OR Id IN ('c4', 'c1')");
  assert.deepEqual(rows, [{ Id: 'c1' }, { Id: 'c3' }, { Id: 'c4' }]);
  assert.deepEqual(t.requests.at(-1)!.predicates, [
    { kind: 'In', column: 'Id', operands: ['c1', 'c3', 'c4'].map((value) => ({ kind: 'Const', value })) },
  ]);
});

test('BETWEEN is offered as two comparisons; NOT IN and NOT LIKE are not offered', async () => {
  const t = campaigns();
  await query(catalogOf(t), "SELECT Id FROM Campaigns WHERE Budget BETWEEN 10 AND 40 AND Id NOT IN ('c1') AND Name NOT LIKE 'W%'");
  assert.deepEqual(t.requests.at(-1)!.predicates, [
    { kind: 'Compare', column: 'Budget', op: '>=', operand: { kind: 'Const', value: 10 } },
    { kind: 'Compare', column: 'Budget', op: '<=', operand: { kind: 'Const', value: 40 } },
  ]);
});

test('literal on the left is flipped; column names are canonical', async () => {
  const t = campaigns();
  await query(catalogOf(t), 'SELECT id FROM adcampaigns WHERE 15 < budget');
  assert.deepEqual(t.requests.at(-1)!.predicates, [{ kind: 'Compare', column: 'Budget', op: '>', operand: { kind: 'Const', value: 15 } }]);
  assert.deepEqual(t.requests.at(-1)!.columns, ['Id', 'Budget']);
});

test('LIMIT goes to the source when everything is exact, and paging stops', async () => {
  const t = campaigns({ exact: ['AccountId'], pageSize: 1 });
  const rows = await query(catalogOf(t), "SELECT Id FROM Campaigns WHERE AccountId = 'a1' LIMIT 2 OFFSET 1");
  assert.deepEqual(rows, [{ Id: 'c2' }, { Id: 'c4' }]);
  assert.equal(t.opens.at(-1)!.limit, 3);
  assert.equal(t.pagesFetched, 3);
});

test('LIMIT stops paging even when it cannot be sent to the source', async () => {
  const t = campaigns({ exact: [], pageSize: 1 });
  const rows = await query(catalogOf(t), "SELECT Id FROM Campaigns WHERE Status = 'ACTIVE' LIMIT 2");
  assert.deepEqual(rows, [{ Id: 'c1' }, { Id: 'c3' }]);
  assert.equal(t.opens.at(-1)!.limit, undefined, 'a local filter could drop rows');
  assert.equal(t.pagesFetched, 3, 'no page after the second match');
});

test('LIMIT is not sent when an inexact predicate, aggregate, DISTINCT or unsorted ORDER BY follows', async () => {
  for (const sql of [
    "SELECT Id FROM Campaigns WHERE Status = 'ACTIVE' LIMIT 1",
    'SELECT COUNT(*) FROM Campaigns LIMIT 1',
    'SELECT DISTINCT AccountId FROM Campaigns LIMIT 1',
    'SELECT Id FROM Campaigns ORDER BY Name LIMIT 1',
    'SELECT Id FROM Campaigns ORDER BY Id NULLS LAST LIMIT 1',
  ]) {
    const t = campaigns({ exact: ['AccountId'], inexact: ['Status'], sortable: ['Id'] });
    await query(catalogOf(t), sql);
    assert.equal(t.opens.at(-1)!.limit, undefined, sql);
  }
});

test('ORDER BY is offered to a single table; a sorted source skips the local sort and takes the LIMIT', async () => {
  const t = campaigns({ exact: [], sortable: ['Name'] });
  const rows = await query(catalogOf(t), 'SELECT Id, Name AS n FROM Campaigns ORDER BY n DESC LIMIT 2');
  assert.deepEqual(t.requests.at(-1)!.orderBy, [{ column: 'Name', desc: true }]);
  assert.equal(t.opens.at(-1)!.limit, 2);
  assert.deepEqual(rows, [{ Id: 'c4', n: 'Winter' }, { Id: 'c2', n: 'Summer' }]);
  const explain = await query(catalogOf(campaigns({ exact: [], sortable: ['Name'] })), 'EXPLAIN SELECT Id FROM Campaigns ORDER BY Name LIMIT 2');
  assert.ok(!explain.some((r) => String(r.Operation).trim() === 'Sort'));
});

test('an unsorted source gets a local sort', async () => {
  const t = campaigns({ exact: [], sortable: [] });
  const rows = await query(catalogOf(t), 'SELECT Id FROM Campaigns ORDER BY Budget DESC LIMIT 2');
  assert.deepEqual(rows, [{ Id: 'c5' }, { Id: 'c4' }]);
  assert.equal(t.opens.at(-1)!.limit, undefined);
});

test('IN (SELECT ...) becomes a Param filled before the outer scan opens', async () => {
  const accounts = new MemoryTable(tableInfo('Accounts', ['Id', 'Region']), [
    { Id: 'a1', Region: 'EU' },
    { Id: 'a2', Region: 'US' },
  ]);
  const t = campaigns({ exact: ['AccountId'] });
  const rows = await query(catalogOf(t, accounts), "SELECT Id FROM Campaigns WHERE AccountId IN (SELECT Id FROM Accounts WHERE Region = 'US')");
  assert.deepEqual(rows, [{ Id: 'c3' }]);
  const predicate = t.requests.at(-1)!.predicates[0]!;
  assert.equal(predicate.kind, 'In');
  assert.ok(predicate.kind === 'In' && predicate.operands[0]!.kind === 'Param');
  const id = predicate.kind === 'In' && predicate.operands[0]!.kind === 'Param' ? predicate.operands[0]!.id : '';
  assert.deepEqual(t.opens.at(-1)!.params?.get(id), ['a2']);
});

test('IN (SELECT ...) is evaluated locally (with NULL semantics) when the table declines it', async () => {
  const ids = new MemoryTable(tableInfo('Ids', ['Id']), [{ Id: 'c2' }, { Id: null }]);
  const t = campaigns({ exact: [] });
  assert.deepEqual(await query(catalogOf(t, ids), 'SELECT Id FROM Campaigns WHERE Id IN (SELECT Id FROM Ids)'), [{ Id: 'c2' }]);
  assert.deepEqual(await query(catalogOf(t, ids), 'SELECT Id FROM Campaigns WHERE Id NOT IN (SELECT Id FROM Ids)'), []);
  const empty = new MemoryTable(tableInfo('Ids', ['Id']), []);
  assert.equal((await query(catalogOf(t, empty), 'SELECT Id FROM Campaigns WHERE Id NOT IN (SELECT Id FROM Ids)')).length, 5);
});

const statsRows = [
  { EntityId: 'c1', Day: '2024-01-01', Impressions: 100 },
  { EntityId: 'c1', Day: '2024-01-02', Impressions: 150 },
  { EntityId: 'c3', Day: '2024-01-01', Impressions: 7 },
  { EntityId: 'c9', Day: '2024-01-01', Impressions: 1 },
];
const statsInfo = tableInfo('Insights', ['EntityId', 'Day', { name: 'Impressions', type: 'Long' }]);

test('a join on a key the inner table accepts as a Param is a dependent join, batched', async () => {
  const t = campaigns({ exact: ['AccountId'], pageSize: 10 });
  const insights = new FakeApiTable(statsInfo, statsRows, { exact: ['EntityId'], required: ['EntityId'] });
  const rows = await query(
    catalogOf(t, insights),
    'SELECT c.Id, i.Day, i.Impressions FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id ORDER BY c.Id, i.Day',
    undefined,
    { joinBatchSize: 2 },
  );
  assert.deepEqual(rows, [
    { Id: 'c1', Day: '2024-01-01', Impressions: 100 },
    { Id: 'c1', Day: '2024-01-02', Impressions: 150 },
    { Id: 'c3', Day: '2024-01-01', Impressions: 7 },
  ]);
  // 5 campaigns in batches of 2 → 3 inner opens with the keys of each batch.
  assert.deepEqual(
    insights.opens.map((o) => o.params?.get('join:i')),
    [['c1', 'c2'], ['c3', 'c4'], ['c5']],
  );
  const param = insights.requests.at(-1)!.predicates.at(-1);
  assert.deepEqual(param, { kind: 'In', column: 'EntityId', operands: [{ kind: 'Param', id: 'join:i' }] });
});

test('the sides of an INNER join swap when only the left table can take the key', async () => {
  const t = campaigns({ exact: [] });
  const insights = new FakeApiTable(statsInfo, statsRows, { exact: ['EntityId'], required: ['EntityId'] });
  const rows = await query(catalogOf(t, insights), "SELECT i.Impressions, c.Name FROM Insights i JOIN Campaigns c ON c.Id = i.EntityId WHERE c.Status = 'ACTIVE' ORDER BY 1");
  assert.deepEqual(rows, [
    { Impressions: 7, Name: 'Autumn' },
    { Impressions: 100, Name: 'Spring' },
    { Impressions: 150, Name: 'Spring' },
  ]);
  assert.equal(insights.opens.length, 1);
  const explain = await query(catalogOf(t, insights), 'EXPLAIN SELECT i.Impressions FROM Insights i JOIN Campaigns c ON c.Id = i.EntityId');
  assert.equal(String(explain.find((r) => String(r.Operation).trim() === 'DependentJoin')?.Operation ?? '').trim(), 'DependentJoin');
});

test('LEFT dependent join null-extends outer rows without matches', async () => {
  const t = campaigns({ exact: ['AccountId'] });
  const insights = new FakeApiTable(statsInfo, statsRows, { exact: ['EntityId'], required: ['EntityId'] });
  const rows = await query(catalogOf(t, insights), "SELECT c.Id, i.Impressions FROM Campaigns c LEFT JOIN Insights i ON i.EntityId = c.Id AND i.Day = '2024-01-01' WHERE c.AccountId = 'a1' ORDER BY c.Id");
  assert.deepEqual(rows, [
    { Id: 'c1', Impressions: 100 },
    { Id: 'c2', Impressions: null },
    { Id: 'c4', Impressions: null },
    { Id: 'c5', Impressions: null },
  ]);
});

test('a required key that no join or filter provides is a PlanError', async () => {
  const t = campaigns({ exact: [] });
  const insights = new FakeApiTable(statsInfo, statsRows, { exact: ['EntityId'], required: ['EntityId'] });
  await assert.rejects(query(catalogOf(t, insights), 'SELECT * FROM Campaigns c JOIN Insights i ON i.Day = c.Name'), /needs a filter on EntityId/);
  assert.equal(insights.opens.length + t.opens.length, 0);
});

test('hash join when the inner table cannot take the key; the inner side is scanned once', async () => {
  const t = campaigns({ exact: [] });
  const insights = new FakeApiTable(statsInfo, statsRows, { exact: [] });
  const rows = await query(catalogOf(t, insights), 'SELECT c.Name, SUM(i.Impressions) AS total FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id GROUP BY c.Name ORDER BY total DESC');
  assert.deepEqual(rows, [
    { Name: 'Spring', total: 250 },
    { Name: 'Autumn', total: 7 },
  ]);
  assert.equal(insights.opens.length, 1);
  assert.equal(insights.opens[0]!.params, undefined);
  const explain = await query(catalogOf(t, insights), 'EXPLAIN SELECT c.Name FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id');
  assert.ok(explain.some((r) => String(r.Operation).trim() === 'HashJoin'));
});

test('WHERE on the right side of a LEFT join stays above the join; its ON filter goes to the scan', async () => {
  const t = campaigns({ exact: [] });
  const insights = new FakeApiTable(statsInfo, statsRows, { exact: ['Day'] });
  const rows = await query(catalogOf(t, insights), "SELECT c.Id FROM Campaigns c LEFT JOIN Insights i ON i.EntityId = c.Id AND i.Day = '2024-01-02' WHERE i.EntityId IS NULL ORDER BY c.Id");
  assert.deepEqual(rows, [{ Id: 'c2' }, { Id: 'c3' }, { Id: 'c4' }, { Id: 'c5' }]);
  const request = insights.requests.at(-1)!;
  assert.deepEqual(request.predicates, [{ kind: 'Compare', column: 'Day', op: '=', operand: { kind: 'Const', value: '2024-01-02' } }]);
});

test('cancellation stops the scan with CancelledError', async () => {
  const t = campaigns({ exact: [], pageSize: 1 });
  const controller = new AbortController();
  const { parseStatements, planQuery } = await import('../../src/engine.js');
  const statement = parseStatements('SELECT Id FROM Campaigns')[0]!;
  const plan = planQuery(statement as never, catalogOf(t));
  const seen: unknown[] = [];
  await assert.rejects(
    (async () => {
      for await (const row of plan.run(controller.signal)) {
        seen.push(row);
        controller.abort();
      }
    })(),
    (e: unknown) => (e as { code?: string }).code === 'CANCELLED',
  );
  assert.equal(seen.length, 1);
});

test('an empty IN (SELECT ...) result skips the API call', async () => {
  const none = new MemoryTable(tableInfo('Accounts', ['Id', 'Region']), []);
  const t = campaigns({ exact: ['AccountId'] });
  assert.deepEqual(await query(catalogOf(t, none), 'SELECT Id FROM Campaigns WHERE AccountId IN (SELECT Id FROM Accounts)'), []);
  assert.equal(t.opens.length, 0);
});
