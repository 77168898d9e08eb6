/**
 * The per-row loop of a scan that has both a compiled row filter and a top-k gate: the rows of a
 * slice that pass the filter and sort before the gate's worst kept row. Generated once per pair
 * of generated functions (keyed by their numbers only, nothing from the query enters the text),
 * so each query shape gets its own loop whose two calls V8 sees monomorphic and can inline.
 */
import type { Row } from '../../catalog/types.js';
import type { RowCondition } from './row-code.js';
import type { TopKGate } from './top-k-gate.js';
import { generatedFunction, generatedId } from './generated-function.js';

export type GatedRowLoop = (page: readonly Row[], from: number, to: number, out: Row[]) => void;

export function gatedRowLoop(filter: RowCondition, gate: TopKGate): GatedRowLoop | undefined {
  const f = generatedId(filter);
  const b = generatedId(gate.before);
  if (f === undefined || b === undefined) return undefined;
  const source = `// filter ${f}, gate ${b}
return function (page, from, to, out) {
  for (let r = from; r < to; r++) {
    const row = page[r];
    if (!filter(row)) continue;
    const w = gate.worst;
    if (w !== undefined && !before(row, w)) continue;
    out.push(row);
  }
};`;
  try {
    return generatedFunction(['filter', 'gate', 'before'], source)(filter, gate, gate.before) as GatedRowLoop;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
}
