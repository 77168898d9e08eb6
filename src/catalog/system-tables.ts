/**
 * sys_* tables (CData's names and columns), generated from the same metadata the planner uses:
 * table schemas, filter declarations, procedures and connection properties.
 */
import type { ProcedureInfo } from '../connection/types.js';
import { sqlInfo } from './sql-info.js';
import type { ColumnInfo, Row, TableInfo } from './types.js';

export interface KeyColumnInfo {
  readonly table: string;
  readonly column: string;
  /** Operators the API applies for this column, e.g. `=, IN`. */
  readonly operators: string;
  readonly required: boolean;
  readonly primaryKey: boolean;
}

export interface SystemTableInputs {
  /** Read when queried, so the sys_* tables list themselves too. */
  readonly tables: () => readonly TableInfo[];
  readonly keyColumns: readonly KeyColumnInfo[];
  readonly procedures: readonly ProcedureInfo[];
  /** Name, masked value (or null), description. */
  /** `source` says where the value came from (connection string, connection NAME, env VAR, default), never the value. */
  readonly properties: readonly { readonly name: string; readonly value: string | null; readonly description: string; readonly source?: string | null }[];
  readonly provider: string;
  /** Tables that take INSERT, UPDATE or DELETE. */
  readonly writable: ReadonlySet<string>;
}

export interface SystemTable {
  readonly info: TableInfo;
  readonly rows: () => Row[];
}

const col = (name: string, type: ColumnInfo['type'] = 'String', description?: string): ColumnInfo => ({ name, type, ...(description ? { description } : {}) });

export function systemTables(inputs: SystemTableInputs): SystemTable[] {
  const catalog = inputs.provider;
  const table = (name: string, description: string, columns: ColumnInfo[], rows: () => Row[]): SystemTable => ({
    info: { name, aliases: [], description, columns },
    rows,
  });
  return [
    table('sys_tables', 'Every table and view.', [col('CatalogName'), col('SchemaName'), col('TableName'), col('TableType'), col('Description'), col('IsUpdateable', 'Boolean')], () =>
      inputs.tables().map((t) => ({
        CatalogName: catalog,
        SchemaName: t.name.startsWith('sys_') ? 'sys' : catalog,
        TableName: t.name,
        TableType: t.name.startsWith('sys_') ? 'SYSTEM TABLE' : inputs.writable.has(t.name) ? 'TABLE' : 'VIEW',
        Description: t.description ?? null,
        IsUpdateable: inputs.writable.has(t.name),
      })),
    ),
    table(
      'sys_tablecolumns',
      'Every column of every table.',
      [
        col('CatalogName'),
        col('SchemaName'),
        col('TableName'),
        col('ColumnName'),
        col('DataTypeName'),
        col('Ordinal', 'Int'),
        col('IsNullable', 'Boolean'),
        col('IsKey', 'Boolean'),
        col('IsReadOnly', 'Boolean'),
        col('IsHidden', 'Boolean'),
        col('Description'),
      ],
      () =>
        inputs.tables().flatMap((t) =>
          t.columns.map((c, i) => ({
            CatalogName: catalog,
            SchemaName: t.name.startsWith('sys_') ? 'sys' : catalog,
            TableName: t.name,
            ColumnName: c.name,
            DataTypeName: c.type,
            Ordinal: i + 1,
            IsNullable: true,
            IsKey: inputs.keyColumns.some((k) => k.table === t.name && k.column === c.name && k.primaryKey),
            IsReadOnly: !inputs.writable.has(t.name),
            IsHidden: c.pseudo === true,
            Description: c.description ?? null,
          })),
        ),
    ),
    table(
      'sys_keycolumns',
      'Primary keys and the columns the API can filter on (pushed down).',
      [col('TableName'), col('ColumnName'), col('IsKey', 'Boolean'), col('IsRequired', 'Boolean'), col('Operators')],
      () => inputs.keyColumns.map((k) => ({ TableName: k.table, ColumnName: k.column, IsKey: k.primaryKey, IsRequired: k.required, Operators: k.operators })),
    ),
    table('sys_procedures', 'Stored procedures, run with EXEC.', [col('CatalogName'), col('ProcedureName'), col('Description')], () =>
      inputs.procedures.map((p) => ({ CatalogName: catalog, ProcedureName: p.name, Description: p.description })),
    ),
    table(
      'sys_procedureparameters',
      'Inputs and outputs of each stored procedure.',
      [col('ProcedureName'), col('ColumnName'), col('Direction'), col('DataTypeName'), col('Ordinal', 'Int'), col('IsRequired', 'Boolean'), col('Description')],
      () =>
        inputs.procedures.flatMap((p) => [
          ...p.parameters.map((param, i) => ({
            ProcedureName: p.name,
            ColumnName: param.name,
            Direction: 'IN',
            DataTypeName: param.type,
            Ordinal: i + 1,
            IsRequired: param.required,
            Description: param.description,
          })),
          ...p.results.map((r, i) => ({
            ProcedureName: p.name,
            ColumnName: r.name,
            Direction: 'OUT',
            DataTypeName: r.type,
            Ordinal: p.parameters.length + i + 1,
            IsRequired: false,
            Description: null,
          })),
        ]),
    ),
    table('sys_connection_props', 'Connection properties, their values (secrets masked) and where each came from.', [col('Name'), col('Value'), col('Description'), col('Source')], () =>
      inputs.properties.map((p) => ({ Name: p.name, Value: p.value, Description: p.description, Source: p.source ?? null })),
    ),
    table('sys_sqlinfo', 'What the engine supports.', [col('Name'), col('Value')], () =>
      Object.entries(sqlInfo()).map(([Name, Value]) => ({ Name, Value })),
    ),
  ];
}
