/**
 * Conditions over a source row, compiled to one JS function (new Function) so that a scan tests
 * its local predicates on the row itself and builds a tuple only for the rows that pass.
 * Only a small, exact subset is generated: column references, literals, comparisons, IS NULL,
 * IN (literal list), AND/OR/NOT. Anything else leaves the scan on its closure evaluators.
 *
 * What may enter the generated text: column names only as JSON string literals, and numbers the
 * compiler made itself (slot and constant indexes). Literal values are never written into the
 * text; they are read from the constants array passed in, so no SQL string can become code.
 * The semantics are those of evaluate.ts: the fast paths (two numbers, two strings) are the
 * ones compareValues takes, every other pair goes through compareValues itself.
 * Nothing generated here throws: a scan under ORDER BY … LIMIT drops rows that miss the cut
 * before testing these (operators/scan.ts), which must not hide an error. Keep it so.
 */
import type { Row, Value } from '../../catalog/types.js';
import type { BoundExpr, ExprScope } from '../../logical/expr-scope.js';
import type { Expr } from '../../sql/ir.js';
import { compareValues, truth } from '../values.js';
import { generatedFunction } from './generated-function.js';

export type RowCondition = (row: Row) => boolean;

/** Where a scan puts each source column. */
export type ScanColumns = readonly { readonly column: string; readonly slot: number }[];

/** All the conditions true (not false, not unknown) for a row, or undefined when one is outside the subset. */
export function rowCondition(conditions: readonly BoundExpr[], columns: ScanColumns): RowCondition | undefined {
  if (conditions.length === 0) return undefined;
  const gen = new RowCodegen(columns);
  const parts: string[] = [];
  for (const c of conditions) {
    const code = gen.condition(c.expr, c.scope);
    if (code === undefined) return undefined;
    parts.push(`(${code}) === true`);
  }
  return gen.build<RowCondition>(`return ${parts.join(' && ')};`);
}

/** The runtime helpers generated code may call, passed in as parameters. */
const HELPERS = { compareValues, truth, inList };

/** compareValues(v, item) over the items: evaluate.ts's InList, with constant items. */
function inList(v: Value, items: readonly Value[], negated: boolean): boolean | null {
  if (v === null) return null;
  let unknown = false;
  for (const w of items) {
    const cmp = w === null ? null : compareValues(v, w);
    if (cmp === 0) return !negated;
    if (cmp === null) unknown = true;
  }
  return unknown ? null : negated;
}

/**
 * The same text as an internalized string, as V8 makes every property key. A literal cut out of
 * the SQL text is not one; compared with `===` to row values that are (string literals of the
 * code that made the rows, property keys), an unequal pair then costs a pointer test instead of a
 * length and content check.
 */
function internalized(s: string): string {
  return Object.keys({ [s]: true })[0] ?? s;
}

/** For two numbers or two strings: the test on `a` and `b` that compareValues' sign gives. */
const FAST: Record<string, string> = {
  '=': '!(a < b || a > b)',
  '<>': '(a < b || a > b)',
  '<': 'a < b',
  '<=': '!(a > b)',
  '>': 'a > b',
  '>=': '!(a < b)',
};
const SLOW: Record<string, string> = { '=': '=== 0', '<>': '!== 0', '<': '< 0', '<=': '<= 0', '>': '> 0', '>=': '>= 0' };

export class RowCodegen {
  private readonly constants: unknown[] = [];
  private temps = 0;
  private readonly columnBySlot = new Map<number, string>();

  constructor(columns: ScanColumns) {
    for (const c of columns) this.columnBySlot.set(c.slot, c.column);
  }

  /** A JS expression for the row's value of the column in `slot`, or undefined when the scan does not read it. */
  read(slot: number): string | undefined {
    const column = this.columnBySlot.get(slot);
    return column === undefined ? undefined : `(row[${JSON.stringify(column)}] ?? null)`;
  }

  /** A fresh local variable name (declared by build()). */
  temp(): string {
    return `t${this.temps++}`;
  }

