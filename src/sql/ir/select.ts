/** SELECT and the clauses it is made of. */
import type { Expr } from './expr.js';
import type { QueryExpr } from './set-operation.js';

export interface TableRef {
  readonly kind: 'TableRef';
  /** The table's name, or for a derived table or CTE the name it is known by. */
  readonly name: string;
  readonly alias?: string;
  /** A derived table (`(SELECT ...) AS d`) or a reference to a WITH query: the rows of this query. */
  readonly query?: QueryExpr;
  /** For the groups a correlated subquery became (plan/rewrite): that subquery's text, for EXPLAIN. */
  readonly decorrelated?: string;
}

/** `Cross` has no `on`. */
export type JoinType = 'Inner' | 'Left' | 'Right' | 'Full' | 'Cross';

export interface Join {
  readonly kind: 'Join';
  readonly type: JoinType;
  readonly table: TableRef;
  readonly on?: Expr;
}

export interface FromClause {
  readonly kind: 'From';
  readonly table: TableRef;
  readonly joins: readonly Join[];
}

export type SelectItem =
  | { readonly kind: 'SelectExpr'; readonly expr: Expr; readonly alias?: string }
  /** `*` or `t.*`. */
  | { readonly kind: 'Star'; readonly table?: string };

export interface OrderItem {
  readonly kind: 'OrderItem';
  /** An expression, an output alias (as a ColumnRef) or a 1-based ordinal (as an integer Literal). */
  readonly expr: Expr;
  readonly desc: boolean;
  /** Absent: NULLs first for ASC, last for DESC (SQL Server / SQLite). */
  readonly nulls?: 'First' | 'Last';
}

export interface SelectStatement {
  readonly kind: 'Select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  /** Absent for `SELECT 1`. */
  readonly from?: FromClause;
  readonly where?: Expr;
  readonly groupBy: readonly Expr[];
  readonly having?: Expr;
  readonly orderBy: readonly OrderItem[];
  /** LIMIT / TOP / FETCH NEXT: a literal or a parameter, checked when planned. */
  readonly limit?: Expr;
  readonly offset?: Expr;
}
