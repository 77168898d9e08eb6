/**
 * Moves a condition on a derived table's (or WITH query's) output columns into the query block
 * that computes them, so that place-predicates can take it on to the block's own scans and the
 * API. The condition is rebound on the way down: through the block's Project (each output column
 * becomes the expression that computes it), and below an Aggregate when it reads only group keys
 * (each key becomes its GROUP BY expression). It stays above an Aggregate (as HAVING does) when it
 * reads an aggregate or the block has one group of everything; it goes into both sides of a set
 * operation. It never passes a LIMIT or OFFSET (the rows they keep depend on the rows before them)
 * or a window function (it would change the partitions the window sees); the push fails then and
 * the condition is checked on the rows the block yields.
 */
import { someNode } from '../conjuncts.js';
import { formatExpr } from '../../sql/format.js';
import type { Expr } from '../../sql/ir.js';
import { replaceTopDown } from '../../sql/transform.js';
import type { BoundExpr, ExprScope } from '../../logical/expr-scope.js';
import type { AggregateNode } from '../../logical/aggregate-node.js';
import type { LogicalNode } from '../../logical/logical-node.js';
import type { ProjectNode } from '../../logical/project-node.js';
import type { SelectPlan } from '../../logical/select-plan.js';
import { placed, type Placed } from './placed.js';
import { filterOver, withInputs } from './walk.js';

/** A condition over an outer tuple whose slots `outputOf` maps to the block's output columns. */
export interface OutputCondition extends Placed {
  readonly outputOf: ReadonlyMap<number, number>;
}

/** place-predicates' own walk, for the FROM part of the block. */
export type PlaceBelow = (node: LogicalNode, incoming: readonly Placed[]) => LogicalNode;

/** The block with the condition inside, or undefined when that could change its rows. */
export function pushIntoBlock(plan: SelectPlan, c: OutputCondition, place: PlaceBelow): SelectPlan | undefined {
  if (someNode(c.condition.expr, computedElsewhere)) return undefined;
  const root = aboveProject(plan.root, c, place);
  return root && { ...plan, root };
}

function aboveProject(node: LogicalNode, c: OutputCondition, place: PlaceBelow): LogicalNode | undefined {
  switch (node.kind) {
    case 'Sort':
    case 'Distinct': {
      const input = aboveProject(node.input, c, place);
      return input && withInputs(node, [input]);
    }
    case 'SetOperation': {
      // A filter on the output columns commutes with UNION, INTERSECT and EXCEPT.
      const left = pushIntoBlock(node.inputs[0], c, place);
      const right = left && pushIntoBlock(node.inputs[1], c, place);
      return left && right ? { ...node, inputs: [left, right] } : undefined;
    }
    case 'Project': {
      const rebound = throughProject(node, c);
      const input = rebound && belowProject(node.input, rebound, place);
      return input && withInputs(node, [input]);
    }
    default:
      // Limit: the rows it keeps depend on the rows before it.
      return undefined;
  }
}

function belowProject(node: LogicalNode, p: Placed, place: PlaceBelow): LogicalNode | undefined {
  switch (node.kind) {
    case 'Window':
      return undefined;
    case 'Filter': {
      const input = belowProject(node.input, p, place);
      return input && filterOver(node, input);
    }
    case 'Aggregate': {
      // Only whole groups may be dropped by their keys; one group of everything exists even over no rows.
      const keysOnly = node.groups.length > 0 && [...p.slots].every((s) => s < node.groups.length);
      if (!keysOnly) return { kind: 'Filter', input: node, conditions: [p.condition] };
      return withInputs(node, [place(node.input, [throughGroups(node, p)])]);
    }
    default:
      return place(node, [p]);
  }
}

/** The condition over the Project's input: each output column it reads becomes that output's expression. */
function throughProject(project: ProjectNode, c: OutputCondition): Placed | undefined {
  const used: BoundExpr[] = [];
  let missing = false;
  const expr = replaceTopDown(c.condition.expr, (e) => {
    const ref = e.kind === 'ColumnRef' ? c.condition.scope.slots.get(e) : undefined;
    if (ref === undefined) return undefined;
    const index = c.outputOf.get(ref.slot);
    const output = index === undefined ? undefined : project.outputs[index];
    if (output === undefined) {
      missing = true;
      return e;
    }
    used.push(output);
    return output.expr;
  });
  if (missing || used.some((o) => someNode(o.expr, computedElsewhere))) return undefined;
  return rebound(expr, used, c);
}

/** The condition over the Aggregate's input: each group key it reads becomes its GROUP BY expression. */
function throughGroups(aggregate: AggregateNode, p: Placed): Placed {
  const used: BoundExpr[] = [];
  const expr = replaceTopDown(p.condition.expr, (e) => {
    const ref = p.condition.scope.slots.get(e);
    const key = ref === undefined ? undefined : aggregate.groups[ref.slot];
    if (key === undefined) return undefined;
    used.push(key);
    return key.expr;
  });
  return rebound(expr, used, p);
}

/** Read from a slot the block fills itself, or run per row: a subquery's answer, a window's. */
function computedElsewhere(e: Expr): boolean {
  return e.kind === 'Window' || e.kind === 'ScalarSubquery' || e.kind === 'InSubquery' || e.kind === 'Exists';
}

/**
 * `expr` bound through the scopes of the expressions it now reads. The predicate survives only a
 * renaming (every expression put in is a plain column): the scan it reaches names its own column.
 */
function rebound(expr: Expr, used: readonly BoundExpr[], from: Placed): Placed {
  const scopes = [...new Set(used.map((u) => u.scope))];
  const scope: ExprScope =
    scopes.length === 1
      ? scopes[0]!
      : { slots: new Map(scopes.flatMap((s) => [...s.slots])), subqueries: new Map(), context: from.condition.scope.context };
  const renamedOnly = used.every((u) => u.expr.kind === 'ColumnRef');
  const condition: BoundExpr = { expr, scope, type: from.condition.type, text: formatExpr(expr) };
  return placed(condition, renamedOnly ? from.predicate : null);
}
