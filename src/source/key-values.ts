/**
 * Which values of a key column can be sent. A value the API could read as something else is no
 * id of that API and matches no row, so it costs no call: NULL; a value outside the column's
 * allowed set or id format; and, for values that go into a URL path or a comma-separated list,
 * an empty or blank value, `.` or `..` (URL normalisation would move the path), or a value that
 * contains the list separator (the API would split it into several ids).
 */
import type { IdFormat, KeyColumn } from './key-column.js';

export function sendableValues(key: KeyColumn, texts: readonly string[]): string[] {
  const idLike = key.idFormat !== undefined || key.target.in === 'path' || (key.target.in === 'query' && (key.target.maxValues ?? 1) > 1);
  const kept = texts.filter((text) => {
    if (key.values && !key.values.includes(text)) return false;
    if (key.idFormat && !key.idFormat.pattern.test(text)) return false;
    if (idLike && !isSendableId(text)) return false;
    return true;
  });
  return [...new Set(kept)];
}

/** Whether a value can be an id of the API: of its format when it has one, and sendable in any case. */
export function isIdOf(format: IdFormat | undefined, text: string): boolean {
  return isSendableId(text) && (format === undefined || format.pattern.test(text));
}

/** Not blank, not a dot segment, no list separator. */
export function isSendableId(text: string): boolean {
  return text.trim() !== '' && text !== '.' && text !== '..' && !text.includes(',');
}

/** A path segment that URL normalisation cannot resolve away: undefined for a value that must not be sent. */
export function pathSegment(text: string): string | undefined {
  if (!isSendableId(text)) return undefined;
  const encoded = encodeURIComponent(text);
  return encoded === '.' || encoded === '..' ? undefined : encoded;
}
