/**
 * Value semantics shared by the evaluator, sorting, grouping and joins.
 * Comparisons coerce like SQL Server: a Datetime against a string parses the string as a date,
 * numbers against numeric strings compare as numbers, booleans against 'true'/'false'/1/0.
 * String comparison (=, <, ORDER BY) is ordinal and case-sensitive; LIKE is case-insensitive.
 */
import type { ColumnType, Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import { parseDateLiteral } from '../sql/date-literal.js';

/** -1, 0, 1, or null when the values cannot be compared (treated as UNKNOWN). Both must be non-null. */
export function compareValues(a: Value, b: Value): number | null {
  if (a === null || b === null) return null;
  // The common cases first: two numbers, two strings.
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === typeof b && !(a instanceof Date) && !(b instanceof Date)) return sign(a < b ? -1 : a > b ? 1 : 0);
  if (a instanceof Date || b instanceof Date) {
    const x = toDate(a);
    const y = toDate(b);
    return x === null || y === null ? null : sign(x.getTime() - y.getTime());
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    const x = toBoolean(a);
    const y = toBoolean(b);
    return x === null || y === null ? null : sign(Number(x) - Number(y));
  }
  // number vs string
  const x = toNumberOrNull(a);
  const y = toNumberOrNull(b);
  if (x !== null && y !== null) return sign(x - y);
  const s = String(a);
  const t = String(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

export function toDate(v: Value): Date | null {
  if (v instanceof Date) return v;
  if (typeof v === 'string') return parseDateLiteral(v);
  return null;
}

export function toBoolean(v: Value): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : null;
  }
  return null;
}

function toNumberOrNull(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** For arithmetic: numbers and numeric strings; anything else is an error, not a silent NULL. */
export function toNumber(v: Value, context: string): number {
  const n = typeof v === 'boolean' ? Number(v) : toNumberOrNull(v);
  if (n === null) throw new PlanError(`Cannot use ${describe(v)} as a number in ${context}`);
  return n;
}

/** Text form used by ||, CONCAT and CAST AS VARCHAR: ISO 8601 for dates. */
export function toText(v: Value): string {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new PlanError('An invalid date cannot be shown as text');
    return v.toISOString();
  }
  return String(v);
}

export function describe(v: Value): string {
  return typeof v === 'string' ? `'${v}'` : v instanceof Date ? (Number.isNaN(v.getTime()) ? 'an invalid date' : v.toISOString()) : String(v);
}

/** SQL truth of a condition value: true, false, or null (UNKNOWN). */
export function truth(v: Value): boolean | null {
  if (v === null) return null;
  if (typeof v === 'boolean') return v;
  return toBoolean(v) ?? true;
}

/** A string key under which equal values (for GROUP BY / DISTINCT, where NULLs are equal) collide. */
export function groupKey(values: readonly Value[]): string {
  let key = '';
  for (const v of values) key += valueKey(v) + '\u0001';
  return key;
}

export function valueKey(v: Value): string {
  if (v === null) return 'N';
  if (v instanceof Date) return 'd' + v.getTime();
  return (typeof v)[0] + String(v);
}

/** Converts a value to the type it is compared with, so equal values hash alike in joins. */
export function coerceForKey(v: Value, target: ColumnType): Value {
  if (v === null) return null;
  switch (target) {
    case 'Datetime':
      return toDate(v);
    case 'Int':
    case 'Long':
    case 'Double':
      return typeof v === 'number' ? v : (toNumberOrNull(v) ?? v);
    case 'Boolean':
      return toBoolean(v) ?? v;
    case 'String':
      return v;
  }
}

export function castValue(v: Value, type: ColumnType): Value {
  if (v === null) return null;
  switch (type) {
    case 'String':
      return toText(v);
    case 'Int':
    case 'Long': {
      if (v instanceof Date) return v.getTime();
      const n = toNumber(v, `CAST(${describe(v)} AS ${type === 'Int' ? 'INT' : 'BIGINT'})`);
      return Math.trunc(n);
    }
    case 'Double':
      if (v instanceof Date) return v.getTime();
      return toNumber(v, `CAST(${describe(v)} AS DOUBLE)`);
    case 'Boolean': {
      const b = toBoolean(v);
      if (b === null) throw new PlanError(`Cannot convert ${describe(v)} to BOOLEAN`);
      return b;
    }
    case 'Datetime': {
      const d = typeof v === 'number' ? new Date(v) : toDate(v);
      if (d === null) throw new PlanError(`Cannot convert ${describe(v)} to DATETIME`);
      // A JS Date holds ±8.64e15 ms around 1970; past that it is Invalid Date.
      if (Number.isNaN(d.getTime())) throw new PlanError(`${describe(v)} is out of the DATETIME range`);
      return d;
    }
  }
}

/** The type of a runtime value, for literals and parameters. */
export function typeOfValue(v: Value): ColumnType {
  if (typeof v === 'number') return Number.isInteger(v) ? (Math.abs(v) > 2147483647 ? 'Long' : 'Int') : 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  if (v instanceof Date) return 'Datetime';
  return 'String';
}
