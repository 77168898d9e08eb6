/**
 * The common part of hand-written scans (the insights tables): run totals for EXPLAIN ANALYZE,
 * LIMIT, and reading what the bound filters were given. Subclasses say how rows are fetched.
 */
import type { Row } from '../catalog/types.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRunStats } from '../plan/scan.js';
import type { CallOptions } from './api-client.js';
import { describeOperands, textValues, type BoundFilter } from './simple-filters.js';

export abstract class CustomScan implements ScanPlan {
  readonly sorted: boolean = false;
  protected readonly totals: ScanRunStats = { calls: 0, rows: 0 };

  constructor(
    readonly handling: readonly PushdownHandling[],
    protected readonly bound: ReadonlyMap<string, BoundFilter>,
  ) {}

  abstract explain(): ScanExplain;

  /** The rows, fetched with `call` so every request is counted. */
  protected abstract rows(options: OpenOptions, call: CallOptions): AsyncIterable<Row>;

  stats(): ScanRunStats {
    return { ...this.totals };
  }

  async *open(options: OpenOptions): AsyncGenerator<Row> {
    const call: CallOptions = { signal: options.signal, onCall: () => void this.totals.calls++ };
    let yielded = 0;
    for await (const row of this.rows(options, call)) {
      this.totals.rows++;
      yield row;
      if (options.limit !== undefined && ++yielded >= options.limit) return;
    }
  }

  /** How EXPLAIN shows what a filter was given, or `fallback` when it was not bound. */
  protected shown(column: string, fallback: string): string {
    return describeOperands(this.bound.get(column)?.operands, fallback);
  }

  /** Distinct text values a filter was given (Params filled in), or `fallback` when it was not bound. */
  protected values(column: string, options: OpenOptions): string[] | undefined;
  protected values(column: string, options: OpenOptions, fallback: readonly string[]): string[];
  protected values(column: string, options: OpenOptions, fallback?: readonly string[]): string[] | undefined {
    const filter = this.bound.get(column);
    return filter ? textValues(filter.operands, options.params) : fallback && [...fallback];
  }
}
