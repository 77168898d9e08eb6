/**
 * Date arithmetic in UTC (API timestamps are UTC; the engine never uses the machine's zone).
 * Weeks start on Sunday and week 1 is the week of 1 January, as SQL Server's DATEPART(week) with
 * its default DATEFIRST 7; `iso_week` and DATE_TRUNC('week') follow ISO 8601 (weeks start on Monday).
 */
import { PlanError } from '../errors.js';
import { DATE_PART_SPELLINGS as SPELLINGS, type DatePart } from '../sql/date-part-names.js';

export type { DatePart } from '../sql/date-part-names.js';

export function datePart(text: string, fn: string): DatePart {
  const key = text.trim().toLowerCase();
  const part = Object.hasOwn(SPELLINGS, key) ? SPELLINGS[key] : undefined;
  if (part === undefined) throw new PlanError(`${fn}: unknown date part '${text}'; use year, quarter, month, week, day, hour, minute, second...`);
  return part;
}

const DAY = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

export function startOfDay(d: Date): Date {
  return new Date(Math.floor(d.getTime() / DAY) * DAY);
}

/** Adds whole months, clamping the day to the end of the target month (Jan 31 + 1 month = Feb 28/29). */
function addMonths(d: Date, months: number): Date {
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  return new Date(Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
}

export function dateAdd(part: DatePart, n: number, d: Date): Date {
  const k = Math.trunc(n);
  switch (part) {
    case 'year':
      return addMonths(d, 12 * k);
    case 'quarter':
      return addMonths(d, 3 * k);
    case 'month':
      return addMonths(d, k);
    case 'week':
    case 'iso_week':
      return new Date(d.getTime() + 7 * k * DAY);
    case 'day':
    case 'dayofyear':
    case 'weekday':
      return new Date(d.getTime() + k * DAY);
    case 'hour':
      return new Date(d.getTime() + k * 3_600_000);
    case 'minute':
      return new Date(d.getTime() + k * 60_000);
    case 'second':
      return new Date(d.getTime() + k * 1000);
    case 'millisecond':
      return new Date(d.getTime() + k);
  }
}

function dayNumber(d: Date): number {
  return Math.floor(d.getTime() / DAY);
}

/** Sunday-based week number since the epoch (1970-01-01 was a Thursday). */
function sundayWeek(d: Date): number {
  return Math.floor((dayNumber(d) + 4) / 7);
}

/** DATEDIFF counts the boundaries of `part` crossed between the two dates, as SQL Server does. */
export function dateDiff(part: DatePart, a: Date, b: Date): number {
  switch (part) {
    case 'year':
      return b.getUTCFullYear() - a.getUTCFullYear();
    case 'quarter':
      return b.getUTCFullYear() * 4 + Math.floor(b.getUTCMonth() / 3) - (a.getUTCFullYear() * 4 + Math.floor(a.getUTCMonth() / 3));
    case 'month':
      return b.getUTCFullYear() * 12 + b.getUTCMonth() - (a.getUTCFullYear() * 12 + a.getUTCMonth());
    case 'week':
      return sundayWeek(b) - sundayWeek(a);
    case 'iso_week':
      return Math.floor((dayNumber(b) + 3) / 7) - Math.floor((dayNumber(a) + 3) / 7);
    case 'day':
    case 'dayofyear':
    case 'weekday':
      return dayNumber(b) - dayNumber(a);
    case 'hour':
      return Math.floor(b.getTime() / 3_600_000) - Math.floor(a.getTime() / 3_600_000);
    case 'minute':
      return Math.floor(b.getTime() / 60_000) - Math.floor(a.getTime() / 60_000);
    case 'second':
      return Math.floor(b.getTime() / 1000) - Math.floor(a.getTime() / 1000);
    case 'millisecond':
      return b.getTime() - a.getTime();
  }
}

function dayOfYear(d: Date): number {
  return dayNumber(d) - Math.floor(Date.UTC(d.getUTCFullYear(), 0, 1) / DAY) + 1;
}

/** ISO 8601 week number: weeks start on Monday; week 1 holds the year's first Thursday. */
function isoWeek(d: Date): number {
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(startOfDay(d).getTime() + (3 - day) * DAY);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - jan1) / (7 * DAY)) + 1;
}

