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
  /** Its widest value: narrower than this only the header wraps, so columns give this up first. */
  readonly values?: number;
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
  // First wrap long headers (down to the values' width), then wrap text values.
  const headerFloors = columns.map((column, i) => Math.max(minimums[i]!, Math.min(widths[i]!, column.values ?? 0)));
  for (const floors of [headerFloors, minimums]) excess = shrink(widths, floors, excess);
  if (excess > 0) return undefined;
  return widths;
}

/** Takes up to `excess` columns, one at a time from the widest column above its floor; answers what is left. */
function shrink(widths: number[], floors: readonly number[], excess: number): number {
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! > floors[i]! && (widest === -1 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest === -1) return excess;
    widths[widest]!--;
    excess--;
  }
  return 0;
}
