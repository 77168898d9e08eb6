/**
 * Values as the human-readable modes show them, and the terminal arithmetic on that text:
 * display width (East-Asian wide characters and emoji take two columns), wrapping and cutting with `…`.
 */
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type { Field, Value } from '../catalog/types.js';

export const NUMERIC_TYPES: ReadonlySet<Field['type']> = new Set(['Int', 'Long', 'Double']);

export { DEFAULT_NULL_TEXT } from './modes.js';

/**
 * A number with every digit: integers beyond 2^53 print their exact value (2^60 → 1152921504606846976,
 * where String() gives 1152921504606847000) and never switch to exponent notation.
 */
export function numberText(value: number): string {
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return BigInt(value).toString();
  return String(value);
}

/** A value as text: ISO 8601 dates, `true`/`false`, all digits of numbers, and `nullText` for NULL. */
export function valueText(value: Value | undefined, nullText: string): string {
  if (value === null || value === undefined) return nullText;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'number') return numberText(value);
  return String(value);
}

/** valueText for people: as exact, but ISO 8601 times without milliseconds when they are zero (`2025-05-23T18:25:00Z`). */
export function displayText(value: Value | undefined, nullText: string): string {
  if (value instanceof Date && !Number.isNaN(value.getTime()) && value.getUTCMilliseconds() === 0) return value.toISOString().replace('.000Z', 'Z');
  return valueText(value, nullText);
}

export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** The widest line of a (possibly multi-line) cell. */
export function cellWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, stringWidth(line));
  return widest;
}

/** Cuts `text` to at most `width` columns, ending in `…` when anything was cut. */
export function cut(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  for (const char of text) {
    if (stringWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

/**
 * The lines of a cell at `width` columns: words wrap, words longer than the column break,
 * and past `maxLines` the last line is cut with `…`.
 */
export function wrapCell(text: string, width: number, maxLines: number): string[] {
  const lines = text
    .split('\n')
    .flatMap((line) => (stringWidth(line) <= width ? [line] : wrapAnsi(line, width, { hard: true }).split('\n')));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${cut(last.trimEnd(), width - 1).replace(/…$/, '')}…`;
  return kept;
}

/** Pads to `width` display columns, on the right (left-aligned) or on the left (right-aligned). */
export function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** A column name over lines of `width`: breaks fall between PascalCase or snake_case parts (`DailyBudget|AmountLocal|Micro`). */
export function wrapHeader(name: string, width: number, maxLines: number): string[] {
  if (stringWidth(name) <= width) return [name];
  const parts = name.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=_)/);
  const lines: string[] = [];
  let current = '';
  for (const part of parts) {
    if (stringWidth(current + part) <= width) {
      current += part;
      continue;
    }
    if (current !== '') lines.push(current);
    current = part;
    while (stringWidth(current) > width) {
      lines.push(current.slice(0, width));
      current = current.slice(width);
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${cut(kept[maxLines - 1]!, width - 1).replace(/…$/, '')}…`;
  return kept;
}
