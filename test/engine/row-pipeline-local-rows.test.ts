/**
 * In-memory sources hand the scan their whole row array (ScanPlan.localRows): the scan reads it in
 * slices, and with a compiled filter and a top-k gate runs both in one generated loop. It must give
 * exactly what the paged read gives (a source without localRows, as every live API source is), and
 * the rows SQL says: NULLs dropped or kept as written, ties broken by the second key, DESC, OFFSET.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import type { Row, TableInfo } from '../../src/catalog/types.js';
import type { ScanPlan, ScanRequest, TableSource } from '../../src/source/contract.js';
import { catalogOf, query, tableInfo } from './helpers.js';

/** Wraps a MemoryTable, counting which read the engine chose; `paged` hides localRows as a live source would. */
class Spy implements TableSource {
  readonly keyColumns = [];
  localReads = 0;
  pageReads = 0;
  constructor(
    private readonly inner: MemoryTable,
    private readonly paged: boolean,
  ) {}
  get info(): TableInfo {
    return this.inner.info;
  }
  plan(request: ScanRequest): ScanPlan {
    const p = this.inner.plan(request);
    const base: ScanPlan = {
      handling: p.handling,
      sorted: p.sorted,
      explain: () => p.explain(),
      stats: () => p.stats(),
      pages: (o) => {
        this.pageReads++;
        return p.pages(o);
      },
    };
    if (this.paged) return base;
    return {
      ...base,
      localRows: () => {
        this.localReads++;
        return p.localRows!();
      },
    };
  }
}

const COLUMNS = [{ name: 'Id', type: 'String' }, 'Status', { name: 'Budget', type: 'Long' }] as const;
/** 5,000 rows (more than one slice): many ties on Budget, NULL budgets and NULL statuses. */
const rows: Row[] = Array.from({ length: 5000 }, (_, i) => ({
  Id: `c${(i * 7919) % 5000}`,
  Status: i % 17 === 0 ? null : ['ACTIVE', 'PAUSED', 'DRAFT'][i % 3]!,
  Budget: i % 10 === 0 ? null : (i * 31) % 50,
}));

function catalogs(name = 'T', info = tableInfo(name, [...COLUMNS]), data: Row[] = rows) {
  const local = new Spy(new MemoryTable(info, data), false);
  const paged = new Spy(new MemoryTable(info, data), true);
  return { local, paged, localCatalog: catalogOf(local), pagedCatalog: catalogOf(paged) };
}

/** SQL's answer by hand: NULL Budget sorts last under DESC (and first under ASC), `<>` drops NULL Status. */
function reference(desc: boolean, keepNullBudget: boolean): Row[] {
  const kept = rows.filter((r) => r.Status !== null && r.Status !== 'DRAFT' && (keepNullBudget || r.Budget !== null));
  const rank = (v: unknown) => (v === null ? (desc ? -Infinity : -Infinity) : (v as number));
  return kept
    .map((r) => ({ Id: r.Id!, Budget: r.Budget! }))
    .sort((a, b) => (desc ? rank(b.Budget) - rank(a.Budget) : rank(a.Budget) - rank(b.Budget)) || (String(a.Id) < String(b.Id) ? -1 : String(a.Id) > String(b.Id) ? 1 : 0));
}

test('filter + 2-key sort + LIMIT reads the in-memory array (localRows, one read) and equals the paged read and SQL by hand', async () => {
  const { local, paged, localCatalog, pagedCatalog } = catalogs();
  for (const [where, keepNull] of [
    ["WHERE Status <> 'DRAFT' AND Budget IS NOT NULL", false],
    ["WHERE Status <> 'DRAFT'", true],
  ] as const) {
    for (const desc of [true, false]) {
      const expected = reference(desc, keepNull);
      for (const [cut, from, n] of [
        ['LIMIT 20', 0, 20],
        ['LIMIT 7 OFFSET 1200', 1200, 7],
        ['LIMIT 5 OFFSET 100000', 100000, 5],
      ] as const) {
        const sql = `SELECT Id, Budget FROM T ${where} ORDER BY Budget ${desc ? 'DESC' : ''}, Id ${cut}`;
        const a = await query(localCatalog, sql);
        const b = await query(pagedCatalog, sql);
        assert.deepEqual(a, b, sql);
        assert.deepEqual(a, expected.slice(from, from + n), sql);
      }
    }
  }
  assert.ok(local.localReads > 0);
  assert.equal(local.pageReads, 0, 'an in-memory array is never read page by page');
  assert.equal(paged.localReads, 0);
  assert.ok(paged.pageReads > 0, 'a source without localRows is read in pages, as live sources are');
});

