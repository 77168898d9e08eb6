/** Turns the HTTP meter's events, and the pages a query yields, into QueryProgress snapshots for one query. */
import type { HttpProgressEvent, ProgressMeter } from '../http/progress.js';
import type { QueryProgress } from './types.js';

export interface ProgressTracker {
  page(rows: number): void;
  stop(): void;
}

export function trackProgress(meter: ProgressMeter | undefined, report: (progress: QueryProgress) => void, now: () => number = Date.now): ProgressTracker {
  let state: QueryProgress = { calls: 0, inFlight: 0, pages: 0, rows: 0, rateLimitWaits: 0, waitingUntil: undefined };
  const update = (next: Partial<QueryProgress>): void => {
    state = { ...state, ...next };
    try {
      report(state);
    } catch {
      // The caller's display must not break the query.
    }
  };
  const onEvent = (event: HttpProgressEvent): void => {
    const waitOver = state.waitingUntil !== undefined && state.waitingUntil <= now() ? { waitingUntil: undefined } : {};
    if (event.kind === 'sent') update({ ...waitOver, inFlight: state.inFlight + 1 });
    else if (event.kind === 'done') update({ ...waitOver, inFlight: Math.max(0, state.inFlight - 1), calls: state.calls + 1 });
    else update({ rateLimitWaits: state.rateLimitWaits + 1, waitingUntil: now() + event.ms });
  };
  const unsubscribe = meter?.subscribe(onEvent) ?? (() => undefined);
  return {
    page: (rows) => update({ pages: state.pages + 1, rows: state.rows + rows }),
    stop: unsubscribe,
  };
}
