/** What operators share while one query runs. */
import type { Value } from '../catalog/types.js';
import { CancelledError } from '../errors.js';

/** One row inside the engine: values by slot (see plan/scope.ts for the layout). */
export type Tuple = Value[];

export interface SubqueryResult {
  readonly values: readonly Value[];
  /** valueKey() of each non-null value, for IN. */
  readonly keys: ReadonlySet<string>;
  readonly hasNull: boolean;
}

export interface RunEnv {
  readonly signal: AbortSignal;
  /** Param operand values by id: join keys and IN (SELECT ...) results. */
  readonly params: ReadonlyMap<string, readonly Value[]>;
  /** Results of uncorrelated subqueries, by subquery number, computed before the main scan opens. */
  readonly subqueries: readonly SubqueryResult[];
  /** CURRENT_TIMESTAMP: one value for the whole statement. */
  readonly now: Date;
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}
