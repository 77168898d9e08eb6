/**
 * A physical operator: it streams tuples in batches. Operators are compiled from the logical plan
 * (exec/compile); EXPLAIN describes the logical plan and reads only `produced` from here.
 */
import type { RunEnv, Tuple } from './env.js';

export interface PlanNode {
  /** Rows produced over every run so far (EXPLAIN ANALYZE); below a LIMIT, whole batches count, even the part the LIMIT cut off. */
  readonly produced: { rows: number };
  /**
   * Tuples in batches, never empty: a scan's batch is one page as it arrived, so rows still
   * stream. Stopping iteration (return) stops the sources below from fetching further pages.
   */
  batches(env: RunEnv): AsyncIterable<readonly Tuple[]>;
}
