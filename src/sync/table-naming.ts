/** DESIGN §2: lower-case table names, prefixed by the provider on SQLite, in the provider's schema on PostgreSQL. */
export function sqliteTableName(provider: string, table: string): string {
  return `${provider.toLowerCase()}_${table.toLowerCase()}`;
}

export function postgresSchemaName(provider: string): string {
  return provider.toLowerCase();
}

export function postgresTableName(table: string): string {
  return table.toLowerCase();
}

/** A double-quoted identifier; `"` inside is doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
