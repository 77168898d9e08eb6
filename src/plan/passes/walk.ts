/** Tree walks the passes share: rebuild a node with new inputs, and rewrite every query block of a plan. */
import type { FilterNode } from '../../logical/filter-node.js';
import { inputsOf, type LogicalNode } from '../../logical/logical-node.js';
import type { SelectPlan } from '../../logical/select-plan.js';

/** `node` over `inputs` (outer side first); the node itself when nothing changed. */
export function withInputs(node: LogicalNode, inputs: readonly LogicalNode[]): LogicalNode {
  const old = inputsOf(node);
  if (old.every((n, i) => n === inputs[i])) return node;
  if (node.kind === 'Join' || node.kind === 'DependentJoin') return { ...node, outer: inputs[0]!, inner: inputs[1]! };
  if (node.kind === 'Apply') return { ...node, outer: inputs[0]! };
  if ('input' in node) return { ...node, input: inputs[0]! } as LogicalNode;
  return node;
}

/** `filter` over `input`, taking in a placed Filter right below it: adjacent filters are one conjunction. */
export function filterOver(filter: FilterNode, input: LogicalNode): LogicalNode {
  if (input.kind !== 'Filter' || input.candidates !== undefined || filter.candidates !== undefined) return withInputs(filter, [input]);
  return { kind: 'Filter', input: input.input, conditions: [...filter.conditions, ...input.conditions] };
}

/**
 * The scan at the bottom of a table's side as planFrom builds it, under its narrowing Filters and
 * the Applies of its ON's correlated subqueries, and that side rebuilt over another leaf.
 */
export function scanUnder<S extends LogicalNode>(node: LogicalNode, isScan: (n: LogicalNode) => n is S): { scan: S; over: (leaf: LogicalNode) => LogicalNode } | undefined {
  if (isScan(node)) return { scan: node, over: (leaf) => leaf };
  if (node.kind !== 'Filter' && node.kind !== 'Apply') return undefined;
  const below = scanUnder(node.kind === 'Filter' ? node.input : node.outer, isScan);
  return below && { scan: below.scan, over: (leaf) => withInputs(node, [below.over(leaf)]) };
}

/**
 * Applies `rewrite` to the root of every query block (derived tables, WITH queries, set operation
 * operands, an Apply's inner block, subqueries run first), innermost blocks first, then to the plan's own root.
 */
export function mapBlocks(plan: SelectPlan, rewrite: (root: LogicalNode) => LogicalNode): SelectPlan {
  const visit = (node: LogicalNode): LogicalNode => {
    let next = withInputs(node, inputsOf(node).map(visit));
    if (next.kind === 'Subquery') {
      const inner = mapBlocks(next.plan, rewrite);
      if (inner !== next.plan) next = { ...next, plan: inner };
    } else if (next.kind === 'Apply') {
      const inner = mapBlocks(next.plan, rewrite);
      if (inner !== next.plan) next = { ...next, plan: inner };
    } else if (next.kind === 'SetOperation') {
      const left = mapBlocks(next.inputs[0], rewrite);
      const right = mapBlocks(next.inputs[1], rewrite);
      if (left !== next.inputs[0] || right !== next.inputs[1]) next = { ...next, inputs: [left, right] };
    }
    return next;
  };
  const subqueries = plan.subqueries.map((s) => {
    const inner = mapBlocks(s.plan, rewrite);
    return inner === s.plan ? s : { ...s, plan: inner };
  });
  const root = rewrite(visit(plan.root));
  if (root === plan.root && subqueries.every((s, i) => s === plan.subqueries[i])) return plan;
  return { ...plan, root, subqueries };
}
