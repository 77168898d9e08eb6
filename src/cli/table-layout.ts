/**
 * Column widths that fit a screen. Pure arithmetic, so every case is testable: columns give
 * up width (widest first) down to their minimum. Text may wrap; numbers, dates and booleans
 * keep their values' width, because a cut number is a wrong number (their headers may wrap). When even the minimums do not fit, the answer is
 * `undefined` and the caller shows one record per block instead (psql's `\x auto`).
 */

export interface ColumnNeed {
  /** The widest cell or header, in display columns. */
  readonly natural: number;
  /** The narrowest it may get: its widest value for numbers, dates and booleans (never cut), less for text. */
  readonly minimum: number;
}

/** A text column is not squeezed below this many columns (or its natural width, if smaller). */
export const MIN_TEXT_WIDTH = 8;

/** Columns taken by borders and padding: `│ a │ b │` is 3 per column plus 1. */
export function borderOverhead(columns: number): number {
  return 3 * columns + 1;
}

export function fitColumnWidths(columns: readonly ColumnNeed[], screenWidth: number | undefined): number[] | undefined {
  const widths = columns.map((column) => Math.max(1, column.natural));
  if (screenWidth === undefined) return widths;
  const available = screenWidth - borderOverhead(columns.length);
  const minimums = columns.map((column, i) => Math.max(1, Math.min(widths[i]!, column.minimum)));
  if (minimums.reduce((a, b) => a + b, 0) > available) return undefined;
  let excess = widths.reduce((a, b) => a + b, 0) - available;
  while (excess > 0) {
    // Take one column from the widest column that can still give.
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! > minimums[i]! && (widest === -1 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest === -1) return undefined;
    widths[widest]!--;
    excess--;
  }
  return widths;
}
