/** The typed IR of socialsql statements: what parseStatements returns and every later stage consumes. */
import type { ReplicationStatement } from './ir/replication.js';
import type { SelectStatement } from './ir/select.js';
import type { DeleteStatement, ExecStatement, ExplainStatement, InsertStatement, UpdateStatement } from './ir/statements.js';

export type * from './ir/expr.js';
export { SINGLE_ROW_FUNCTION, TUPLE_FUNCTION } from './ir/expr.js';
export type * from './ir/select.js';
export type * from './ir/set-operation.js';
export type * from './ir/window.js';
export type * from './ir/statements.js';
export type * from './ir/replication.js';

export type Statement = SelectStatement | ExplainStatement | ExecStatement | InsertStatement | UpdateStatement | DeleteStatement | ReplicationStatement;
