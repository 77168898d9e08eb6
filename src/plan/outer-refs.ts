/**
 * Which columns of an outer query a subquery reads: in its own clauses, or in subqueries nested in
 * it at any depth (a reference two levels up, `EXISTS (… EXISTS (… c.AccountId))`).
 */
import { PlanError } from '../errors.js';
import { OUTER_REF_FUNCTION } from '../exec/outer-ref-function.js';
import type { ColumnRefExpr, ExistsExpr, Expr, InSubqueryExpr, ScalarSubqueryExpr, SelectStatement } from '../sql/ir.js';
import { childrenOf } from './conjuncts.js';
import type { SourceScope } from './scope.js';

export type SubqueryExpr = ScalarSubqueryExpr | ExistsExpr | InSubqueryExpr;

/** The expressions of a block's own clauses (not of the subqueries inside them). */
export function clausesOf(select: SelectStatement): Expr[] {
  return [
    ...select.items.flatMap((i) => (i.kind === 'SelectExpr' ? [i.expr] : [])),
    ...(select.where ? [select.where] : []),
    ...(select.from?.joins.flatMap((j) => (j.on ? [j.on] : [])) ?? []),
    ...select.groupBy,
    ...(select.having ? [select.having] : []),
    ...select.orderBy.map((o) => o.expr),
  ];
}

export function walk(e: Expr, visit: (x: Expr) => void): void {
  visit(e);
  childrenOf(e).forEach((c) => walk(c, visit));
}

/**
 * The columns of `outer` that `query` reads, in its own clauses or in subqueries nested in it at any
 * depth (a reference two levels up, `EXISTS (… EXISTS (… c.AccountId))`): those that no scope
 * in between (`scopes`, innermost first) resolves.
 */
export function outerRefsOf(query: SelectStatement, scopes: readonly SourceScope[], outer: SourceScope, innerScope: (query: SelectStatement) => SourceScope): ColumnRefExpr[] {
  const refs: ColumnRefExpr[] = [];
  for (const e of clausesOf(query)) {
    walk(e, (y) => {
      if (y.kind === 'ColumnRef' && !scopes.some((s) => resolves(y, s)) && (resolves(y, outer) || namesOuterTable(y, scopes, outer))) refs.push(y);
      else if (isSubqueryExpr(y)) refs.push(...outerRefsOf(y.query, [innerScope(y.query), ...scopes], outer, innerScope));
    });
  }
  return refs;
}

/** The outer columns that subqueries nested in `query` read past it; such a query is left to an Apply. */
export function nestedOuterRefs(query: SelectStatement, outer: SourceScope, innerScope: (query: SelectStatement) => SourceScope): ColumnRefExpr[] {
  const own = innerScope(query);
  const refs: ColumnRefExpr[] = [];
  for (const e of clausesOf(query)) walk(e, (y) => isSubqueryExpr(y) && refs.push(...outerRefsOf(y.query, [innerScope(y.query), own], outer, innerScope)));
  return refs;
}

export function isSubqueryExpr(e: Expr): e is SubqueryExpr {
  return e.kind === 'ScalarSubquery' || e.kind === 'Exists' || e.kind === 'InSubquery';
}

/**
 * `f.Nme` where only an outer query has an `f`: the outer query's column, misspelt. Taken as an
 * outer reference, it fails where the outer query binds it, naming f's table and its columns.
 */
function namesOuterTable(ref: ColumnRefExpr, scopes: readonly SourceScope[], outer: SourceScope): boolean {
  const table = ref.table;
  return table !== undefined && outer.bindingNamed(table) !== undefined && !scopes.some((s) => s.bindingNamed(table) !== undefined);
}

/** Whether `scope` resolves `ref`; an ambiguous name counts as resolved (its planner reports it). */
function resolves(ref: ColumnRefExpr, scope: SourceScope): boolean {
  try {
    scope.resolve(ref);
    return true;
  } catch (error) {
    return !(error instanceof PlanError && /^Unknown/.test(error.message));
  }
}

/**
 * The Apply numbers already taken inside `select`: an enclosing Apply replaced its outer columns by
 * `OUTER REF('outer:n.k', …)`, and an Apply planned inside must not reuse its Params.
 */
export function applyNumbersIn(select: SelectStatement): Set<number> {
  const taken = new Set<number>();
  const visit = (query: SelectStatement): void => {
    for (const e of clausesOf(query)) {
      walk(e, (x) => {
        const id = x.kind === 'Function' && x.name === OUTER_REF_FUNCTION && x.args[0]?.kind === 'Literal' ? x.args[0].value : undefined;
        const n = typeof id === 'string' ? /^outer:(\d+)\./.exec(id)?.[1] : undefined;
        if (n !== undefined) taken.add(Number(n));
        if (isSubqueryExpr(x)) visit(x.query);
      });
    }
  };
  visit(select);
  return taken;
}
