/**
 * The PostgreSQL dialect that `socialsql serve` accepts, turned into socialsql's own: `$1`
 * parameters, `::` casts, ILIKE, E'' and dollar-quoted strings, and schema-qualified table names
 * (`"agency-eu".campaigns`, where the schema picks the connection). It also tells catalog queries
 * (pg_catalog, information_schema, SET/SHOW, functions only) from queries of the API tables.
 * A token pass, not a grammar: the engine's parser still checks the statement.
 */
import { SqlSyntaxError } from '../errors.js';

type Kind = 'word' | 'ident' | 'string' | 'number' | 'param' | 'op';

interface PgToken {
  readonly kind: Kind;
  /** Identifier text unquoted; string content unescaped; otherwise the text as written. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const OPS = ['::', '<>', '!=', '<=', '>=', '||', '!~*', '!~', '~*', '~~', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';', '[', ']', '~', '^', '&', '|', '#', '@', '?', ':'];

export function tokenizePg(sql: string): PgToken[] {
  const tokens: PgToken[] = [];
  let i = 0;
  const fail = (message: string, at: number): never => {
    const before = sql.slice(0, at);
    const line = before.split('\n').length;
    throw new SqlSyntaxError(message, line, at - before.lastIndexOf('\n'));
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (sql.startsWith('--', i)) {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (sql.startsWith('/*', i)) {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) fail('Unterminated /* comment', i);
      i = close + 2;
    } else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      const escapes = c !== "'";
      const start = i;
      i += escapes ? 2 : 1;
      let value = '';
      for (;;) {
        if (i >= sql.length) fail('Unterminated string literal', start);
        const ch = sql[i]!;
        if (ch === "'" && sql[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else if (escapes && ch === '\\' && i + 1 < sql.length) {
          const next = sql[i + 1]!;
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
          i += 2;
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ kind: 'string', value, start, end: i });
    } else if (c === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      const start = i++;
      while (/[0-9]/.test(sql[i] ?? '')) i++;
      tokens.push({ kind: 'param', value: sql.slice(start + 1, i), start, end: i });
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (!tag) fail('Unexpected character "$"', i);
      const close = sql.indexOf(tag![0], i + tag![0].length);
      if (close < 0) fail('Unterminated dollar-quoted string', i);
      tokens.push({ kind: 'string', value: sql.slice(i + tag![0].length, close), start: i, end: close + tag![0].length });
      i = close + tag![0].length;
    } else if (c === '"') {
      const start = i++;
      let value = '';
      for (;;) {
        const close = sql.indexOf('"', i);
        if (close < 0) fail('Unterminated quoted identifier', start);
        value += sql.slice(i, close);
        if (sql[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      tokens.push({ kind: 'ident', value, start, end: i });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(i))!;
      tokens.push({ kind: 'number', value: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const start = i;
      while (i < sql.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[i]!)) i++;
      tokens.push({ kind: 'word', value: sql.slice(start, i), start, end: i });
    } else {
      const op = OPS.find((o) => sql.startsWith(o, i));
      if (op === undefined) fail(`Unexpected character "${c}"`, i);
      tokens.push({ kind: 'op', value: op!, start: i, end: i + op!.length });
      i += op!.length;
    }
  }
  return tokens;
}

/** One statement of a simple-query string, with its offset in that string. */
export interface StatementText {
  readonly sql: string;
  readonly offset: number;
}

/** Splits at top-level `;` (not inside strings, identifiers or comments); drops empty statements. */
export function splitStatements(sql: string): StatementText[] {
  const tokens = tokenizePg(sql);
  const out: StatementText[] = [];
  let start = 0;
  let depth = 0;
  for (const t of tokens) {
    if (t.kind !== 'op') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')') depth--;
    else if (t.value === ';' && depth <= 0) {
      if (sql.slice(start, t.start).trim() !== '') out.push({ sql: sql.slice(start, t.start), offset: start });
      start = t.end;
    }
  }
  if (sql.slice(start).trim() !== '') out.push({ sql: sql.slice(start), offset: start });
  return out;
}

