/**
 * Planning is synchronous, so no timer or event can run while it goes on. The planner calls this
 * checkpoint at each step (SELECT block, table, join, select item) instead: it stops a long planning
 * when the caller's signal is aborted, the connection is closed, or the query's timeoutMs has passed
 * on the clock, within one step.
 */
import { performance } from 'node:perf_hooks';
import { CancelledError, TimeoutError } from '../errors.js';

export interface CheckpointInput {
  readonly signal?: AbortSignal | undefined;
  /** The whole query's budget (QueryOptions.timeoutMs); 0 or undefined: none. */
  readonly timeoutMs?: number | undefined;
  readonly closed: () => boolean;
  /** Milliseconds, monotonic; injected by tests. */
  readonly clock?: () => number;
}

export function planningCheckpoint(input: CheckpointInput): () => void {
  const clock = input.clock ?? (() => performance.now());
  const { signal, timeoutMs } = input;
  const deadline = timeoutMs !== undefined && timeoutMs > 0 ? clock() + timeoutMs : undefined;
  return () => {
    if (signal?.aborted || input.closed()) throw new CancelledError();
    if (deadline !== undefined && clock() > deadline) throw new TimeoutError(timeoutMs!);
  };
}
