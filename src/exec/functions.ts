/** Scalar functions: arity, result type and implementation. NULL in → NULL out unless noted. */
import type { ColumnType, Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import { DATE_FUNCTIONS } from './date-functions.js';
import { MATH_FUNCTIONS, STRING_FUNCTIONS } from './more-functions.js';
import type { RunEnv } from './env.js';
import { compareValues, toNumber, toText, truth } from './values.js';

export interface ScalarFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  resultType(argTypes: readonly ColumnType[]): ColumnType;
  /** `args` are already evaluated (every function here is strict in its arguments). */
  call(args: readonly Value[], env: RunEnv): Value;
}

const str = (v: Value): string => toText(v);
const anyNull = (args: readonly Value[]): boolean => args.some((a) => a === null);
const firstNonString = (types: readonly ColumnType[]): ColumnType => types.find((t) => t !== 'String') ?? types[0] ?? 'String';

const strict =
  (f: (args: readonly Value[]) => Value) =>
  (args: readonly Value[]): Value =>
    anyNull(args) ? null : f(args);

const string1 = (f: (s: string) => Value): ScalarFunction => ({
  minArgs: 1,
  maxArgs: 1,
  resultType: () => 'String',
  call: strict(([s]) => f(str(s!))),
});

function substring(s: string, start: number, length?: number): string {
  // SQL is 1-based and a start before 1 eats into the length (SQL Server semantics).
  const chars = [...s];
  let from = Math.trunc(start) - 1;
  let end = length === undefined ? chars.length : from + Math.trunc(length);
  if (length !== undefined && length < 0) throw new PlanError('SUBSTRING length must not be negative');
  if (from < 0) from = 0;
  if (end < from) end = from;
  return chars.slice(from, end).join('');
}

function round(n: number, digits: number): number {
  const d = Math.trunc(digits);
  // Past a double's range the scale overflows (10 ** 400 is Infinity, 10 ** -400 is 0): n has no digits
  // that far right to round (n itself), or is nothing that far left (0), as in SQL Server.
  if (!Number.isFinite(n) || Number.isNaN(d)) return n;
  const f = 10 ** d;
  const scaled = Math.abs(n) * f;
  if (!Number.isFinite(scaled)) return n;
  if (f === 0) return 0;
  const r = Math.round(scaled) / f; // half away from zero
  return n < 0 ? -r : r;
}

const numeric1 = (f: (n: number) => number, type?: ColumnType): ScalarFunction => ({
  minArgs: 1,
  maxArgs: 1,
  resultType: ([t]) => type ?? (t === 'String' ? 'Double' : (t ?? 'Double')),
  call: strict(([v]) => f(toNumber(v!, 'a numeric function'))),
});

export const SCALAR_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  UPPER: string1((s) => s.toUpperCase()),
  LOWER: string1((s) => s.toLowerCase()),
  TRIM: string1((s) => s.trim()),
  LTRIM: string1((s) => s.trimStart()),
  RTRIM: string1((s) => s.trimEnd()),
  LENGTH: { minArgs: 1, maxArgs: 1, resultType: () => 'Int', call: strict(([s]) => [...str(s!)].length) },
  LEN: { minArgs: 1, maxArgs: 1, resultType: () => 'Int', call: strict(([s]) => [...str(s!)].length) },
  SUBSTRING: {
    minArgs: 2,
    maxArgs: 3,
    resultType: () => 'String',
    call: strict(([s, start, length]) =>
      substring(str(s!), toNumber(start!, 'SUBSTRING'), length === undefined ? undefined : toNumber(length, 'SUBSTRING')),
    ),
  },
  LEFT: { minArgs: 2, maxArgs: 2, resultType: () => 'String', call: strict(([s, n]) => substring(str(s!), 1, Math.max(0, toNumber(n!, 'LEFT')))) },
  RIGHT: {
    minArgs: 2,
    maxArgs: 2,
    resultType: () => 'String',
    call: strict(([s, n]) => {
      const chars = [...str(s!)];
      const k = Math.max(0, Math.trunc(toNumber(n!, 'RIGHT')));
      return k === 0 ? '' : chars.slice(-k).join('');
    }),
  },
  REPLACE: {
    minArgs: 3,
    maxArgs: 3,
    resultType: () => 'String',
    call: strict(([s, from, to]) => (str(from!) === '' ? str(s!) : str(s!).split(str(from!)).join(str(to!)))),
  },
  CONCAT: {
    // CONCAT treats NULL as '' (SQL Server, MySQL differs); `||` propagates NULL.
    minArgs: 1,
    maxArgs: Infinity,
    resultType: () => 'String',
    call: (args) => args.map((a) => (a === null ? '' : str(a))).join(''),
  },
  ROUND: {
    minArgs: 1,
    maxArgs: 2,
    resultType: ([t]) => (t === 'Int' || t === 'Long' ? t : 'Double'),
    call: strict(([v, d]) => round(toNumber(v!, 'ROUND'), d === undefined ? 0 : toNumber(d, 'ROUND'))),
  },
  ABS: numeric1(Math.abs),
  FLOOR: numeric1(Math.floor),
  CEILING: numeric1(Math.ceil),
  CEIL: numeric1(Math.ceil),
  COALESCE: {
    minArgs: 1,
    maxArgs: Infinity,
    resultType: firstNonString,
    call: (args) => args.find((a) => a !== null) ?? null,
  },
  IFNULL: { minArgs: 2, maxArgs: 2, resultType: firstNonString, call: ([a, b]) => (a === null ? (b ?? null) : a!) },
  ISNULL: { minArgs: 2, maxArgs: 2, resultType: firstNonString, call: ([a, b]) => (a === null ? (b ?? null) : a!) },
  IIF: { minArgs: 3, maxArgs: 3, resultType: ([, t]) => t ?? 'String', call: ([cond, a, b]) => (truth(cond ?? null) === true ? (a ?? null) : (b ?? null)) },
  NULLIF: {
    minArgs: 2,
    maxArgs: 2,
    resultType: ([t]) => t ?? 'String',
    call: ([a, b]) => (a === null ? null : b !== null && compareValues(a!, b!) === 0 ? null : a!),
  },
  CURRENT_TIMESTAMP: { minArgs: 0, maxArgs: 0, resultType: () => 'Datetime', call: (_a, env) => env.now },
  NOW: { minArgs: 0, maxArgs: 0, resultType: () => 'Datetime', call: (_a, env) => env.now },
  GETDATE: { minArgs: 0, maxArgs: 0, resultType: () => 'Datetime', call: (_a, env) => env.now },
  GETUTCDATE: { minArgs: 0, maxArgs: 0, resultType: () => 'Datetime', call: (_a, env) => env.now },
  CURRENT_DATE: {
    minArgs: 0,
    maxArgs: 0,
    resultType: () => 'Datetime',
    call: (_a, env) => new Date(Date.UTC(env.now.getUTCFullYear(), env.now.getUTCMonth(), env.now.getUTCDate())),
  },
  ...DATE_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...MATH_FUNCTIONS,
};
