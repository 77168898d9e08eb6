/**
 * Predicate matching for hand-written table sources (the insights tables): each declared filter
 * takes the first predicate on its column with an operator it knows; the rest stay local.
 */
import type { Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { OpenOptions, Operand, PushdownHandling, PushdownPredicate } from '../plan/scan.js';

export type SimpleOperator = '=' | 'IN' | '>=' | '>' | '<=' | '<';

export interface SimpleFilter {
  readonly column: string;
  readonly operators: readonly SimpleOperator[];
  /** Whether values known only at run time (a join's keys, a subquery) are welcome. */
  readonly acceptsParam?: boolean;
}

export interface BoundFilter {
  readonly op: SimpleOperator;
  readonly operands: readonly Operand[];
}

/** Per predicate, whether the source applies it; and per filter column, what it was given. */
export function bindFilters(
  predicates: readonly PushdownPredicate[],
  filters: readonly SimpleFilter[],
): { handling: PushdownHandling[]; bound: Map<string, BoundFilter> } {
  const bound = new Map<string, BoundFilter>();
  const handling = predicates.map((predicate): PushdownHandling => {
    const op: SimpleOperator | undefined = predicate.kind === 'In' ? 'IN' : predicate.kind === 'Compare' && predicate.op !== '<>' ? predicate.op : undefined;
    const operands = predicate.kind === 'In' ? predicate.operands : predicate.kind === 'Compare' ? [predicate.operand] : [];
    const filter = filters.find((f) => f.column === predicate.column && op !== undefined && (f.operators.includes(op) || (op === '=' && f.operators.includes('IN'))));
    if (!filter || op === undefined || bound.has(filter.column)) return 'unsupported';
    if (!filter.acceptsParam && operands.some((o) => o.kind === 'Param')) return 'unsupported';
    bound.set(filter.column, { op, operands });
    return 'exact';
  });
  return { handling, bound };
}

/** The values behind operands, Params filled in from the open options. */
export function operandValues(operands: readonly Operand[], params: OpenOptions['params']): Value[] {
  return operands.flatMap((operand) => {
    if (operand.kind === 'Const') return [operand.value];
    const values = params?.get(operand.id);
    if (values === undefined) throw new PlanError(`Internal: parameter ${operand.id} has no values`);
    return [...values];
  });
}

/** Distinct non-NULL values as text: what an API parameter can take. */
export function textValues(operands: readonly Operand[], params: OpenOptions['params']): string[] {
  return [...new Set(operandValues(operands, params).filter((v): v is Exclude<Value, null> => v !== null).map((v) => (v instanceof Date ? v.toISOString() : String(v))))];
}

/** How EXPLAIN shows a bound filter. */
export function describeOperands(operands: readonly Operand[] | undefined, fallback: string): string {
  if (!operands) return fallback;
  if (operands.some((o) => o.kind === 'Param')) return '(values from the outer query)';
  return operands.map((o) => (o.kind === 'Const' ? String(o.value) : '?')).join(',');
}
