/**
 * Result formats. Each writer turns a result set into text chunks (begin, one per row,
 * finish) and does no I/O itself, so streaming formats can emit rows as they arrive and
 * tests can compare exact strings.
 */
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import type { Field, Row, Value } from '../catalog/types.js';

export const OUTPUT_MODES = ['table', 'csv', 'json', 'ndjson', 'line'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

export function isOutputMode(value: string): value is OutputMode {
  return (OUTPUT_MODES as readonly string[]).includes(value);
}

/** Machine-readable modes keep stdout parseable: notices such as `N rows affected` go to stderr. */
export function isMachineMode(mode: OutputMode): boolean {
  return mode === 'csv' || mode === 'json' || mode === 'ndjson';
}

export interface ResultWriter {
  begin(fields: readonly Field[]): string;
  row(row: Row): string;
  finish(): string;
  /** True once the writer wants no more rows (the table cap); the reader can stop fetching. */
  readonly full: boolean;
}

export interface WriterOptions {
  /** Table mode buffers rows to size its columns; beyond this many it stops and says so. */
  readonly tableRowLimit?: number;
}

export function createResultWriter(mode: OutputMode, options: WriterOptions = {}): ResultWriter {
  switch (mode) {
    case 'table':
      return new TableWriter(options.tableRowLimit ?? Infinity);
    case 'csv':
      return new CsvWriter();
    case 'json':
      return new JsonWriter();
    case 'ndjson':
      return new NdjsonWriter();
    case 'line':
      return new LineWriter();
  }
}

/** A value as text: ISO 8601 dates, `true`/`false`, and `nullText` for NULL. */
export function valueText(value: Value | undefined, nullText: string): string {
  if (value === null || value === undefined) return nullText;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return String(value);
}

/** The row as an object in field order, with absent columns as null (rows may omit NULL keys). */
function orderedRow(fields: readonly Field[], row: Row): Row {
  if (fields.length === 0) return row;
  const ordered: Row = {};
  for (const field of fields) ordered[field.name] = row[field.name] ?? null;
  return ordered;
}

export function rowCountText(count: number): string {
  return `(${count} ${count === 1 ? 'row' : 'rows'})`;
}

const NUMERIC_TYPES: ReadonlySet<Field['type']> = new Set(['Int', 'Long', 'Double']);

class TableWriter implements ResultWriter {
  private fields: readonly Field[] = [];
  private readonly rows: string[][] = [];
  private truncated = false;

  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.truncated;
  }

  begin(fields: readonly Field[]): string {
    this.fields = fields;
    return '';
  }

  row(row: Row): string {
    if (this.rows.length >= this.limit) {
      this.truncated = true;
      return '';
    }
    this.rows.push(this.fields.map((field) => valueText(row[field.name], 'NULL')));
    return '';
  }

  finish(): string {
    let text = '';
    if (this.fields.length > 0) {
      const table = new Table({
        head: this.fields.map((field) => field.name),
        colAligns: this.fields.map((field) => (NUMERIC_TYPES.has(field.type) ? 'right' : 'left')),
        // No colours (output is identical on a terminal, in a pipe, in a file); no rule between rows.
        style: { head: [], border: [], compact: true },
      });
      table.push(...this.rows);
      text += `${table.toString()}\n`;
    }
    text += this.truncated
      ? `(showing the first ${this.rows.length} rows; stopped reading. Add LIMIT, or use .mode csv or .output FILE for every row)\n`
      : `${rowCountText(this.rows.length)}\n`;
    return text;
  }
}

class CsvWriter implements ResultWriter {
  readonly full = false;
  private fields: readonly Field[] = [];

  begin(fields: readonly Field[]): string {
    this.fields = fields;
    return fields.length === 0 ? '' : stringify([fields.map((field) => field.name)]);
  }

  row(row: Row): string {
    // Values are converted here, not by csv-stringify, whose defaults print dates as epoch ms and false as ''.
    return stringify([this.fields.map((field) => csvValue(row[field.name]))]);
  }

  finish(): string {
    return '';
  }
}

function csvValue(value: Value | undefined): string | null {
  return value === null || value === undefined ? null : valueText(value, '');
}

/** One JSON array per result set, on one line: `[{...},{...}]`. */
class JsonWriter implements ResultWriter {
  readonly full = false;
  private fields: readonly Field[] = [];
  private count = 0;

  begin(fields: readonly Field[]): string {
    this.fields = fields;
    return '[';
  }

  row(row: Row): string {
    const separator = this.count++ === 0 ? '' : ',';
    return separator + JSON.stringify(orderedRow(this.fields, row));
  }

  finish(): string {
    return ']\n';
  }
}

class NdjsonWriter implements ResultWriter {
  readonly full = false;
  private fields: readonly Field[] = [];

  begin(fields: readonly Field[]): string {
    this.fields = fields;
    return '';
  }

  row(row: Row): string {
    return `${JSON.stringify(orderedRow(this.fields, row))}\n`;
  }

  finish(): string {
    return '';
  }
}

/** sqlite3's `.mode line`: `name = value` per column, a blank line between rows. */
class LineWriter implements ResultWriter {
  readonly full = false;
  private fields: readonly Field[] = [];
  private width = 0;
  private count = 0;

  begin(fields: readonly Field[]): string {
    this.fields = fields;
    this.width = Math.max(0, ...fields.map((field) => field.name.length));
    return '';
  }

  row(row: Row): string {
    const lines = this.fields.map((field) => `${field.name.padStart(this.width)} = ${valueText(row[field.name], 'NULL')}`);
    return `${this.count++ === 0 ? '' : '\n'}${lines.join('\n')}\n`;
  }

  finish(): string {
    return '';
  }
}
