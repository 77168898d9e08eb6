/**
 * The SQL engine façade used by the connection layer:
 *   parseStatements → bindParameters → planQuery (plan/: a logical plan; exec/: compiled operators) → QueryPlan.run(signal).
 * EXEC/INSERT/UPDATE/DELETE are parsed and bound here; providers execute them.
 *
 * Semantics worth knowing (SQL Server / CData defaults unless noted):
 *  - Three-valued logic; WHERE/HAVING/ON keep rows only when the condition is true.
 *  - LIKE is case-insensitive; `=`, `<` and ORDER BY compare strings ordinally (case-sensitive).
 *  - `/` always yields a Double; division (and %) by zero yields NULL instead of an error.
 *  - A Datetime compared with a string parses the string (ISO 8601 or 'YYYY-MM-DD', UTC when no
 *    offset); numbers compare with numeric strings as numbers; booleans with 'true'/'false'/1/0.
 *  - ORDER BY puts NULLs first for ASC and last for DESC unless NULLS FIRST/LAST says otherwise.
 *  - `||` with a NULL is NULL; CONCAT() treats NULL as ''.
 *  - Plain columns are output under their catalog spelling; duplicates become Name, Name_2.
 */
import type { Value } from './catalog/types.js';
import type { ExplainStatement, SelectStatement, Statement } from './sql/ir.js';
import { bindParameters as bind } from './sql/bind-parameters.js';
import { parseStatements as parse } from './sql/parse.js';
import type { Catalog } from './plan/scan.js';
import { planStatement, type QueryPlanOptions } from './plan/query-plan.js';
import { compileQuery, type QueryPlan } from './exec/query-plan.js';

export type { Statement } from './sql/ir.js';
export type * from './sql/ir.js';
export type { QueryPlanOptions } from './plan/query-plan.js';
export type { QueryPlan } from './exec/query-plan.js';

/** `;`-separated statements. SqlSyntaxError carries the 1-based line/column in `sql`. */
export function parseStatements(sql: string): Statement[] {
  return parse(sql);
}

/**
 * `?` takes values from an array in order; `@name` from an object (keys with or without `@`,
 * case-insensitive). `?` placeholders are numbered per statement. Values are bound into the IR,
 * never into SQL text. A missing value or extra positional values → PlanError.
 */
export function bindParameters(statement: Statement, params: readonly Value[] | Readonly<Record<string, Value>> | undefined): Statement {
  return bind(statement, params);
}

/** Plans a SELECT or EXPLAIN. Throws PlanError (unknown names, missing required filters) before any I/O. */
export function planQuery(statement: SelectStatement | ExplainStatement, catalog: Catalog, options?: QueryPlanOptions): QueryPlan {
  return compileQuery(planStatement(statement, catalog, options));
}
