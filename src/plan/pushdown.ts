/**
 * Turns a conjunct that reads one table into a PushdownPredicate, when it has one of the simple
 * column-vs-value shapes of the contract. `col = a OR col = b` becomes `col IN (a, b)` first.
 */
import type { Value } from '../catalog/types.js';
import type { ComparisonOp, Expr } from '../sql/ir.js';
import type { CompareOp, Operand, PushdownPredicate } from './scan.js';
import type { SourceScope } from './scope.js';

export interface PushdownContext {
  readonly scope: SourceScope;
  readonly binding: number;
  /** A plan-time value for expressions without columns (literals, -1, CAST('x' AS DATETIME), NOW()); undefined if not constant. */
  constant(e: Expr): { value: Value } | undefined;
  /** The Param id carrying an `IN (SELECT ...)` result. */
  subqueryParam(e: Expr): string | undefined;
}

const FLIP: Record<ComparisonOp, CompareOp> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

export function toPushdown(conjunct: Expr, ctx: PushdownContext): PushdownPredicate | undefined {
  const column = (e: Expr): string | undefined => {
    if (e.kind !== 'ColumnRef') return undefined;
    const r = ctx.scope.resolve(e);
    return r.binding === ctx.binding ? r.column : undefined;
  };
  const constOperand = (e: Expr): Operand | undefined => {
    const c = ctx.constant(e);
    // `col = NULL` is never true; offering it could only confuse a source.
    return c === undefined || c.value === null ? undefined : { kind: 'Const', value: c.value };
  };

  switch (conjunct.kind) {
    case 'Binary': {
      if (conjunct.op === 'OR') return orToIn(conjunct, column, constOperand);
      if (!(conjunct.op in FLIP)) return undefined;
      const op = conjunct.op as ComparisonOp;
      const left = column(conjunct.left);
      const right = column(conjunct.right);
      if (left !== undefined && right === undefined) {
        const operand = constOperand(conjunct.right);
        return operand && { kind: 'Compare', column: left, op, operand };
      }
      if (right !== undefined && left === undefined) {
        const operand = constOperand(conjunct.left);
        return operand && { kind: 'Compare', column: right, op: FLIP[op], operand };
      }
      return undefined;
    }
    case 'InList': {
      const col = column(conjunct.operand);
      if (col === undefined || conjunct.negated) return undefined;
      const operands = inOperands(conjunct.items, ctx);
      return operands && { kind: 'In', column: col, operands };
    }
    case 'InSubquery': {
      const col = column(conjunct.operand);
      const id = ctx.subqueryParam(conjunct);
      if (col === undefined || conjunct.negated || id === undefined) return undefined;
      return { kind: 'In', column: col, operands: [{ kind: 'Param', id }] };
    }
    case 'Like': {
      const col = column(conjunct.operand);
      const pattern = ctx.constant(conjunct.pattern);
      if (col === undefined || conjunct.negated || conjunct.escape || pattern === undefined || typeof pattern.value !== 'string') return undefined;
      return { kind: 'Like', column: col, pattern: pattern.value };
    }
    case 'IsNull': {
      const col = column(conjunct.operand);
      return col === undefined ? undefined : { kind: 'IsNull', column: col, negated: conjunct.negated };
    }
    default:
      return undefined;
  }

  function orToIn(
    e: Expr,
    col: (e: Expr) => string | undefined,
    operand: (e: Expr) => Operand | undefined,
  ): PushdownPredicate | undefined {
    const disjuncts: Expr[] = [];
    const flatten = (x: Expr): void => {
      if (x.kind === 'Binary' && x.op === 'OR') {
        flatten(x.left);
        flatten(x.right);
      } else disjuncts.push(x);
    };
    flatten(e);
    let target: string | undefined;
    const operands: Operand[] = [];
    for (const d of disjuncts) {
      let c: string | undefined;
      let values: Operand[] | undefined;
      if (d.kind === 'Binary' && d.op === '=') {
        c = col(d.left) ?? col(d.right);
        const other = col(d.left) !== undefined ? d.right : d.left;
        const o = operand(other);
        values = o ? [o] : undefined;
      } else if (d.kind === 'InList' && !d.negated) {
        c = col(d.operand);
        values = inOperands(d.items, ctx);
      }
      if (c === undefined || values === undefined) return undefined;
      if (target !== undefined && target !== c) return undefined;
      target = c;
      operands.push(...values);
    }
    return target === undefined ? undefined : { kind: 'In', column: target, operands: dedupe(operands) };
  }
}

function inOperands(items: readonly Expr[], ctx: PushdownContext): Operand[] | undefined {
  const operands: Operand[] = [];
  for (const item of items) {
    const c = ctx.constant(item);
    if (c === undefined) return undefined;
    // `x IN (1, NULL)` keeps the same rows as `x IN (1)` in a filter.
    if (c.value !== null) operands.push({ kind: 'Const', value: c.value });
  }
  return operands.length > 0 ? dedupe(operands) : undefined;
}

function dedupe(operands: Operand[]): Operand[] {
  const seen = new Set<string>();
  return operands.filter((o) => {
    const key = o.kind === 'Param' ? `p:${o.id}` : o.value instanceof Date ? `d:${o.value.getTime()}` : `${typeof o.value}:${String(o.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
