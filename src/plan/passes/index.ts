/**
 * The rewrite passes over a planned statement, in a fixed order. Each pass rewrites the root of
 * every query block; `afterPass` sees the plan after each one (tests and EXPLAIN use it).
 */
import type { LogicalNode } from '../../logical/logical-node.js';
import type { SelectPlan } from '../../logical/select-plan.js';
import { chooseDependentJoins } from './choose-dependent-joins.js';
import { chooseJoinOrder } from './choose-join-order.js';
import { negotiateScans } from './negotiate-scans.js';
import { placePredicates } from './place-predicates.js';
import { pushLimit } from './push-limit.js';
import { mapBlocks } from './walk.js';

export interface PlanPass {
  readonly name: string;
  /** Rewrites one query block's root; nested blocks are rewritten before the block that reads them. */
  rewrite(root: LogicalNode, options: PassOptions): LogicalNode;
}

export interface PassOptions {
  /** Outer rows per batch of a dependent join. */
  readonly joinBatchSize: number;
}

/** Outer rows per batch of a dependent join, unless the query options say otherwise. */
export const DEFAULT_JOIN_BATCH = 1000;

export const PASSES: readonly PlanPass[] = [
  // First: which table is the inner side decides which one a dependent join can drive.
  { name: 'choose-join-order', rewrite: chooseJoinOrder },
  // Before place-predicates, which reads a dependent join's fallback type.
  { name: 'choose-dependent-joins', rewrite: chooseDependentJoins },
  { name: 'place-predicates', rewrite: placePredicates },
  { name: 'negotiate-scans', rewrite: negotiateScans },
  { name: 'push-limit', rewrite: pushLimit },
];

export type AfterPass = (name: string, plan: SelectPlan) => void;

export function runPasses(plan: SelectPlan, options: PassOptions = { joinBatchSize: DEFAULT_JOIN_BATCH }, afterPass?: AfterPass): SelectPlan {
  afterPass?.('planned', plan);
  for (const pass of PASSES) {
    plan = mapBlocks(plan, (root) => pass.rewrite(root, options));
    afterPass?.(pass.name, plan);
  }
  return plan;
}