test('the filter + top-k gate drop rows before they become tuples: EXPLAIN ANALYZE scan rows and one source read', async () => {
  const data: Row[] = Array.from({ length: 6000 }, (_, i) => ({ Id: `c${i}`, Status: i % 2 ? 'ACTIVE' : 'DRAFT', Budget: (i * 7919) % 6000 }));
  const { localCatalog } = catalogs('T', tableInfo('T', [...COLUMNS]), data);
  const top = await query(localCatalog, "SELECT Id, Budget FROM T WHERE Status <> 'DRAFT' ORDER BY Budget DESC, Id LIMIT 3");
  const expected = data.filter((r) => r.Status !== 'DRAFT').sort((a, b) => (b.Budget as number) - (a.Budget as number)).slice(0, 3);
  assert.deepEqual(top, expected.map((r) => ({ Id: r.Id, Budget: r.Budget })));
  const explain = await query(localCatalog, "EXPLAIN ANALYZE SELECT Id, Budget FROM T WHERE Status <> 'DRAFT' ORDER BY Budget DESC, Id LIMIT 3");
  const scan = explain.find((r) => String(r.Operation).trim() === 'Scan')!;
  // 3,000 rows pass the filter; once the sort holds 3 rows, only those before its worst pass the gate.
  assert.ok(Number(scan.ActualRows) < 1000, `scan produced ${scan.ActualRows} rows`);
  assert.equal(scan.ActualCalls, 1);
});

test('hostile column names in the filter + gate over the array never become code', async () => {
  const evil = '"]; globalThis.__pwned_lr = 1; //';
  const evil2 = "'); globalThis.__pwned_lr = 2; ('";
  const info = tableInfo('H', [evil, { name: evil2, type: 'Int' }]);
  const data: Row[] = Array.from({ length: 3000 }, (_, i) => ({ [evil]: i % 3 === 0 ? null : `v${i % 5}`, [evil2]: i % 7 === 0 ? null : i % 100 }));
  const { localCatalog, pagedCatalog } = catalogs('H', info, data);
  const q = (name: string) => `[${name.replace(/]/g, ']]')}]`;
  const sql = `SELECT ${q(evil)} AS s, ${q(evil2)} AS n FROM H WHERE ${q(evil)} <> 'v1' AND ${q(evil2)} IS NOT NULL ORDER BY ${q(evil2)} DESC, ${q(evil)} LIMIT 6 OFFSET 2`;
  const a = await query(localCatalog, sql);
  assert.deepEqual(a, await query(pagedCatalog, sql));
  const expected = data
    .filter((r) => r[evil] !== null && r[evil] !== 'v1' && r[evil2] !== null)
    .map((r) => ({ s: r[evil], n: r[evil2] }))
    .sort((x, y) => (y.n as number) - (x.n as number) || (String(x.s) < String(y.s) ? -1 : String(x.s) > String(y.s) ? 1 : 0))
    .slice(2, 8);
  assert.deepEqual(a, expected);
  assert.equal((globalThis as { __pwned_lr?: number }).__pwned_lr, undefined);
});

test('ROW_NUMBER ≤ k folded from the in-memory array equals the paged fold (NULL partitions and order keys, ties), one read', async () => {
  const { local, paged, localCatalog, pagedCatalog } = catalogs();
  for (const k of [1, 3]) {
    for (const order of ['Budget DESC, Id', 'Budget NULLS LAST, Id DESC']) {
      const sql = `SELECT t.Status, t.Id, t.Budget, t.rn FROM (SELECT Status, Id, Budget, ROW_NUMBER() OVER (PARTITION BY Status ORDER BY ${order}) AS rn FROM T WHERE Id <> 'c5') t WHERE t.rn <= ${k} ORDER BY t.Status, t.rn`;
      const a = await query(localCatalog, sql);
      assert.deepEqual(a, await query(pagedCatalog, sql), sql);
      assert.equal(a.length, 4 * k, sql); // NULL, ACTIVE, PAUSED, DRAFT
    }
  }
  const top = await query(localCatalog, 'SELECT t.Id, t.Budget FROM (SELECT Id, Budget, ROW_NUMBER() OVER (PARTITION BY Status ORDER BY Budget DESC, Id) AS rn FROM T) t WHERE t.rn = 1 AND t.Id IS NOT NULL ORDER BY t.Id');
  const best = new Map<unknown, Row>();
  for (const r of rows) {
    const b = best.get(r.Status);
    const v = (x: Row) => (x.Budget === null ? -Infinity : (x.Budget as number));
    if (b === undefined || v(r) > v(b) || (v(r) === v(b) && String(r.Id) < String(b.Id))) best.set(r.Status, r);
  }
  assert.deepEqual(top, [...best.values()].map((r) => ({ Id: r.Id!, Budget: r.Budget! })).sort((x, y) => (String(x.Id) < String(y.Id) ? -1 : 1)));
  assert.equal(local.pageReads, 0);
  assert.ok(local.localReads > 0 && paged.pageReads > 0 && paged.localReads === 0);
});
