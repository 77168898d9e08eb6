/**
 * Offline=true: a provider table answered from the replication target, with no API call. It keeps
 * the live table's rules: without an AccountId filter, only the default account's rows (the
 * AccountId property, else the first account, as the last sync recorded it); deleted entities only
 * with IncludeDeleted = true. Everything else the engine filters locally.
 */
import type { Row, TableInfo } from '../catalog/types.js';
import { CancelledError, PlanError } from '../errors.js';
import type { OpenOptions, ScanPlan, ScanRequest, ScanRunStats, TableSource } from '../source/contract.js';
import { syncPlanOf, type SyncProvider } from './sync-tables.js';
import type { TargetHandle } from './target-handle.js';
import type { RowFilter, TargetTable } from './target.js';

export interface OfflineOptions {
  readonly provider: SyncProvider;
  readonly target: TargetHandle;
  /** The AccountId / BusinessAccountId property, when the connection sets one. */
  readonly pinnedAccount: string | undefined;
}

export class OfflineTable implements TableSource {
  /** Nothing is pushed anywhere: the engine filters the target's rows itself. */
  readonly keyColumns = [];

  constructor(
    readonly info: TableInfo,
    private readonly options: OfflineOptions,
  ) {}

  plan(request: ScanRequest): ScanPlan {
    const pseudo = new Set(this.info.columns.filter((c) => c.pseudo).map((c) => c.name));
    const includeDeleted = request.predicates.some(
      (p) => p.kind === 'Compare' && p.column === 'IncludeDeleted' && p.op === '=' && p.operand.kind === 'Const' && String(p.operand.value).toLowerCase() === 'true',
    );
    const hidesDeleted = pseudo.has('IncludeDeleted') && !includeDeleted;
    const defaultsAccount = this.info.columns.some((c) => c.name === 'AccountId' && !c.pseudo) && !request.predicates.some((p) => p.column === 'AccountId');
    const stats: ScanRunStats = { calls: 0, rows: 0 };
    const table: TargetTable = {
      provider: this.options.provider,
      table: this.info.name,
      columns: this.info.columns.filter((c) => !c.pseudo).map((c) => ({ name: c.name, type: c.type })),
      key: syncPlanOf(this.options.provider).tables.find((t) => t.table === this.info.name)?.key ?? [],
    };
    const options = this.options;
    const pages = async function* (open: OpenOptions): AsyncIterable<readonly Row[]> {
      const target = await options.target.get();
      if (!(await target.hasTable(table.provider, table.table))) {
        throw new PlanError(`Offline: ${table.table} is not in the replication target yet; run socialsql sync ${table.provider} --to … --tables ${table.table} first`);
      }
      let filter: RowFilter | undefined;
      if (defaultsAccount) {
        const account = options.pinnedAccount ?? (await target.getMeta(table.provider, 'default_account'));
        if (account) filter = { column: 'AccountId', value: account };
      }
      for await (const page of target.readRows(table, filter)) {
        if (open.signal.aborted) throw new CancelledError();
        const kept = hidesDeleted ? page.filter((r) => r.Deleted !== true) : page;
        stats.rows += kept.length;
        yield kept;
      }
    };
    return {
      handling: request.predicates.map((p) => (pseudo.has(p.column) ? 'exact' : 'unsupported')),
      sorted: false,
      explain: () => ({ table: this.info.name, endpoint: `(offline: ${table.provider} replication target)`, pushed: [], estimatedCalls: 0, notes: [] }),
      stats: () => ({ ...stats }),
      pages,
    };
  }
}
