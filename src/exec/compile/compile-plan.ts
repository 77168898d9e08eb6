/**
 * The compile visitor: logical plan → streaming operators, one operator per node. It also keeps
 * which operator each node became, so EXPLAIN ANALYZE can read the rows each one produced.
 */
import { PlanError } from '../../errors.js';
import type { JoinCondition } from '../../logical/join-node.js';
import type { LogicalNode } from '../../logical/logical-node.js';
import type { SelectPlan } from '../../logical/select-plan.js';
import type { Evaluator } from '../evaluate.js';
import { AggregateOperator } from '../operators/aggregate.js';
import { ApplyOperator } from '../operators/apply.js';
import { DependentJoinOperator } from '../operators/dependent-join.js';
import { DistinctOperator } from '../operators/distinct.js';
import { FilterOperator } from '../operators/filter.js';
import { HashJoinOperator } from '../operators/hash-join.js';
import type { JoinSpec } from '../operators/join-support.js';
import { LimitOperator } from '../operators/limit.js';
import { ProjectOperator } from '../operators/project.js';
import { ScanOperator } from '../operators/scan.js';
import { SetOperationOperator } from '../operators/set-operation.js';
import { SingleRowOperator } from '../operators/single-row.js';
import { SortOperator } from '../operators/sort.js';
import { SpoolBudget, SpoolScanOperator } from '../operators/spool-scan.js';
import { SubqueryScanOperator } from '../operators/subquery-scan.js';
import { WindowOperator } from '../operators/window.js';
import type { PlanNode } from '../plan-node.js';
import { truth } from '../values.js';
import { compileBound } from './compile-bound.js';
import { rowNumberLimit } from './row-number-limit.js';
import { rowCondition } from './row-code.js';
import { rowAggregate } from './row-aggregate.js';
import { rowTopRows } from './row-window.js';
import { topKGate, type TopKGate } from './top-k-gate.js';

export interface CompiledSubquery {
  readonly kind: 'In' | 'Scalar' | 'Exists';
  readonly paramId: string;
  readonly select: CompiledSelect;
}

export interface CompiledSelect {
  readonly plan: SelectPlan;
  readonly root: PlanNode;
  readonly subqueries: readonly CompiledSubquery[];
}

/** Operators by the logical node they were compiled from. */
export type OperatorMap = ReadonlyMap<LogicalNode, PlanNode>;

export function compileSelect(plan: SelectPlan, operators: Map<LogicalNode, PlanNode> = new Map()): CompiledSelect {
  return compileBlock(plan, { operators, rowNumberLimits: new Map(), gates: new Map() });
}

interface CompileContext {
  readonly operators: Map<LogicalNode, PlanNode>;
  /** Window nodes whose rows above ROW_NUMBER k a filter above drops anyway. */
  readonly rowNumberLimits: Map<LogicalNode, number>;
  /** Scans read by a Sort under LIMIT: the gate it publishes its worst kept row through. */
  readonly gates: Map<LogicalNode, TopKGate>;
  /** Inside an Apply's inner block: scans become spools, read once for every outer row. */
  readonly spool?: SpoolBudget;
}

function compileBlock(plan: SelectPlan, context: CompileContext): CompiledSelect {
  return {
    plan,
    root: compileNode(plan.root, context),
    subqueries: plan.subqueries.map((s) => ({ kind: s.kind, paramId: s.paramId, select: compileBlock(s.plan, context) })),
  };
}

/**
 * `transient`: the consumer lets go of each batch's tuples before it asks for the next (it
 * aggregates, projects or copies them), so a scan below may reuse its tuples.
 */
