/** Queries that are not a single SELECT: UNION / INTERSECT / EXCEPT of two queries. */
import type { SelectStatement } from './select.js';

export type SetOperator = 'Union' | 'Intersect' | 'Except';

/** Left-associative, as SQLite: `a UNION b INTERSECT c` is `(a UNION b) INTERSECT c`. */
export interface SetOperationQuery {
  readonly kind: 'SetOperation';
  readonly op: SetOperator;
  /** UNION ALL keeps duplicates; INTERSECT ALL / EXCEPT ALL count them. */
  readonly all: boolean;
  readonly left: QueryExpr;
  readonly right: QueryExpr;
}

/** What a subquery in FROM, a CTE or a set operation's operand holds. */
export type QueryExpr = SelectStatement | SetOperationQuery;
