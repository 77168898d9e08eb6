/**
 * The shell's dot-commands, after the sqlite3 and duckdb shells. Each is one line and
 * runs at once. Listings (.tables, .schema, .procedures) are ordinary result sets, so
 * they follow `.mode` and `.output` like query results.
 */
import type { Field, Row } from '../catalog/types.js';
import type { Connection } from '../connection/types.js';
import { closestMatch } from '../text/closest-match.js';
import { isOutputMode, OUTPUT_MODES } from './modes.js';
import type { ShellSettings } from './settings.js';

export type { ShellSettings } from './settings.js';

export interface DotCommandContext {
  readonly conn: Connection;
  readonly settings: ShellSettings;
  /** Shows rows in the current mode, to the current output. */
  showRows(fields: readonly Field[], rows: readonly Row[]): Promise<void>;
  /** Runs SQL as if typed at the prompt (for .explain). */
  runSql(sql: string): Promise<void>;
  /** Redirects results to a file, or back to stdout. */
  redirectOutput(path: string | undefined): Promise<void>;
  /** Sends only the next result to a file. */
  redirectOnce(path: string): Promise<void>;
  /** Runs a file's lines as if typed (SQL and dot-commands). */
  readScript(path: string): Promise<void>;
  /** Draws the last result as a chart, on the terminal or into an .svg/.png file. */
  chart(path: string | undefined): Promise<void>;
  /** A short message to the terminal (not to the .output file). */
  say(text: string): Promise<void>;
}

export type DotCommandOutcome = 'continue' | 'quit';

interface DotCommand {
  readonly usage: string;
  readonly help: string;
  run(argument: string, context: DotCommandContext): Promise<DotCommandOutcome | void>;
}

/** A mistake in a dot-command (bad argument, unknown table); printed as `Error: message`. */
export class DotCommandError extends Error {}

