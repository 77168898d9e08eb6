/** sys_keycolumns rows: each table's primary key and every key column its API applies, from the same data the binder uses. */
import type { KeyColumnInfo } from '../catalog/system-tables.js';
import type { TableSource } from '../source/contract.js';
import { isSatisfiedWithout, operatorText } from '../source/key-column.js';

export function keyColumnsOf(sources: readonly TableSource[]): KeyColumnInfo[] {
  const rows: KeyColumnInfo[] = [];
  for (const source of sources) {
    for (const column of source.info.columns) {
      const keys = source.keyColumns.filter((k) => k.column === column.name);
      const primaryKey = 'key' in column && column.key === true;
      if (!primaryKey && keys.length === 0) continue;
      const operators = [...new Set(keys.flatMap((k) => operatorText(k).split(', ')))].join(', ');
      const required = keys.some((k) => !isSatisfiedWithout(k));
      rows.push({ table: source.info.name, column: column.name, operators, required, primaryKey });
    }
  }
  return rows;
}
