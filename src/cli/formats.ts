/**
 * Result formats. Each writer turns a result set into text chunks (begin, one per row,
 * finish) and does no I/O itself, so streaming formats can emit rows as they arrive and
 * tests can compare exact strings.
 */
import { stringify } from 'csv-stringify/sync';
import type { Field, Row, Value } from '../catalog/types.js';
import { cellWidth, displayText, NUMERIC_TYPES, valueText } from './cell-text.js';
import { fitColumnWidths, MIN_TEXT_WIDTH } from './table-layout.js';
import { renderExpanded, renderGrid, renderMarkdown, type Align, type Grid } from './table-render.js';

export { valueText } from './cell-text.js';

import { DEFAULT_NULL_TEXT, type ExpandedDisplay, type OutputMode } from './modes.js';

export { isMachineMode, isOutputMode, OUTPUT_MODES, type ExpandedDisplay, type OutputMode } from './modes.js';

export interface ResultWriter {
  begin(fields: readonly Field[]): string;
  row(row: Row): string;
  finish(): string;
  /** True once the writer wants no more rows (the table cap); the reader can stop fetching. */
  readonly full: boolean;
}

export interface WriterOptions {
  /** Table modes buffer rows to size their columns; beyond this many they stop and say so. */
  readonly tableRowLimit?: number;
  /** NULL in table, box, markdown and line modes (`.nullvalue`); csv and tsv print it empty, JSON as null. */
  readonly nullText?: string;
  /** Header rows in table, box, markdown, csv and tsv modes (`.headers`, `--no-header`). */
  readonly headers?: boolean;
  /** The terminal's width; undefined (a pipe, a file) means natural widths. */
  readonly screenWidth?: number;
  /** `.width`: fixed widths per column, 0 for automatic. */
  readonly columnWidths?: readonly number[];
  /** One record per block: always, never, or when the table is wider than the screen. */
  readonly expanded?: ExpandedDisplay;
  /** csv's field separator (`--separator`); tsv always uses a tab. */
  readonly separator?: string;
  /** json mode: indented, one value per line, instead of one line per result. */
  readonly jsonPretty?: boolean;
}

export function createResultWriter(mode: OutputMode, options: WriterOptions = {}): ResultWriter {
  switch (mode) {
    case 'table':
    case 'box':
    case 'markdown':
      return new GridWriter(mode, options);
    case 'csv':
      return new DelimitedWriter(options.separator ?? ',', options.headers ?? true);
    case 'tsv':
      return new TsvWriter(options.headers ?? true);
    case 'json':
      return new JsonWriter(options.jsonPretty ?? false);
    case 'ndjson':
      return new NdjsonWriter();
    case 'line':
      return new LineWriter(options.nullText ?? DEFAULT_NULL_TEXT);
  }
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

/** Types whose text must stay whole: a cut number or date is a wrong one. */
const WHOLE_TYPES: ReadonlySet<Field['type']> = new Set(['Int', 'Long', 'Double', 'Datetime', 'Boolean']);

class GridWriter implements ResultWriter {
  private fields: readonly Field[] = [];
  private readonly rows: string[][] = [];
  private truncated = false;
  private readonly limit: number;
  private readonly nullText: string;

  constructor(
    private readonly style: 'table' | 'box' | 'markdown',
    private readonly options: WriterOptions,
  ) {
    this.limit = options.tableRowLimit ?? Infinity;
    this.nullText = options.nullText ?? DEFAULT_NULL_TEXT;
  }

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
    // Tabs and carriage returns have no width of their own on a terminal: they would break the borders.
    this.rows.push(this.fields.map((field) => displayText(row[field.name], this.nullText).replace(/\t/g, ' ').replace(/\r/g, '')));
    return '';
  }

  finish(): string {
    const footer = this.truncated
      ? `(showing the first ${this.rows.length} rows; stopped reading. Add LIMIT, or use .mode csv or .output FILE for every row)\n`
      : `${rowCountText(this.rows.length)}\n`;
    if (this.fields.length === 0) return footer;
    const grid: Grid = {
      headers: this.fields.map((field) => field.name),
      rows: this.rows,
      aligns: this.fields.map((field): Align => (NUMERIC_TYPES.has(field.type) ? 'right' : 'left')),
      showHeaders: this.options.headers ?? true,
    };
    if (this.style === 'markdown') return renderMarkdown(grid) + footer;
    const widths = this.widths(grid);
    const expanded = this.options.expanded ?? 'auto';
    if (expanded === 'on' || (expanded === 'auto' && widths === undefined)) return renderExpanded(grid, this.options.screenWidth) + footer;
    return renderGrid(grid, widths ?? this.naturalWidths(grid), this.style) + footer;
  }

  private naturalWidths(grid: Grid): number[] {
    return grid.headers.map((header, i) => {
      const fixed = this.options.columnWidths?.[i] ?? 0;
      if (fixed > 0) return fixed;
      return Math.max(grid.showHeaders ? cellWidth(header) : 1, valuesWidth(grid, i));
    });
  }

  /** Widths that fit the screen, or undefined when the table cannot fit (then: one record per block). */
  private widths(grid: Grid): number[] | undefined {
    const needs = this.naturalWidths(grid).map((natural, i) => {
      // A column given a `.width` keeps it; text may wrap; values that must stay whole keep their width.
      if ((this.options.columnWidths?.[i] ?? 0) > 0) return { natural, minimum: natural };
      const values = valuesWidth(grid, i);
      const header = grid.showHeaders ? Math.min(cellWidth(grid.headers[i]!), MIN_TEXT_WIDTH) : 1;
      return { natural, values, minimum: WHOLE_TYPES.has(this.fields[i]!.type) ? Math.max(values, header) : MIN_TEXT_WIDTH };
    });
    return fitColumnWidths(needs, this.options.screenWidth);
  }
}

