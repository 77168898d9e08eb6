/**
 * Runs CACHE / REPLICATE: the rows of the statement's SELECT are upserted by primary key into the
 * replication target (CacheLocation / CacheConnection), in a table named after the query's table
 * unless the statement names one (DESIGN §2 naming). The key must be among the selected columns.
 */
import type { Field, Row } from '../catalog/types.js';
import type { QueryResult } from '../connection/types.js';
import { PlanError } from '../errors.js';
import type { Catalog } from '../source/contract.js';
import type { ReplicationStatement } from '../sql/ir/replication.js';
import type { ConnectionReplication } from './replicated-sources.js';
import { syncPlanOf } from './sync-tables.js';
import { postgresSchemaName, postgresTableName, sqliteTableName } from './table-naming.js';
import type { TargetTable } from './target.js';

export interface ReplicationInput {
  readonly fields: readonly Field[];
  /** Absent for SCHEMA ONLY: no row is read. */
  readonly pages: AsyncIterable<readonly Row[]> | undefined;
  readonly catalog: Catalog;
  readonly replication: ConnectionReplication | undefined;
}

export async function runReplication(statement: ReplicationStatement, input: ReplicationInput): Promise<QueryResult> {
  const { verb } = statement;
  const replication = input.replication;
  if (!replication?.target) throw new PlanError(`${verb} needs a replication target: set CacheLocation (a SQLite file) or CacheConnection (postgres://…)`);
  const from = statement.query.from;
  const source = from ? input.catalog.lookup(from.table.name) : undefined;
  const name = statement.table ?? source?.info.name;
  if (!name) throw new PlanError(`${verb} needs a table name when the query reads no table: ${verb} MyTable SELECT …`);
  const spec = source && from?.joins.length === 0 ? syncPlanOf(replication.provider).tables.find((t) => t.table === source.info.name) : undefined;
  const names = input.fields.map((f) => f.name);
  const key = spec?.key ?? (names.includes('Id') ? ['Id'] : []);
  const missing = key.filter((k) => !names.includes(k));
  if (key.length === 0 || missing.length > 0) {
    throw new PlanError(`${verb} upserts by primary key: select ${(missing.length > 0 ? missing : ['the key columns (Id)']).join(', ')} too`);
  }
  if (new Set(names).size !== names.length) throw new PlanError(`${verb} needs distinct column names; give the duplicates aliases`);

  const target = await replication.target.get();
  const table: TargetTable = { provider: replication.provider, table: name, columns: input.fields.map((f) => ({ name: f.name, type: f.type })), key };
  if (statement.options.dropExisting) await target.dropTable(table.provider, table.table);
  await target.ensureTable(table);
  if (statement.options.truncate) await target.truncate(table);
  let rows = 0;
  let upserted = 0;
  if (input.pages) {
    let pending: Row[] = [];
    for await (const page of input.pages) {
      rows += page.length;
      if (statement.options.autocommit) upserted += await target.write(table, dedupe(page, key));
      else pending.push(...page);
    }
    if (pending.length > 0) upserted += await target.write(table, dedupe(pending, key));
    pending = [];
  }
  const shown = target.kind === 'sqlite' ? sqliteTableName(table.provider, name) : `${postgresSchemaName(table.provider)}.${postgresTableName(name)}`;
  return {
    rows: [{ Table: shown, Rows: rows, Upserted: upserted }],
    fields: [
      { name: 'Table', type: 'String' },
      { name: 'Rows', type: 'Long' },
      { name: 'Upserted', type: 'Long' },
    ],
    affectedRows: upserted,
  };
}

/** One row per key, the last one read winning (PostgreSQL refuses to upsert a key twice in one statement). */
function dedupe(rows: readonly Row[], key: readonly string[]): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) byKey.set(key.map((k) => { const v = row[k] ?? null; return v instanceof Date ? v.toISOString() : String(v); }).join('\u0000'), row);
  return [...byKey.values()];
}
