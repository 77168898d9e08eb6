/**
 * The live status line on stderr while a query runs: calls done and in flight, pages, rows,
 * a rate-limit countdown and the elapsed time. It appears only after a short delay (fast
 * queries never flicker), redraws in place, and is erased before any result is printed.
 * Only for terminals: the caller decides (stderr.isTTY), pipes never see it.
 */
import type { QueryProgress } from '../connection/types.js';
import { cut } from './cell-text.js';

/** Queries quicker than this show no status line. */
export const STATUS_DELAY_MS = 300;
const REDRAW_MS = 100;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): { unref?(): void };
  clearTimeout(handle: unknown): void;
  setInterval(run: () => void, ms: number): { unref?(): void };
  clearInterval(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** The status text for a moment of a query (pure, so tests compare strings). */
export function statusText(progress: QueryProgress, elapsedMs: number, now: number, frame = 0): string {
  const parts = [`${progress.calls} ${progress.calls === 1 ? 'call' : 'calls'} done`];
  if (progress.inFlight > 0) parts[0] += `, ${progress.inFlight} in flight`;
  parts.push(`${progress.pages} ${progress.pages === 1 ? 'page' : 'pages'}`);
  parts.push(`${progress.rows.toLocaleString('en-US')} ${progress.rows === 1 ? 'row' : 'rows'}`);
  if (progress.waitingUntil !== undefined && progress.waitingUntil > now) {
    parts.push(`rate limit: waiting ${Math.ceil((progress.waitingUntil - now) / 1000)} s`);
  } else if (progress.rateLimitWaits > 0) {
    parts.push(`${progress.rateLimitWaits} rate-limit ${progress.rateLimitWaits === 1 ? 'wait' : 'waits'}`);
  }
  parts.push(`${(elapsedMs / 1000).toFixed(1)} s`);
  return `${SPINNER[frame % SPINNER.length]} ${parts.join(' · ')}  (Ctrl-C cancels)`;
}

export class StatusLine {
  private progress: QueryProgress = { calls: 0, inFlight: 0, pages: 0, rows: 0, rateLimitWaits: 0, waitingUntil: undefined };
  private readonly started: number;
  private delay: unknown;
  private redraw: unknown;
  private shown = false;
  private stopped = false;
  private frame = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number },
    private readonly clock: Clock = systemClock,
  ) {
    this.started = clock.now();
    const delay = clock.setTimeout(() => this.show(), STATUS_DELAY_MS);
    delay.unref?.();
    this.delay = delay;
  }

  /** The latest progress; drawn at the next redraw. */
  update(progress: QueryProgress): void {
    this.progress = progress;
  }

  /** Erases the line (if shown) and stops redrawing; safe to call more than once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.clock.clearTimeout(this.delay);
    if (this.redraw !== undefined) this.clock.clearInterval(this.redraw);
    if (this.shown) this.stream.write('\r\x1b[2K');
  }

  private show(): void {
    if (this.stopped) return;
    this.shown = true;
    this.draw();
    const redraw = this.clock.setInterval(() => this.draw(), REDRAW_MS);
    redraw.unref?.();
    this.redraw = redraw;
  }

  private draw(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const width = (this.stream.columns ?? 80) - 1;
    this.stream.write(`\r\x1b[2K${cut(statusText(this.progress, now - this.started, now, this.frame++), width)}`);
  }
}