function valuesWidth(grid: Grid, column: number): number {
  let widest = 1;
  for (const cells of grid.rows) widest = Math.max(widest, cellWidth(cells[column]!));
  return widest;
}

/** csv (RFC 4180 quoting) with any one-character separator. */
class DelimitedWriter implements ResultWriter {
  readonly full = false;
  private fields: readonly Field[] = [];

  constructor(
    private readonly delimiter: string,
    private readonly headers: boolean,
  ) {}

  begin(fields: readonly Field[]): string {
    this.fields = fields;
    return fields.length === 0 || !this.headers ? '' : stringify([fields.map((field) => field.name)], { delimiter: this.delimiter });
  }

  row(row: Row): string {
    // Values are converted here, not by csv-stringify, whose defaults print dates as epoch ms and false as ''.
    return stringify([this.fields.map((field) => csvValue(row[field.name]))], { delimiter: this.delimiter });
  }

  finish(): string {
    return '';
  }
}

function csvValue(value: Value | undefined): string | null {
  return value === null || value === undefined ? null : valueText(value, '');
}

/** Tab-separated, as spreadsheets and `cut -f` read it: tabs, newlines and backslashes escaped, NULL empty. */
class TsvWriter implements ResultWriter {
  readonly full = false;
  private fields: readonly Field[] = [];

  constructor(private readonly headers: boolean) {}

  begin(fields: readonly Field[]): string {
    this.fields = fields;
    return fields.length === 0 || !this.headers ? '' : `${fields.map((field) => tsvEscape(field.name)).join('\t')}\n`;
  }

  row(row: Row): string {
    return `${this.fields.map((field) => tsvEscape(valueText(row[field.name], ''))).join('\t')}\n`;
  }

  finish(): string {
    return '';
  }
}

function tsvEscape(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r');
}

/** One JSON array per result set: compact on one line (`[{...},{...}]`), or pretty, one row object per block. */
class JsonWriter implements ResultWriter {
  readonly full = false;
  private fields: readonly Field[] = [];
  private count = 0;

  constructor(private readonly pretty: boolean) {}

  begin(fields: readonly Field[]): string {
    this.fields = fields;
    return '[';
  }

  row(row: Row): string {
    const separator = this.count++ === 0 ? '' : ',';
    const ordered = orderedRow(this.fields, row);
    if (!this.pretty) return separator + JSON.stringify(ordered);
    return `${separator}\n  ${JSON.stringify(ordered, null, 2).replaceAll('\n', '\n  ')}`;
  }

  finish(): string {
    return this.pretty && this.count > 0 ? '\n]\n' : ']\n';
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

  constructor(private readonly nullText: string) {}

  begin(fields: readonly Field[]): string {
    this.fields = fields;
    this.width = Math.max(0, ...fields.map((field) => field.name.length));
    return '';
  }

  row(row: Row): string {
    const lines = this.fields.map((field) => `${field.name.padStart(this.width)} = ${displayText(row[field.name], this.nullText)}`);
    return `${this.count++ === 0 ? '' : '\n'}${lines.join('\n')}\n`;
  }

  finish(): string {
    return '';
  }
}