const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema']);
/** Statements that only the catalog database answers. */
const CATALOG_COMMANDS = new Set(['SET', 'SHOW', 'RESET', 'BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'DISCARD', 'DEALLOCATE', 'PREPARE', 'EXECUTE', 'SAVEPOINT', 'RELEASE', 'LISTEN', 'UNLISTEN', 'CLOSE', 'FETCH', 'DECLARE']);

export interface TableName {
  readonly schema?: string;
  readonly name: string;
}

export interface PgStatementInfo {
  /** The first keyword, upper case (`SELECT`, `SET`, `WITH`, ...). */
  readonly command: string;
  /** Names after FROM / JOIN / INTO / UPDATE / TABLE, with their schema when qualified. */
  readonly tables: readonly TableName[];
  /** Mentions pg_catalog, information_schema or a pg_* relation. */
  readonly mentionsSystemCatalog: boolean;
  /** Highest `$n`. */
  readonly paramCount: number;
}

export function describeStatement(sql: string): PgStatementInfo {
  const tokens = tokenizePg(sql);
  const command = tokens.find((t) => t.kind === 'word')?.value.toUpperCase() ?? '';
  const tables: TableName[] = [];
  let mentionsSystemCatalog = false;
  let paramCount = 0;
  tokens.forEach((t, i) => {
    if (t.kind === 'param') paramCount = Math.max(paramCount, Number(t.value));
    if ((t.kind === 'word' || t.kind === 'ident') && (SYSTEM_SCHEMAS.has(t.value.toLowerCase()) || /^pg_/i.test(t.value))) mentionsSystemCatalog = true;
    if (t.kind === 'word' && /^(FROM|JOIN|INTO|UPDATE|TABLE)$/i.test(t.value)) {
      const first = tokens[i + 1];
      if (first === undefined || (first.kind !== 'word' && first.kind !== 'ident')) return;
      const dot = tokens[i + 2];
      const second = tokens[i + 3];
      if (dot?.kind === 'op' && dot.value === '.' && second && (second.kind === 'word' || second.kind === 'ident')) tables.push({ schema: first.value, name: second.value });
      else tables.push({ name: first.value });
    }
  });
  return { command, tables, mentionsSystemCatalog, paramCount };
}

/** Is this for the catalog database (everything but queries and writes of the API tables)? */
export function isCatalogStatement(info: PgStatementInfo, isApiTable: (t: TableName) => boolean): boolean {
  if (CATALOG_COMMANDS.has(info.command)) return true;
  if (info.mentionsSystemCatalog) return true;
  return !info.tables.some(isApiTable);
}

/** PostgreSQL type names → the engine's CAST types. */
const CAST_TYPES: Record<string, string> = {
  text: 'VARCHAR', varchar: 'VARCHAR', char: 'VARCHAR', character: 'VARCHAR', name: 'VARCHAR', bpchar: 'VARCHAR',
  int: 'INT', int2: 'INT', int4: 'INT', integer: 'INT', smallint: 'INT',
  int8: 'BIGINT', bigint: 'BIGINT',
  float: 'DOUBLE', float4: 'DOUBLE', float8: 'DOUBLE', real: 'DOUBLE', double: 'DOUBLE', numeric: 'DOUBLE', decimal: 'DOUBLE',
  bool: 'BOOLEAN', boolean: 'BOOLEAN',
  timestamptz: 'DATETIME', timestamp: 'DATETIME', date: 'DATETIME',
};

export interface EngineSql {
  readonly sql: string;
  /** Maps an offset of `sql` back to the offset in the text the client sent. */
  originalOffset(offset: number): number;
}

/**
 * The statement in socialsql's dialect. `$n` becomes `@p<n>` (bound by name), `x::type` becomes
 * `CAST(x AS type)`, ILIKE becomes LIKE (socialsql's LIKE is case-insensitive already), strings are
 * re-quoted, and a schema qualifier in front of a table name is dropped (it chose the connection).
 */
export function toEngineSql(sql: string): EngineSql {
  const tokens = tokenizePg(sql);
  interface Piece {
    text: string;
    origin: number;
  }
  const out: Piece[] = [];
  const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
  const render = (t: PgToken): string => {
    switch (t.kind) {
      case 'string':
        return quote(t.value);
      case 'ident':
        return `"${t.value.replace(/"/g, '""')}"`;
      case 'param':
        return `@p${t.value}`;
      case 'word':
        return /^ILIKE$/i.test(t.value) ? 'LIKE' : t.value;
      default:
        return t.value;
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    // schema.table after FROM/JOIN/INTO/UPDATE: drop `schema.`
    if ((t.kind === 'word' || t.kind === 'ident') && prev?.kind === 'word' && /^(FROM|JOIN|INTO|UPDATE)$/i.test(prev.value) && tokens[i + 1]?.value === '.' && tokens[i + 1]?.kind === 'op') {
      i++;
      continue;
    }
    if (t.kind === 'op' && t.value === '::') {
      const type = readType(tokens, i + 1);
      const start = operandStart(out);
      const operand = out.splice(start);
      const target = CAST_TYPES[type.name.toLowerCase()];
      if (target === undefined) throw new SqlSyntaxError(`Cannot cast to ${type.name}; use text, int4, int8, float8, bool or timestamptz`, 1, t.start + 1);
      out.push({ text: 'CAST(', origin: operand[0]?.origin ?? t.start }, ...operand, { text: `AS ${target})`, origin: t.start });
      i = type.next - 1;
      continue;
    }
    out.push({ text: render(t), origin: t.start });
  }
  // Join with single spaces; record where each piece starts in the output.
  const starts: number[] = [];
  let text = '';
  for (const p of out) {
    if (text !== '' && !(p.text === ')' || p.text === ',' || p.text === '.' || text.endsWith('(') || text.endsWith('.'))) text += ' ';
    starts.push(text.length);
    text += p.text;
  }
  return {
    sql: text,
    originalOffset(offset: number): number {
      let k = 0;
      while (k + 1 < starts.length && starts[k + 1]! <= offset) k++;
      return out[k]?.origin ?? 0;
    },
  };

  /** Where the operand of `::` begins among the pieces written so far: a literal, a name chain, or a (...) group with its function name. */
  function operandStart(pieces: readonly Piece[]): number {
    let k = pieces.length - 1;
    if (k < 0) throw new SqlSyntaxError('Nothing to cast before ::', 1, 1);
    if (pieces[k]!.text === ')') {
      let depth = 0;
      for (; k >= 0; k--) {
        if (pieces[k]!.text === ')') depth++;
        else if (pieces[k]!.text === '(' || pieces[k]!.text.endsWith('(')) depth--;
        if (depth === 0) break;
      }
      if (k > 0 && /^[A-Za-z_"]/.test(pieces[k - 1]!.text)) k--;
    }
    while (k >= 2 && pieces[k - 1]!.text === '.') k -= 2;
    return Math.max(0, k);
  }
}

/** A type name after `::`: one word or `double precision`, `timestamp with time zone`, with an optional `(n)` and `[]`. */
function readType(tokens: readonly PgToken[], at: number): { name: string; next: number } {
  const first = tokens[at];
  if (!first || (first.kind !== 'word' && first.kind !== 'ident')) throw new SqlSyntaxError('Expected a type name after ::', 1, (first?.start ?? 0) + 1);
  let next = at + 1;
  const word = (k: number, w: string): boolean => tokens[k]?.kind === 'word' && tokens[k]!.value.toLowerCase() === w;
  if (first.value.toLowerCase() === 'pg_catalog' && tokens[next]?.value === '.') return readType(tokens, next + 1);
  if (word(next, 'precision') || word(next, 'varying')) next++;
  if ((word(next, 'with') || word(next, 'without')) && word(next + 1, 'time') && word(next + 2, 'zone')) next += 3;
  if (tokens[next]?.value === '(') {
    while (next < tokens.length && tokens[next]!.value !== ')') next++;
    next++;
  }
  if (tokens[next]?.value === '[' && tokens[next + 1]?.value === ']') throw new SqlSyntaxError('Array casts are not supported', 1, first.start + 1);
  return { name: first.value, next };
}
