/**
 * Late materialisation over in-memory rows: scan predicates compiled over the source row, the
 * top-k gate of ORDER BY … LIMIT, GROUP BY and ROW_NUMBER ≤ k folded straight from rows. Each
 * must give exactly what the tuple path gives. The tuple path is forced with a predicate outside
 * the generated subset (`UPPER('a') = 'A'`, always true), or, for WHERE, by evaluating the same
 * condition in the select list (select-list expressions always use the closure evaluators).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import type { Row, Value } from '../../src/catalog/types.js';
import { catalogOf, query, tableInfo } from './helpers.js';

/** Mixed types on purpose: numbers, numeric strings, text, booleans, dates, NULLs and absent keys. */
const MIXED: Value[] = [null, 0, 1, 2, 5, -3, 2.5, '5', '2', '10', 'abc', 'ABC', '', true, false, new Date('2024-05-01T00:00:00Z'), '2024-05-01'];
const mixedRows: Row[] = [];
for (let i = 0; i < 3000; i++) {
  const row: Row = { Id: i, A: MIXED[(i * 7) % MIXED.length]!, B: MIXED[(i * 11 + 3) % MIXED.length]!, G: i % 5 === 0 ? null : `g${i % 4}` };
  if (i % 13 === 0) delete row.B; // absent reads as NULL
  mixedRows.push(row);
}
const mixed = catalogOf(new MemoryTable(tableInfo('M', [{ name: 'Id', type: 'Int' }, 'A', 'B', 'G']), mixedRows));

/** Normalised for comparison (Dates by instant). */
const canon = (rows: readonly Row[]) => rows.map((r) => JSON.stringify(Object.values(r).map((v) => (v instanceof Date ? `D${v.getTime()}` : v))));
const FORCE_TUPLES = "UPPER('a') = 'A'";

const CONDITIONS = [
  'A = B',
  'A <> 5',
  "A < '10'",
  'A >= B',
  'NOT (A > B)',
  'A IS NULL OR B > 2',
  'A IS NOT NULL AND NOT B IS NULL',
  "A IN (1, '2', NULL)",
  'A NOT IN (1, 5)',
  'A NOT IN (1, NULL)',
  "(A = 'abc' OR B = 'ABC') AND Id > 100",
  "A = '2024-05-01'",
  'B = TRUE',
  'NOT (A = 1 OR B = 2)',
];

test('WHERE compiled over the source row keeps exactly the rows whose condition the closure evaluator finds true', async () => {
  for (const condition of CONDITIONS) {
    const kept = await query(mixed, `SELECT Id FROM M WHERE ${condition}`);
    const truth = await query(mixed, `SELECT Id, CASE WHEN ${condition} THEN 1 WHEN NOT (${condition}) THEN 0 END AS t FROM M`);
    const expected = truth.filter((r) => r.t === 1).map((r) => r.Id);
    assert.deepEqual(
      kept.map((r) => r.Id),
      expected,
      condition,
    );
    // NOT IN with a NULL item is never true; every other condition keeps some rows and drops some.
    if (condition !== 'A NOT IN (1, NULL)') assert.ok(expected.length > 0 && expected.length < mixedRows.length, `${condition} keeps some rows and drops some`);
  }
});

test('ORDER BY … LIMIT with the top-k gate equals the ungated top-N over mixed types, and the full sort cut to the limit over one type', async () => {
  // Over mixed types the order is not transitive (true = 1, 1 < 'ABC' …), so only the same top-N
  // algorithm without the gate is the reference there.
  for (const order of ['A, Id', 'A DESC, Id DESC', 'B NULLS LAST, A', 'A DESC NULLS FIRST', 'G, B DESC', 'Id DESC']) {
    for (const [gated, ungated] of [
      ['', `WHERE ${FORCE_TUPLES}`],
      ['WHERE A IS NOT NULL', `WHERE A IS NOT NULL AND ${FORCE_TUPLES}`],
    ] as const) {
      for (const cut of ['LIMIT 7', 'LIMIT 5 OFFSET 1500']) {
        const a = await query(mixed, `SELECT Id, A, B FROM M ${gated} ORDER BY ${order} ${cut}`);
        const b = await query(mixed, `SELECT Id, A, B FROM M ${ungated} ORDER BY ${order} ${cut}`);
        assert.deepEqual(canon(a), canon(b), `${gated} ORDER BY ${order} ${cut}`);
      }
    }
  }
  const typed: Row[] = Array.from({ length: 4000 }, (_, i) => ({ Id: i, N: i % 7 === 0 ? null : (i * 31) % 97, S: i % 11 === 0 ? null : `s${(i * 17) % 53}` }));
  const catalog = catalogOf(new MemoryTable(tableInfo('T', [{ name: 'Id', type: 'Int' }, { name: 'N', type: 'Int' }, 'S']), typed));
  for (const order of ['N, Id', 'N DESC, S, Id', 'S NULLS LAST, N DESC NULLS FIRST, Id', 'S DESC, Id DESC']) {
    const full = await query(catalog, `SELECT Id, N, S FROM T WHERE Id <> 5 ORDER BY ${order}`);
    assert.deepEqual(await query(catalog, `SELECT Id, N, S FROM T WHERE Id <> 5 ORDER BY ${order} LIMIT 9`), full.slice(0, 9), order);
    assert.deepEqual(await query(catalog, `SELECT Id, N, S FROM T WHERE Id <> 5 ORDER BY ${order} LIMIT 4 OFFSET 2100`), full.slice(2100, 2104), order);
  }
});

