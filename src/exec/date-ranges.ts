/**
 * CData's date-literal functions (L_TODAY(), L_LAST_N_DAYS(n), L_THIS_MONTH()...): each names a
 * range of whole days [start, end) relative to the statement's CURRENT_TIMESTAMP, in UTC.
 * `col = L_X()` means inside the range, `col < L_X()` before it and `col > L_X()` after it.
 */
import { PlanError } from '../errors.js';
import { dateAdd, dateTrunc, startOfDay, type DatePart } from './date-parts.js';

export interface DateRange {
  readonly start: Date;
  readonly end: Date;
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const FIXED: Record<string, { unit: Unit; offset: number }> = {
  L_TODAY: { unit: 'day', offset: 0 },
  L_YESTERDAY: { unit: 'day', offset: -1 },
  L_TOMORROW: { unit: 'day', offset: 1 },
};
for (const unit of ['week', 'month', 'quarter', 'year'] as const) {
  const u = unit.toUpperCase();
  FIXED[`L_THIS_${u}`] = { unit, offset: 0 };
  FIXED[`L_LAST_${u}`] = { unit, offset: -1 };
  FIXED[`L_NEXT_${u}`] = { unit, offset: 1 };
}

const RELATIVE = /^L_(LAST|NEXT)_(N|90)_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS)$/;

/** Names of every date-literal function, and how many arguments each takes. */
export function dateRangeArity(name: string): number | undefined {
  if (FIXED[name]) return 0;
  const m = RELATIVE.exec(name);
  if (m === null || (m[2] === '90' && m[3] !== 'DAYS')) return undefined;
  return m[2] === 'N' ? 1 : 0;
}

export function dateRange(name: string, args: readonly number[], now: Date): DateRange {
  const period = (unit: Unit, from: Date, count: number): DateRange => {
    const start = periodStart(unit, from);
    return { start, end: dateAdd(unit as DatePart, count, start) };
  };
  const fixed = FIXED[name];
  if (fixed) return period(fixed.unit, dateAdd(fixed.unit as DatePart, fixed.offset, now), 1);
  const m = RELATIVE.exec(name);
  if (m === null) throw new PlanError(`Unknown date-literal function ${name}`);
  const n = m[2] === '90' ? 90 : args[0];
  if (n === undefined || !Number.isInteger(n) || n < 0) throw new PlanError(`${name} takes a non-negative whole number of periods`);
  const unit = m[3]!.slice(0, -1).toLowerCase() as Unit;
  // LAST_N: the n whole periods before the current one; NEXT_N_DAYS includes today, the other NEXT_N start with the next period.
  if (m[1] === 'LAST') return period(unit, dateAdd(unit as DatePart, -n, now), n);
  return period(unit, unit === 'day' ? now : dateAdd(unit as DatePart, 1, now), n);
}

function periodStart(unit: Unit, d: Date): Date {
  return unit === 'day' ? startOfDay(d) : dateTrunc(unit, d, 0);
}
