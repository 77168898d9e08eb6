/**
 * ORDER BY … LIMIT over a scan: once the sort holds its `keep` rows, a source row that does not
 * sort before the worst of them can never be output. The sort publishes that worst tuple here and
 * the scan tests each source row against it (a compiled comparator reading the row's properties),
 * so such rows never become tuples. The test is exactly the sort's own (compareForOrder, key by
 * key, ties lose), so it only drops rows the sort would drop.
 *
 * Built only when every operator between the sort and the scan passes rows through unchanged
 * except for column copies (a Project of plain columns), so skipping a row early can neither hide
 * an error nor change a value. Column names enter the generated text as JSON string literals,
 * everything else through the constants array.
 */
import type { Row } from '../../catalog/types.js';
import type { LogicalNode } from '../../logical/logical-node.js';
import type { ScanNode } from '../../logical/scan-node.js';
import type { Tuple } from '../env.js';
import type { SortKeySpec } from '../operators/sort.js';
import { compareForOrder } from '../order.js';
import { orderCompare, rowRead } from './row-reads.js';
import { generatedFunction } from './generated-function.js';

export class TopKGate {
  /** The worst row the sort keeps, once it has `keep` of them. */
  worst: Tuple | undefined;
  constructor(
    /** True when `row` sorts strictly before `worst`. */
    readonly before: (row: Row, worst: Tuple) => boolean,
    /**
     * True when `row` does not sort before `worst` and the keys that decide it are two numbers or
     * two strings; false otherwise (it may sort before, or it takes compareForOrder's slow path).
     * It cannot throw, so the scan may test it before the local predicates: a row it drops could
     * never be output, and the predicates it skips could not have failed loudly (see scan.ts).
     */
    readonly surelyAfter: (row: Row, worst: Tuple) => boolean,
  ) {}
}

/** The scan below a Sort and the gate for it, when the sort's keys read that scan's columns directly. */
export function topKGate(input: LogicalNode, keys: readonly SortKeySpec[]): { scan: ScanNode; gate: TopKGate } | undefined {
  let scan: ScanNode;
  /** Sort key slot → the scan slot it copies. */
  let scanSlot: (slot: number) => number | undefined;
  if (input.kind === 'Scan') {
    scan = input;
    scanSlot = (slot) => slot;
  } else if (input.kind === 'Project' && input.input.kind === 'Scan') {
    scan = input.input;
    const copies: number[] = [];
    for (const out of input.outputs) {
      const ref = out.scope.slots.get(out.expr);
      if (ref === undefined) return undefined; // a computed output could fail on a row skipped here
      copies.push(ref.slot);
    }
    scanSlot = (slot) => copies[slot];
  } else return undefined;
  const columns = new Map(scan.columns.map((c) => [c.slot, c.column]));
  const compared: { x: string; y: string; desc: boolean }[] = [];
  const quick: string[] = [];
  const constants: unknown[] = [compareForOrder];
  for (const key of keys) {
    const from = scanSlot(key.slot);
    const column = from === undefined ? undefined : columns.get(from);
    if (column === undefined) return undefined;
    constants.push({ desc: key.desc, nullsFirst: key.nullsFirst });
    compared.push({ x: rowRead(column), y: `(w[${key.slot}] ?? null)`, desc: key.desc });
    const [lt, gt] = key.desc ? ['1', '-1'] : ['-1', '1'];
    // compareForOrder's own fast paths; anything else (NULL, Dates, mixed types) stays undecided.
    quick.push(
      `x = ${rowRead(column)}; y = (w[${key.slot}] ?? null);`,
      `if (!((typeof x === 'number' && typeof y === 'number') || (typeof x === 'string' && typeof y === 'string'))) return false;`,
      `c = x < y ? ${lt} : x > y ? ${gt} : 0;`,
      'if (c !== 0) return c > 0;',
    );
  }
  const lines = orderCompare(compared, (i) => `k[${i + 1}]`);
  const source = `const order = k[0];\nreturn function (row, w) {\nlet x, y, c;\n${lines.join('\n')}\nreturn c < 0;\n};`;
  // Every key tied: a tie loses, so the row is surely after.
  const quickSource = `return function (row, w) {\nlet x, y, c;\n${quick.join('\n')}\nreturn true;\n};`;
  try {
    const before = generatedFunction(['k'], source)(constants) as TopKGate['before'];
    const surelyAfter = generatedFunction([], quickSource)() as TopKGate['surelyAfter'];
    return { scan, gate: new TopKGate(before, surelyAfter) };
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
}
