/**
 * EXPLAIN: a visitor over the logical plan that yields one row per node in tree order. The tree is
 * in `ParentId` and in the indentation of `Operation`, so it reads well in a terminal table and is
 * easy to assert. EXPLAIN ANALYZE passes what each node's operator produced.
 */
import { conjunctText } from './expr-scope.js';
import type { Field, Row } from '../catalog/types.js';
import type { JoinCondition } from './join-node.js';
import { blocksOf, inputsOf, type LogicalNode } from './logical-node.js';
import type { SelectPlan } from './select-plan.js';

export const EXPLAIN_FIELDS: readonly Field[] = [
  { name: 'Id', type: 'Int' },
  { name: 'ParentId', type: 'Int' },
  { name: 'Operation', type: 'String' },
  { name: 'Detail', type: 'String' },
  { name: 'EstimatedCalls', type: 'Long' },
  { name: 'ActualCalls', type: 'Long' },
  { name: 'ActualRows', type: 'Long' },
];

/** Rows a node's operator produced over the run (EXPLAIN ANALYZE). */
export type ActualRows = (node: LogicalNode) => number | undefined;

/** One EXPLAIN line before numbering: what a node says about itself. */
export interface ExplainLine {
  readonly depth: number;
  readonly operation: string;
  readonly detail: string;
  readonly estimatedCalls: number | null;
  readonly actualCalls: number | null;
  readonly actualRows: number | null;
}

export function explainRows(plan: SelectPlan, actual?: ActualRows): Row[] {
  const lines: ExplainLine[] = [];
  explainSelect(plan, 0, lines, actual);
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

function explainSelect(plan: SelectPlan, depth: number, lines: ExplainLine[], actual: ActualRows | undefined): void {
  const visit = (node: LogicalNode, d: number): void => {
    const scan = node.kind === 'Scan' ? node.plan : undefined;
    lines.push({
      depth: d,
      operation: operationOf(node),
      detail: detailOf(node),
      estimatedCalls: scan ? scan.explain().estimatedCalls : null,
      actualCalls: scan && actual ? scan.stats().calls : null,
      actualRows: actual ? (actual(node) ?? 0) : null,
    });
    inputsOf(node).forEach((child) => visit(child, d + 1));
    blocksOf(node).forEach((block) => explainSelect(block, d + 1, lines, actual));
  };
  visit(plan.root, depth);
  for (const sub of plan.subqueries) {
    const how = sub.kind === 'In' ? `IN list, run first and offered to the scan as Param ${sub.paramId}` : sub.kind === 'Exists' ? 'EXISTS, run first (one row is enough)' : 'scalar value, run first';
    lines.push({ depth: depth + 1, operation: 'Subquery', detail: `${sub.paramId}: ${how}`, estimatedCalls: null, actualCalls: null, actualRows: null });
    explainSelect(sub.plan, depth + 2, lines, actual);
  }
}

export function operationOf(node: LogicalNode): string {
  switch (node.kind) {
    case 'Values':
      return 'SingleRow';
    case 'Join':
      return node.keys.length > 0 ? 'HashJoin' : 'NestedLoopJoin';
    default:
      return node.kind;
  }
}

export function detailOf(node: LogicalNode): string {
  switch (node.kind) {
    case 'Scan': {
      const e = node.plan.explain();
      const parts = [`${node.label} via ${e.endpoint}`];
      parts.push(`pushed: ${e.pushed.length > 0 ? e.pushed.join(', ') : '(none)'}`);
      if (node.local.length > 0) parts.push(`local filter: ${conjunctText(node.local)}`);
      if (node.limit !== undefined) parts.push(`limit ${node.limit} sent to source`);
      const notes = [...(node.sorted ? ['rows arrive sorted by the source'] : []), ...e.notes];
      if (notes.length > 0) parts.push(`notes: ${notes.join('; ')}`);
      return parts.join('; ');
    }
    case 'UnplannedScan':
      return `${node.label} (not negotiated with its source)`;
    case 'Values':
      return 'no FROM clause';
    case 'Subquery': {
      const parts = [node.decorrelated !== undefined ? `${node.label}: decorrelated ${node.decorrelated}, computed once for all outer rows and joined on its correlation keys` : `${node.label}: rows of the query below`];
      if (node.pushed.length > 0) parts.push(`pushed into it: ${node.pushed.join(' AND ')}`);
      if (node.local.length > 0) parts.push(`local filter: ${conjunctText(node.local)}`);
      return parts.join('; ');
    }
    case 'SetOperation':
      return `${node.op.toUpperCase()}${node.all ? ' ALL' : ''} of ${node.width} column(s)${node.all && node.op === 'Union' ? '' : '; duplicates compared with NULLs equal'}`;
    case 'Filter':
      return conjunctText(node.conditions);
    case 'Project':
      return node.names.map((name, i) => (node.outputs[i]!.text === name ? name : `${node.outputs[i]!.text} AS ${name}`)).join(', ');
    case 'Aggregate': {
      const parts: string[] = [];
      if (node.groups.length > 0) parts.push(`GROUP BY ${node.groups.map((g) => g.text).join(', ')}`);
      if (node.aggregates.length > 0) parts.push(node.aggregates.map((a) => a.text).join(', '));
      return parts.join('; ') || '(one group)';
    }
    case 'Window':
      return node.calls.map((c) => c.text).join(', ');
    case 'Sort':
      return node.keys.map((k) => k.text).join(', ');
    case 'Limit':
      return [node.limit !== undefined ? `${node.limit}` : 'ALL', ...(node.offset > 0 ? [`OFFSET ${node.offset}`] : [])].join(' ');
    case 'Distinct':
      return 'on all output columns';
    case 'Join':
      return `${node.type.toUpperCase()} ${describeJoin(node)}; build side: ${node.inner.kind === 'Scan' ? 'inner scan' : 'inner'}`;
    case 'DependentJoin': {
      const key = node.keys[node.paramKeyIndex]!;
      return `${node.type.toUpperCase()} ${describeJoin(node)}; inner scan gets the outer ${key.outer.text} values as ${node.paramId}, ${node.batchSize} outer rows per batch`;
    }
    case 'Apply': {
      const what = node.mode === 'Scalar' ? 'value' : node.mode === 'Exists' ? 'EXISTS' : `${node.operand!.text} ${node.mode === 'NotIn' ? 'NOT IN' : 'IN'}`;
      const reads = node.outerValues.map((o) => `${o.value.text} as ${o.paramId}`).join(', ');
      return `${what} of ${node.subquery} into slot ${node.slot}, run once per distinct outer ${reads}; not decorrelated: ${node.reason}; inner scans read once and replayed`;
    }
  }
}

function describeJoin(join: JoinCondition): string {
  const on = [...join.keys.map((k) => k.text), ...(join.residual ? [join.residual.text] : [])];
  return on.length > 0 ? `ON ${on.join(' AND ')}` : 'no condition (cross product)';
}
