/** What the shell's dot-commands set (`.mode`, `.headers`, `.nullvalue`, ...), and how it shapes output. */
import type { WriterOptions } from './formats.js';
import { DEFAULT_NULL_TEXT, type ExpandedDisplay, type OutputMode } from './modes.js';

export interface ShellSettings {
  mode: OutputMode;
  timer: boolean;
  headers: boolean;
  nullText: string;
  /** `.width`: per-column widths, 0 for automatic. */
  columnWidths: number[];
  /** `.bail on`: stop a script (.read, piped input) at the first error. */
  bail: boolean;
  expanded: ExpandedDisplay;
  jsonPretty: boolean;
  separator: string;
}

export function defaultSettings(mode: OutputMode): ShellSettings {
  return {
    mode,
    timer: false,
    headers: true,
    nullText: DEFAULT_NULL_TEXT,
    columnWidths: [],
    bail: false,
    expanded: 'auto',
    jsonPretty: false,
    separator: ',',
  };
}

export function writerOptions(settings: ShellSettings, screenWidth: number | undefined, tableRowLimit?: number): WriterOptions {
  return {
    tableRowLimit,
    nullText: settings.nullText,
    headers: settings.headers,
    screenWidth,
    columnWidths: settings.columnWidths,
    expanded: settings.expanded,
    jsonPretty: settings.jsonPretty,
    separator: settings.separator,
  };
}

/** The terminal's width, when output goes to one; undefined for pipes and files (natural widths). */
export function screenWidthOf(stream: NodeJS.WritableStream): number | undefined {
  const tty = stream as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  return tty.isTTY === true && typeof tty.columns === 'number' && tty.columns > 0 ? tty.columns : undefined;
}
