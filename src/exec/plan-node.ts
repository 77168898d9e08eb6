/** A node of the physical plan: it streams tuples in batches and describes itself for EXPLAIN. */
import type { ScanExplain, ScanRunStats } from '../source/contract.js';
import type { RunEnv, Tuple } from './env.js';

export interface PlanNode {
  /** `Scan`, `HashJoin`, `Sort`... */
  readonly operation: string;
  readonly children: readonly PlanNode[];
  /** One line for EXPLAIN. */
  detail(): string;
  /** Rows produced over every run so far (EXPLAIN ANALYZE); below a LIMIT, whole batches count, even the part the LIMIT cut off. */
  readonly produced: { rows: number };
  /**
   * Tuples in batches, never empty: a scan's batch is one page as it arrived, so rows still
   * stream. Stopping iteration (return) stops the sources below from fetching further pages.
   */
  batches(env: RunEnv): AsyncIterable<readonly Tuple[]>;
  /** Present on scans: what the source will do and what it did. */
  readonly scan?: { explain(): ScanExplain; stats(): ScanRunStats };
}