const COMMANDS: Readonly<Record<string, DotCommand>> = {
  '.tables': {
    usage: '.tables [PATTERN]',
    help: 'List tables with their aliases (PATTERN filters by name, case-insensitive)',
    async run(pattern, context) {
      const needle = pattern.toLowerCase();
      const rows = context.conn
        .tables()
        .filter((table) => [table.name, ...table.aliases].some((name) => name.toLowerCase().includes(needle)))
        .map((table) => ({ Name: table.name, Aliases: table.aliases.join(', '), Description: table.description ?? '' }));
      await context.showRows(stringFields('Name', 'Aliases', 'Description'), rows);
    },
  },
  '.schema': {
    usage: '.schema TABLE',
    help: "Show a table's columns; pseudo-columns are filters, not data",
    async run(name, context) {
      if (name === '') throw new DotCommandError('Usage: .schema TABLE (see .tables for names)');
      const tables = context.conn.tables();
      const wanted = name.toLowerCase();
      const table = tables.find((candidate) => [candidate.name, ...candidate.aliases].some((n) => n.toLowerCase() === wanted));
      if (table === undefined) {
        const suggestion = closestMatch(name, tables.flatMap((candidate) => [candidate.name, ...candidate.aliases]));
        throw new DotCommandError(`No table named ${name}.${suggestion === undefined ? '' : ` Did you mean ${suggestion}?`}`);
      }
      const rows = table.columns.map((column) => ({
        Column: column.name,
        Type: column.type,
        Pseudo: column.pseudo === true ? 'yes' : '',
        Description: column.description ?? '',
      }));
      await context.showRows(stringFields('Column', 'Type', 'Pseudo', 'Description'), rows);
    },
  },
  '.procedures': {
    usage: '.procedures',
    help: 'List stored procedures (run them with EXEC Name @Param = value)',
    async run(_argument, context) {
      const rows = context.conn.procedures().map((procedure) => ({
        Name: procedure.name,
        Parameters: procedure.parameters
          .map((parameter) => `@${parameter.name} ${parameter.type}${parameter.required ? ' (required)' : ''}`)
          .join(', '),
        Description: procedure.description,
      }));
      await context.showRows(stringFields('Name', 'Parameters', 'Description'), rows);
    },
  },
  '.mode': {
    usage: `.mode ${OUTPUT_MODES.join('|')}`,
    help: 'Set (or show) how results are printed; .mode json pretty indents JSON',
    async run(argument, context) {
      if (argument === '') return void (await context.say(`${context.settings.mode}${context.settings.mode === 'json' && context.settings.jsonPretty ? ' pretty' : ''}\n`));
      const [mode = '', style = ''] = argument.split(/\s+/);
      if (!isOutputMode(mode)) throw new DotCommandError(`Unknown mode "${mode}". Choose one of: ${OUTPUT_MODES.join(', ')}`);
      if (style !== '' && (mode !== 'json' || (style !== 'pretty' && style !== 'compact'))) throw new DotCommandError('Usage: .mode json [pretty|compact]');
      context.settings.mode = mode;
      if (mode === 'json') context.settings.jsonPretty = style === 'pretty';
    },
  },
  '.headers': {
    usage: '.headers on|off',
    help: 'Show column names above results (table, box, markdown, csv, tsv)',
    async run(value, context) {
      if (value === '') return void (await context.say(`${context.settings.headers ? 'on' : 'off'}\n`));
      context.settings.headers = onOff(value, '.headers', context.settings.headers);
    },
  },
  '.nullvalue': {
    usage: '.nullvalue TEXT',
    help: 'Print NULL as TEXT in table, box, markdown and line modes (default ∅)',
    async run(text, context) {
      if (text === '') throw new DotCommandError('Usage: .nullvalue TEXT');
      context.settings.nullText = unquote(text);
    },
  },
  '.width': {
    usage: '.width [N ...]',
    help: 'Fix column widths in table and box modes (0 = automatic; no N resets)',
    async run(argument, context) {
      const widths = argument === '' ? [] : argument.split(/\s+/).map(Number);
      if (widths.some((w) => !Number.isInteger(w) || w < 0)) throw new DotCommandError('Usage: .width N [N ...] (whole numbers; 0 = automatic)');
      context.settings.columnWidths = widths;
    },
  },
  '.separator': {
    usage: '.separator SEP',
    help: 'Field separator of csv mode (e.g. ; or |)',
    async run(argument, context) {
      const separator = unquote(argument).replace(/^\\t$/, '\t');
      if (separator.length !== 1) throw new DotCommandError('Usage: .separator SEP (one character)');
      context.settings.separator = separator;
    },
  },
  '.expanded': {
    usage: '.expanded auto|on|off',
    help: 'One record per block: when wider than the screen (auto), always, or never',
    async run(value, context) {
      if (value === '') return void (await context.say(`${context.settings.expanded}\n`));
      if (value !== 'auto' && value !== 'on' && value !== 'off') throw new DotCommandError('Usage: .expanded auto|on|off');
      context.settings.expanded = value;
    },
  },
  '.bail': {
    usage: '.bail on|off',
    help: 'Stop .read scripts and piped input at the first error',
    async run(value, context) {
      if (value === '') return void (await context.say(`${context.settings.bail ? 'on' : 'off'}\n`));
      context.settings.bail = onOff(value, '.bail', context.settings.bail);
    },
  },
  '.show': {
    usage: '.show',
    help: 'Show the current settings',
    async run(_argument, context) {
      const s = context.settings;
      const rows: [string, string][] = [
        ['mode', `${s.mode}${s.mode === 'json' && s.jsonPretty ? ' pretty' : ''}`],
        ['headers', s.headers ? 'on' : 'off'],
        ['nullvalue', JSON.stringify(s.nullText)],
        ['width', s.columnWidths.length === 0 ? '(automatic)' : s.columnWidths.join(' ')],
        ['separator', JSON.stringify(s.separator)],
        ['expanded', s.expanded],
        ['timer', s.timer ? 'on' : 'off'],
        ['bail', s.bail ? 'on' : 'off'],
      ];
      await context.say(rows.map(([name, value]) => `${name.padStart(10)}: ${value}`).join('\n') + '\n');
    },
  },
  '.timer': {
    usage: '.timer on|off',
    help: 'Print how long each statement takes',
    async run(value, context) {
      if (value === '') return void (await context.say(`${context.settings.timer ? 'on' : 'off'}\n`));
      context.settings.timer = onOff(value, '.timer', context.settings.timer);
    },
  },
  '.explain': {
    usage: '.explain SELECT ...',
    help: 'Show the plan: API calls, pushed-down filters, local work',
    async run(select, context) {
      const sql = select.replace(/;\s*$/, '').trim();
      if (sql === '') throw new DotCommandError('Usage: .explain SELECT ...');
      await context.runSql(`EXPLAIN ${sql}`);
    },
  },
  '.output': {
    usage: '.output [FILE]',
    help: 'Send results to FILE (truncated), or back to the screen without FILE',
    async run(path, context) {
      const unquoted = unquote(path);
      await context.redirectOutput(unquoted === '' ? undefined : unquoted);
    },
  },
  '.once': {
    usage: '.once FILE',
    help: 'Send only the next result to FILE',
    async run(path, context) {
      if (path === '') throw new DotCommandError('Usage: .once FILE');
      await context.redirectOnce(unquote(path));
    },
  },
  '.read': {
    usage: '.read FILE',
    help: 'Run the SQL and dot-commands in FILE',
    async run(path, context) {
      if (path === '') throw new DotCommandError('Usage: .read FILE');
      await context.readScript(unquote(path));
    },
  },
  '.chart': {
    usage: '.chart [FILE.svg|FILE.png]',
    help: 'Chart the last result: a line for a time series, bars for categories; into FILE if given',
    async run(path, context) {
      await context.chart(path === '' ? undefined : unquote(path));
    },
  },
  '.help': {
    usage: '.help',
    help: 'Show this list',
    async run(_argument, context) {
      await context.say(helpText());
    },
  },
  '.quit': { usage: '.quit', help: 'Exit (also .exit, Ctrl-D)', run: async () => 'quit' },
  '.exit': { usage: '.exit', help: 'Exit', run: async () => 'quit' },
};

