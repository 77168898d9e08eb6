/**
 * Tab completion in context. `complete` is pure (statement text, catalog → candidates), so tests
 * call it directly; `createCompleter` adapts it to readline, adding what the user typed on
 * earlier lines of the statement and the rest of the line after the cursor.
 *
 * - At the start of a line: dot-commands; after `.read`, `.output`, `.once`, `.chart`: file names;
 *   after `.schema`: tables; after `.mode`: modes.
 * - After FROM, JOIN, INTO, UPDATE: tables and their aliases. After EXEC: procedures; then their `@Parameters`.
 * - `c.` completes the columns of the table `c` stands for; a bare word completes the columns of
 *   the tables the statement names, then functions and keywords.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TableInfo } from '../catalog/types.js';
import type { ProcedureInfo } from '../connection/types.js';
import { DOT_COMMAND_NAMES } from './dot-commands.js';
import { OUTPUT_MODES } from './modes.js';

export const KEYWORDS = [
  'SELECT', 'DISTINCT', 'FROM', 'WHERE', 'JOIN', 'INNER', 'LEFT', 'OUTER', 'ON', 'AS', 'GROUP', 'BY', 'HAVING', 'ORDER', 'ASC', 'DESC',
  'LIMIT', 'OFFSET', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'BETWEEN', 'IS', 'NULL', 'TRUE', 'FALSE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
  'WITH', 'UNION', 'ALL', 'INSERT', 'INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE', 'EXEC', 'EXPLAIN', 'ANALYZE',
];

export const FUNCTIONS = [
  'COUNT', 'SUM', 'AVG', 'MIN', 'MAX',
  'UPPER', 'LOWER', 'TRIM', 'LTRIM', 'RTRIM', 'LENGTH', 'LEN', 'SUBSTRING', 'LEFT', 'RIGHT', 'REPLACE', 'CONCAT',
  'ROUND', 'ABS', 'FLOOR', 'CEILING', 'CEIL', 'COALESCE', 'IFNULL', 'ISNULL', 'NULLIF', 'CAST',
  'CURRENT_TIMESTAMP', 'NOW', 'GETDATE', 'GETUTCDATE', 'CURRENT_DATE',
];

const TABLE_POSITION = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE']);
const FILE_COMMANDS = new Set(['.read', '.output', '.once', '.chart']);
/** Words that can follow a table name and so are not its alias. */
const NOT_ALIAS = new Set(['WHERE', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'ON', 'GROUP', 'ORDER', 'LIMIT', 'OFFSET', 'SET', 'VALUES', 'HAVING', 'UNION']);

export interface CompletionCatalog {
  tables(): readonly TableInfo[];
  procedures(): readonly ProcedureInfo[];
}

export interface CompletionRequest {
  /** The statement so far: earlier lines, then the current line up to the cursor. */
  readonly before: string;
  /** The rest of the current line after the cursor (a FROM typed later still counts). */
  readonly after?: string;
  /** True when the current line is the statement's first (dot-commands only there). */
  readonly firstLine?: boolean;
  /** For file names; defaults to the process's directory. */
  readonly cwd?: string;
}

/** [candidates, the word they replace]: readline's completer shape. */
export function complete(request: CompletionRequest, catalog: CompletionCatalog): [string[], string] {
  const { before } = request;
  const line = before.slice(before.lastIndexOf('\n') + 1);
  if (request.firstLine !== false && /^\s*\./.test(line) && !before.slice(0, before.length - line.length).trim()) return completeDotCommand(line, catalog, request.cwd);

  const word = /[\w.@$]*$/.exec(before)?.[0] ?? '';
  const prefix = before.slice(0, before.length - word.length);
  const previous = (/([A-Za-z_]+)\s*$/.exec(prefix)?.[1] ?? '').toUpperCase();
  const statement = `${before}${request.after ?? ''}`;
  const tables = catalog.tables();

  if (/^\s*EXEC(UTE)?\b/i.test(statement)) {
    const procedures = catalog.procedures();
    if (previous === 'EXEC' || previous === 'EXECUTE') return [matching(procedures.map((p) => p.name), word), word];
    const named = /^\s*EXEC(?:UTE)?\s+(\w+)/i.exec(statement)?.[1]?.toLowerCase();
    const procedure = procedures.find((p) => p.name.toLowerCase() === named);
    if (procedure !== undefined && (word.startsWith('@') || word === '')) return [matching(procedure.parameters.map((p) => `@${p.name}`), word), word];
    return [[], word];
  }
  if (TABLE_POSITION.has(previous) || /\bFROM\s+[\w\s,]*,\s*$/i.test(prefix)) {
    return [matching(tables.flatMap((t) => [t.name, ...t.aliases]), word), word];
  }

  const named = namedTables(statement, tables);
  const dot = word.lastIndexOf('.');
  if (dot !== -1) {
    const qualifier = word.slice(0, dot).toLowerCase();
    const byAlias = named.find((n) => n.alias?.toLowerCase() === qualifier);
    const info = byAlias === undefined ? findTable(tables, qualifier) : findTable(tables, byAlias.name.toLowerCase());
    if (info === undefined) return [[], word];
    const head = word.slice(0, dot + 1);
    return [matching(info.columns.map((c) => `${head}${c.name}`), word), word];
  }
  if (word === '') return [[], word];
  const columns = named.flatMap((n) => findTable(tables, n.name)?.columns.map((c) => c.name) ?? []);
  const aliases = named.flatMap((n) => (n.alias === undefined ? [] : [n.alias]));
  // Before any table is named, every table's columns are fair game.
  const fallback = named.length === 0 ? tables.flatMap((t) => [t.name, ...t.columns.map((c) => c.name)]) : [];
  return [matching(unique([...columns, ...aliases, ...fallback, ...FUNCTIONS, ...KEYWORDS]), word), word];
}

