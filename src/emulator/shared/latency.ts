// Injected latency. An answer leaves `latencyMs` after its request came in, its computing included,
// as from a server that answers concurrent requests in parallel: serving one request after another
// here must not delay the others' answers (unless the work itself outlasts the latency).
import type { RequestStats } from './request-stats.js';

/** Ends a busy window of RequestStats.startBusy. */
export type StopBusy = (routeKey: string) => void;

/**
 * Waits out what is left of the latency since `arrived` (performance.now() when the request's body
 * had been read). The wait is not busy time: when it waits, the busy window `stopBusy` ends and the
 * stop of a new one is returned; otherwise `stopBusy` itself.
 */
export async function waitOutLatency(latencyMs: number, arrived: number, stats: RequestStats, routeKey: string, stopBusy: StopBusy): Promise<StopBusy> {
  const wait = latencyMs - (performance.now() - arrived);
  if (wait <= 0) return stopBusy;
  stopBusy(routeKey);
  await new Promise((resolve) => setTimeout(resolve, wait));
  return stats.startBusy();
}
