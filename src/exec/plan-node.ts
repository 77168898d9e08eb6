/** A node of the physical plan: it streams tuples and describes itself for EXPLAIN. */
import type { ScanExplain, ScanRunStats } from '../plan/scan.js';
import type { RunEnv, Tuple } from './env.js';

export interface PlanNode {
  /** `Scan`, `HashJoin`, `Sort`... */
  readonly operation: string;
  readonly children: readonly PlanNode[];
  /** One line for EXPLAIN. */
  detail(): string;
  /** Rows produced over every run so far (EXPLAIN ANALYZE). */
  readonly produced: { rows: number };
  rows(env: RunEnv): AsyncIterable<Tuple>;
  /** Present on scans: what the source will do and what it did. */
  readonly scan?: { explain(): ScanExplain; stats(): ScanRunStats };
}
