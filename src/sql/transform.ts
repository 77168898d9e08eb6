/** A bottom-up rewriter over IR expressions and the statements that hold them (the Kysely transformer idea). */
import type { Expr, QueryExpr, SelectStatement, Statement, TableRef } from './ir.js';

export type ExprRewrite = (expr: Expr) => Expr;

/** Rebuilds `expr` with `rewrite` applied to every node, children first; subqueries included. */
export function mapExpr(expr: Expr, rewrite: ExprRewrite): Expr {
  // Leaves first, before any closure is made: they are most nodes (every item of a long IN list).
  if (expr.kind === 'Literal' || expr.kind === 'Param' || expr.kind === 'ColumnRef') return rewrite(expr);
  const m = (e: Expr): Expr => mapExpr(e, rewrite);
  switch (expr.kind) {
    case 'Unary':
      return rewrite({ ...expr, operand: m(expr.operand) });
    case 'Binary':
      return rewrite({ ...expr, left: m(expr.left), right: m(expr.right) });
    case 'Like':
      return rewrite({ ...expr, operand: m(expr.operand), pattern: m(expr.pattern), ...(expr.escape ? { escape: m(expr.escape) } : {}) });
    case 'InList':
      return rewrite({ ...expr, operand: m(expr.operand), items: expr.items.map(m) });
    case 'InSubquery':
      return rewrite({ ...expr, operand: m(expr.operand), query: mapSelect(expr.query, rewrite) });
    case 'Between':
      return rewrite({ ...expr, operand: m(expr.operand), low: m(expr.low), high: m(expr.high) });
    case 'IsNull':
      return rewrite({ ...expr, operand: m(expr.operand) });
    case 'Case':
      return rewrite({
        ...expr,
        ...(expr.operand ? { operand: m(expr.operand) } : {}),
        whens: expr.whens.map((w) => ({ when: m(w.when), then: m(w.then) })),
        ...(expr.else ? { else: m(expr.else) } : {}),
      });
    case 'Cast':
      return rewrite({ ...expr, operand: m(expr.operand) });
    case 'Function':
      return rewrite({ ...expr, args: expr.args.map(m) });
    case 'Aggregate':
      return rewrite(expr.arg ? { ...expr, arg: m(expr.arg) } : expr);
    case 'Window':
      return rewrite({ ...expr, args: expr.args.map(m), partitionBy: expr.partitionBy.map(m), orderBy: expr.orderBy.map((o) => ({ ...o, expr: m(o.expr) })) });
    case 'Exists':
    case 'ScalarSubquery':
      return rewrite({ ...expr, query: mapSelect(expr.query, rewrite) });
  }
}

export function mapSelect(select: SelectStatement, rewrite: ExprRewrite): SelectStatement {
  const m = (e: Expr): Expr => mapExpr(e, rewrite);
  return {
    ...select,
    items: select.items.map((item) => (item.kind === 'SelectExpr' ? { ...item, expr: m(item.expr) } : item)),
    ...(select.from
      ? {
          from: {
            ...select.from,
            table: mapTable(select.from.table, rewrite),
            joins: select.from.joins.map((j) => ({ ...j, table: mapTable(j.table, rewrite), ...(j.on ? { on: m(j.on) } : {}) })),
          },
        }
      : {}),
    ...(select.where ? { where: m(select.where) } : {}),
    groupBy: select.groupBy.map(m),
    ...(select.having ? { having: m(select.having) } : {}),
    orderBy: select.orderBy.map((o) => ({ ...o, expr: m(o.expr) })),
    ...(select.limit ? { limit: m(select.limit) } : {}),
    ...(select.offset ? { offset: m(select.offset) } : {}),
  };
}

/** Derived tables and CTE references carry a query of their own. */
function mapTable(table: TableRef, rewrite: ExprRewrite): TableRef {
  return table.query ? { ...table, query: mapQuery(table.query, rewrite) } : table;
}

export function mapQuery(query: QueryExpr, rewrite: ExprRewrite): QueryExpr {
  if (query.kind === 'Select') return mapSelect(query, rewrite);
  return { ...query, left: mapQuery(query.left, rewrite), right: mapQuery(query.right, rewrite) };
}

export function mapStatement(statement: Statement, rewrite: ExprRewrite): Statement {
  const m = (e: Expr): Expr => mapExpr(e, rewrite);
  switch (statement.kind) {
    case 'Select':
      return mapSelect(statement, rewrite);
    case 'Explain':
      return { ...statement, query: mapSelect(statement.query, rewrite) };
    case 'Exec':
      return {
        ...statement,
        args: statement.args.map((a) => {
          const value = rewrite(a.value);
          if (value.kind !== 'Literal' && value.kind !== 'Param') throw new Error('EXEC argument must stay a literal or a parameter');
          return { ...a, value };
        }),
      };
    case 'Insert':
      return { ...statement, rows: statement.rows.map((row) => row.map(m)), ...(statement.select ? { select: mapSelect(statement.select, rewrite) } : {}) };
    case 'Update':
      return {
        ...statement,
        assignments: statement.assignments.map((a) => ({ ...a, value: m(a.value) })),
        ...(statement.where ? { where: m(statement.where) } : {}),
      };
    case 'Delete':
      return { ...statement, ...(statement.where ? { where: m(statement.where) } : {}) };
    case 'Replication':
      return { ...statement, query: mapSelect(statement.query, rewrite) };
  }
}

/** Calls `visit` on every expression node of a statement (subqueries included). */
export function forEachExpr(statement: Statement, visit: (expr: Expr) => void): void {
  mapStatement(statement, (e) => {
    visit(e);
    return e;
  });
}

/**
 * Rebuilds `expr` top-down: where `replace` answers a node, that node is replaced whole and its
 * children are not visited. Identity matters to a bound scope, which keys slots by node, so a
 * replacement keeps its own nodes; subqueries are left as they are.
 */
export function replaceTopDown(expr: Expr, replace: (e: Expr) => Expr | undefined): Expr {
  return replace(expr) ?? mapChildren(expr, (e) => replaceTopDown(e, replace));
}

/** Rebuilds an expression with `m` applied to its direct children (not entering subqueries' own queries). */
export function mapChildren(e: Expr, m: (x: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'Literal':
    case 'Param':
    case 'ColumnRef':
    case 'ScalarSubquery':
    case 'Exists':
      return e;
    case 'Unary':
    case 'IsNull':
    case 'Cast':
    case 'InSubquery':
      return { ...e, operand: m(e.operand) };
    case 'Binary':
      return { ...e, left: m(e.left), right: m(e.right) };
    case 'Like':
      return { ...e, operand: m(e.operand), pattern: m(e.pattern), ...(e.escape ? { escape: m(e.escape) } : {}) };
    case 'InList':
      return { ...e, operand: m(e.operand), items: e.items.map(m) };
    case 'Between':
      return { ...e, operand: m(e.operand), low: m(e.low), high: m(e.high) };
    case 'Case':
      return { ...e, ...(e.operand ? { operand: m(e.operand) } : {}), whens: e.whens.map((w) => ({ when: m(w.when), then: m(w.then) })), ...(e.else ? { else: m(e.else) } : {}) };
    case 'Function':
      return { ...e, args: e.args.map(m) };
    case 'Aggregate':
      return e.arg ? { ...e, arg: m(e.arg) } : e;
    case 'Window':
      return { ...e, args: e.args.map(m), partitionBy: e.partitionBy.map(m), orderBy: e.orderBy.map((o) => ({ ...o, expr: m(o.expr) })) };
  }
}
