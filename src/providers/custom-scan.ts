/**
 * The common part of special scans (the insights tables): run totals for EXPLAIN ANALYZE, LIMIT,
 * and reading what the one binder gave each key column. Subclasses say how rows are fetched.
 */
import type { Row } from '../catalog/types.js';
import type { KeyBinding } from '../source/bind-key-columns.js';
import type { OpenOptions, PushdownHandling, ScanExplain, ScanPlan, ScanRunStats } from '../source/contract.js';
import type { CallOptions } from './api-client.js';
import { describeOperands, textValues } from './binding-values.js';

export abstract class CustomScan implements ScanPlan {
  readonly sorted: boolean = false;
  protected readonly totals: ScanRunStats = { calls: 0, rows: 0 };

  constructor(
    readonly handling: readonly PushdownHandling[],
    /** By column name. */
    protected readonly bound: ReadonlyMap<string, KeyBinding>,
  ) {}

  abstract explain(): ScanExplain;

  /** The rows, fetched with `call` so every request is counted. */
  protected abstract rows(options: OpenOptions, call: CallOptions): AsyncIterable<Row>;

  stats(): ScanRunStats {
    return { ...this.totals };
  }

  /** Rows go out as they come (one-row pages): gathering more could hold back rows that have arrived. */
  async *pages(options: OpenOptions): AsyncGenerator<readonly Row[]> {
    const call: CallOptions = { signal: options.signal, onCall: () => void this.totals.calls++ };
    let yielded = 0;
    for await (const row of this.rows(options, call)) {
      this.totals.rows++;
      yield [row];
      if (options.limit !== undefined && ++yielded >= options.limit) return;
    }
  }

  /** How EXPLAIN shows what a key column was given, or `fallback` when it was not bound. */
  protected shown(column: string, fallback: string): string {
    return describeOperands(this.bound.get(column)?.operands, fallback);
  }

  /** Distinct sendable text values a key column was given (Params filled in), or `fallback` when it was not bound. */
  protected values(column: string, options: Pick<OpenOptions, 'params'>): string[] | undefined;
  protected values(column: string, options: Pick<OpenOptions, 'params'>, fallback: readonly string[]): string[];
  protected values(column: string, options: Pick<OpenOptions, 'params'>, fallback?: readonly string[]): string[] | undefined {
    const binding = this.bound.get(column);
    return binding ? textValues(binding, options.params) : fallback && [...fallback];
  }
}
