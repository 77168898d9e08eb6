import { SqlSyntaxError } from '../errors.js';
import { lineAndColumn } from './sql-text.js';

/**
 * `Error [CODE]: message`, the one way the CLI reports errors. Only the message is
 * printed: never the error object, its properties or its `cause` chain, which may hold
 * request details. The connector guarantees messages are free of secrets.
 */
export function formatError(error: unknown, debug = false): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'Unexpected error';
  const code = errorCode(error);
  let text = code === undefined ? `Error: ${message}` : `Error [${code}]: ${message}`;
  // SOCIALSQL_DEBUG=1 adds the stack frames (not the message again, and not the cause).
  if (debug && error instanceof Error && error.stack !== undefined) {
    const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
    if (frames.length > 0) text += `\n${frames.join('\n')}`;
  }
  return text;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

export function isDebug(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.SOCIALSQL_DEBUG === '1';
}

/** Where a statement came from: the whole text typed or read (a script), and the statement's offset in it. */
export interface StatementSource {
  readonly text: string;
  readonly offset: number;
}

/** The longest source line shown under an error; longer lines are cut around the caret. */
const CONTEXT_WIDTH = 72;

/**
 * formatError, plus, for a syntax error, the line at fault with a caret under the position
 * (psql's `LINE 3: ...`). Positions are counted in the script, not in the statement.
 */
export function formatErrorAt(error: unknown, source: StatementSource | undefined, debug = false): string {
  if (!(error instanceof SqlSyntaxError) || source === undefined) return formatError(error, debug);
  const statement = source.text.slice(source.offset);
  let lineStart = 0;
  for (let line = 1; line < error.line; line++) {
    const newline = statement.indexOf('\n', lineStart);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  const absolute = Math.min(source.text.length, source.offset + lineStart + Math.max(0, error.column - 1));
  const { line, column } = lineAndColumn(source.text, absolute);
  const message = error.message.replace(/ \(line \d+, column \d+\)$/, '');
  const relocated = Object.assign(new SqlSyntaxError(message, line, column), { stack: error.stack });
  return `${formatError(relocated, debug)}\n${caretLines(source.text.split('\n')[line - 1] ?? '', line, column)}`;
}

/** `LINE n: text` and a caret under column `column`, cut with `...` around it when the line is long. */
export function caretLines(text: string, line: number, column: number): string {
  const label = `LINE ${line}: `;
  let shown = text.replaceAll('\t', ' ');
  let caretAt = column - 1;
  if (shown.length > CONTEXT_WIDTH) {
    const start = Math.max(0, Math.min(caretAt - Math.floor(CONTEXT_WIDTH / 2), shown.length - CONTEXT_WIDTH));
    const end = Math.min(shown.length, start + CONTEXT_WIDTH);
    shown = `${start > 0 ? '...' : ''}${shown.slice(start, end)}${end < shown.length ? '...' : ''}`;
    caretAt = caretAt - start + (start > 0 ? 3 : 0);
  }
  return `${label}${shown}\n${' '.repeat(label.length + Math.max(0, caretAt))}^`;
}