export function datePartOf(part: DatePart, d: Date): number {
  switch (part) {
    case 'year':
      return d.getUTCFullYear();
    case 'quarter':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'month':
      return d.getUTCMonth() + 1;
    case 'dayofyear':
      return dayOfYear(d);
    case 'day':
      return d.getUTCDate();
    case 'week': {
      const jan1 = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
      return Math.floor((dayOfYear(d) - 1 + jan1.getUTCDay()) / 7) + 1;
    }
    case 'iso_week':
      return isoWeek(d);
    case 'weekday':
      return d.getUTCDay() + 1; // Sunday = 1
    case 'hour':
      return d.getUTCHours();
    case 'minute':
      return d.getUTCMinutes();
    case 'second':
      return d.getUTCSeconds();
    case 'millisecond':
      return d.getUTCMilliseconds();
  }
}

/** The start of the `part` period holding `d`. `week` starts on `weekStart` (0 = Sunday, 1 = Monday). */
export function dateTrunc(part: DatePart, d: Date, weekStart: 0 | 1): Date {
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  switch (part) {
    case 'year':
      return new Date(Date.UTC(y, 0, 1));
    case 'quarter':
      return new Date(Date.UTC(y, mo - (mo % 3), 1));
    case 'month':
      return new Date(Date.UTC(y, mo, 1));
    case 'week':
    case 'iso_week': {
      const start = part === 'iso_week' ? 1 : weekStart;
      const back = (d.getUTCDay() - start + 7) % 7;
      return new Date(startOfDay(d).getTime() - back * DAY);
    }
    case 'day':
    case 'dayofyear':
    case 'weekday':
      return startOfDay(d);
    case 'hour':
      return new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);
    case 'minute':
      return new Date(Math.floor(d.getTime() / 60_000) * 60_000);
    case 'second':
      return new Date(Math.floor(d.getTime() / 1000) * 1000);
    case 'millisecond':
      return d;
  }
}

export function endOfMonth(d: Date, months = 0): Date {
  const first = addMonths(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)), Math.trunc(months));
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), daysInMonth(first.getUTCFullYear(), first.getUTCMonth())));
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function dateName(part: DatePart, d: Date): string {
  if (part === 'month') return MONTH_NAMES[d.getUTCMonth()]!;
  if (part === 'weekday') return DAY_NAMES[d.getUTCDay()]!;
  return String(datePartOf(part, d));
}

/** .NET-style custom format strings, as SQL Server's FORMAT takes them: yyyy, MM, MMM, dd, ddd, HH, hh, mm, ss, fff, tt. */
export function formatDate(d: Date, pattern: string): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const h = d.getUTCHours();
  const tokens: Record<string, () => string> = {
    yyyy: () => pad(d.getUTCFullYear(), 4),
    yy: () => pad(d.getUTCFullYear() % 100, 2),
    MMMM: () => MONTH_NAMES[d.getUTCMonth()]!,
    MMM: () => MONTH_NAMES[d.getUTCMonth()]!.slice(0, 3),
    MM: () => pad(d.getUTCMonth() + 1, 2),
    M: () => String(d.getUTCMonth() + 1),
    dddd: () => DAY_NAMES[d.getUTCDay()]!,
    ddd: () => DAY_NAMES[d.getUTCDay()]!.slice(0, 3),
    dd: () => pad(d.getUTCDate(), 2),
    d: () => String(d.getUTCDate()),
    HH: () => pad(h, 2),
    H: () => String(h),
    hh: () => pad(h % 12 === 0 ? 12 : h % 12, 2),
    h: () => String(h % 12 === 0 ? 12 : h % 12),
    mm: () => pad(d.getUTCMinutes(), 2),
    m: () => String(d.getUTCMinutes()),
    ss: () => pad(d.getUTCSeconds(), 2),
    s: () => String(d.getUTCSeconds()),
    fff: () => pad(d.getUTCMilliseconds(), 3),
    tt: () => (h < 12 ? 'AM' : 'PM'),
  };
  const names = Object.keys(tokens).sort((a, b) => b.length - a.length);
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      out += pattern[i + 1];
      i += 2;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = pattern.indexOf(ch, i + 1);
      const stop = end < 0 ? pattern.length : end;
      out += pattern.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    const name = names.find((n) => pattern.startsWith(n, i));
    if (name) {
      out += tokens[name]!();
      i += name.length;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
