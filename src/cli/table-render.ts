/**
 * Draws cells as text: a bordered grid (`table`, `box`), GitHub markdown, or one record per block
 * (psql's expanded display). Cells arrive as text already; widths come from table-layout.ts.
 */
import { cellWidth, displayWidth, pad, wrapCell, wrapHeader } from './cell-text.js';

export type Align = 'left' | 'right';
export type GridStyle = 'table' | 'box';

/** A cell wraps onto at most this many lines; the last is cut with `…`. */
export const MAX_CELL_LINES = 4;

export interface Grid {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly aligns: readonly Align[];
  readonly showHeaders: boolean;
}

/** `table`: rules around the header only. `box`: a rule between every row as well. */
export function renderGrid(grid: Grid, widths: readonly number[], style: GridStyle): string {
  const rule = (left: string, middle: string, right: string): string => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}\n`;
  const line = (cells: readonly string[], aligns: readonly Align[], wrap = wrapCell): string => {
    const wrapped = cells.map((cell, i) => wrap(cell, widths[i]!, MAX_CELL_LINES));
    const height = Math.max(1, ...wrapped.map((lines) => lines.length));
    let text = '';
    for (let row = 0; row < height; row++) {
      text += `│ ${wrapped.map((lines, i) => pad(lines[row] ?? '', widths[i]!, aligns[i]!)).join(' │ ')} │\n`;
    }
    return text;
  };
  let text = rule('┌', '┬', '┐');
  if (grid.showHeaders) {
    text += line(grid.headers, grid.headers.map(() => 'left'), wrapHeader);
    if (grid.rows.length > 0) text += rule('├', '┼', '┤');
  }
  grid.rows.forEach((cells, index) => {
    if (style === 'box' && index > 0) text += rule('├', '┼', '┤');
    text += line(cells, grid.aligns);
  });
  return text + rule('└', '┴', '┘');
}

/** GitHub-flavoured markdown: `|` escaped, line breaks as `<br>`, numbers right-aligned (`--:`). */
export function renderMarkdown(grid: Grid): string {
  const escape = (cell: string): string => cell.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', '<br>');
  const headers = grid.headers.map(escape);
  const rows = grid.rows.map((cells) => cells.map(escape));
  const widths = headers.map((header, i) => Math.max(3, displayWidth(header), ...rows.map((cells) => displayWidth(cells[i]!))));
  const line = (cells: readonly string[], aligns: readonly Align[]): string => `| ${cells.map((cell, i) => pad(cell, widths[i]!, aligns[i]!)).join(' | ')} |\n`;
  let text = '';
  // Markdown tables need a header row; with headers off the column names still head it.
  text += line(headers, headers.map(() => 'left'));
  text += `|${widths.map((w, i) => (grid.aligns[i] === 'right' ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|\n`;
  for (const cells of rows) text += line(cells, grid.aligns);
  return text;
}

/**
 * One record per block, for results wider than the screen:
 * `-[ RECORD 1 ]-----` then `Name | value` lines, values wrapped to the screen.
 */
export function renderExpanded(grid: Grid, screenWidth: number | undefined, firstRecord = 1): string {
  const labelWidth = Math.max(0, ...grid.headers.map(cellWidth));
  const valueWidth = screenWidth === undefined ? Infinity : Math.max(10, screenWidth - labelWidth - 3);
  let text = '';
  let widestValue = 0;
  for (const cells of grid.rows) for (const cell of cells) widestValue = Math.max(widestValue, cellWidth(cell));
  const ruleWidth = Math.min(screenWidth ?? Infinity, labelWidth + 3 + Math.min(valueWidth, widestValue));
  grid.rows.forEach((cells, index) => {
    const title = `-[ RECORD ${firstRecord + index} ]`;
    text += `${title}${'-'.repeat(Math.max(0, ruleWidth - title.length))}\n`;
    cells.forEach((cell, i) => {
      const lines = valueWidth === Infinity ? cell.split('\n') : wrapCell(cell, valueWidth, Number.MAX_SAFE_INTEGER);
      lines.forEach((valueLine, n) => {
        text += `${pad(n === 0 ? grid.headers[i]! : '', labelWidth, 'left')} | ${valueLine}\n`.replace(/ +\n$/, '\n');
      });
    });
  });
  return text;
}
