import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Row } from '../../src/catalog/types.js';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import { bindParameters, parseStatements, planQuery } from '../../src/engine.js';
import type { Catalog } from '../../src/plan/scan.js';
import { catalogOf, FakeApiTable, tableInfo } from './helpers.js';

// A Wednesday.
const NOW = new Date('2026-03-18T15:30:45.123Z');

async function run(catalog: Catalog, sql: string, now: Date = NOW): Promise<Row[]> {
  const statement = bindParameters(parseStatements(sql)[0]!, undefined);
  if (statement.kind !== 'Select' && statement.kind !== 'Explain') throw new Error('not a query');
  const rows: Row[] = [];
  for await (const row of planQuery(statement, catalog, { now }).run(new AbortController().signal)) rows.push(row);
  return rows;
}

const none = catalogOf();
const one = async (sql: string) => Object.values((await run(none, `SELECT ${sql} AS v`))[0]!)[0];
const d = (iso: string) => new Date(iso);

test('DATEADD reads its first argument as a date part, not a column, and clamps month ends', async () => {
  assert.deepEqual(await one("DATEADD(day, 1, '2026-01-31')"), d('2026-02-01T00:00:00Z'));
  assert.deepEqual(await one("DATEADD(month, 1, '2026-01-31')"), d('2026-02-28T00:00:00Z'));
  assert.deepEqual(await one("DATEADD(mm, -1, '2024-03-31T10:00:00Z')"), d('2024-02-29T10:00:00Z'));
  assert.deepEqual(await one("DATEADD(year, 1, '2024-02-29')"), d('2025-02-28T00:00:00Z'));
  assert.deepEqual(await one("DATEADD(quarter, 1, '2026-11-15')"), d('2027-02-15T00:00:00Z'));
  assert.deepEqual(await one("DATEADD(hh, 36, '2026-01-01')"), d('2026-01-02T12:00:00Z'));
  assert.deepEqual(await one("DATEADD(wk, 2, '2026-01-01')"), d('2026-01-15T00:00:00Z'));
  assert.deepEqual(await one('DATEADD(day, -28, GETDATE())'), d('2026-02-18T15:30:45.123Z'));
  assert.equal(await one('DATEADD(day, 1, NULL)'), null);
  await assert.rejects(one("DATEADD(fortnight, 1, '2026-01-01')"), /unknown date part fortnight/);
});

test('DATEDIFF counts boundaries crossed, as SQL Server does', async () => {
  assert.equal(await one("DATEDIFF(year, '2025-12-31', '2026-01-01')"), 1);
  assert.equal(await one("DATEDIFF(month, '2026-01-31', '2026-02-01')"), 1);
  assert.equal(await one("DATEDIFF(day, '2026-01-01T23:00:00Z', '2026-01-02T01:00:00Z')"), 1);
  assert.equal(await one("DATEDIFF(day, '2026-03-10', '2026-03-01')"), -9);
  // 2026-03-14 is a Saturday, 03-15 a Sunday: one Sunday-based week boundary.
  assert.equal(await one("DATEDIFF(week, '2026-03-14', '2026-03-15')"), 1);
  assert.equal(await one("DATEDIFF(hour, '2026-01-01T00:59:00Z', '2026-01-01T01:00:00Z')"), 1);
  assert.equal(await one("DATEDIFF(quarter, '2026-03-31', '2026-04-01')"), 1);
});

