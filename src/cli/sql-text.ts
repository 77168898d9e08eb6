/**
 * A small lexical scanner for SQL text: just enough to find statement boundaries.
 * It knows quotes ('...', "...", `...`, [...], each escaped by doubling its closer)
 * and comments (-- to end of line, /* ... *\/), so a `;` inside them never ends a statement.
 * The engine has its own parser; this exists so the CLI can split and detect
 * complete input without depending on it.
 */

export interface SqlSegment {
  readonly kind: 'code' | 'quoted' | 'line-comment' | 'block-comment';
  readonly text: string;
  /** False for a quote or block comment still open at the end of the text. */
  readonly closed: boolean;
}

const CLOSER: Readonly<Record<string, string>> = { "'": "'", '"': '"', '`': '`', '[': ']' };

export function scanSql(text: string): SqlSegment[] {
  const segments: SqlSegment[] = [];
  let codeStart = 0;
  let i = 0;
  const flushCode = (end: number): void => {
    if (end > codeStart) segments.push({ kind: 'code', text: text.slice(codeStart, end), closed: true });
  };
  while (i < text.length) {
    const ch = text[i]!;
    const closer = CLOSER[ch];
    let end: number;
    let segment: Omit<SqlSegment, 'text'>;
    if (closer !== undefined) {
      end = findQuoteEnd(text, i + 1, closer);
      segment = { kind: 'quoted', closed: end !== -1 };
    } else if (ch === '-' && text[i + 1] === '-') {
      const newline = text.indexOf('\n', i);
      end = newline === -1 ? -1 : newline;
      segment = { kind: 'line-comment', closed: true };
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      end = close === -1 ? -1 : close + 2;
      segment = { kind: 'block-comment', closed: close !== -1 };
    } else {
      i++;
      continue;
    }
    flushCode(i);
    const stop = end === -1 ? text.length : end;
    segments.push({ ...segment, text: text.slice(i, stop) });
    i = codeStart = stop;
  }
  flushCode(text.length);
  return segments;
}

/** Index just past the closing quote, or -1 when the quote never closes. */
function findQuoteEnd(text: string, from: number, closer: string): number {
  let i = from;
  while (i < text.length) {
    if (text[i] === closer) {
      if (text[i + 1] === closer) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return -1;
}

/** A statement and where it starts in the text it was split from (0-based offset). */
export interface LocatedStatement {
  readonly sql: string;
  readonly offset: number;
}

/**
 * Splits on `;` outside quotes and comments. Statements are trimmed; ones holding
 * nothing but whitespace and comments are dropped, so `SELECT 1;;` is one statement.
 */
export function splitStatements(text: string): string[] {
  return locateStatements(text).map((statement) => statement.sql);
}

/** splitStatements, keeping each statement's offset so errors can point into the script. */
export function locateStatements(text: string): LocatedStatement[] {
  const statements: LocatedStatement[] = [];
  let current = '';
  let currentStart = 0;
  let position = 0;
  let significant = false;
  const finish = (): void => {
    if (significant) statements.push({ sql: current.trim(), offset: currentStart + (current.length - current.trimStart().length) });
    current = '';
    significant = false;
  };
  for (const segment of scanSql(text)) {
    if (segment.kind !== 'code') {
      current += segment.text;
      position += segment.text.length;
      if (segment.kind === 'quoted') significant = true;
      continue;
    }
    const parts = segment.text.split(';');
    parts.forEach((part, index) => {
      if (index > 0) {
        finish();
        position += 1;
        currentStart = position;
      }
      current += part;
      position += part.length;
      if (part.trim() !== '') significant = true;
    });
  }
  finish();
  return statements;
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * True when the input is ready to run: every quote and comment is closed and the last
 * thing outside comments is `;`. This is the REPL's "line ends with ;" rule.
 */
export function endsWithTerminator(text: string): boolean {
  const segments = scanSql(text);
  if (segments.some((segment) => !segment.closed)) return false;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i]!;
    if (segment.kind === 'line-comment' || segment.kind === 'block-comment') continue;
    if (segment.kind === 'quoted') return false;
    const trimmed = segment.text.trimEnd();
    if (trimmed === '') continue;
    return trimmed.endsWith(';');
  }
  return false;
}

/** True while a quote or block comment is still open (more lines are needed). */
export function hasOpenQuoteOrComment(text: string): boolean {
  return scanSql(text).some((segment) => !segment.closed);
}

/** The first keyword, upper-cased, skipping comments and whitespace (`SELECT`, `EXEC`, ...). */
export function firstKeyword(sql: string): string {
  for (const segment of scanSql(sql)) {
    if (segment.kind === 'line-comment' || segment.kind === 'block-comment') continue;
    if (segment.kind === 'quoted') return '';
    const match = /^\s*([A-Za-z_]*)/.exec(segment.text);
    if (match === null) return '';
    if (segment.text.trim() === '') continue;
    return (match[1] ?? '').toUpperCase();
  }
  return '';
}

/**
 * One line for the history: newlines outside quotes become spaces and `-- note`
 * becomes `/* note *\/`, so recalling the entry with the up arrow gives runnable SQL.
 */
export function collapseToOneLine(text: string): string {
  return scanSql(text)
    .map((segment) => {
      if (segment.kind === 'code') return segment.text.replace(/\s*\n\s*/g, ' ');
      if (segment.kind === 'line-comment') return `/* ${segment.text.slice(2).trim().replaceAll('*/', '* /')} */`;
      return segment.text;
    })
    .join('')
    .trim();
}
