/**
 * ROW_NUMBER ≤ k per partition (`WHERE rn = 1`) straight over a scan's source rows: a generated
 * function finds each row's partition and compares the row's ORDER BY keys with those of the k-th
 * row kept so far, reading both as row properties; only a row that beats it is handed to `offer`.
 * Kept rows stay source rows until the end, so nothing is allocated per row that loses. The
 * comparison is compareForOrder's, key by key, and a tie loses (the sort is stable), as in
 * WindowOperator.firstRowsPerPartition. Built only when the partition and order keys are plain
 * columns of the scan.
 */
import type { Row, Value } from '../../catalog/types.js';
import type { ScanNode } from '../../logical/scan-node.js';
import type { WindowNode } from '../../logical/window-node.js';
import { compareForOrder } from '../order.js';
import { ValueMap } from '../value-map.js';
import { columnReader, groupLookup, orderCompare } from './row-reads.js';
import { generatedFunction } from './generated-function.js';

/**
 * A partition's state as the fold sees it: once the partition holds its k rows, `last` is the
 * k-th of them in window order, and a row must come strictly before it to be offered. Kept on the
 * state itself (not read as rows[k - 1]) so the test per row follows one pointer less.
 */
export interface TopPart {
  readonly last: Row | undefined;
  /**
   * The first ORDER BY key's value in `last`, written by the fold after each offer: most rows lose
   * on that key alone, tested without leaving the state object for the kept row.
   */
  lastKey: Value;
}

/**
 * Folds rows `from` to `to` (exclusive) of a page of source rows; `base` is the input position of
 * the page's first row. Returns how many rows passed the fold's filter (all of them without one).
 */
export type RowTopFold = (page: readonly Row[], base: number, from: number, to: number) => number;

export interface RowTopParts<P extends TopPart> {
  /** A new, empty partition. */
  newPart(keys: Value[]): P;
  /** The row beats the partition's k-th kept row (or it has fewer than k): keep it, and set `last` once k are kept. */
  offer(part: P, row: Row, position: number): void;
}

export interface RowTopRows {
  /** Window order of two rows: negative when `a` comes first. */
  readonly compare: (a: Row, b: Row) => number;
  /** `filter`: the scan's local predicates over the row, tested in the same loop (no filtered copy of the page). */
  readonly fold: <P extends TopPart>(k: number, parts: RowTopParts<P>, filter: ((row: Row) => boolean) | undefined) => RowTopFold;
}

export function rowTopRows(window: WindowNode, scan: ScanNode): RowTopRows | undefined {
  if (window.calls.length !== 1) return undefined;
  const call = window.calls[0]!;
  const partition: string[] = [];
  const read = columnReader(scan);
  for (const p of call.partitionBy) {
    const code = read(p);
    if (code === undefined) return undefined;
    partition.push(code);
  }
  const [readA, readB] = [columnReader(scan, 'a'), columnReader(scan, 'b')];
  const order: { x: string; y: string; desc: boolean }[] = [];
  for (const o of call.orderBy) {
    const x = readA(o.key);
    const y = readB(o.key);
    if (x === undefined || y === undefined) return undefined;
    order.push({ x, y, desc: o.desc });
  }
  const keys = call.orderBy.map((o) => ({ desc: o.desc, nullsFirst: o.nullsFirst }));
  const compareLines = orderCompare(order, (i) => `keys[${i}]`).join('\n');
  // Against the k-th kept row: its first key from the state's cache; only a tie reads the row itself.
  const firstKey = call.orderBy[0];
  const againstLast =
    firstKey === undefined
      ? ['if (last !== undefined) continue;', 'parts.offer(part, row, base + r);']
      : [
          'if (last !== undefined) {',
          ...orderCompare([{ x: read(firstKey.key)!, y: 'part.lastKey', desc: firstKey.desc }], () => 'keys[0]'),
          'if (c === 0) c = compare(row, last);',
          'if (c >= 0) continue;',
          '}',
          'parts.offer(part, row, base + r);',
          `if (part.last !== undefined) part.lastKey = ${columnReader(scan, 'part.last')(firstKey.key)!};`,
        ];
  const find = partition.length === 0 ? ['const part = only;'] : groupLookup(partition, 'part', 'parts.newPart');
  const source = `const compare = function (a, b) {
let x, y, c;
${compareLines}
return c;
};
const fold = function (k, parts, filter) {
const root = new ValueMap();
const only = ${partition.length === 0 ? 'parts.newPart([])' : 'undefined'};
return function (page, base, from, to) {
let passed = 0;
let x, y, c;
for (let r = from; r < to; r++) {
const row = page[r];
if (filter !== undefined && !filter(row)) continue;
passed++;
${find.join('\n')}
const last = part.last;
${againstLast.join('\n')}
}
return passed;
};
};
return { compare, fold };`;
  try {
    return generatedFunction(['ValueMap', 'order', 'keys'], source)(ValueMap, compareForOrder, keys) as RowTopRows;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
}
