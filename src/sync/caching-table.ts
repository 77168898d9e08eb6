/**
 * AutoCache=true: a provider table whose scans also land the rows they read in the replication
 * target (upserted by the sync key). The scan asks the API for every column so the cached row is whole.
 */
import type { Row, TableInfo } from '../catalog/types.js';
import type { KeyColumn } from '../source/key-column.js';
import type { OpenOptions, ScanPlan, ScanRequest, TableSource } from '../source/contract.js';
import type { TargetHandle } from './target-handle.js';
import type { TargetTable } from './target.js';

export class CachingTable implements TableSource {
  private ensured: Promise<void> | undefined;

  constructor(
    private readonly inner: TableSource,
    private readonly table: TargetTable,
    private readonly target: TargetHandle,
  ) {}

  get info(): TableInfo {
    return this.inner.info;
  }

  get keyColumns(): readonly KeyColumn[] {
    return this.inner.keyColumns;
  }

  plan(request: ScanRequest): ScanPlan {
    const columns = this.table.columns.map((c) => c.name);
    const plan = this.inner.plan({ ...request, columns: [...new Set([...request.columns, ...columns])] });
    const land = async (rows: readonly Row[]) => {
      if (rows.length === 0) return;
      const target = await this.target.get();
      this.ensured ??= target.ensureTable(this.table);
      await this.ensured;
      await target.write(this.table, rows);
    };
    const pages = async function* (options: OpenOptions): AsyncIterable<readonly Row[]> {
      for await (const page of plan.pages(options)) {
        await land(page);
        yield page;
      }
    };
    return {
      handling: plan.handling,
      sorted: plan.sorted,
      explain: () => ({ ...plan.explain(), notes: [...plan.explain().notes, 'AutoCache: rows land in the replication target'] }),
      stats: () => plan.stats(),
      pages,
    };
  }
}
