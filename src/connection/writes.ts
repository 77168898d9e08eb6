/**
 * INSERT, UPDATE and DELETE: what a writable table offers, and how a statement becomes a call to
 * it. Writes go by key: UPDATE and DELETE need `WHERE Id = ...` or `Id IN (...)`, as CData's do,
 * so a write never touches rows the user did not name.
 */
import type { Row, Value } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { DeleteStatement, Expr, InsertStatement, UpdateStatement } from '../sql/ir.js';
import { didYouMean } from '../text/closest-match.js';

export interface WritableTable {
  readonly table: string;
  /** The column UPDATE and DELETE must be keyed on. */
  readonly keyColumn: string;
  readonly insert?: { readonly columns: readonly { readonly name: string; readonly required: boolean }[]; run(rows: readonly Row[], signal: AbortSignal): Promise<Row[]> };
  readonly update?: { readonly columns: readonly string[]; run(keys: readonly string[], values: Row, signal: AbortSignal): Promise<number> };
  readonly delete?: { run(keys: readonly string[], signal: AbortSignal): Promise<number> };
}

export interface WriteResult {
  readonly affectedRows: number;
  /** What INSERT created (the new ids), as rows. */
  readonly rows: Row[];
}

export async function runWrite(statement: InsertStatement | UpdateStatement | DeleteStatement, writer: WritableTable | undefined, signal: AbortSignal): Promise<WriteResult> {
  const verb = statement.kind.toUpperCase();
  const table = statement.table.name;
  if (!writer) throw new PlanError(`${table} is read-only: ${verb} is not supported on it`);
  switch (statement.kind) {
    case 'Insert': {
      const insert = writer.insert;
      if (!insert) throw new PlanError(`${writer.table} does not support INSERT`);
      const allowed = insert.columns.map((c) => c.name);
      const columns = statement.columns.map((name) => {
        const match = allowed.find((c) => c.toLowerCase() === name.toLowerCase());
        if (!match) throw new PlanError(`INSERT INTO ${writer.table} cannot set ${name}; it takes ${allowed.join(', ')}.${didYouMean(name, allowed)}`);
        return match;
      });
      for (const required of insert.columns.filter((c) => c.required)) {
        if (!columns.includes(required.name)) throw new PlanError(`INSERT INTO ${writer.table} needs ${required.name}, e.g. INSERT INTO ${writer.table} (${insert.columns.filter((c) => c.required).map((c) => c.name).join(', ')}) VALUES (...)`);
      }
      const rows = statement.rows.map((values) => Object.fromEntries(columns.map((column, i) => [column, constant(values[i]!, `${verb} ${writer.table}`)])));
      const created = await insert.run(rows, signal);
      return { affectedRows: created.length, rows: created };
    }
    case 'Update': {
      const update = writer.update;
      if (!update) throw new PlanError(`${writer.table} does not support UPDATE`);
      const values: Row = {};
      for (const assignment of statement.assignments) {
        const match = update.columns.find((c) => c.toLowerCase() === assignment.column.toLowerCase());
        if (!match) throw new PlanError(`UPDATE ${writer.table} can set only ${update.columns.join(', ')}, not ${assignment.column}`);
        values[match] = constant(assignment.value, `UPDATE ${writer.table}`);
      }
      return { affectedRows: await update.run(keysOf(statement.where, writer, verb), values, signal), rows: [] };
    }
    case 'Delete': {
      const remove = writer.delete;
      if (!remove) throw new PlanError(`${writer.table} does not support DELETE`);
      return { affectedRows: await remove.run(keysOf(statement.where, writer, verb), signal), rows: [] };
    }
  }
}

/** The keys named by `WHERE Key = v` or `WHERE Key IN (v, ...)`; anything else is refused. */
function keysOf(where: Expr | undefined, writer: WritableTable, verb: string): string[] {
  const refuse = () =>
    new PlanError(`${verb} ${writer.table} needs WHERE ${writer.keyColumn} = '...' or ${writer.keyColumn} IN (...): writes go by key, so they never touch rows you did not name`);
  if (!where) throw refuse();
  const isKey = (e: Expr) => e.kind === 'ColumnRef' && e.column.toLowerCase() === writer.keyColumn.toLowerCase();
  let items: readonly Expr[];
  if (where.kind === 'Binary' && where.op === '=' && isKey(where.left)) items = [where.right];
  else if (where.kind === 'Binary' && where.op === '=' && isKey(where.right)) items = [where.left];
  else if (where.kind === 'InList' && !where.negated && isKey(where.operand)) items = where.items;
  else throw refuse();
  const keys = items.map((item) => constant(item, `${verb} ${writer.table}`)).filter((v): v is Exclude<Value, null> => v !== null);
  return [...new Set(keys.map(String))];
}

function constant(expr: Expr, context: string): Value {
  if (expr.kind === 'Literal') return expr.value;
  if (expr.kind === 'Unary' && expr.op === '-' && expr.operand.kind === 'Literal' && typeof expr.operand.value === 'number') return -expr.operand.value;
  throw new PlanError(`${context}: values must be constants or parameters`);
}
