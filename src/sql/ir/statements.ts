/** The statements other than SELECT. Exec/Insert/Update/Delete are parsed and bound here and executed by providers. */
import type { Expr, LiteralExpr, ParamExpr } from './expr.js';
import type { SelectStatement, TableRef } from './select.js';

export interface ExplainStatement {
  readonly kind: 'Explain';
  /** EXPLAIN ANALYZE runs the query and reports actual calls and rows. */
  readonly analyze: boolean;
  readonly query: SelectStatement;
}

export interface ExecArgument {
  /** As written, without `@`. */
  readonly name: string;
  readonly value: LiteralExpr | ParamExpr;
}

/** `EXEC proc @A = 'x', B = 7` (CData style). */
export interface ExecStatement {
  readonly kind: 'Exec';
  readonly procedure: string;
  readonly args: readonly ExecArgument[];
}

/** `INSERT INTO t (a, b) VALUES (1, 2), (3, 4)`. Every row has one expression per column. */
export interface InsertStatement {
  readonly kind: 'Insert';
  readonly table: TableRef;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Expr[])[];
  /** `INSERT INTO t (a, b) SELECT ...`: the rows come from this query (then `rows` is empty until it has run). */
  readonly select?: SelectStatement;
}

export interface Assignment {
  readonly column: string;
  readonly value: Expr;
}

export interface UpdateStatement {
  readonly kind: 'Update';
  readonly table: TableRef;
  readonly assignments: readonly Assignment[];
  readonly where?: Expr;
}

export interface DeleteStatement {
  readonly kind: 'Delete';
  readonly table: TableRef;
  readonly where?: Expr;
}
