// Parses the `fields` parameter: "id,caption,children{id,media_type},comments.limit(5){text}".
import { invalidParam } from './graph-error.js';

export interface FieldSelection {
  name: string;
  /** ".limit(5)" style modifiers. */
  modifiers: Record<string, string>;
  /** Nested selection in braces, or null when none was given. */
  sub: FieldSelection[] | null;
}

/** Parsed selections by text: a batch of 50 reads sends the same `fields` 50 times. Treat results as read-only. */
const parsed = new Map<string, FieldSelection[]>();
const MAX_REMEMBERED = 1000;

export function parseFields(raw: string): FieldSelection[] {
  let selections = parsed.get(raw);
  if (selections === undefined) {
    selections = parseSelections(raw);
    if (parsed.size >= MAX_REMEMBERED) parsed.clear();
    parsed.set(raw, selections);
  }
  return selections;
}

function parseSelections(raw: string): FieldSelection[] {
  let pos = 0;
  const fail = (expected: string): never => {
    throw invalidParam(`Syntax error "Expected ${expected} instead of "${raw[pos] ?? 'end of string'}"." at character ${pos}: ${raw}`);
  };
  const skipSpace = () => {
    while (raw[pos] === ' ') pos++;
  };
  const name = (): string => {
    skipSpace();
    const match = /^[A-Za-z0-9_]+/.exec(raw.slice(pos));
    if (!match) return fail('field name');
    pos += match[0].length;
    return match[0];
  };
  const list = (closing: string | null): FieldSelection[] => {
    const out: FieldSelection[] = [];
    for (;;) {
      skipSpace();
      if (closing !== null && raw[pos] === closing && out.length > 0) break;
      const selection: FieldSelection = { name: name(), modifiers: {}, sub: null };
      while (raw[pos] === '.') {
        pos++;
        const modifier = name();
        if (raw[pos] !== '(') fail('"("');
        const end = raw.indexOf(')', pos);
        if (end < 0) fail('")"');
        selection.modifiers[modifier] = raw.slice(pos + 1, end).trim();
        pos = end + 1;
      }
      skipSpace();
      if (raw[pos] === '{') {
        pos++;
        selection.sub = list('}');
        if (raw[pos] !== '}') fail('"}"');
        pos++;
      }
      out.push(selection);
      skipSpace();
      if (raw[pos] === ',') {
        pos++;
        continue;
      }
      if (pos >= raw.length || raw[pos] === closing) break;
      fail('","');
    }
    return out;
  };
  const result = list(null);
  if (pos < raw.length) fail('end of string');
  return result;
}
