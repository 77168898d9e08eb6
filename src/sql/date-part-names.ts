/** The date parts of DATEADD, DATEDIFF, DATEPART, DATENAME and DATE_TRUNC, with SQL Server's abbreviations. */
export type DatePart = 'year' | 'quarter' | 'month' | 'dayofyear' | 'day' | 'week' | 'iso_week' | 'weekday' | 'hour' | 'minute' | 'second' | 'millisecond';

/** Spelling (lower case) → part; plural forms too, as people write them. */
export const DATE_PART_SPELLINGS: Readonly<Record<string, DatePart>> = {
  year: 'year', yy: 'year', yyyy: 'year', years: 'year',
  quarter: 'quarter', qq: 'quarter', q: 'quarter', quarters: 'quarter',
  month: 'month', mm: 'month', m: 'month', months: 'month',
  dayofyear: 'dayofyear', dy: 'dayofyear', y: 'dayofyear', doy: 'dayofyear',
  day: 'day', dd: 'day', d: 'day', days: 'day',
  week: 'week', wk: 'week', ww: 'week', weeks: 'week',
  iso_week: 'iso_week', isowk: 'iso_week', isoww: 'iso_week', isoweek: 'iso_week',
  weekday: 'weekday', dw: 'weekday', w: 'weekday', dow: 'weekday',
  hour: 'hour', hh: 'hour', hours: 'hour',
  minute: 'minute', mi: 'minute', n: 'minute', minutes: 'minute',
  second: 'second', ss: 'second', s: 'second', seconds: 'second',
  millisecond: 'millisecond', ms: 'millisecond', milliseconds: 'millisecond',
};

/** Functions whose first argument is a date part, written as a bare word (`DATEADD(day, 1, x)`) or a string. */
export const DATE_PART_FUNCTIONS: ReadonlySet<string> = new Set(['DATEADD', 'DATEDIFF', 'DATEPART', 'DATENAME', 'DATE_TRUNC', 'DATETRUNC']);
