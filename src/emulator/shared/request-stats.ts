// Counts emulated API requests by route template for GET /__emulator/stats.
// Admin endpoints are never recorded; the caller decides what counts.

export interface RequestStatsSnapshot {
  requests: number;
  byRoute: Record<string, number>;
}

export class RequestStats {
  private total = 0;
  private readonly byRoute = new Map<string, number>();

  record(routeKey: string): void {
    this.total += 1;
    this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
  }

  snapshot(): RequestStatsSnapshot {
    return { requests: this.total, byRoute: Object.fromEntries(this.byRoute) };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
  }
}
