/**
 * A small SQL tokenizer. It exists because node-sql-parser's dialects each lack something we need
 * (brackets, `?`, EXEC, NULLS FIRST): we tokenize the user's text ourselves, keep every token's
 * offset in the original text, and rewrite the tokens into text the chosen grammar accepts.
 */
import { SqlSyntaxError } from '../errors.js';
import { positionOf } from './position.js';

export type TokenKind =
  /** An unquoted word: keyword or identifier. */
  | 'word'
  /** "double quoted", [bracketed] or `backticked` identifier; `value` is unescaped. */
  | 'ident'
  /** 'single quoted' (or N'...'); `value` is unescaped ('' → '). */
  | 'string'
  | 'number'
  /** `?` */
  | 'positional'
  /** `@name`; `value` is the name without `@`. */
  | 'named'
  /** Operators and punctuation: = <> != < <= > >= + - * / % || ( ) , . ; */
  | 'op'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The text as written. */
  readonly text: string;
  /** Unescaped content (identifiers, strings, parameter names); the text otherwise. */
  readonly value: string;
  /** Offsets in the original SQL text. */
  readonly start: number;
  readonly end: number;
}

const OPERATORS = ['<>', '!=', '<=', '>=', '||', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';'];
/** Sticky: matched at lastIndex, so a long statement is never copied to read one number. */
const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

// Character classes by char code: the tokenizer runs over every character of statements up to 256 KB.
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isWordStart = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isWordPart = (code: number): boolean => isWordStart(code) || isDigit(code) || code === 36;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string, at: number): never => {
    const { line, column } = positionOf(sql, at);
    throw new SqlSyntaxError(message, line, column);
  };
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end });
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const code = sql.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(c))) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) fail('Unterminated /* comment', i);
      i = close + 2;
      continue;
    }
    const start = i;
    // N'unicode' is T-SQL for a plain string here.
    if ((c === "'" || ((c === 'N' || c === 'n') && sql[i + 1] === "'"))) {
      i = c === "'" ? i : i + 1;
      const value = readQuoted(sql, i, "'", "'", () => fail('Unterminated string literal', start));
      i = value.end;
      push('string', start, i, value.text);
      continue;
    }
    if (c === '"' || c === '[' || c === '`') {
      const close = c === '[' ? ']' : c;
      const value = readQuoted(sql, i, c, close, () => fail(`Unterminated quoted identifier ${c}...${close}`, start));
      i = value.end;
      if (value.text === '') fail('Empty quoted identifier', start);
      push('ident', start, i, value.text);
      continue;
    }
    if (isDigit(code) || (c === '.' && isDigit(sql.charCodeAt(i + 1)))) {
      NUMBER.lastIndex = i;
      i += NUMBER.exec(sql)![0].length;
      if (isWordStart(sql.charCodeAt(i))) fail(`Bad number "${sql.slice(start, i + 1)}"`, start);
      push('number', start, i);
      continue;
    }
    if (isWordStart(code)) {
      while (i < sql.length && isWordPart(sql.charCodeAt(i))) i++;
      push('word', start, i);
      continue;
    }
    if (c === '?') {
      i++;
      push('positional', start, i);
      continue;
    }
    if (c === '@') {
      i++;
      while (i < sql.length && isWordPart(sql.charCodeAt(i))) i++;
      if (i === start + 1) fail('Expected a parameter name after @', start);
      push('named', start, i, sql.slice(start + 1, i));
      continue;
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, i));
    if (op === undefined && '&|^~'.includes(c)) fail(`Bitwise operator ${c} is not supported`, i);
    // CData's `SELECT … INTO csv://file`: say what it is rather than stumbling on the colon.
    if (op === undefined && sql.startsWith('://', i) && /\bINTO\s+csv$/i.test(sql.slice(0, i))) fail('SELECT INTO csv:// is not supported; write the result with --format csv -o FILE', i);
    if (op === undefined) fail(`Unexpected character "${c}"`, i);
    i += op!.length;
    push('op', start, i);
  }
  tokens.push({ kind: 'eof', text: '', value: '', start: sql.length, end: sql.length });
  return tokens;
}

/** Reads `open ... close` where a doubled `close` stands for one. */
function readQuoted(sql: string, openAt: number, _open: string, close: string, onUnterminated: () => never): { text: string; end: number } {
  let i = openAt + 1;
  let text = '';
  for (;;) {
    const next = sql.indexOf(close, i);
    if (next < 0) onUnterminated();
    text += sql.slice(i, next);
    if (sql[next + 1] === close) {
      text += close;
      i = next + 2;
      continue;
    }
    return { text, end: next + 1 };
  }
}

export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token !== undefined && token.kind === 'word' && words.includes(token.text.toUpperCase());
}

export function isOp(token: Token | undefined, op: string): boolean {
  return token !== undefined && token.kind === 'op' && token.text === op;
}