test('DATEPART, DATENAME, YEAR/MONTH/DAY and the week numbers', async () => {
  assert.equal(await one("DATEPART(week, '2026-01-01')"), 1);
  // 2026-01-01 is a Thursday: Sunday 01-04 starts week 2.
  assert.equal(await one("DATEPART(week, '2026-01-04')"), 2);
  assert.equal(await one("DATEPART(week, '2026-01-03')"), 1);
  assert.equal(await one("DATEPART(iso_week, '2026-01-01')"), 1);
  assert.equal(await one("DATEPART(iso_week, '2027-01-01')"), 53);
  assert.equal(await one("DATEPART(weekday, '2026-03-15')"), 1, 'Sunday is 1');
  assert.equal(await one("DATEPART(dayofyear, '2026-02-01')"), 32);
  assert.equal(await one("DATEPART(quarter, '2026-08-01')"), 3);
  assert.equal(await one("DATEPART(hour, '2026-08-01T17:05:00Z')"), 17);
  assert.equal(await one("DATENAME(month, '2026-08-01')"), 'August');
  assert.equal(await one("DATENAME(weekday, '2026-03-18')"), 'Wednesday');
  assert.equal(await one("YEAR('2026-08-01')"), 2026);
  assert.equal(await one("MONTH('2026-08-01')"), 8);
  assert.equal(await one("DAY('2026-08-09')"), 9);
});

test('EOMONTH, DATE_TRUNC, DATEFROMPARTS and CAST(x AS DATE), which drops the time of day', async () => {
  assert.deepEqual(await one("EOMONTH('2024-02-10T12:00:00Z')"), d('2024-02-29T00:00:00Z'));
  assert.deepEqual(await one("EOMONTH('2026-01-31', 1)"), d('2026-02-28T00:00:00Z'));
  assert.deepEqual(await one("DATE_TRUNC('month', '2026-03-18T10:00:00Z')"), d('2026-03-01T00:00:00Z'));
  assert.deepEqual(await one("DATE_TRUNC('week', '2026-03-18T10:00:00Z')"), d('2026-03-16T00:00:00Z'), 'Monday, as PostgreSQL');
  assert.deepEqual(await one("DATETRUNC(week, '2026-03-18T10:00:00Z')"), d('2026-03-15T00:00:00Z'), 'Sunday, as SQL Server');
  assert.deepEqual(await one("DATE_TRUNC('hour', '2026-03-18T10:59:59Z')"), d('2026-03-18T10:00:00Z'));
  assert.deepEqual(await one('DATEFROMPARTS(2026, 2, 28)'), d('2026-02-28T00:00:00Z'));
  assert.deepEqual(await one("CAST('2026-03-18T23:59:59Z' AS DATE)"), d('2026-03-18T00:00:00Z'));
  assert.deepEqual(await one("CAST('2026-03-18T23:59:59Z' AS DATETIME)"), d('2026-03-18T23:59:59Z'));
});

test('FORMAT takes .NET date patterns and N/F/P number formats', async () => {
  assert.equal(await one("FORMAT(CAST('2026-03-08T07:04:09Z' AS DATETIME), 'yyyy-MM-dd HH:mm:ss')"), '2026-03-08 07:04:09');
  assert.equal(await one("FORMAT(CAST('2026-03-08T19:04:09Z' AS DATETIME), 'ddd d MMM yy, h:mm tt')"), 'Sun 8 Mar 26, 7:04 PM');
  assert.equal(await one("FORMAT(CAST('2026-03-08' AS DATETIME), 'MMMM yyyy')"), 'March 2026');
  assert.equal(await one("FORMAT(1234.5, 'N2')"), '1,234.50');
  assert.equal(await one("FORMAT(0.256, 'P1')"), '25.6%');
});

test('grouping by day is possible outside Insights: CAST(ts AS DATE) in GROUP BY', async () => {
  const events = new MemoryTable(tableInfo('Events', [{ name: 'At', type: 'Datetime' }, { name: 'N', type: 'Int' }]), [
    { At: d('2026-03-01T01:00:00Z'), N: 1 },
    { At: d('2026-03-01T23:00:00Z'), N: 2 },
    { At: d('2026-03-02T00:00:00Z'), N: 4 },
  ]);
  const rows = await run(catalogOf(events), 'SELECT CAST(At AS DATE) AS Day, SUM(N) AS n FROM Events GROUP BY CAST(At AS DATE) ORDER BY Day');
  assert.deepEqual(rows, [
    { Day: d('2026-03-01T00:00:00Z'), n: 3 },
    { Day: d('2026-03-02T00:00:00Z'), n: 4 },
  ]);
});

