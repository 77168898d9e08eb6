/**
 * Time windows of an insights table and the look-back rule. Windows are whole UTC days, `span` days
 * long, from `since` to tomorrow (the last one may be shorter and grows run by run). A window read at
 * `readAt` is final once `readAt` is more than `lookbackDays` (+1 for time zones) after its end:
 * spend keeps changing for that long after it is first reported.
 */
import type { Bookmark } from './target.js';

export interface DayWindow {
  /** `YYYY-MM-DD`, inclusive. */
  readonly start: string;
  /** `YYYY-MM-DD`, exclusive. */
  readonly end: string;
}

const DAY_MS = 86_400_000;

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function windowsBetween(since: string, now: Date, spanDays: number): DayWindow[] {
  const end = addDays(dayOf(now), 1);
  const windows: DayWindow[] = [];
  for (let start = since; start < end; start = addDays(start, spanDays)) {
    const next = addDays(start, spanDays);
    windows.push({ start, end: next < end ? next : end });
  }
  return windows;
}

/**
 * Whether this run must read `window`: when never read, or read before the look-back closed it
 * (`readAt − lookbackDays` is before its end), or when it has grown since; not when it was read in
 * this run already (a resumed run). It is then read whole: calls count windows, not days, and the
 * API answers a bucket the same only for the same range (an all-zero metric is null for the range).
 */
export function rangeToRead(window: DayWindow, bookmark: Bookmark | undefined, lookbackDays: number, runStartedAt: Date): DayWindow | undefined {
  if (!bookmark) return window;
  const grown = bookmark.windowEnd < window.end;
  if (bookmark.readAt.getTime() >= runStartedAt.getTime() && !grown) return undefined;
  // One more day than the look-back: buckets are days in the account's time zone, not UTC.
  const finalUntil = addDays(dayOf(bookmark.readAt), -(lookbackDays + 1));
  return grown || finalUntil < window.end ? window : undefined;
}
