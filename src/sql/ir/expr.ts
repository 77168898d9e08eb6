/**
 * Expression nodes of the typed IR. Small immutable nodes with a `kind`, in the Kysely style;
 * everything after the parser adapter works on these, never on node-sql-parser's AST.
 */
import type { ColumnType, Value } from '../../catalog/types.js';
import type { SelectStatement } from './select.js';
import type { WindowExpr } from './window.js';

export type Expr =
  | LiteralExpr
  | ParamExpr
  | ColumnRefExpr
  | UnaryExpr
  | BinaryExpr
  | LikeExpr
  | InListExpr
  | InSubqueryExpr
  | BetweenExpr
  | IsNullExpr
  | CaseExpr
  | CastExpr
  | FunctionExpr
  | AggregateExpr
  | ScalarSubqueryExpr
  | ExistsExpr
  | WindowExpr;

export interface LiteralExpr {
  readonly kind: 'Literal';
  readonly value: Value;
}

/** `?` (positional, 0-based in text order) or `@name`. bindParameters replaces these with literals. */
export type ParamRef = { readonly kind: 'Positional'; readonly index: number } | { readonly kind: 'Named'; readonly name: string };

export interface ParamExpr {
  readonly kind: 'Param';
  readonly ref: ParamRef;
}

export interface ColumnRefExpr {
  readonly kind: 'ColumnRef';
  /** Table name or alias as written, if qualified. */
  readonly table?: string;
  readonly column: string;
}

export interface UnaryExpr {
  readonly kind: 'Unary';
  readonly op: '-' | '+' | 'NOT';
  readonly operand: Expr;
}

export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type BinaryOp = ComparisonOp | ArithmeticOp | '||' | 'AND' | 'OR';

export interface BinaryExpr {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

export interface LikeExpr {
  readonly kind: 'Like';
  readonly operand: Expr;
  readonly pattern: Expr;
  readonly escape?: Expr;
  readonly negated: boolean;
}

export interface InListExpr {
  readonly kind: 'InList';
  readonly operand: Expr;
  readonly items: readonly Expr[];
  readonly negated: boolean;
}

export interface InSubqueryExpr {
  readonly kind: 'InSubquery';
  readonly operand: Expr;
  readonly query: SelectStatement;
  readonly negated: boolean;
}

export interface BetweenExpr {
  readonly kind: 'Between';
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly negated: boolean;
}

export interface IsNullExpr {
  readonly kind: 'IsNull';
  readonly operand: Expr;
  readonly negated: boolean;
}

export interface CaseExpr {
  readonly kind: 'Case';
  /** `CASE x WHEN ...` compares x with each `when`; absent for `CASE WHEN cond ...`. */
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
}

export interface CastExpr {
  readonly kind: 'Cast';
  readonly operand: Expr;
  readonly type: ColumnType;
}

/** A scalar function; `name` is upper case (`UPPER`, `COALESCE`, `CURRENT_TIMESTAMP`). */
export interface FunctionExpr {
  readonly kind: 'Function';
  readonly name: string;
  readonly args: readonly Expr[];
}

/**
 * `COUNT(DISTINCT a, b)` counts distinct (a, b) pairs with no NULL: its argument is this internal
 * function of a and b (a name no query can spell), NULL when any argument is NULL.
 */
export const TUPLE_FUNCTION = 'TUPLE OF';

/**
 * A decorrelated scalar subquery's value: `SINGLE ROW(rowCount, value)` is the value, or an error
 * when the subquery gave that outer row more than one row (an internal name, as TUPLE_FUNCTION).
 */
export const SINGLE_ROW_FUNCTION = 'SINGLE ROW';

export type AggregateName = 'COUNT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

export interface AggregateExpr {
  readonly kind: 'Aggregate';
  readonly name: AggregateName;
  /** Absent for COUNT(*). */
  readonly arg?: Expr;
  readonly distinct: boolean;
}

export interface ScalarSubqueryExpr {
  readonly kind: 'ScalarSubquery';
  readonly query: SelectStatement;
}

/** `EXISTS (SELECT ...)`; NOT EXISTS is NOT over it. */
export interface ExistsExpr {
  readonly kind: 'Exists';
  readonly query: SelectStatement;
}
