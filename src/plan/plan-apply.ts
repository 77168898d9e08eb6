/**
 * Correlated subqueries the decorrelation left as written (correlation other than =, grouping or
 * limiting inside) become Apply nodes: the inner block is planned on its own, with each outer
 * column it reads replaced by `OUTER REF(paramId, type)`, a value the Apply binds per outer row.
 * Such a reference is never a constant, so no predicate that reads it reaches an API: the inner
 * scans are the same for every outer row.
 */
import { PlanError } from '../errors.js';
import { OUTER_REF_FUNCTION } from '../exec/outer-ref-function.js';
import { DEFAULT_APPLY_LIMITS, type ApplyLimits, type ApplyNode } from '../logical/apply-node.js';
import type { BoundExpr } from '../logical/expr-scope.js';
import type { LogicalNode } from '../logical/logical-node.js';
import type { SelectPlan } from '../logical/select-plan.js';
import { formatExpr } from '../sql/format.js';
import type { ColumnRefExpr, Expr, SelectItem, SelectStatement } from '../sql/ir.js';
import { clausesOf, isSubqueryExpr, outerRefsOf, walk, type SubqueryExpr } from './outer-refs.js';
import { mapChildren } from '../sql/transform.js';
import { queryKey } from './rewrite/decorrelate-subqueries.js';
import type { Binding, SourceScope } from './scope.js';

/** A correlated subquery found in a block, with the outer columns its own clauses read. */
export interface CorrelatedSubquery {
  readonly expr: SubqueryExpr;
  readonly outerRefs: readonly ColumnRefExpr[];
}

/** The correlated subqueries of a block, each once (by identity), with the outer columns they read. */
export function findCorrelated(select: SelectStatement, outer: SourceScope, innerScope: (query: SelectStatement) => SourceScope): CorrelatedSubquery[] {
  const found: CorrelatedSubquery[] = [];
  for (const clause of clausesOf(select)) {
    walk(clause, (x) => {
      if (!isSubqueryExpr(x)) return;
      if (found.some((f) => f.expr === x)) return;
      const refs = outerRefsOf(x.query, [innerScope(x.query)], outer, innerScope);
      if (refs.length > 0) found.push({ expr: x, outerRefs: refs });
    });
  }
  return found;
}

export interface ApplyContext {
  readonly scope: SourceScope;
  readonly plan: (query: SelectStatement) => SelectPlan;
  /** Binds over the outer tuple (before grouping). */
  readonly bind: (e: Expr, context: string) => BoundExpr;
  /** Why each was not decorrelated, by queryKey. */
  readonly reasons: ReadonlyMap<string, string>;
  readonly limits?: ApplyLimits;
  /** Apply numbers an enclosing Apply uses (its Params are in scope here). */
  readonly taken?: ReadonlySet<number>;
}

/** An Apply without its outer input yet, and the slot its answer is read from. */
export type PlannedApply = Omit<ApplyNode, 'outer'> & { readonly type: 'Boolean' | SelectPlan['fields'][number]['type'] };

/**
 * Plans each correlated subquery as an Apply. Call before the scans are planned: the outer
 * columns and the answer get their tuple slots here.
 */
export function planApplies(correlated: readonly CorrelatedSubquery[], context: ApplyContext): PlannedApply[] {
  const { scope } = context;
  let last = Math.max(0, ...(context.taken ?? []));
  return correlated.map((c) => {
    const n = ++last;
    // One Param per distinct outer column.
    const params = new Map<number, { paramId: string; ref: ColumnRefExpr }>();
    const replaced = new Map<ColumnRefExpr, Expr>();
    for (const ref of c.outerRefs) {
      const resolved = scope.resolve(ref);
      let param = params.get(resolved.slot);
      if (param === undefined) params.set(resolved.slot, (param = { paramId: `outer:${n}.${params.size + 1}`, ref }));
      replaced.set(ref, {
        kind: 'Function',
        name: OUTER_REF_FUNCTION,
        args: [{ kind: 'Literal', value: param.paramId }, { kind: 'Cast', operand: { kind: 'Literal', value: null }, type: resolved.type }],
      });
    }
    const e = c.expr;
    let query = replaceInBlock(e.query, (x) => (x.kind === 'ColumnRef' ? replaced.get(x) : undefined));
    // EXISTS needs one row at most.
    if (e.kind === 'Exists' && query.limit === undefined && query.offset === undefined) query = { ...query, limit: { kind: 'Literal', value: 1 } };
    const plan = context.plan(query);
    if (e.kind !== 'Exists' && plan.fields.length !== 1) throw new PlanError(`A subquery used as a value must return one column, not ${plan.fields.length}`);
    const type = e.kind === 'ScalarSubquery' ? plan.fields[0]!.type : 'Boolean';
    const binding: Binding = { index: -n, name: `__apply_${n}`, info: { name: `__apply_${n}`, aliases: [], columns: [] } };
    const slot = scope.slotFor(binding, { name: 'answer', type }).slot;
    return {
      kind: 'Apply',
      plan,
      mode: e.kind === 'ScalarSubquery' ? 'Scalar' : e.kind === 'Exists' ? 'Exists' : e.negated ? 'NotIn' : 'In',
      ...(e.kind === 'InSubquery' ? { operand: context.bind(e.operand, 'WHERE') } : {}),
      outerValues: [...params.values()].map((p) => ({ paramId: p.paramId, value: context.bind(p.ref, 'WHERE') })),
      slot,
      subquery: formatExpr(e.kind === 'InSubquery' ? { kind: 'ScalarSubquery', query: e.query } : e),
      reason: context.reasons.get(queryKey(e.query)) ?? 'it reads the outer query outside an equality of its WHERE',
      limits: context.limits ?? DEFAULT_APPLY_LIMITS,
      type,
    };
  });
}

/** The block with `replace` applied to every expression of its clauses, and of the subqueries nested in them. */
function replaceInBlock(select: SelectStatement, replace: (e: Expr) => Expr | undefined): SelectStatement {
  const m = (e: Expr): Expr => {
    const replaced = replace(e);
    if (replaced !== undefined) return replaced;
    const mapped = mapChildren(e, m);
    return isSubqueryExpr(mapped) ? { ...mapped, query: replaceInBlock(mapped.query, replace) } : mapped;
  };
  return {
    ...select,
    items: select.items.map((i): SelectItem => (i.kind === 'SelectExpr' ? { ...i, expr: m(i.expr) } : i)),
    ...(select.where ? { where: m(select.where) } : {}),
    ...(select.from ? { from: { ...select.from, joins: select.from.joins.map((j) => (j.on ? { ...j, on: m(j.on) } : j)) } } : {}),
    groupBy: select.groupBy.map(m),
    ...(select.having ? { having: m(select.having) } : {}),
    orderBy: select.orderBy.map((o) => ({ ...o, expr: m(o.expr) })),
  };
}

/** Puts the Applies over the FROM's rows, then the WHERE conjuncts that read their answers. */
export function applyOver(root: LogicalNode, applies: readonly PlannedApply[], conditions: readonly BoundExpr[]): LogicalNode {
  for (const a of applies) {
    const { type: _type, ...node } = a;
    root = { ...node, outer: root };
  }
  return conditions.length > 0 ? { kind: 'Filter', input: root, conditions } : root;
}
