/** Logical plans as plain data for deepEqual: the facts each node carries, with its inputs and the blocks it reads. */
import { blocksOf, inputsOf, type LogicalNode } from '../../src/logical/logical-node.js';
import type { SelectPlan } from '../../src/logical/select-plan.js';
import type { PushdownPredicate } from '../../src/source/contract.js';

function describe(p: PushdownPredicate): string {
  const operand = (o: { kind: 'Const'; value: unknown } | { kind: 'Param'; id: string }): string => (o.kind === 'Const' ? String(o.value) : `{${o.id}}`);
  if (p.kind === 'Compare') return `${p.column} ${p.op} ${operand(p.operand)}`;
  if (p.kind === 'In') return `${p.column} IN (${p.operands.map(operand).join(', ')})`;
  return p.kind;
}

export function shape(node: LogicalNode): Record<string, unknown> {
  const facts: Record<string, unknown> = { kind: node.kind };
  switch (node.kind) {
    case 'Scan': {
      const e = node.plan.explain();
      Object.assign(facts, {
        label: node.label,
        pushed: e.pushed,
        local: node.local.map((l) => l.text),
        ...(node.limit !== undefined ? { limit: node.limit } : {}),
        ...(node.sorted ? { sorted: node.request.orderBy?.map((k) => `${k.column}${k.desc ? ' DESC' : ''}`) } : {}),
      });
      break;
    }
    case 'UnplannedScan':
      Object.assign(facts, {
        label: node.label,
        offered: node.offers.map((o) => o.check.text),
        local: node.local.map((l) => l.text),
        ...(node.joinParam ? { joinParam: [...node.joinParam.implied, node.joinParam.param].map(describe) } : {}),
      });
      break;
    case 'Filter':
      Object.assign(facts, { conditions: node.conditions.map((c) => c.text), ...(node.candidates ? { placeable: true } : {}) });
      break;
    case 'Project':
      facts.names = node.names;
      break;
    case 'Aggregate':
      Object.assign(facts, { groups: node.groups.map((g) => g.text), aggregates: node.aggregates.map((a) => a.text) });
      break;
    case 'Window':
      facts.calls = node.calls.map((c) => c.text);
      break;
    case 'Sort':
      Object.assign(facts, { keys: node.keys.map((k) => k.text), ...(node.keep !== undefined ? { keep: node.keep } : {}) });
      break;
    case 'Limit':
      Object.assign(facts, { limit: node.limit, offset: node.offset });
      break;
    case 'Join':
    case 'DependentJoin':
      Object.assign(facts, {
        type: node.type,
        keys: node.keys.map((k) => k.text),
        ...(node.residual ? { residual: node.residual.text } : {}),
        ...(node.kind === 'DependentJoin' && node.fallback ? { fallback: node.fallback.type } : {}),
      });
      break;
    case 'Subquery':
      Object.assign(facts, { label: node.label, pushed: node.pushed, local: node.local.map((l) => l.text), ...(node.decorrelated !== undefined ? { decorrelated: node.decorrelated } : {}) });
      break;
    case 'SetOperation':
      Object.assign(facts, { op: node.op, all: node.all });
      break;
    default:
      break;
  }
  const inputs = inputsOf(node).map(shape);
  const blocks = blocksOf(node).map(block);
  return { ...facts, ...(inputs.length > 0 ? { inputs } : {}), ...(blocks.length > 0 ? { blocks } : {}) };
}

export function block(plan: SelectPlan): Record<string, unknown> {
  return { root: shape(plan.root), ...(plan.subqueries.length > 0 ? { subqueries: plan.subqueries.map((s) => ({ kind: s.kind, paramId: s.paramId, ...block(s.plan) })) } : {}) };
}
