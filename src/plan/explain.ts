/**
 * EXPLAIN output: one row per plan node in tree order. The tree is in `ParentId` and in the
 * indentation of `Operation`, so it reads well in a terminal table and is easy to assert.
 */
import type { Field, Row } from '../catalog/types.js';
import type { PlanNode } from '../exec/plan-node.js';
import type { SelectPlan } from './plan-select.js';

export const EXPLAIN_FIELDS: readonly Field[] = [
  { name: 'Id', type: 'Int' },
  { name: 'ParentId', type: 'Int' },
  { name: 'Operation', type: 'String' },
  { name: 'Detail', type: 'String' },
  { name: 'EstimatedCalls', type: 'Long' },
  { name: 'ActualCalls', type: 'Long' },
  { name: 'ActualRows', type: 'Long' },
];

interface Line {
  readonly depth: number;
  readonly operation: string;
  readonly detail: string;
  readonly estimatedCalls: number | null;
  readonly actualCalls: number | null;
  readonly actualRows: number | null;
}

export function explainRows(plan: SelectPlan, analyzed: boolean): Row[] {
  const lines: Line[] = [];
  collect(plan, 0, lines, analyzed);
  const parents: number[] = [];
  return lines.map((line, i) => {
    parents.length = line.depth;
    const parent = line.depth > 0 ? (parents[line.depth - 1] ?? null) : null;
    parents[line.depth] = i + 1;
    return {
      Id: i + 1,
      ParentId: parent,
      Operation: '  '.repeat(line.depth) + line.operation,
      Detail: line.detail,
      EstimatedCalls: line.estimatedCalls,
      ActualCalls: line.actualCalls,
      ActualRows: line.actualRows,
    };
  });
}

function collect(plan: SelectPlan, depth: number, lines: Line[], analyzed: boolean): void {
  const visit = (node: PlanNode, d: number): void => {
    const explain = node.scan?.explain();
    const stats = analyzed ? node.scan?.stats() : undefined;
    lines.push({
      depth: d,
      operation: node.operation,
      detail: node.detail(),
      estimatedCalls: explain ? explain.estimatedCalls : null,
      actualCalls: stats ? stats.calls : null,
      actualRows: analyzed ? node.produced.rows : null,
    });
    node.children.forEach((child) => visit(child, d + 1));
  };
  visit(plan.root, depth);
  for (const sub of plan.subqueries) {
    const how = sub.kind === 'In' ? `IN list, run first and offered to the scan as Param ${sub.paramId}` : 'scalar value, run first';
    lines.push({ depth: depth + 1, operation: 'Subquery', detail: `${sub.paramId}: ${how}`, estimatedCalls: null, actualCalls: null, actualRows: null });
    collect(sub.plan, depth + 2, lines, analyzed);
  }
}
