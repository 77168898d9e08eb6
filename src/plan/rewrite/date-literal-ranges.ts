/**
 * A rewrite pass: `col = L_LAST_N_DAYS(7)` → `col >= start AND col < end` (and `<`, `>`, `<>` as
 * CData documents them), with the range fixed from the statement's CURRENT_TIMESTAMP. The result is
 * plain comparisons with constants, so a time range reaches the API like any other.
 */
import { dateRange, dateRangeArity } from '../../exec/date-ranges.js';
import type { Expr, FunctionExpr, SelectStatement } from '../../sql/ir.js';
import { mapSelect } from '../../sql/transform.js';

export function rewriteDateLiteralRanges(select: SelectStatement, now: Date): SelectStatement {
  return mapSelect(select, (e) => {
    if (e.kind !== 'Binary' || !['=', '<>', '<', '>', '<=', '>='].includes(e.op)) return e;
    const rightRange = rangeOf(e.right, now);
    const leftRange = rightRange ? undefined : rangeOf(e.left, now);
    const range = rightRange ?? leftRange;
    if (range === undefined) return e;
    const subject = rightRange ? e.left : e.right;
    // `L_X() < col` reads as `col > L_X()`.
    const op = rightRange ? e.op : ({ '=': '=', '<>': '<>', '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as const)[e.op as '='];
    const start: Expr = { kind: 'Literal', value: range.start };
    const end: Expr = { kind: 'Literal', value: range.end };
    const before: Expr = { kind: 'Binary', op: '<', left: subject, right: start };
    const from: Expr = { kind: 'Binary', op: '>=', left: subject, right: start };
    const after: Expr = { kind: 'Binary', op: '>=', left: subject, right: end };
    const until: Expr = { kind: 'Binary', op: '<', left: subject, right: end };
    switch (op) {
      case '=':
        return { kind: 'Binary', op: 'AND', left: from, right: until };
      case '<>':
        return { kind: 'Binary', op: 'OR', left: before, right: after };
      case '<':
        return before;
      case '>':
        return after;
      case '<=':
        return until;
      default:
        return from;
    }
  });
}

function rangeOf(e: Expr, now: Date): { start: Date; end: Date } | undefined {
  if (e.kind !== 'Function' || dateRangeArity(e.name) === undefined) return undefined;
  const args = (e as FunctionExpr).args.map((a) => (a.kind === 'Literal' && typeof a.value === 'number' ? a.value : undefined));
  if (args.length !== dateRangeArity(e.name) || args.some((a) => a === undefined)) return undefined;
  return dateRange(e.name, args as number[], now);
}
