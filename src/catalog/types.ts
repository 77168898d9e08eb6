/** Values as the engine sees them. Datetime columns hold JS Dates. */
export type ColumnType = 'String' | 'Int' | 'Long' | 'Double' | 'Boolean' | 'Datetime';
export type Value = string | number | boolean | Date | null;
/** One row from a table: column name → value. Absent keys read as NULL. */
export type Row = Record<string, Value>;

export interface ColumnInfo {
  readonly name: string;
  readonly type: ColumnType;
  readonly description?: string;
  /** Pseudo-columns are filters, not data (IncludeDeleted); `SELECT *` leaves them out. */
  readonly pseudo?: boolean;
}

export interface TableInfo {
  /** Canonical name (`Campaigns`). */
  readonly name: string;
  /** Other accepted names, such as CData's (`AdCampaigns`). */
  readonly aliases: readonly string[];
  readonly description?: string;
  readonly columns: readonly ColumnInfo[];
}

export interface Field {
  readonly name: string;
  readonly type: ColumnType;
}
