/** A bound expression of the logical plan → an evaluator, replaying the slots the planner recorded. */
import { PlanError } from '../../errors.js';
import type { BoundExpr, ExprScope } from '../../logical/expr-scope.js';
import { compileExpr, type CompileScope, type Evaluator } from '../evaluate.js';

export function compileBound(bound: BoundExpr): Evaluator {
  return compileExpr(bound.expr, replay(bound.scope)).evaluate;
}

function replay(scope: ExprScope): CompileScope {
  return {
    aggregateContext: scope.context,
    lookup: (e) => scope.slots.get(e),
    column: (ref) => scope.slots.get(ref) ?? unbound(ref.column),
    subquery: (e) => scope.subqueries.get(e) ?? unbound('a subquery'),
  };
}

function unbound(what: string): never {
  throw new PlanError(`Internal planner error: ${what} was not bound`);
}
