/**
 * `WHERE rn <= k` over ROW_NUMBER(): the window keeps only k rows per partition as rows stream
 * past. Answers must equal SQLite's (ties, NULL partitions, NULL order keys, DESC), and EXPLAIN
 * ANALYZE shows the window producing only the kept rows.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { query } from './helpers.js';
import { multiset, Oracle } from './sqlite-oracle.js';

const rows = [];
// 3 partitions (one NULL) × 9 rows; D has ties and NULLs so ROW_NUMBER leans on the second key.
for (let i = 0; i < 27; i++) rows.push({ Id: i, G: i % 3 === 0 ? null : `g${i % 3}`, D: i % 4 === 0 ? null : i % 5, V: (i * 7) % 11 });
const oracle = new Oracle([
  {
    name: 'S',
    columns: [{ name: 'Id', type: 'Int' }, { name: 'G', type: 'String' }, { name: 'D', type: 'Int' }, { name: 'V', type: 'Int' }],
    rows,
  },
]);
after(() => oracle.close());

const sameAsSqlite = async (sql: string) => {
  const { ours, sqlite } = await oracle.both(sql);
  assert.deepEqual(multiset(ours), multiset(sqlite), sql);
  return ours;
};

const inner = (order: string) => `SELECT Id, G, D, V, ROW_NUMBER() OVER (PARTITION BY G ORDER BY ${order}) AS rn FROM S`;

test('rn = 1, rn <= k, rn < k and k >= rn give the same rows as SQLite', async () => {
  for (const order of ['D, Id', 'D DESC, Id', 'V', 'D NULLS LAST, V DESC, Id', 'V DESC']) {
    await sameAsSqlite(`SELECT Id, rn FROM (${inner(order)}) AS t WHERE rn = 1`);
    await sameAsSqlite(`SELECT Id, rn FROM (${inner(order)}) AS t WHERE rn <= 3`);
    await sameAsSqlite(`SELECT Id, rn FROM (${inner(order)}) AS t WHERE t.rn < 3 AND V > 2`);
    await sameAsSqlite(`SELECT Id, rn FROM (${inner(order)}) AS t WHERE 2 >= rn`);
    await sameAsSqlite(`SELECT Id, rn FROM (${inner(order)}) AS t WHERE rn = 2`);
  }
  // No partition; k above the partition size; k beyond the kept-rows cap (the full computation).
  await sameAsSqlite('SELECT Id, rn FROM (SELECT Id, ROW_NUMBER() OVER (ORDER BY V, Id) AS rn FROM S) AS t WHERE rn <= 4');
  await sameAsSqlite(`SELECT Id, rn FROM (${inner('D, Id')}) AS t WHERE rn <= 20`);
  await sameAsSqlite(`SELECT Id, rn FROM (${inner('D, Id')}) AS t WHERE rn <= 1000`);
});

test('ties keep input order, as the stable full sort does', async () => {
  // Every row ties on V within its partition: ROW_NUMBER follows input order (Id order here).
  const ours = await query(oracle.catalog, 'SELECT Id, rn FROM (SELECT Id, ROW_NUMBER() OVER (PARTITION BY G ORDER BY G) AS rn FROM S) AS t WHERE rn <= 2 ORDER BY Id');
  const full = await query(oracle.catalog, 'SELECT Id, rn FROM (SELECT Id, ROW_NUMBER() OVER (PARTITION BY G ORDER BY G) AS rn FROM S) AS t WHERE rn + 0 <= 2 ORDER BY Id');
  assert.deepEqual(ours, full);
  assert.deepEqual(ours.map((r) => r.Id), [0, 1, 2, 3, 4, 5]);
});

test('the window produces only the kept rows, and only when the filter bounds ROW_NUMBER', async () => {
  const windowRows = async (sql: string) => {
    const plan = await query(oracle.catalog, `EXPLAIN ANALYZE ${sql}`);
    const window = plan.find((r) => String(r.Operation).trim() === 'Window');
    return window?.ActualRows;
  };
  assert.equal(await windowRows(`SELECT Id FROM (${inner('D, Id')}) AS t WHERE rn = 1`), 3);
  assert.equal(await windowRows(`SELECT Id FROM (${inner('D, Id')}) AS t WHERE rn <= 2`), 6);
  // Not a bound on ROW_NUMBER alone: every row is computed.
  assert.equal(await windowRows(`SELECT Id FROM (${inner('D, Id')}) AS t WHERE rn >= 2`), 27);
  assert.equal(await windowRows(`SELECT Id FROM (${inner('D, Id')}) AS t WHERE rn = 1 OR V = 3`), 27);
  assert.equal(await windowRows(`SELECT Id FROM (SELECT Id, ROW_NUMBER() OVER (ORDER BY Id) AS rn, COUNT(*) OVER () AS n FROM S) AS t WHERE rn = 1`), 27);
});

test('a WITH query filtered on one read only is computed whole for the other', async () => {
  await sameAsSqlite(`WITH r AS (${inner('D, Id')}) SELECT a.Id, a.rn, b.rn AS brn FROM r a JOIN r b ON a.Id = b.Id WHERE a.rn = 1`);
  await sameAsSqlite(`WITH r AS (${inner('D, Id')}) SELECT COUNT(*) AS n FROM r a JOIN r b ON a.G = b.G WHERE a.rn = 1`);
});

test('a WHERE under the window is tested in the window\'s own row loop: same rows as SQLite, the scan counts the rows that passed', async () => {
  const filtered = (where: string) => `SELECT Id, rn FROM (SELECT Id, G, D, V, ROW_NUMBER() OVER (PARTITION BY G ORDER BY D DESC, Id) AS rn FROM S WHERE ${where}) AS t WHERE rn <= 2`;
  for (const where of ['D IS NOT NULL', "V <> 3 AND G <> 'g2'", 'D IS NULL OR V > 5', 'Id > 100']) await sameAsSqlite(filtered(where));
  const plan = await query(oracle.catalog, `EXPLAIN ANALYZE ${filtered('D IS NOT NULL')}`);
  const scan = plan.find((r) => String(r.Operation).trim() === 'Scan')!;
  assert.equal(scan.ActualRows, 27 - 7); // D is NULL for Id 0, 4, …, 24
  assert.equal(plan.find((r) => String(r.Operation).trim() === 'Window')!.ActualRows, 6);
});
