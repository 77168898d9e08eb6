/** Batch-at-a-time execution: sources that serve pages, early stops, cancellation, top-N sort. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTable } from '../../src/catalog/memory-table.js';
import type { Row, TableInfo } from '../../src/catalog/types.js';
import { parseStatements, planQuery, type SelectStatement } from '../../src/engine.js';
import { likeMatcher } from '../../src/exec/like.js';
import type { OpenOptions, ScanPlan, ScanRequest, TableSource } from '../../src/source/contract.js';
import { catalogOf, FakeApiTable, query, tableInfo } from './helpers.js';

/** An "API" that serves pages, counting the pages it fetched. */
class PagedTable implements TableSource {
  pagesFetched = 0;
  readonly opens: OpenOptions[] = [];
  readonly keyColumns = [];

  constructor(
    readonly info: TableInfo,
    private readonly data: readonly Row[],
    private readonly pageSize: number,
  ) {}

  plan(request: ScanRequest): ScanPlan {
    const table = this;
    let calls = 0;
    let rows = 0;
    return {
      handling: request.predicates.map(() => 'unsupported'),
      sorted: false,
      explain: () => ({ table: this.info.name, endpoint: 'GET /paged', pushed: [], estimatedCalls: null, notes: [] }),
      stats: () => ({ calls, rows }),
      async *pages(options) {
        table.opens.push(options);
        for (let start = 0; start < table.data.length; start += table.pageSize) {
          options.signal.throwIfAborted();
          calls++;
          table.pagesFetched++;
          await new Promise((resolve) => setImmediate(resolve));
          const page = table.data.slice(start, start + table.pageSize);
          rows += page.length;
          yield page;
        }
      },
    };
  }
}

const info = tableInfo('Items', ['Id', 'Kind', { name: 'N', type: 'Int' }]);
const items: Row[] = Array.from({ length: 10 }, (_, i) => ({ Id: `i${i + 1}`, Kind: i % 2 === 0 ? 'odd' : 'even', N: i + 1 }));

test('a source with openBatches is read page by page; LIMIT stops it mid-page without another fetch', async () => {
  const t = new PagedTable(info, items, 3);
  assert.deepEqual(await query(catalogOf(t), 'SELECT Id FROM Items LIMIT 4'), [{ Id: 'i1' }, { Id: 'i2' }, { Id: 'i3' }, { Id: 'i4' }]);
  assert.equal(t.pagesFetched, 2, 'the 4th row is on page 2; page 3 is never fetched');
  assert.equal(t.opens.at(-1)!.limit, 4);

  const filtered = new PagedTable(info, items, 3);
  const rows = await query(catalogOf(filtered), "SELECT Id FROM Items WHERE Kind = 'even' LIMIT 2 OFFSET 1");
  assert.deepEqual(rows, [{ Id: 'i4' }, { Id: 'i6' }]);
  assert.equal(filtered.pagesFetched, 2);
  assert.equal(filtered.opens.at(-1)!.limit, undefined);
});

test('EXPLAIN ANALYZE counts pages as calls and rows through the batches', async () => {
  const t = new PagedTable(info, items, 4);
  const rows = await query(catalogOf(t), "EXPLAIN ANALYZE SELECT Kind, COUNT(*) AS n FROM Items WHERE N > 2 GROUP BY Kind");
  const byOp = Object.fromEntries(rows.map((r) => [String(r.Operation).trim(), r]));
  assert.equal(byOp.Scan!.ActualCalls, 3);
  assert.equal(byOp.Scan!.ActualRows, 8);
  assert.equal(byOp.Aggregate!.ActualRows, 2);
  assert.equal(byOp.Project!.ActualRows, 2);
});

test('a dependent join regroups paged outer rows into batches of exactly joinBatchSize', async () => {
  const outer = new PagedTable(info, items, 4);
  const stats = new FakeApiTable(tableInfo('Stats', ['ItemId', 'Clicks']), [{ ItemId: 'i2', Clicks: '5' }, { ItemId: 'i9', Clicks: '7' }], { exact: ['ItemId'], required: ['ItemId'] });
  const rows = await query(catalogOf(outer, stats), 'SELECT i.Id, s.Clicks FROM Items i JOIN Stats s ON s.ItemId = i.Id', undefined, { joinBatchSize: 3 });
  assert.deepEqual(rows, [{ Id: 'i2', Clicks: '5' }, { Id: 'i9', Clicks: '7' }]);
  assert.deepEqual(
    stats.opens.map((o) => o.params?.get('join:s')),
    [['i1', 'i2', 'i3'], ['i4', 'i5', 'i6'], ['i7', 'i8', 'i9'], ['i10']],
  );
});

test('run() stops with CancelledError in the middle of a batch; runBatches yields whole batches', async () => {
  const table = new MemoryTable(info, items);
  const plan = planQuery(parseStatements('SELECT Id FROM Items')[0] as SelectStatement, catalogOf(table));
  const controller = new AbortController();
  const seen: Row[] = [];
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

  const batches: (readonly Row[])[] = [];
  for await (const batch of plan.runBatches(new AbortController().signal)) batches.push(batch);
  assert.deepEqual(batches.map((b) => b.length), [10]);
});

test('breaking out of run() closes the source', async () => {
  const t = new PagedTable(info, items, 2);
  const plan = planQuery(parseStatements("SELECT Id FROM Items WHERE Kind = 'odd'")[0] as SelectStatement, catalogOf(t));
  for await (const _row of plan.run(new AbortController().signal)) break;
  assert.equal(t.pagesFetched, 1);
});

test('ORDER BY with LIMIT keeps the top rows stably across many batches', async () => {
  const many: Row[] = Array.from({ length: 5000 }, (_, i) => ({ Id: `r${i}`, Kind: 'k', N: (i * 7919) % 10 }));
  const table = new MemoryTable(info, many);
  const expected = [...many].sort((a, b) => (b.N as number) - (a.N as number)).slice(3, 3 + 25).map((r) => r.Id);
  const rows = await query(catalogOf(table), 'SELECT Id FROM Items ORDER BY N DESC LIMIT 25 OFFSET 3');
  assert.deepEqual(rows.map((r) => r.Id), expected, 'ties keep their input order');
});

test('LIKE: a leading or trailing % leaves that end unanchored, with the same matches', () => {
  const like = (pattern: string, text: string, escape?: string) => likeMatcher(pattern, escape)(text);
  assert.equal(like('ab%', 'AB\nc'), true);
  assert.equal(like('ab%', 'xab'), false);
  assert.equal(like('%ab', 'x\nAb'), true);
  assert.equal(like('%ab', 'abx'), false);
  assert.equal(like('%', ''), true);
  assert.equal(like('%%', 'anything'), true);
  assert.equal(like('%b%', 'abc'), true);
  assert.equal(like('a%c', 'abc'), true);
  assert.equal(like('a%c', 'abcd'), false);
  assert.equal(like('ab!%', 'ab%', '!'), true);
  assert.equal(like('ab!%', 'abc', '!'), false);
  assert.equal(like('!%ab', '%ab', '!'), true);
  assert.equal(like('!%ab', 'xab', '!'), false);
  assert.equal(like('', ''), true);
  assert.equal(like('', 'a'), false);
});
