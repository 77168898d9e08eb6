/** A TableSource over rows computed in-process (the sys_* tables): no pushdown, no I/O. */
import type { OpenOptions, ScanExplain, ScanPlan, ScanRequest, ScanRunStats, TableSource } from '../plan/scan.js';
import type { Row, TableInfo } from './types.js';

export class SystemTableSource implements TableSource {
  constructor(
    readonly info: TableInfo,
    private readonly rows: () => readonly Row[],
  ) {}

  plan(request: ScanRequest): ScanPlan {
    const rows = this.rows;
    const table = this.info.name;
    const totals: ScanRunStats = { calls: 0, rows: 0 };
    return {
      handling: request.predicates.map(() => 'unsupported'),
      sorted: false,
      explain: (): ScanExplain => ({ table, endpoint: '(local)', pushed: [], estimatedCalls: 0, notes: [] }),
      stats: () => ({ ...totals }),
      async *open(options: OpenOptions) {
        for (const row of rows()) {
          if (options.signal.aborted) return;
          totals.rows++;
          yield row;
        }
      },
    };
  }
}