/** Tables the statement names after FROM/JOIN/UPDATE/INTO, with their aliases. */
export function namedTables(statement: string, tables: readonly TableInfo[]): { name: string; alias: string | undefined }[] {
  const found: { name: string; alias: string | undefined }[] = [];
  const pattern = /\b(?:FROM|JOIN|UPDATE|INTO)\s+([A-Za-z_]\w*)(?:\s+(?:AS\s+)?([A-Za-z_]\w*))?/gi;
  for (const match of statement.matchAll(pattern)) {
    const table = findTable(tables, match[1]!.toLowerCase());
    if (table === undefined) continue;
    const alias = match[2] !== undefined && !NOT_ALIAS.has(match[2].toUpperCase()) ? match[2] : undefined;
    found.push({ name: table.name, alias });
  }
  // `FROM a x, b y`: the tables after commas.
  for (const match of statement.matchAll(/,\s*([A-Za-z_]\w*)(?:\s+(?:AS\s+)?([A-Za-z_]\w*))?/g)) {
    const table = findTable(tables, match[1]!.toLowerCase());
    if (table === undefined || found.some((f) => f.name === table.name && f.alias === match[2])) continue;
    const alias = match[2] !== undefined && !NOT_ALIAS.has(match[2].toUpperCase()) ? match[2] : undefined;
    if (/\bFROM\b/i.test(statement.slice(0, match.index))) found.push({ name: table.name, alias });
  }
  return found;
}

function findTable(tables: readonly TableInfo[], name: string): TableInfo | undefined {
  const lowerName = name.toLowerCase();
  return tables.find((t) => [t.name, ...t.aliases].some((n) => n.toLowerCase() === lowerName));
}

function completeDotCommand(line: string, catalog: CompletionCatalog, cwd = process.cwd()): [string[], string] {
  const trimmed = line.trimStart();
  const space = trimmed.search(/\s/);
  if (space === -1) return [DOT_COMMAND_NAMES.filter((name) => name.startsWith(trimmed.toLowerCase())), trimmed];
  const command = trimmed.slice(0, space).toLowerCase();
  const argument = trimmed.slice(space).trimStart();
  if (FILE_COMMANDS.has(command)) return [fileNames(argument, cwd), argument];
  if (command === '.schema') return [matching(catalog.tables().flatMap((t) => [t.name, ...t.aliases]), argument), argument];
  if (command === '.mode') return [matching([...OUTPUT_MODES], argument), argument];
  if (['.headers', '.timer', '.bail'].includes(command)) return [matching(['on', 'off'], argument), argument];
  if (command === '.expanded') return [matching(['auto', 'on', 'off'], argument), argument];
  return [[], argument];
}

/** Entries of the directory `partial` points into, directories ending in `/`. */
function fileNames(partial: string, cwd: string): string[] {
  const directory = partial.endsWith('/') ? partial : dirname(partial);
  const base = partial.endsWith('/') ? '' : partial.slice(partial.lastIndexOf('/') + 1);
  const shownDirectory = partial.includes('/') ? partial.slice(0, partial.lastIndexOf('/') + 1) : '';
  try {
    const absolute = directory.startsWith('/') ? directory : join(cwd, directory);
    return readdirSync(absolute)
      .filter((name) => name.startsWith(base) && (base.startsWith('.') || !name.startsWith('.')))
      .sort()
      .map((name) => {
        const isDirectory = safeIsDirectory(join(absolute, name));
        return `${shownDirectory}${name}${isDirectory ? '/' : ''}`;
      });
  } catch {
    return [];
  }
}

function safeIsDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function matching(candidates: readonly string[], word: string): string[] {
  const lower = word.toLowerCase();
  return unique(candidates.filter((candidate) => candidate.toLowerCase().startsWith(lower)));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** readline's asynchronous completer: it calls back with [candidates, word]. */
export type AsyncCompleter = (line: string, callback: (error: Error | null, result: [string[], string]) => void) => void;

/**
 * The same, for readline, waiting first for `ready` (a connection still opening behind the prompt
 * knows no tables yet: Tab then waits for it rather than offering nothing).
 */
export function createAsyncCompleter(catalog: CompletionCatalog, ready: () => Promise<unknown>, pending: () => string, fullLine: () => string | undefined): AsyncCompleter {
  const completer = createCompleter(catalog, pending, fullLine);
  return (line, callback) => {
    ready().then(
      () => callback(null, completer(line)),
      () => callback(null, [[], line]),
    );
  };
}

/** A completer over `complete`; `pending` is the statement's earlier lines, `fullLine` the whole current line. */
export function createCompleter(catalog: CompletionCatalog, pending: () => string = () => '', fullLine: () => string | undefined = () => undefined): (line: string) => [string[], string] {
  return (line) => {
    const earlier = pending();
    const rest = fullLine();
    const after = rest !== undefined && rest.startsWith(line) ? rest.slice(line.length) : '';
    try {
      return complete({ before: earlier === '' ? line : `${earlier}\n${line}`, after, firstLine: earlier === '' }, catalog);
    } catch {
      return [[], ''];
    }
  };
}
