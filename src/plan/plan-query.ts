/** Plans any query expression: a SELECT block, or a set operation over two of them. */
import type { ColumnType } from '../catalog/types.js';
import { PlanError } from '../errors.js';
import type { QueryExpr } from '../sql/ir.js';
import type { SelectPlan } from './logical/select-plan.js';
import { planSelect, type PlanOptions } from './plan-select.js';
import type { Catalog } from './scan.js';

export function planQueryExpr(query: QueryExpr, catalog: Catalog, options: PlanOptions): SelectPlan {
  if (query.kind === 'Select') return planSelect(query, catalog, options);
  const left = planQueryExpr(query.left, catalog, options);
  const right = planQueryExpr(query.right, catalog, options);
  const name = `${query.op.toUpperCase()}${query.all ? ' ALL' : ''}`;
  if (left.fields.length !== right.fields.length) {
    throw new PlanError(`Both sides of ${name} must select the same number of columns (${left.fields.length} and ${right.fields.length})`);
  }
  return {
    // Names come from the first SELECT, as in every SQL database.
    fields: left.fields.map((f, i) => ({ name: f.name, type: unifyTypes(f.type, right.fields[i]!.type) })),
    root: { kind: 'SetOperation', op: query.op, all: query.all, inputs: [left, right], width: left.fields.length },
    subqueries: [],
  };
}

/** The type of a column that takes values of both types. */
export function unifyTypes(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b) return a;
  const numeric: ColumnType[] = ['Int', 'Long', 'Double'];
  if (numeric.includes(a) && numeric.includes(b)) return numeric[Math.max(numeric.indexOf(a), numeric.indexOf(b))]!;
  return 'String';
}