function compileNode(node: LogicalNode, context: CompileContext, transient = false): PlanNode {
  const { operators } = context;
  const c = (n: LogicalNode, inputTransient = false): PlanNode => compileNode(n, context, inputTransient);
  let op: PlanNode;
  switch (node.kind) {
    case 'Scan': {
      const spool = context.spool;
      op = new ScanOperator({
        plan: node.plan,
        columns: node.columns,
        width: node.width,
        // A spooled scan keeps every row: its predicates (and any top-k cut) run per outer row, above the spool.
        local: spool ? [] : node.local.map(compileBound),
        ...(spool ? {} : optional('rowFilter', rowCondition(node.local, node.columns))),
        ...(spool ? {} : optional('gate', context.gates.get(node))),
        ...(node.limit !== undefined ? { limit: node.limit } : {}),
        paramIds: node.paramIds,
        ...(transient && !spool ? { transient } : {}),
      });
      if (spool) op = new SpoolScanOperator(op, node.local.map(compileBound), node.paramIds, spool);
      break;
    }
    case 'Values':
      op = new SingleRowOperator(node.width);
      break;
    case 'Subquery': {
      // Only while compiling this block: a WITH query read twice may be filtered on one read only.
      const limit = rowNumberLimit(node);
      if (limit !== undefined) context.rowNumberLimits.set(limit.window, limit.k);
      const block = compileBlock(node.plan, context);
      if (limit !== undefined) context.rowNumberLimits.delete(limit.window);
      op = new SubqueryScanOperator(block, node.columns, node.width, node.local.map(compileBound));
      break;
    }
    case 'SetOperation':
      op = new SetOperationOperator(node.op, node.all, compileBlock(node.inputs[0], context), compileBlock(node.inputs[1], context), node.width);
      break;
    case 'Filter':
      op = new FilterOperator(c(node.input, transient), allTrue(node.conditions.map(compileBound)));
      break;
    case 'Project':
      op = new ProjectOperator(c(node.input, true), node.outputs.map(compileBound), transient);
      break;
    case 'Aggregate': {
      const input = c(node.input, true);
      // Straight over a scan whose rows the keys and arguments read: no tuple per row.
      const fold = node.input.kind === 'Scan' && input instanceof ScanOperator && input.readsRows ? rowAggregate(node, node.input) : undefined;
      op = new AggregateOperator(
        input,
        node.groups.map(compileBound),
        node.aggregates.map((a) => ({ name: a.name, distinct: a.distinct, ...(a.arg ? { arg: compileBound(a.arg) } : {}) })),
        fold && input instanceof ScanOperator ? { scan: input, fold } : undefined,
      );
      break;
    }
    case 'Window': {
      const input = c(node.input, true);
      const topRows = context.rowNumberLimits.get(node);
      // ROW_NUMBER ≤ k straight over a scan's rows: a row becomes a tuple only when it is kept.
      const top = topRows !== undefined && node.input.kind === 'Scan' && input instanceof ScanOperator && input.readsRows ? rowTopRows(node, node.input) : undefined;
      op = new WindowOperator(
        input,
        node.calls.map((w) => ({
          name: w.name,
          args: w.args.map(compileBound),
          partitionBy: w.partitionBy.map(compileBound),
          orderBy: w.orderBy.map((o) => ({ key: compileBound(o.key), desc: o.desc, nullsFirst: o.nullsFirst })),
          ...(w.frame ? { frame: w.frame } : {}),
        })),
        node.width,
        topRows,
        top && input instanceof ScanOperator ? { scan: input, top } : undefined,
      );
      break;
    }
    case 'Sort':
      // Under a LIMIT the sort copies the few rows it keeps, so its input may reuse tuples.
      {
        const gated = node.keep === undefined ? undefined : topKGate(node.input, node.keys);
        if (gated) context.gates.set(gated.scan, gated.gate);
        op = new SortOperator(c(node.input, node.keep !== undefined), node.keys, node.keep, gated?.gate);
        if (gated) context.gates.delete(gated.scan);
      }
      break;
    case 'Limit':
      op = new LimitOperator(c(node.input, transient), node.limit, node.offset);
      break;
    case 'Distinct':
      op = new DistinctOperator(c(node.input));
      break;
    case 'Join':
      // The outer side streams through (the hash table keeps only inner tuples): transient when the join's consumer is.
      op = new HashJoinOperator(c(node.outer, transient), c(node.inner), joinSpec(node));
      break;
    case 'DependentJoin':
      op = new DependentJoinOperator(c(node.outer), c(node.inner), joinSpec(node), node.paramKeyIndex, node.paramId, node.batchSize);
      break;
    case 'Apply': {
      const inner = compileBlock(node.plan, { ...context, spool: new SpoolBudget(node.limits.spooledRows) });
      op = new ApplyOperator(c(node.outer), inner, {
        mode: node.mode,
        ...(node.operand ? { operand: compileBound(node.operand) } : {}),
        outerValues: node.outerValues.map((o) => ({ paramId: o.paramId, value: compileBound(o.value) })),
        slot: node.slot,
        limits: node.limits,
      });
      break;
    }
    case 'UnplannedScan':
      throw new PlanError(`Internal planner error: the scan of ${node.label} was not negotiated with its source`);
    default:
      return unknownNode(node);
  }
  operators.set(node, op);
  return op;
}

function joinSpec(join: JoinCondition): JoinSpec {
  return {
    type: join.type,
    keys: join.keys.map((k) => ({ outer: compileBound(k.outer), inner: compileBound(k.inner), type: k.type })),
    ...(join.residual ? { residual: compileBound(join.residual) } : {}),
    innerSlots: join.innerSlots,
  };
}

/** Three-valued AND of conditions: false wins, then unknown. */
function allTrue(conditions: readonly Evaluator[]): Evaluator {
  if (conditions.length === 1) return conditions[0]!;
  return (t, env) => {
    let unknown = false;
    for (const f of conditions) {
      const v = truth(f(t, env));
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  };
}

/** `{ key: value }`, or nothing when value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}

function unknownNode(node: never): never {
  throw new PlanError(`Internal planner error: no operator for ${(node as { kind: string }).kind}`);
}
