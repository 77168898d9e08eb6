/**
 * The oracle's data: rows fetched raw from the emulator's HTTP API (signed with the emulator's
 * test client, not through socialsql), for the tables the suite covers. Columns are the scalar
 * top-level fields whose PascalCase name is a catalog column; datetimes become ISO 8601 strings
 * with milliseconds (the form SQLite compares correctly as text).
 */
import type { RunningEmulator } from '../../src/emulator/twitterads/index.js';
import { fetchAll } from '../emulator/twitterads-client.js';
import type { ColumnType } from './query-ast.js';

export interface DiffColumn {
  readonly name: string;
  readonly type: ColumnType;
}

export interface DiffTable {
  readonly name: string;
  readonly columns: readonly DiffColumn[];
  readonly rows: readonly Record<string, string | number | boolean | null>[];
}

const pascal = (field: string): string => field.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

const ENDPOINTS: Record<string, (account: string) => string> = {
  Accounts: () => '/12/accounts',
  Campaigns: (a) => `/12/accounts/${a}/campaigns`,
  LineItems: (a) => `/12/accounts/${a}/line_items`,
  FundingInstruments: (a) => `/12/accounts/${a}/funding_instruments`,
};

/** catalogTypes: table → column → type, from the connection's catalog (names and types only). */
export async function loadDataset(emulator: RunningEmulator, catalogTypes: ReadonlyMap<string, ReadonlyMap<string, ColumnType>>): Promise<DiffTable[]> {
  // Tables other than Accounts cover the default account (the first), as socialsql's do without an AccountId filter.
  const account = emulator.credentials.accountIds[0]!;
  const tables: DiffTable[] = [];
  for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
    const types = catalogTypes.get(name)!;
    const raw = (await fetchAll(emulator, endpoint(account), {})).rows as Record<string, unknown>[];
    const fields = new Map<string, DiffColumn>();
    for (const row of raw) {
      for (const [field, value] of Object.entries(row)) {
        const column = pascal(field);
        const type = types.get(column);
        if (type === undefined || Array.isArray(value) || (value !== null && typeof value === 'object')) continue;
        fields.set(field, { name: column, type });
      }
    }
    const columns = [...fields.values()];
    const rows = raw.map((row) =>
      Object.fromEntries(
        [...fields].map(([field, column]) => {
          const value = row[field];
          if (value === undefined || value === null) return [column.name, null];
          if (column.type === 'Datetime') return [column.name, new Date(String(value)).toISOString()];
          return [column.name, value as string | number | boolean];
        }),
      ),
    );
    tables.push({ name, columns, rows });
  }
  return tables;
}
