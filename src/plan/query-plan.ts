/** planStatement: a SELECT or EXPLAIN statement → its logical plan. All PlanErrors surface here, before any I/O. */
import type { ExplainStatement, SelectStatement } from '../sql/ir.js';
import type { LogicalQuery } from '../logical/logical-query.js';
import { DEFAULT_JOIN_BATCH, runPasses, type AfterPass } from './passes/index.js';
import { planSelect } from './plan-select.js';
import type { Catalog } from './scan.js';

export type { LogicalQuery } from '../logical/logical-query.js';
export type { AfterPass } from './passes/index.js';

export interface QueryPlanOptions {
  /** Outer rows per batch of a dependent join (default 1000). */
  readonly joinBatchSize?: number;
  /** CURRENT_TIMESTAMP (default: when planned). */
  readonly now?: Date;
  /** Called at every planning step (each SELECT block, table, join and select item); throws to stop planning. */
  readonly checkpoint?: () => void;
  /** Sees the plan as built ('planned') and after each rewrite pass, by pass name. */
  readonly afterPass?: AfterPass;
}

export function planStatement(statement: SelectStatement | ExplainStatement, catalog: Catalog, options: QueryPlanOptions = {}): LogicalQuery {
  const now = options.now ?? new Date();
  const planOptions = {
    now,
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
  };
  const query = statement.kind === 'Explain' ? statement.query : statement;
  const plan = runPasses(planSelect(query, catalog, planOptions), { joinBatchSize: options.joinBatchSize ?? DEFAULT_JOIN_BATCH }, options.afterPass);
  if (statement.kind === 'Explain') return { kind: 'Explain', analyze: statement.analyze, plan, now };
  return { kind: 'Select', plan, now };
}
