import type { BoundExpr } from './expr-scope.js';
import type { LogicalNode } from './logical-node.js';
import type { SelectPlan } from './select-plan.js';

/**
 * What the inner block answers for one outer row: a value (Scalar), whether a row exists (Exists),
 * or `operand [NOT] IN (inner)` with SQL's NULL rule (In, NotIn). NOT EXISTS is NOT over Exists.
 */
export type ApplyMode = 'Scalar' | 'Exists' | 'In' | 'NotIn';

/** An outer value the inner block reads: the inner refers to it as `OUTER REF(paramId, …)`. */
export interface OuterValue {
  readonly paramId: string;
  /** Over the outer tuple. */
  readonly value: BoundExpr;
}

/** Bounds of one Apply's work: past them the query fails with a PlanError instead of running out of memory. */
export interface ApplyLimits {
  /** Distinct outer values (one run of the inner block each). */
  readonly evaluations: number;
  /** Rows held by the inner block's scan spools. */
  readonly spooledRows: number;
}

export const DEFAULT_APPLY_LIMITS: ApplyLimits = { evaluations: 100_000, spooledRows: 100_000 };

/**
 * A correlated subquery that could not be decorrelated: for each distinct combination of the outer
 * values it reads, the inner block runs with those values bound, and its answer goes into `slot`
 * of the outer tuple. The inner block's scans never depend on the outer values (a correlated
 * predicate is never pushed into a scan), so each is read once and replayed from a spool.
 */
export interface ApplyNode {
  readonly kind: 'Apply';
  readonly outer: LogicalNode;
  readonly plan: SelectPlan;
  readonly mode: ApplyMode;
  /** For In / NotIn: the left side, over the outer tuple. */
  readonly operand?: BoundExpr;
  readonly outerValues: readonly OuterValue[];
  /** Outer tuple slot that receives the answer. */
  readonly slot: number;
  /** The subquery's text, for EXPLAIN. */
  readonly subquery: string;
  /** Why the decorrelation did not turn it into a join, for EXPLAIN. */
  readonly reason: string;
  readonly limits: ApplyLimits;
}
