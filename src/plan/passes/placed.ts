/** A conjunct on its way down the tree in place-predicates: the condition, its predicate shape, the slots it reads. */
import { someNode } from '../conjuncts.js';
import type { BoundExpr } from '../../logical/expr-scope.js';
import type { PushdownPredicate } from '../../source/contract.js';

export interface Placed {
  readonly condition: BoundExpr;
  /** The conjunct as a predicate of the one table it reads; null when it has no predicate shape. */
  readonly predicate: PushdownPredicate | null;
  readonly slots: ReadonlySet<number>;
}

export function placed(condition: BoundExpr, predicate: PushdownPredicate | null): Placed {
  return { condition, predicate, slots: slotsRead(condition) };
}

/** The tuple slots a condition reads: its columns, and what it reads computed upstream (a group key, an Apply's answer). */
export function slotsRead(condition: BoundExpr): Set<number> {
  const slots = new Set<number>();
  someNode(condition.expr, (x) => {
    const ref = condition.scope.slots.get(x);
    if (ref) slots.add(ref.slot);
    return false;
  });
  return slots;
}