  /** A reference to a value kept outside the generated text. */
  constant(value: unknown): string {
    this.constants.push(typeof value === 'string' ? internalized(value) : value);
    return `k[${this.constants.length - 1}]`;
  }

  /** A JS expression giving true, false or null (unknown). */
  condition(e: Expr, scope: ExprScope): string | undefined {
    if (scope.slots.has(e) || e.kind === 'ColumnRef' || e.kind === 'Literal') {
      const v = this.value(e, scope);
      return v === undefined ? undefined : `$truth(${v})`;
    }
    switch (e.kind) {
      case 'Unary': {
        if (e.op !== 'NOT') return undefined;
        const x = this.condition(e.operand, scope);
        if (x === undefined) return undefined;
        const t = this.temp();
        return `((${t} = ${x}) === null ? null : !${t})`;
      }
      case 'IsNull': {
        const v = this.value(e.operand, scope);
        return v === undefined ? undefined : `(${v} ${e.negated ? '!==' : '==='} null)`;
      }
      case 'InList': {
        const v = this.value(e.operand, scope);
        if (v === undefined || !e.items.every((i) => i.kind === 'Literal')) return undefined;
        const items = e.items.map((i) => (i.kind === 'Literal' ? i.value : null));
        return `$inList(${v}, ${this.constant(items)}, ${e.negated ? 'true' : 'false'})`;
      }
      case 'Binary': {
        if (e.op === 'AND' || e.op === 'OR') {
          const l = this.condition(e.left, scope);
          const r = this.condition(e.right, scope);
          if (l === undefined || r === undefined) return undefined;
          const a = this.temp();
          const b = this.temp();
          // evaluate.ts: false (AND) or true (OR) on the left decides without the right.
          return e.op === 'AND'
            ? `((${a} = ${l}) === false ? false : (${b} = ${r}) === false ? false : ${a} === null || ${b} === null ? null : true)`
            : `((${a} = ${l}) === true ? true : (${b} = ${r}) === true ? true : ${a} === null || ${b} === null ? null : false)`;
        }
        const fast = FAST[e.op];
        if (fast === undefined) return undefined;
        const l = this.value(e.left, scope);
        const r = this.value(e.right, scope);
        if (l === undefined || r === undefined) return undefined;
        const a = this.temp();
        const b = this.temp();
        const c = this.temp();
        const numbers = `typeof ${a} === 'number' && typeof ${b} === 'number'`;
        const strings = `typeof ${a} === 'string' && typeof ${b} === 'string'`;
        const onNumbers = fast.replace(/\ba\b/g, a).replace(/\bb\b/g, b);
        // Two strings are equal exactly when === says so (NaN, the one number exception, is no string).
        const onStrings = e.op === '=' ? `${a} === ${b}` : e.op === '<>' ? `${a} !== ${b}` : onNumbers;
        return (
          `((${a} = ${l}), (${b} = ${r}), ${a} === null || ${b} === null ? null : ${strings} ? ${onStrings} : ${numbers} ? ${onNumbers} : ` +
          `(${c} = $compare(${a}, ${b})) === null ? null : ${c} ${SLOW[e.op]})`
        );
      }
      default:
        return undefined;
    }
  }

  /** A JS expression giving the SQL value. */
  value(e: Expr, scope: ExprScope): string | undefined {
    const ref = scope.slots.get(e);
    if (ref !== undefined) return this.read(ref.slot);
    if (e.kind === 'Literal') return this.constant(e.value);
    return undefined;
  }

  /** The function `(row) => ...` with `body`; undefined where code generation is disallowed. */
  build<F>(body: string): F | undefined {
    const temps = Array.from({ length: this.temps }, (_, i) => `t${i}`);
    const source = `const $compare = h.compareValues, $truth = h.truth, $inList = h.inList;\nreturn function (row) {\n${temps.length > 0 ? `let ${temps.join(', ')};\n` : ''}${body}\n};`;
    try {
      return generatedFunction(['k', 'h'], source)(this.constants, HELPERS) as F;
    } catch (error) {
      if (error instanceof EvalError) return undefined;
      throw error;
    }
  }
}