test("CData's date-literal functions select whole-day ranges relative to now (UTC)", async () => {
  const days = ['2026-03-01', '2026-03-08', '2026-03-11', '2026-03-14', '2026-03-15', '2026-03-17', '2026-03-18', '2026-03-19', '2026-02-28', '2025-12-31'];
  const events = new MemoryTable(tableInfo('Events', ['Name', { name: 'At', type: 'Datetime' }]), days.map((day) => ({ Name: day, At: d(`${day}T12:00:00Z`) })));
  const names = async (where: string) => (await run(catalogOf(events), `SELECT Name FROM Events WHERE ${where} ORDER BY Name`)).map((r) => r.Name);
  assert.deepEqual(await names('At = L_TODAY()'), ['2026-03-18']);
  assert.deepEqual(await names('At = L_YESTERDAY()'), ['2026-03-17']);
  assert.deepEqual(await names('At = L_TOMORROW()'), ['2026-03-19']);
  // The previous 3 days, excluding today.
  assert.deepEqual(await names('At = L_LAST_N_DAYS(3)'), ['2026-03-15', '2026-03-17']);
  assert.deepEqual(await names('At = L_NEXT_N_DAYS(2)'), ['2026-03-18', '2026-03-19']);
  // Weeks start on Sunday: this week is 03-15..03-21, last week 03-08..03-14.
  assert.deepEqual(await names('At = L_THIS_WEEK()'), ['2026-03-15', '2026-03-17', '2026-03-18', '2026-03-19']);
  assert.deepEqual(await names('At = L_LAST_WEEK()'), ['2026-03-08', '2026-03-11', '2026-03-14']);
  assert.deepEqual(await names('At = L_LAST_MONTH()'), ['2026-02-28']);
  assert.deepEqual(await names('At = L_LAST_YEAR()'), ['2025-12-31']);
  assert.deepEqual(await names('At = L_LAST_N_MONTHS(3)'), ['2025-12-31', '2026-02-28']);
  assert.equal((await names('At = L_THIS_MONTH()')).length, 8);
  assert.deepEqual(await names('At < L_THIS_MONTH()'), ['2025-12-31', '2026-02-28']);
  assert.deepEqual(await names('At > L_THIS_WEEK()'), []);
  assert.deepEqual(await names('At <> L_THIS_YEAR()'), ['2025-12-31']);
});

test('a date-literal range and DATEADD reach the source as constant comparisons', async () => {
  const stats = new FakeApiTable(tableInfo('Stats', [{ name: 'StartTime', type: 'Datetime' }, 'Impressions']), [], { exact: [] });
  await run(catalogOf(stats), 'SELECT Impressions FROM Stats WHERE StartTime = L_LAST_N_DAYS(7) AND StartTime >= DATEADD(day, -28, GETDATE())');
  const predicates = stats.requests[0]!.predicates;
  assert.deepEqual(predicates, [
    { kind: 'Compare', column: 'StartTime', op: '>=', operand: { kind: 'Const', value: d('2026-03-11T00:00:00Z') } },
    { kind: 'Compare', column: 'StartTime', op: '<', operand: { kind: 'Const', value: d('2026-03-18T00:00:00Z') } },
    { kind: 'Compare', column: 'StartTime', op: '>=', operand: { kind: 'Const', value: d('2026-02-18T15:30:45.123Z') } },
  ]);
});

test('a date part that names an Object property is still an unknown date part', async () => {
  await assert.rejects(one("DATEADD('constructor', 1, '2026-01-01')"), /unknown date part 'constructor'/);
  await assert.rejects(one("DATEPART(constructor, '2026-01-01')"), /unknown date part constructor/);
  assert.equal(Object.keys((await run(none, 'SELECT DATEPART(week, NOW())'))[0]!)[0], 'DATEPART(week, NOW())');
});
