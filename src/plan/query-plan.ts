/** planStatement: a SELECT or EXPLAIN statement → its logical plan. All PlanErrors surface here, before any I/O. */
import type { ExplainStatement, SelectStatement } from '../sql/ir.js';
import type { LogicalQuery } from '../logical/logical-query.js';
import { planSelect } from './plan-select.js';
import type { Catalog } from './scan.js';

export type { LogicalQuery } from '../logical/logical-query.js';

export interface QueryPlanOptions {
  /** Outer rows per batch of a dependent join (default 1000). */
  readonly joinBatchSize?: number;
  /** CURRENT_TIMESTAMP (default: when planned). */
  readonly now?: Date;
  /** Called at every planning step (each SELECT block, table, join and select item); throws to stop planning. */
  readonly checkpoint?: () => void;
}

export function planStatement(statement: SelectStatement | ExplainStatement, catalog: Catalog, options: QueryPlanOptions = {}): LogicalQuery {
  const now = options.now ?? new Date();
  const planOptions = {
    now,
    ...(options.joinBatchSize !== undefined ? { joinBatchSize: options.joinBatchSize } : {}),
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
  };
  if (statement.kind === 'Explain') return { kind: 'Explain', analyze: statement.analyze, plan: planSelect(statement.query, catalog, planOptions), now };
  return { kind: 'Select', plan: planSelect(statement, catalog, planOptions), now };
}
