/** Window functions: `f(args) OVER (PARTITION BY ... ORDER BY ... [ROWS frame])`. */
import type { Expr } from './expr.js';
import type { OrderItem } from './select.js';

export type WindowFunctionName =
  | 'ROW_NUMBER'
  | 'RANK'
  | 'DENSE_RANK'
  | 'NTILE'
  | 'LAG'
  | 'LEAD'
  | 'FIRST_VALUE'
  | 'LAST_VALUE'
  | 'SUM'
  | 'COUNT'
  | 'AVG'
  | 'MIN'
  | 'MAX';

/** A frame bound; `offset` rows for Preceding/Following. */
export type FrameBound =
  | { readonly kind: 'UnboundedPreceding' }
  | { readonly kind: 'Preceding'; readonly offset: number }
  | { readonly kind: 'CurrentRow' }
  | { readonly kind: 'Following'; readonly offset: number }
  | { readonly kind: 'UnboundedFollowing' };

export interface WindowFrame {
  readonly unit: 'Rows' | 'Range';
  readonly start: FrameBound;
  readonly end: FrameBound;
}

export interface WindowExpr {
  readonly kind: 'Window';
  readonly name: WindowFunctionName;
  /** COUNT(*) has none. */
  readonly args: readonly Expr[];
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  /** Absent: the whole partition without ORDER BY, else from the start to the current row and its peers. */
  readonly frame?: WindowFrame;
}
