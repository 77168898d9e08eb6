/**
 * An in-memory TableSource over a Row[] or a row-producing function (sys_* tables, tests).
 * It declines every predicate, so the engine filters, sorts and limits locally.
 */
import { CancelledError } from '../errors.js';
import type { OpenOptions, ScanPlan, ScanRequest, ScanRunStats, TableSource } from '../source/contract.js';
import type { Row, TableInfo } from './types.js';

export type RowProducer = () => Iterable<Row> | AsyncIterable<Row>;

/** Rows per page handed to the engine. */
const PAGE_SIZE = 1024;

export class MemoryTable implements TableSource {
  readonly keyColumns = [];

  constructor(
    readonly info: TableInfo,
    private readonly rows: readonly Row[] | RowProducer,
  ) {}

  plan(request: ScanRequest): ScanPlan {
    const stats: ScanRunStats = { calls: 0, rows: 0 };
    const rows = this.rows;
    const info = this.info;
    return {
      handling: request.predicates.map(() => 'unsupported'),
      sorted: false,
      explain: () => ({ table: info.name, endpoint: '(local)', pushed: [], estimatedCalls: 0, notes: [] }),
      stats: () => ({ ...stats }),
      localRows() {
        if (typeof rows === 'function') return undefined;
        stats.calls++;
        stats.rows += rows.length;
        return rows;
      },
      async *pages(options: OpenOptions) {
        stats.calls++;
        const source = typeof rows === 'function' ? rows() : rows;
        if (Array.isArray(source)) {
          for (let start = 0; start < source.length; start += PAGE_SIZE) {
            if (options.signal.aborted) throw new CancelledError();
            const page = (source as readonly Row[]).slice(start, start + PAGE_SIZE);
            stats.rows += page.length;
            yield page;
          }
          return;
        }
        // A producer's rows are local too: gathering a page delays nothing that matters.
        let page: Row[] = [];
        for await (const row of source) {
          page.push(row);
          if (page.length >= PAGE_SIZE) {
            if (options.signal.aborted) throw new CancelledError();
            stats.rows += page.length;
            yield page;
            page = [];
          }
        }
        if (options.signal.aborted) throw new CancelledError();
        stats.rows += page.length;
        if (page.length > 0) yield page;
      },
    };
  }
}
