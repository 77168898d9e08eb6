/**
 * The differential suite's own query model: generators build it, render.ts prints it for
 * socialsql and for SQLite. A new construct adds a node here, a generator module in generators/
 * and a case in render.ts.
 */
export type ColumnType = 'String' | 'Int' | 'Long' | 'Double' | 'Boolean' | 'Datetime';

export interface ColumnRef {
  readonly k: 'col';
  readonly alias: string;
  readonly column: string;
  readonly type: ColumnType;
}

export type Expr =
  | ColumnRef
  | { readonly k: 'lit'; readonly value: string | number | boolean | null; readonly type: ColumnType }
  | { readonly k: 'cmp'; readonly op: '=' | '<>' | '<' | '<=' | '>' | '>='; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'and' | 'or'; readonly items: readonly Expr[] }
  | { readonly k: 'not'; readonly e: Expr }
  | { readonly k: 'isnull'; readonly e: Expr; readonly neg: boolean }
  | { readonly k: 'like'; readonly e: Expr; readonly pattern: string; readonly escape?: string; readonly neg: boolean }
  | { readonly k: 'in'; readonly e: Expr; readonly items: readonly Expr[]; readonly neg: boolean }
  | { readonly k: 'between'; readonly e: Expr; readonly lo: Expr; readonly hi: Expr; readonly neg: boolean }
  | { readonly k: 'insub'; readonly e: Expr; readonly sub: Query; readonly neg: boolean }
  | { readonly k: 'exists'; readonly sub: Query; readonly neg: boolean }
  /** A subquery as a value (correlated: it reads the outer query in its WHERE). */
  | { readonly k: 'scalarsub'; readonly sub: Query }
  | { readonly k: 'arith'; readonly op: '+' | '-' | '*' | '/'; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'agg'; readonly fn: 'COUNT' | 'SUM' | 'AVG' | 'MIN' | 'MAX'; readonly arg?: Expr; readonly distinct: boolean }
  /** An aggregate over a whole partition: its value does not depend on row order. */
  | { readonly k: 'win'; readonly fn: 'COUNT' | 'SUM' | 'MIN' | 'MAX'; readonly arg?: Expr; readonly partitionBy: readonly Expr[] };

export interface TableRef {
  /** The table's name; for a derived table or WITH query, its alias. */
  readonly table: string;
  readonly alias: string;
  /** A derived table (`FROM (…) d`) or, with `cte`, a WITH query (`WITH d AS (…) … FROM d`). */
  readonly block?: Block;
  readonly cte?: boolean;
}

/** What a derived table or WITH query holds: a SELECT, or a set operation of two SELECTs without ORDER BY or LIMIT. */
export type Block =
  | { readonly k: 'select'; readonly q: Query }
  | { readonly k: 'setop'; readonly op: 'UNION' | 'UNION ALL' | 'INTERSECT' | 'EXCEPT'; readonly left: Query; readonly right: Query };

export interface JoinClause {
  readonly type: 'JOIN' | 'LEFT JOIN' | 'RIGHT JOIN' | 'FULL JOIN';
  readonly table: TableRef;
  readonly on: Expr;
}

export interface OrderKey {
  readonly e: Expr;
  readonly desc: boolean;
}

export interface Query {
  readonly distinct: boolean;
  readonly items: readonly { readonly e: Expr; readonly as: string }[];
  readonly from: TableRef;
  readonly joins: readonly JoinClause[];
  readonly where?: Expr;
  readonly groupBy: readonly Expr[];
  readonly having?: Expr;
  /** When present, the keys order the result fully (they end with every table's unique key). */
  readonly orderBy: readonly OrderKey[];
  readonly limit?: number;
  readonly offset?: number;
}

/** Why a query's mismatches may belong to another area (reported, not failed, unless DIFF_STRICT=1). */
export type Category = 'odd-ids' | 'accounts-join';
