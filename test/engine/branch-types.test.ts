/**
 * CASE, COALESCE, ISNULL, IFNULL, NULLIF and IIF take the type of their first branch that is not
 * a NULL or string literal; string literals in the other branches are read as that type.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import { catalogOf, fieldsOf, query, tableInfo } from './helpers.js';

const campaigns = new MemoryTable(
  tableInfo('Campaigns', [{ name: 'Id', type: 'Int' }, { name: 'EndTime', type: 'Datetime' }, { name: 'Budget', type: 'Int' }, 'Name']),
  [
    { Id: 1, EndTime: null, Budget: null, Name: 'a' },
    { Id: 2, EndTime: new Date('2030-01-01T00:00:00Z'), Budget: 5, Name: 'b' },
    { Id: 3, EndTime: new Date('2024-05-01T12:00:00Z'), Budget: 7, Name: null },
  ],
);
const catalog = catalogOf(campaigns);
const ids = async (sql: string) => (await query(catalog, sql)).map((r) => r.Id);

test("COALESCE(EndTime, '2030-01-01T00:00:00Z') = '2030-01-01' compares datetimes", async () => {
  assert.deepEqual(await ids("SELECT Id FROM Campaigns WHERE COALESCE(EndTime, '2030-01-01T00:00:00Z') = '2030-01-01'"), [1, 2]);
  assert.deepEqual(await ids("SELECT Id FROM Campaigns WHERE ISNULL(EndTime, '2030-01-01') > '2029-12-31'"), [1, 2]);
  assert.deepEqual(await ids("SELECT Id FROM Campaigns WHERE IFNULL(EndTime, '2030-01-01') < '2025-01-01'"), [3]);
  assert.deepEqual(await ids("SELECT Id FROM Campaigns WHERE CASE WHEN Id = 1 THEN '2030-01-01' ELSE EndTime END = '2030-01-01T00:00:00Z'"), [1, 2]);
  assert.deepEqual(await ids("SELECT Id FROM Campaigns WHERE IIF(EndTime IS NULL, '2030-01-01', EndTime) = '2030-01-01'"), [1, 2]);
  assert.deepEqual(await ids("SELECT Id FROM Campaigns WHERE COALESCE(Budget, '0') + 1 = 1"), [1]);
});

test('the result column has the branch type and holds Date values', async () => {
  const rows = await query(catalog, "SELECT COALESCE(EndTime, '2030-01-01') AS E, CASE WHEN EndTime IS NULL THEN NULL ELSE EndTime END AS F, COALESCE(Name, 'none') AS N FROM Campaigns");
  assert.ok(rows[0]!.E instanceof Date);
  assert.equal((rows[0]!.E as Date).toISOString(), '2030-01-01T00:00:00.000Z');
  assert.equal(rows[0]!.F, null);
  assert.equal(rows[2]!.N, 'none');
  assert.deepEqual(
    fieldsOf(catalog, "SELECT COALESCE(EndTime, '2030-01-01') AS E, CASE WHEN Id = 1 THEN 'x' ELSE EndTime END AS C, COALESCE('a', 'b') AS S, IIF(Id = 1, NULL, Budget) AS I, NULLIF(EndTime, '2030-01-01') AS U FROM Campaigns"),
    [
      { name: 'E', type: 'Datetime' },
      { name: 'C', type: 'Datetime' },
      { name: 'S', type: 'String' },
      { name: 'I', type: 'Int' },
      { name: 'U', type: 'Datetime' },
    ],
  );
});

test('a string that does not read as the branch type stays as it is (no silent NULL)', async () => {
  const rows = await query(catalog, "SELECT Id, COALESCE(EndTime, 'never') AS E FROM Campaigns WHERE Id = 1");
  assert.equal(rows[0]!.E, 'never');
});
