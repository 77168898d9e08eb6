/**
 * Derived tables and WITH queries in FROM. Outer conditions on their columns are pushed into the
 * block (its WHERE, or HAVING over aggregates) when that cannot change the result, so they reach
 * the block's own scans and the API; the rest is checked on the rows the block yields.
 */
import type { Expr, QueryExpr } from '../sql/ir.js';
import { mapExpr } from '../sql/transform.js';
import { containsAggregate, someNode } from './conjuncts.js';
import type { BoundExpr } from '../logical/expr-scope.js';
import type { SelectPlan } from '../logical/select-plan.js';
import type { SubqueryScanNode } from '../logical/subquery-scan-node.js';
import type { PlanOptions } from './plan-select.js';
import { planQueryExpr } from './plan-query.js';
import type { Catalog } from './scan.js';
import type { Binding, SourceScope } from './scope.js';

export interface DerivedInput {
  readonly scope: SourceScope;
  readonly binding: Binding & { readonly derived: DerivedTable };
  /** Conditions that read only this binding and may filter its rows. */
  readonly candidates: readonly Expr[];
  /** Conditions to check on its rows without pushing them (constants). */
  readonly localOnly: readonly Expr[];
  bind(e: Expr, context: string): BoundExpr;
  readonly catalog: Catalog;
  readonly options: PlanOptions;
}

export interface DerivedTable {
  readonly query: QueryExpr;
  /** Planned as written, for its output names and types. */
  readonly plan: SelectPlan;
  /** The correlated subquery this block was made from (EXPLAIN says so). */
  readonly decorrelated?: string;
}

export function planDerivedScan(input: DerivedInput): SubqueryScanNode {
  const { scope, binding } = input;
  const columnIndex = (e: Expr): number => {
    const resolved = scope.resolve(e as Expr & { kind: 'ColumnRef' });
    return binding.info.columns.findIndex((c) => c.name === resolved.column);
  };
  let query = binding.derived.query;
  let plan = binding.derived.plan;
  const pushed: Expr[] = [];
  const local: Expr[] = [...input.localOnly];
  for (const condition of input.candidates) {
    const next = someNode(condition, (x) => x.kind === 'ScalarSubquery' || x.kind === 'InSubquery') ? undefined : pushInto(query, plan, condition, columnIndex);
    if (next === undefined) local.push(condition);
    else {
      query = next;
      pushed.push(condition);
      plan = planQueryExpr(query, input.catalog, input.options);
    }
  }
  return {
    kind: 'Subquery',
    label: binding.name,
    plan,
    columns: scope.columnsOf(binding.index).map((c) => ({ index: binding.info.columns.findIndex((col) => col.name === c.column), slot: c.slot })),
    width: scope.width,
    local: local.map((c) => input.bind(c, 'WHERE')),
    pushed: pushed.map((c) => input.bind(c, 'WHERE').text),
    ...(binding.derived.decorrelated !== undefined ? { decorrelated: binding.derived.decorrelated } : {}),
  };
}

/** The query with `condition` (over its outputs) applied inside, or undefined when that could change the result. */
function pushInto(query: QueryExpr, plan: SelectPlan, condition: Expr, columnIndex: (ref: Expr) => number): QueryExpr | undefined {
  if (query.kind === 'SetOperation') {
    // A filter on output columns commutes with UNION, INTERSECT and EXCEPT.
    if (plan.root.kind !== 'SetOperation') return undefined;
    const left = pushInto(query.left, plan.root.inputs[0], condition, columnIndex);
    const right = left && pushInto(query.right, plan.root.inputs[1], condition, columnIndex);
    return left && right ? { ...query, left, right } : undefined;
  }
  const outputs = plan.outputs;
  // Rows a LIMIT keeps depend on the rows before it.
  if (outputs === undefined || query.limit !== undefined || query.offset !== undefined) return undefined;
  const inner = mapExpr(condition, (e) => (e.kind === 'ColumnRef' ? (outputs[columnIndex(e)] ?? e) : e));
  if (someNode(inner, (x) => x.kind === 'ScalarSubquery' || x.kind === 'InSubquery')) return undefined;
  // A filter below a window function would change the partitions it sees.
  if (outputs.some((o) => someNode(o, (x) => x.kind === 'Window'))) return undefined;
  const aggregating = query.groupBy.length > 0 || query.having !== undefined || query.items.some((i) => i.kind === 'SelectExpr' && containsAggregate(i.expr));
  // Over groups: WHERE may drop whole groups by their keys; anything else (or one group of everything) goes to HAVING.
  const toHaving = aggregating && (query.groupBy.length === 0 || containsAggregate(inner));
  return toHaving ? { ...query, having: and(query.having, inner) } : { ...query, where: and(query.where, inner) };
}

function and(a: Expr | undefined, b: Expr): Expr {
  return a === undefined ? b : { kind: 'Binary', op: 'AND', left: a, right: b };
}

