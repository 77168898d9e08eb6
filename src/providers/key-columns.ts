/** sys_keycolumns rows: each table's primary key and every filter its API applies. */
import type { KeyColumnInfo } from '../catalog/system-tables.js';
import type { TableSource } from '../plan/scan.js';
import { ApiTableSource } from './api-table.js';

/** A hand-written table that lists the filters it pushes down. */
export interface DeclaresFilters {
  readonly filters: readonly { readonly column: string; readonly operators: readonly string[] }[];
}

export function keyColumnsOf(sources: readonly TableSource[]): KeyColumnInfo[] {
  const rows: KeyColumnInfo[] = [];
  for (const source of sources) {
    if (source instanceof ApiTableSource) {
      for (const column of source.schema.columns) {
        const filters = source.filters.filter((f) => f.column === column.name);
        if (!column.key && filters.length === 0) continue;
        const operators = new Set(filters.flatMap((f) => f.operators.map((o) => (o === 'LIKE_PREFIX' ? "LIKE 'prefix%'" : o))));
        const required = filters.some((f) => f.required === true && f.default === undefined);
        rows.push({ table: source.info.name, column: column.name, operators: [...operators].join(', '), required, primaryKey: column.key === true });
      }
    } else if ('filters' in source) {
      for (const filter of (source as TableSource & DeclaresFilters).filters) {
        rows.push({ table: source.info.name, column: filter.column, operators: filter.operators.join(', '), required: false, primaryKey: false });
      }
    }
  }
  return rows;
}
