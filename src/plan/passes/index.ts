/**
 * The rewrite passes over a planned statement, in a fixed order. Each pass rewrites the root of
 * every query block; `afterPass` sees the plan after each one (tests and EXPLAIN use it).
 */
import type { LogicalNode } from '../../logical/logical-node.js';
import type { SelectPlan } from '../../logical/select-plan.js';
import { negotiateScans } from './negotiate-scans.js';
import { placePredicates } from './place-predicates.js';
import { pushLimit } from './push-limit.js';
import { mapBlocks } from './walk.js';

export interface PlanPass {
  readonly name: string;
  /** Rewrites one query block's root; nested blocks are rewritten before the block that reads them. */
  rewrite(root: LogicalNode): LogicalNode;
}

export const PASSES: readonly PlanPass[] = [
  { name: 'place-predicates', rewrite: placePredicates },
  { name: 'negotiate-scans', rewrite: negotiateScans },
  { name: 'push-limit', rewrite: pushLimit },
];

export type AfterPass = (name: string, plan: SelectPlan) => void;

export function runPasses(plan: SelectPlan, afterPass?: AfterPass): SelectPlan {
  afterPass?.('planned', plan);
  for (const pass of PASSES) {
    plan = mapBlocks(plan, pass.rewrite);
    afterPass?.(pass.name, plan);
  }
  return plan;
}