test('the top-k gate keeps rows that cannot make the cut from becoming tuples (EXPLAIN ANALYZE scan rows)', async () => {
  const rows: Row[] = Array.from({ length: 5000 }, (_, i) => ({ Id: i, N: (i * 7919) % 5000 }));
  const catalog = catalogOf(new MemoryTable(tableInfo('T', [{ name: 'Id', type: 'Int' }, { name: 'N', type: 'Int' }]), rows));
  const top = await query(catalog, 'SELECT Id, N FROM T ORDER BY N DESC LIMIT 3');
  assert.deepEqual(top.map((r) => r.N), [4999, 4998, 4997]);
  const explain = await query(catalog, 'EXPLAIN ANALYZE SELECT Id, N FROM T ORDER BY N DESC LIMIT 3');
  const scan = explain.find((r) => String(r.Operation).trim() === 'Scan')!;
  // The first page (1,024 rows) fills the sort; after that only rows above the third best so far pass.
  assert.ok(Number(scan.ActualRows) < 1100, `scan produced ${scan.ActualRows} rows`);
  assert.ok(Number(scan.ActualRows) >= 1024);
  // A computed output above the scan could fail on a skipped row: no gate, every row is produced.
  const computed = await query(catalog, 'EXPLAIN ANALYZE SELECT Id, N + 1 AS M FROM T ORDER BY Id DESC LIMIT 3');
  assert.equal(computed.find((r) => String(r.Operation).trim() === 'Scan')!.ActualRows, 5000);
});

test('GROUP BY folded from source rows equals the tuple path: NULL keys together, 5 ≠ \'5\', Dates by instant, DISTINCT ignoring NULLs', async () => {
  const shapes = [
    'SELECT A, COUNT(*) AS n, COUNT(B) AS nb, COUNT(DISTINCT B) AS db FROM M {w} GROUP BY A',
    'SELECT G, A, COUNT(*) AS n, MIN(Id) AS lo, MAX(Id) AS hi, SUM(Id) AS s, AVG(Id) AS a FROM M {w} GROUP BY G, A',
    'SELECT COUNT(DISTINCT A) AS da, COUNT(DISTINCT G) AS dg, COUNT(A) AS na, COUNT(*) AS n FROM M {w}',
    'SELECT G, COUNT(DISTINCT A) AS da FROM M {w} GROUP BY G',
  ];
  for (const shape of shapes) {
    for (const [rowWhere, tupleWhere] of [
      ['', `WHERE ${FORCE_TUPLES}`],
      ['WHERE Id > 1000', `WHERE Id > 1000 AND ${FORCE_TUPLES}`],
    ] as const) {
      const fromRows = await query(mixed, shape.replace('{w}', rowWhere));
      const fromTuples = await query(mixed, shape.replace('{w}', tupleWhere));
      assert.deepEqual(canon(fromRows), canon(fromTuples), shape + rowWhere);
    }
  }
  const keys = await query(mixed, 'SELECT A, COUNT(*) AS n FROM M GROUP BY A');
  // 17 distinct values, but the Date and '2024-05-01' differ (a string is no Date), 5 and '5' differ, NULL is one group.
  assert.equal(keys.length, MIXED.length);
});

test('GROUP BY over no rows: no groups, and without GROUP BY one row of COUNT 0 and NULL SUM', async () => {
  assert.deepEqual(await query(mixed, 'SELECT G, COUNT(*) AS n FROM M WHERE Id < 0 GROUP BY G'), []);
  assert.deepEqual(await query(mixed, 'SELECT COUNT(*) AS n, COUNT(DISTINCT A) AS d, SUM(Id) AS s FROM M WHERE Id < 0'), [{ n: 0, d: 0, s: null }]);
  const empty = catalogOf(new MemoryTable(tableInfo('E', [{ name: 'Id', type: 'Int' }]), []));
  assert.deepEqual(await query(empty, 'SELECT COUNT(*) AS n, MAX(Id) AS m FROM E'), [{ n: 0, m: null }]);
});

