/**
 * Predicates the engine offers a table, and how much of each the table's API applies:
 *   - exact:       the source applies it fully; the engine drops it.
 *   - inexact:     the source uses it to fetch less; the engine re-checks it on every row.
 *   - unsupported: the engine evaluates it locally.
 */
import type { Value } from '../catalog/types.js';

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * A value known at plan time, or a parameter filled in when the scan is read:
 * the key values of a dependent join, or the result of an `IN (SELECT ...)` subquery.
 */
export type Operand = { readonly kind: 'Const'; readonly value: Value } | { readonly kind: 'Param'; readonly id: string };

/** Column names are canonical (as in TableInfo); operands are uncoerced (a Datetime column may get a string). */
export type PushdownPredicate =
  | { readonly kind: 'Compare'; readonly column: string; readonly op: CompareOp; readonly operand: Operand }
  /** `column IN (...)`: either a list of operands, or one Param that holds the whole list. */
  | { readonly kind: 'In'; readonly column: string; readonly operands: readonly Operand[] }
  /** `column LIKE pattern` (never negated; NOT LIKE is not offered). */
  | { readonly kind: 'Like'; readonly column: string; readonly pattern: string }
  | { readonly kind: 'IsNull'; readonly column: string; readonly negated: boolean };

export type PushdownHandling = 'exact' | 'inexact' | 'unsupported';

export interface SortKey {
  readonly column: string;
  readonly desc: boolean;
}
