/** Date functions (SQL Server names and semantics, UTC). The first argument of DATEADD & co. is a date part. */
import type { ColumnType, Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import { dateAdd, dateDiff, dateName, datePart, datePartOf, dateTrunc, endOfMonth, formatDate, startOfDay, type DatePart } from './date-parts.js';
import { dateRange, dateRangeArity } from './date-ranges.js';
import type { ScalarFunction } from './functions.js';
import { toDate, toNumber, toText } from './values.js';

const anyNull = (args: readonly Value[]): boolean => args.some((a) => a === null);

function asDate(v: Value, fn: string): Date {
  const d = toDate(v);
  if (d === null) throw new PlanError(`${fn}: ${toText(v)} is not a date; write 'YYYY-MM-DD' or ISO 8601`);
  return d;
}

const fixed = (minArgs: number, maxArgs: number, type: ColumnType, call: (args: readonly Value[]) => Value): ScalarFunction => ({
  minArgs,
  maxArgs,
  resultType: () => type,
  call: (args) => (anyNull(args) ? null : call(args)),
});

const partOf = (fn: string, part: DatePart): ScalarFunction => fixed(1, 1, 'Int', ([d]) => datePartOf(part, asDate(d!, fn)));

const DATE_PART_FUNCTIONS: Record<string, ScalarFunction> = {
  YEAR: partOf('YEAR', 'year'),
  QUARTER: partOf('QUARTER', 'quarter'),
  MONTH: partOf('MONTH', 'month'),
  DAY: partOf('DAY', 'day'),
  DAYOFMONTH: partOf('DAYOFMONTH', 'day'),
  DAYOFYEAR: partOf('DAYOFYEAR', 'dayofyear'),
  DAYOFWEEK: partOf('DAYOFWEEK', 'weekday'),
  WEEK: partOf('WEEK', 'week'),
  HOUR: partOf('HOUR', 'hour'),
  MINUTE: partOf('MINUTE', 'minute'),
  SECOND: partOf('SECOND', 'second'),
};

/** L_TODAY() & co. used as a value: the start of the range (comparisons are rewritten to the whole range). */
function dateLiteralFunctions(): Record<string, ScalarFunction> {
  const out: Record<string, ScalarFunction> = {};
  const names = ['L_TODAY', 'L_YESTERDAY', 'L_TOMORROW'];
  for (const u of ['WEEK', 'MONTH', 'QUARTER', 'YEAR']) names.push(`L_THIS_${u}`, `L_LAST_${u}`, `L_NEXT_${u}`);
  for (const u of ['DAYS', 'WEEKS', 'MONTHS', 'QUARTERS', 'YEARS']) names.push(`L_LAST_N_${u}`, `L_NEXT_N_${u}`);
  names.push('L_LAST_90_DAYS', 'L_NEXT_90_DAYS');
  for (const name of names) {
    const arity = dateRangeArity(name)!;
    out[name] = {
      minArgs: arity,
      maxArgs: arity,
      resultType: () => 'Datetime',
      call: (args, env) => (anyNull(args) ? null : dateRange(name, args.map((a) => toNumber(a, name)), env.now).start),
    };
  }
  return out;
}

export const DATE_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  ...DATE_PART_FUNCTIONS,
  DATEADD: fixed(3, 3, 'Datetime', ([p, n, d]) => dateAdd(datePart(toText(p!), 'DATEADD'), toNumber(n!, 'DATEADD'), asDate(d!, 'DATEADD'))),
  DATEDIFF: fixed(3, 3, 'Long', ([p, a, b]) => dateDiff(datePart(toText(p!), 'DATEDIFF'), asDate(a!, 'DATEDIFF'), asDate(b!, 'DATEDIFF'))),
  DATEPART: fixed(2, 2, 'Int', ([p, d]) => datePartOf(datePart(toText(p!), 'DATEPART'), asDate(d!, 'DATEPART'))),
  DATENAME: fixed(2, 2, 'String', ([p, d]) => dateName(datePart(toText(p!), 'DATENAME'), asDate(d!, 'DATENAME'))),
  // PostgreSQL's DATE_TRUNC('week', x) starts weeks on Monday; SQL Server's DATETRUNC(week, x) on Sunday.
  DATE_TRUNC: fixed(2, 2, 'Datetime', ([p, d]) => dateTrunc(datePart(toText(p!), 'DATE_TRUNC'), asDate(d!, 'DATE_TRUNC'), 1)),
  DATETRUNC: fixed(2, 2, 'Datetime', ([p, d]) => dateTrunc(datePart(toText(p!), 'DATETRUNC'), asDate(d!, 'DATETRUNC'), 0)),
  EOMONTH: fixed(1, 2, 'Datetime', ([d, n]) => endOfMonth(asDate(d!, 'EOMONTH'), n === undefined ? 0 : toNumber(n, 'EOMONTH'))),
  LAST_DAY: fixed(1, 1, 'Datetime', ([d]) => endOfMonth(asDate(d!, 'LAST_DAY'))),
  /** CAST(x AS DATE) arrives here: the date without its time of day. */
  DATE: fixed(1, 1, 'Datetime', ([d]) => startOfDay(asDate(d!, 'DATE'))),
  DATEFROMPARTS: fixed(3, 3, 'Datetime', ([y, m, d]) => {
    const [year, month, day] = [y, m, d].map((v) => Math.trunc(toNumber(v!, 'DATEFROMPARTS'))) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new PlanError(`DATEFROMPARTS(${year}, ${month}, ${day}) is not a date`);
    return date;
  }),
  UNIX_TIMESTAMP: { minArgs: 0, maxArgs: 1, resultType: () => 'Long', call: (args, env) => (args[0] === null ? null : Math.floor((args.length === 0 ? env.now : asDate(args[0]!, 'UNIX_TIMESTAMP')).getTime() / 1000)) },
  FROM_UNIXTIME: fixed(1, 1, 'Datetime', ([s]) => new Date(toNumber(s!, 'FROM_UNIXTIME') * 1000)),
  SYSDATETIME: { minArgs: 0, maxArgs: 0, resultType: () => 'Datetime', call: (_a, env) => env.now },
  SYSUTCDATETIME: { minArgs: 0, maxArgs: 0, resultType: () => 'Datetime', call: (_a, env) => env.now },
  /** FORMAT(date, 'yyyy-MM-dd') with .NET format strings; FORMAT(number, 'N2' | 'F2' | 'P1') too. */
  FORMAT: fixed(2, 2, 'String', ([v, f]) => {
    const pattern = toText(f!);
    if (v instanceof Date) return formatDate(v, pattern);
    if (typeof v === 'number') return formatNumber(v, pattern);
    const d = toDate(v!);
    if (d !== null) return formatDate(d, pattern);
    return formatNumber(toNumber(v!, 'FORMAT'), pattern);
  }),
  ...dateLiteralFunctions(),
};

function formatNumber(n: number, pattern: string): string {
  const m = /^([NFPD])(\d*)$/i.exec(pattern);
  if (m === null) throw new PlanError(`FORMAT: number format '${pattern}' is not supported; use N2, F2, P1 or D`);
  const kind = m[1]!.toUpperCase();
  const digits = m[2] === '' ? (kind === 'D' ? 0 : 2) : Number(m[2]);
  switch (kind) {
    case 'N':
      return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    case 'F':
      return n.toFixed(digits);
    case 'P':
      return `${(n * 100).toFixed(digits)}%`;
    default:
      return String(Math.trunc(n)).padStart(digits, '0');
  }
}
