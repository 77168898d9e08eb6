/**
 * An in-memory TableSource over a Row[] or a row-producing function (sys_* tables, tests).
 * It declines every predicate, so the engine filters, sorts and limits locally.
 */
import { CancelledError } from '../errors.js';
import type { OpenOptions, ScanPlan, ScanRequest, ScanRunStats, TableSource } from '../plan/scan.js';
import type { Row, TableInfo } from './types.js';

export type RowProducer = () => Iterable<Row> | AsyncIterable<Row>;

export class MemoryTable implements TableSource {
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
      async *open(options: OpenOptions) {
        stats.calls++;
        const source = typeof rows === 'function' ? rows() : rows;
        for await (const row of source) {
          if (options.signal.aborted) throw new CancelledError();
          stats.rows++;
          yield row;
        }
      },
    };
  }
}