export const DOT_COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

export function helpText(): string {
  const width = Math.max(...Object.values(COMMANDS).map((command) => command.usage.length));
  const lines = Object.values(COMMANDS).map((command) => `${command.usage.padEnd(width)}  ${command.help}`);
  return `${lines.join('\n')}\nEnd SQL statements with ; (they may span lines). Ctrl-C cancels a running query.\n`;
}

export function isDotCommand(line: string): boolean {
  return line.trimStart().startsWith('.');
}

export async function runDotCommand(line: string, context: DotCommandContext): Promise<DotCommandOutcome> {
  const trimmed = line.trim();
  const space = trimmed.search(/\s/);
  const name = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const argument = space === -1 ? '' : trimmed.slice(space + 1).trim();
  const command = COMMANDS[name];
  if (command === undefined) {
    const suggestion = closestMatch(name, Object.keys(COMMANDS));
    const hint = suggestion === undefined ? '' : ` Did you mean ${suggestion}?`;
    throw new DotCommandError(`Unknown command "${name}".${hint} Enter .help for the list.`);
  }
  return (await command.run(argument, context)) ?? 'continue';
}

function onOff(value: string, command: string, current: boolean): boolean {
  if (value === '') return current;
  if (value !== 'on' && value !== 'off') throw new DotCommandError(`Usage: ${command} on|off`);
  return value === 'on';
}

function unquote(text: string): string {
  return /^(['"])(.*)\1$/.exec(text)?.[2] ?? text;
}

function stringFields(...names: string[]): Field[] {
  return names.map((name) => ({ name, type: 'String' }));
}
