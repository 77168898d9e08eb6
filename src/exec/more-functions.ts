/** The rest of CData's string and math functions (SQL Server semantics: 1-based positions, NULL in → NULL out). */
import type { ColumnType, Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { ScalarFunction } from './functions.js';
import { toNumber, toText } from './values.js';

const strict = (minArgs: number, maxArgs: number, type: ColumnType, f: (args: readonly Value[]) => Value): ScalarFunction => ({
  minArgs,
  maxArgs,
  resultType: () => type,
  call: (args) => (args.some((a) => a === null) ? null : f(args)),
});
const num = (v: Value, fn: string): number => toNumber(v, fn);
const math1 = (fn: string, f: (x: number) => number): ScalarFunction => strict(1, 1, 'Double', ([x]) => finite(f(num(x!, fn)), fn));

function finite(n: number, fn: string): number | null {
  // Out of domain (SQRT(-1), LOG(0)) gives NULL, as division by zero does.
  return Number.isFinite(n) ? n : null;
}

function count(v: Value, fn: string): number {
  const n = Math.trunc(num(v, fn));
  if (n < 0) throw new PlanError(`${fn} takes a non-negative count`);
  if (n > 1_000_000) throw new PlanError(`${fn} would build a string of more than 1,000,000 characters`);
  return n;
}

export const STRING_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  CHARINDEX: strict(2, 3, 'Int', ([sub, s, start]) => toText(s!).indexOf(toText(sub!), start === undefined ? 0 : Math.max(0, Math.trunc(num(start, 'CHARINDEX')) - 1)) + 1),
  INSTR: strict(2, 2, 'Int', ([s, sub]) => toText(s!).indexOf(toText(sub!)) + 1),
  LOCATE: strict(2, 3, 'Int', ([sub, s, start]) => toText(s!).indexOf(toText(sub!), start === undefined ? 0 : Math.max(0, Math.trunc(num(start, 'LOCATE')) - 1)) + 1),
  REVERSE: strict(1, 1, 'String', ([s]) => [...toText(s!)].reverse().join('')),
  REPLICATE: strict(2, 2, 'String', ([s, n]) => toText(s!).repeat(count(n!, 'REPLICATE'))),
  SPACE: strict(1, 1, 'String', ([n]) => ' '.repeat(count(n!, 'SPACE'))),
  STUFF: strict(4, 4, 'String', ([s, start, length, insert]) => {
    const chars = [...toText(s!)];
    const from = Math.trunc(num(start!, 'STUFF')) - 1;
    if (from < 0 || from >= chars.length) return null;
    chars.splice(from, Math.max(0, Math.trunc(num(length!, 'STUFF'))), toText(insert!));
    return chars.join('');
  }),
  STARTSWITH: strict(2, 2, 'Boolean', ([s, p]) => toText(s!).startsWith(toText(p!))),
  ENDSWITH: strict(2, 2, 'Boolean', ([s, p]) => toText(s!).endsWith(toText(p!))),
  CONTAINS: strict(2, 2, 'Boolean', ([s, p]) => toText(s!).includes(toText(p!))),
  ASCII: strict(1, 1, 'Int', ([s]) => (toText(s!).length === 0 ? null : toText(s!).charCodeAt(0))),
  UNICODE: strict(1, 1, 'Int', ([s]) => (toText(s!).length === 0 ? null : toText(s!).codePointAt(0)!)),
  CHAR: strict(1, 1, 'String', ([n]) => String.fromCharCode(Math.trunc(num(n!, 'CHAR')))),
  NCHAR: strict(1, 1, 'String', ([n]) => String.fromCodePoint(Math.trunc(num(n!, 'NCHAR')))),
  LPAD: strict(3, 3, 'String', ([s, n, p]) => toText(s!).padStart(count(n!, 'LPAD'), toText(p!)).slice(0, count(n!, 'LPAD'))),
  RPAD: strict(3, 3, 'String', ([s, n, p]) => toText(s!).padEnd(count(n!, 'RPAD'), toText(p!)).slice(0, count(n!, 'RPAD'))),
  ISNUMERIC: { minArgs: 1, maxArgs: 1, resultType: () => 'Int', call: ([v]) => (v === null || v === undefined ? 0 : typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) ? 1 : 0) },
};

export const MATH_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  POWER: strict(2, 2, 'Double', ([x, y]) => finite(num(x!, 'POWER') ** num(y!, 'POWER'), 'POWER')),
  SQRT: math1('SQRT', Math.sqrt),
  SQUARE: math1('SQUARE', (x) => x * x),
  EXP: math1('EXP', Math.exp),
  LOG: strict(1, 2, 'Double', ([x, base]) => finite(base === undefined ? Math.log(num(x!, 'LOG')) : Math.log(num(x!, 'LOG')) / Math.log(num(base, 'LOG')), 'LOG')),
  LOG10: math1('LOG10', Math.log10),
  PI: { minArgs: 0, maxArgs: 0, resultType: () => 'Double', call: () => Math.PI },
  SIGN: strict(1, 1, 'Int', ([x]) => Math.sign(num(x!, 'SIGN'))),
  SIN: math1('SIN', Math.sin),
  COS: math1('COS', Math.cos),
  TAN: math1('TAN', Math.tan),
  COT: math1('COT', (x) => 1 / Math.tan(x)),
  ASIN: math1('ASIN', Math.asin),
  ACOS: math1('ACOS', Math.acos),
  ATAN: math1('ATAN', Math.atan),
  ATN2: strict(2, 2, 'Double', ([y, x]) => Math.atan2(num(y!, 'ATN2'), num(x!, 'ATN2'))),
  ATAN2: strict(2, 2, 'Double', ([y, x]) => Math.atan2(num(y!, 'ATAN2'), num(x!, 'ATAN2'))),
  DEGREES: math1('DEGREES', (x) => (x * 180) / Math.PI),
  RADIANS: math1('RADIANS', (x) => (x * Math.PI) / 180),
  MOD: strict(2, 2, 'Double', ([x, y]) => (num(y!, 'MOD') === 0 ? null : num(x!, 'MOD') % num(y!, 'MOD'))),
  TRUNCATE: strict(1, 2, 'Double', ([x, d]) => {
    const f = 10 ** Math.trunc(d === undefined ? 0 : num(d, 'TRUNCATE'));
    return Math.trunc(num(x!, 'TRUNCATE') * f) / f;
  }),
};