test('ROW_NUMBER ≤ k folded from source rows equals the tuple path (mixed-type order keys, NULL partitions, ties)', async () => {
  for (const order of ['A, Id', 'A DESC', 'B NULLS LAST, A DESC, Id', 'Id DESC']) {
    for (const k of [1, 3]) {
      const inner = (where: string) => `SELECT Id, G, A, ROW_NUMBER() OVER (PARTITION BY G ORDER BY ${order}) AS rn FROM M ${where}`;
      const fromRows = await query(mixed, `SELECT Id, rn FROM (${inner('WHERE Id > 10')}) t WHERE rn <= ${k}`);
      const fromTuples = await query(mixed, `SELECT Id, rn FROM (${inner(`WHERE Id > 10 AND ${FORCE_TUPLES}`)}) t WHERE rn <= ${k}`);
      assert.deepEqual(fromRows, fromTuples, `${order} k=${k}`);
      assert.equal(fromRows.length, 5 * k, 'five partitions (one NULL), k rows each');
    }
  }
});

test('hostile column names and string literals never become code in the generated functions', async () => {
  const evil = '"]; globalThis.__pwned = 1; //';
  const evil2 = "'); globalThis.__pwned = 2; ('";
  const rows: Row[] = [
    { [evil]: 'x"]; globalThis.__pwned = 3; //', [evil2]: 1, __proto__x: 'p' },
    { [evil]: "'); globalThis.__pwned = 4; ('", [evil2]: 2, __proto__x: 'q' },
    { [evil]: null, [evil2]: 3, __proto__x: 'p' },
  ];
  const catalog = catalogOf(new MemoryTable(tableInfo('H', [evil, { name: evil2, type: 'Int' }, '__proto__x']), rows));
  const quoted = (name: string) => `[${name.replace(/]/g, ']]')}]`;
  const a = await query(catalog, `SELECT ${quoted(evil2)} AS n FROM H WHERE ${quoted(evil)} <> 'x"]; globalThis.__pwned = 3; //' AND ${quoted(evil)} IN ('''); globalThis.__pwned = 4; (''', 'z')`);
  assert.deepEqual(a, [{ n: 2 }]);
  const g = await query(catalog, `SELECT ${quoted(evil)} AS k, COUNT(*) AS n, SUM(${quoted(evil2)}) AS s FROM H GROUP BY ${quoted(evil)} ORDER BY s`);
  assert.deepEqual(g.map((r) => r.n), [1, 1, 1]);
  const top = await query(catalog, `SELECT ${quoted(evil2)} AS n FROM H ORDER BY ${quoted(evil)} DESC, ${quoted(evil2)} LIMIT 1`);
  assert.equal(top.length, 1);
  assert.equal((globalThis as { __pwned?: number }).__pwned, undefined);
});

test('GROUP BY over a hash join probed from source rows equals the tuple path (NULL and mixed-type keys, LEFT, no match)', async () => {
  const teams: Row[] = [
    { Id: 'g1', Name: 'One' },
    { Id: 'g2', Name: 'Two' },
    { Id: 'g2', Name: 'Two again' }, // two matches for one key
    { Id: null, Name: 'Nobody' }, // a NULL key never matches
    { Id: 'g9', Name: 'Unused' },
  ];
  const catalog = catalogOf(new MemoryTable(tableInfo('M', [{ name: 'Id', type: 'Int' }, 'A', 'B', 'G']), mixedRows), new MemoryTable(tableInfo('Teams', ['Id', 'Name']), teams));
  for (const join of ['JOIN', 'LEFT JOIN']) {
    for (const select of ['t.Name, COUNT(*) AS n, COUNT(m.A) AS na, COUNT(DISTINCT m.B) AS db, MIN(m.Id) AS lo', 'm.G, t.Name, SUM(m.Id) AS s', 'COUNT(*) AS n, COUNT(t.Name) AS named']) {
      const group = select.startsWith('COUNT') ? '' : `GROUP BY ${select.split(',').filter((c) => !c.includes('(')).join(',')}`;
      const sql = (where: string) => `SELECT ${select} FROM M m ${join} Teams t ON m.G = t.Id ${where} ${group}`;
      const fromRows = await query(catalog, sql('WHERE m.Id > 100'));
      const fromTuples = await query(catalog, sql(`WHERE m.Id > 100 AND ${FORCE_TUPLES}`));
      assert.deepEqual(canon(fromRows), canon(fromTuples), sql(''));
      assert.ok(fromRows.length > 0);
    }
  }
  const counts = await query(catalog, 'SELECT t.Name, COUNT(*) AS n FROM M m JOIN Teams t ON m.G = t.Id GROUP BY t.Name ORDER BY t.Name');
  assert.deepEqual(counts.map((r) => r.Name), ['One', 'Two', 'Two again']);
  assert.equal(counts[1]!.n, counts[2]!.n, 'each g2 row joins both Teams rows');
  const explain = await query(catalog, 'EXPLAIN ANALYZE SELECT t.Name, COUNT(*) AS n FROM M m JOIN Teams t ON m.G = t.Id GROUP BY t.Name');
  const joinRow = explain.find((r) => String(r.Operation).trim() === 'HashJoin')!;
  assert.equal(joinRow.ActualRows, counts.reduce((sum, r) => sum + Number(r.n), 0), 'the join still reports the rows it joined');
});
