/** What generators draw from: the oracle's tables and the aliases in scope. */
import type { DiffTable } from '../dataset.js';
import type { ColumnRef } from '../query-ast.js';

export interface Scoped {
  readonly alias: string;
  readonly table: DiffTable;
}

export interface GenContext {
  readonly tables: ReadonlyMap<string, DiffTable>;
}

/** Columns that hold ids: the API takes them as keys, so odd values there test id handling. */
export const KEY_COLUMNS = new Set(['Id', 'AccountId', 'CampaignId', 'FundingInstrumentId']);

export function columnsOf(scope: readonly Scoped[]): ColumnRef[] {
  return scope.flatMap((s) => s.table.columns.map((c): ColumnRef => ({ k: 'col', alias: s.alias, column: c.name, type: c.type })));
}

export function valuesOf(scope: readonly Scoped[], ref: ColumnRef): (string | number | boolean | null)[] {
  const table = scope.find((s) => s.alias === ref.alias)!.table;
  return table.rows.map((r) => r[ref.column] ?? null);
}
