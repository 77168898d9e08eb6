/**
 * Pieces of generated JS shared by the code that reads source rows directly (row-aggregate.ts,
 * row-window.ts, top-k-gate.ts). Column names enter the text only as JSON string literals; the
 * other text is the compiler's own (variable names, slot and constant indexes).
 */
import type { BoundExpr } from '../../logical/expr-scope.js';
import type { ScanNode } from '../../logical/scan-node.js';

/** An expression that is a plain column of the scan → JS reading it from the row in `variable`; else undefined. */
export function columnReader(scan: ScanNode, variable = 'row'): (b: BoundExpr) => string | undefined {
  const columnBySlot = new Map(scan.columns.map((c) => [c.slot, c.column]));
  return (b) => {
    const ref = b.scope.slots.get(b.expr);
    const column = ref === undefined ? undefined : columnBySlot.get(ref.slot);
    return column === undefined ? undefined : rowRead(column, variable);
  };
}

export const rowRead = (column: string, variable = 'row'): string => `(${variable}[${JSON.stringify(column)}] ?? null)`;

/**
 * Statements that set `variable` to the group of the key values (JS expressions), as groupFinder
 * finds it: one ValueMap per key level under `root`, `make([values])` on first sight. A key that
 * is not an object (not a Date) is looked up in the ValueMap's plain Map inline, without a call.
 */
export function groupLookup(keys: readonly string[], variable: string, make: string): string[] {
  const n = keys.length;
  const lines = keys.map((k, i) => `const v${i} = ${k};`);
  const get = (map: string, v: string) => `typeof ${v} === 'object' && ${v} !== null ? ${map}.get(${v}) : ${map}.plain.get(${v})`;
  let map = 'root';
  for (let i = 0; i < n - 1; i++) {
    lines.push(`let m${i} = ${get(map, `v${i}`)};`, `if (m${i} === undefined) ${map}.set(v${i}, (m${i} = new ValueMap()));`);
    map = `m${i}`;
  }
  const all = keys.map((_k, i) => `v${i}`).join(', ');
  lines.push(`let ${variable} = ${get(map, `v${n - 1}`)};`, `if (${variable} === undefined) ${map}.set(v${n - 1}, (${variable} = ${make}([${all}])));`);
  return lines;
}

/**
 * Statements leaving in `c` the ORDER BY comparison of x-values and y-values, key by key, as
 * compareForOrder gives it (negative: x first). Two numbers or two strings compare inline;
 * anything else calls `order(x, y, key)` (compareForOrder), the key read from `keyRef(i)`.
 */
export function orderCompare(keys: readonly { readonly x: string; readonly y: string; readonly desc: boolean }[], keyRef: (i: number) => string): string[] {
  const lines: string[] = ['c = 0;'];
  let close = '';
  keys.forEach((k, i) => {
    const [lt, gt] = k.desc ? ['1', '-1'] : ['-1', '1'];
    lines.push(
      `x = ${k.x}; y = ${k.y};`,
      `c = (typeof x === 'number' && typeof y === 'number') || (typeof x === 'string' && typeof y === 'string') ? (x < y ? ${lt} : x > y ? ${gt} : 0) : order(x, y, ${keyRef(i)});`,
    );
    if (i < keys.length - 1) {
      lines.push('if (c === 0) {');
      close += '}';
    }
  });
  lines.push(close);
  return lines;
}
