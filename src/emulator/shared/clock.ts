// The emulated "now" of the data: what stats report, which entities exist, how far spend has been
// revised. POST /__emulator/clock (or --now) pins it to an instant, so a test can let days pass;
// OAuth timestamps, token expiry and rate-limit windows stay on the real (or injected) clock, since
// clients sign with their own real time.

export class DataClock {
  private pinnedMs: number | null = null;

  constructor(private readonly base: () => Date) {}

  nowMs(): number {
    return this.pinnedMs ?? this.base().getTime();
  }

  /** Pins the data clock to an instant; null follows the base clock again. */
  pin(ms: number | null): void {
    this.pinnedMs = ms;
  }

  describe(): { now: string; pinned: boolean } {
    return { now: new Date(this.nowMs()).toISOString(), pinned: this.pinnedMs !== null };
  }
}

/** Parses `{"now": ISO 8601 | epoch ms | null}`. Throws Error with a readable message on bad input. */
export function parseClockPatch(input: unknown): number | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !('now' in input)) {
    throw new Error('clock body must be a JSON object {"now": "<ISO 8601 time>" | null}');
  }
  const raw = (input as { now: unknown }).now;
  if (raw === null) return null;
  const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error(`clock "now" must be an ISO 8601 time, epoch milliseconds or null, got ${JSON.stringify(raw)}`);
  return ms;
}
