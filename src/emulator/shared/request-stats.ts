// Counts emulated API requests by route template, and the emulator's own busy time serving
// them, for GET /__emulator/stats. Admin endpoints are never recorded; the caller decides what counts.

export interface RequestStatsSnapshot {
  requests: number;
  byRoute: Record<string, number>;
  /** CPU milliseconds of the emulator's own work on emulated requests (injected latency excluded). */
  busyMs: number;
  busyMsByRoute: Record<string, number>;
}

export class RequestStats {
  private total = 0;
  private readonly byRoute = new Map<string, number>();
  private busy = 0;
  private readonly busyByRoute = new Map<string, number>();

  record(routeKey: string): void {
    this.total += 1;
    this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
  }

  /**
   * Starts timing one synchronous stretch of work on a request; call the result when it ends.
   * Process CPU time (user + system), so a loaded machine does not inflate it as wall time would.
   */
  startBusy(): (routeKey: string) => void {
    const started = process.cpuUsage();
    return (routeKey) => {
      const used = process.cpuUsage(started);
      const ms = (used.user + used.system) / 1000;
      this.busy += ms;
      this.busyByRoute.set(routeKey, (this.busyByRoute.get(routeKey) ?? 0) + ms);
    };
  }

  snapshot(): RequestStatsSnapshot {
    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    return {
      requests: this.total,
      byRoute: Object.fromEntries(this.byRoute),
      busyMs: round(this.busy),
      busyMsByRoute: Object.fromEntries([...this.busyByRoute].map(([k, v]) => [k, round(v)])),
    };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
    this.busy = 0;
    this.busyByRoute.clear();
  }
}
