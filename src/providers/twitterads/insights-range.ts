/**
 * Turns StartTime/EndTime predicates into the exact set of analytics buckets SQL asks for, aligned
 * the way the API requires (whole hours; local midnight for DAY) and split into 7-day windows (sync) or 90/45-day windows (async jobs).
 */
import type { Value } from '../../catalog/types.js';
import { PlanError } from '../../errors.js';
import type { Granularity } from '../../../schemas/twitterads/insights.js';
import { addDays, isZonedMidnight, localDate, zonedMidnight } from './time-zone.js';

export type LowerOp = '>=' | '>' | '=';
export type UpperOp = '<=' | '<' | '=';

export interface TimeBounds {
  readonly lower?: { readonly op: LowerOp; readonly value: Value };
  readonly upper?: { readonly op: UpperOp; readonly value: Value };
}

export interface Window {
  readonly start: Date;
  readonly end: Date;
  /** Bucket boundaries inside the window: buckets[i]..buckets[i+1]. */
  readonly boundaries: readonly Date[];
}

const HOUR = 3_600_000;
const WINDOW_DAYS = 7;

/** Wall-clock text without an offset is read in the account's zone; a bare date is its midnight. */
export function toInstant(value: Value, zone: string, column: string): Date {
  if (value instanceof Date) return value;
  if (typeof value !== 'string') throw new PlanError(`${column} must be compared with a date or timestamp, got ${JSON.stringify(value)}`);
  const text = value.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const date = us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : text;
  const m = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?)?\s*(Z|[+-]\d\d:?\d\d)?$/.exec(date);
  if (!m || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`))) {
    throw new PlanError(`${column}: "${value}" is not a date; use 'YYYY-MM-DD' or an ISO 8601 timestamp`);
  }
  const [, day, hh = '00', mm = '00', ss = '00', frac = '', offset] = m;
  if (offset !== undefined) return new Date(`${day}T${hh}:${mm}:${ss}${frac}${offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset}`);
  const midnight = zonedMidnight(day!, zone);
  return new Date(midnight.getTime() + (Number(hh) * 3600 + Number(mm) * 60 + Number(ss)) * 1000 + Number(frac || 0) * 1000);
}

/** Bucket boundaries at or after `from` (inclusive) up to `to`, for the granularity. */
function nextBoundary(instant: Date, granularity: Granularity, zone: string, inclusive: boolean): Date {
  if (granularity === 'DAY') {
    const midnight = zonedMidnight(localDate(instant, zone), zone);
    if (midnight.getTime() === instant.getTime() && inclusive) return midnight;
    return midnight.getTime() > instant.getTime() ? midnight : zonedMidnight(addDays(localDate(instant, zone), 1), zone);
  }
  const t = instant.getTime();
  const floor = Math.floor(t / HOUR) * HOUR;
  if (floor === t && inclusive) return instant;
  return new Date(floor + HOUR);
}

function previousBoundary(instant: Date, granularity: Granularity, zone: string, inclusive: boolean): Date {
  if (granularity === 'DAY') {
    const midnight = zonedMidnight(localDate(instant, zone), zone);
    if (midnight.getTime() === instant.getTime()) return inclusive ? midnight : zonedMidnight(addDays(localDate(instant, zone), -1), zone);
    return midnight;
  }
  const t = instant.getTime();
  const floor = Math.floor(t / HOUR) * HOUR;
  if (floor === t) return inclusive ? instant : new Date(t - HOUR);
  return new Date(floor);
}

function step(instant: Date, granularity: Granularity, zone: string, count: number): Date {
  if (granularity === 'DAY') return zonedMidnight(addDays(localDate(instant, zone), count), zone);
  return new Date(instant.getTime() + count * HOUR);
}

/** The requested range as aligned windows of `windowDays` (7 sync, 90 or 45 async); empty when no bucket can satisfy the bounds. */
export function windowsFor(bounds: TimeBounds, granularity: Granularity, zone: string, now: Date, windowDays = WINDOW_DAYS): Window[] {
  // TOTAL buckets align like HOUR (the API wants whole hours), but form one bucket per window.
  const unit: Granularity = granularity === 'TOTAL' ? 'HOUR' : granularity;
  const dayUnit: Granularity = granularity === 'HOUR' ? 'HOUR' : 'DAY';
  let start: Date | undefined;
  let end: Date | undefined;
  if (bounds.lower) {
    const at = toInstant(bounds.lower.value, zone, 'StartTime');
    const aligned = nextBoundary(at, unit, zone, bounds.lower.op !== '>');
    if (bounds.lower.op === '=' && aligned.getTime() !== at.getTime()) return [];
    start = aligned;
  }
  if (bounds.upper) {
    const at = toInstant(bounds.upper.value, zone, 'EndTime');
    const aligned = previousBoundary(at, unit, zone, bounds.upper.op !== '<');
    if (bounds.upper.op === '=' && aligned.getTime() !== at.getTime()) return [];
    end = aligned;
  }
  // `StartTime = x` alone is one bucket; likewise `EndTime = y` (TOTAL: a bucket needs both ends).
  if (granularity !== 'TOTAL') {
    if (bounds.lower?.op === '=' && !bounds.upper && start) end = step(start, unit, zone, 1);
    if (bounds.upper?.op === '=' && !bounds.lower && end) start = step(end, unit, zone, -1);
  }
  // Defaults follow CData's AdStats: the last 7 days.
  const current = nextBoundary(now, dayUnit, zone, true);
  end ??= start && start.getTime() >= current.getTime() ? step(start, unit, zone, 1) : current;
  start ??= step(end, dayUnit, zone, -WINDOW_DAYS * (dayUnit === 'HOUR' ? 24 : 1));
  if (start.getTime() >= end.getTime()) return [];

  const windows: Window[] = [];
  let windowStart = start;
  while (windowStart.getTime() < end.getTime()) {
    // Seven local days, even across a DST change, when the window starts at a local midnight.
    const limit = granularity === 'DAY' || isZonedMidnight(windowStart, zone) ? step(windowStart, 'DAY', zone, windowDays) : new Date(windowStart.getTime() + windowDays * 24 * HOUR);
    const windowEnd = limit.getTime() < end.getTime() ? limit : end;
    const boundaries: Date[] = [windowStart];
    if (granularity === 'TOTAL') boundaries.push(windowEnd);
    else for (let b = step(windowStart, unit, zone, 1); b.getTime() <= windowEnd.getTime(); b = step(b, unit, zone, 1)) boundaries.push(b);
    windows.push({ start: windowStart, end: windowEnd, boundaries });
    windowStart = windowEnd;
  }
  return windows;
}

/** API timestamp text: whole seconds, Z. */
export function apiTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
