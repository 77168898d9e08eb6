/**
 * Binds IR expressions for the logical plan: type-checks them (every PlanError about names, types
 * and aggregates surfaces here) and records, as data, the slot each column or computed expression
 * reads. exec/compile replays that record; it resolves no names.
 */
import type { Expr } from '../sql/ir.js';
import { compileExpr, type CompileScope } from '../exec/evaluate.js';
import { formatExpr } from '../sql/format.js';
import type { BoundExpr, ExprScope, SlotRef, SubqueryRef } from '../logical/expr-scope.js';

export class ExprBinder {
  private readonly slots = new Map<Expr, SlotRef>();
  private readonly subqueries = new Map<Expr, SubqueryRef>();

  /** `names` resolves columns (and, after GROUP BY, whole expressions) the way the query block sees them. */
  constructor(private readonly names: Omit<CompileScope, 'aggregateContext'>) {}

  bind(expr: Expr, context: string): BoundExpr {
    const { slots, subqueries, names } = this;
    const recording: CompileScope = {
      aggregateContext: context,
      column(ref) {
        const found = names.column(ref);
        slots.set(ref, found);
        return found;
      },
      lookup(e) {
        const found = names.lookup?.(e);
        if (found !== undefined) slots.set(e, found);
        return found;
      },
      subquery(e) {
        const found = names.subquery(e);
        subqueries.set(e, found);
        return found;
      },
    };
    const scope: ExprScope = { slots, subqueries, context };
    return { expr, scope, type: compileExpr(expr, recording).type, text: formatExpr(expr) };
  }
}
