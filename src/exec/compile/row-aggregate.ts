/**
 * GROUP BY straight over a scan's source rows: one generated function folds a page of rows into
 * the groups, reading keys and arguments as row properties, so no tuple is built at all (late
 * materialisation: only the groups become tuples). Each call site in the generated text serves
 * one aggregate, so each stays monomorphic. Groups are found as groupFinder does (a ValueMap per
 * key level: NULLs group together, 5 ≠ '5', Dates by instant).
 *
 * Built only when every key and argument is a plain column of the scan; anything computed stays
 * on the tuple path. Column names enter the text as JSON string literals; nothing else from the
 * query does.
 */
import type { Row, Value } from '../../catalog/types.js';
import type { AggregateNode } from '../../logical/aggregate-node.js';
import type { ScanNode } from '../../logical/scan-node.js';
import type { AggregateColumn } from '../aggregate-columns.js';
import { ValueMap } from '../value-map.js';
import { columnReader, groupLookup } from './row-reads.js';

/** Folds one page of rows into the groups. */
export type RowFold = (page: readonly Row[]) => void;

/** Per run: the aggregate columns (in order) and how a new group is made (it returns the group's number). */
export type RowFoldFactory = (columns: readonly AggregateColumn[], newGroup: (keys: Value[]) => number) => RowFold;

export function rowAggregate(node: AggregateNode, scan: ScanNode): RowFoldFactory | undefined {
  const read = columnReader(scan);
  const keys: string[] = [];
  for (const g of node.groups) {
    const code = read(g);
    if (code === undefined) return undefined;
    keys.push(code);
  }
  const steps: string[] = [];
  for (const [i, a] of node.aggregates.entries()) {
    if (a.arg === undefined) {
      steps.push(`c${i}.add(g, null);`);
      continue;
    }
    const code = read(a.arg);
    if (code === undefined) return undefined;
    steps.push(`c${i}.add(g, ${code});`);
  }
  const n = keys.length;
  const lines = n === 0 ? ['const g = 0;'] : groupLookup(keys, 'g', 'newGroup');
  const declare = node.aggregates.map((_a, i) => `const c${i} = columns[${i}];`).join('\n');
  const source = `return function (columns, newGroup) {
${declare}
const root = new ValueMap();
${n === 0 ? 'newGroup([]);' : ''}
return function (page) {
for (let r = 0; r < page.length; r++) {
const row = page[r];
${lines.join('\n')}
${steps.join('\n')}
}
};
};`;
  try {
    return new Function('ValueMap', source)(ValueMap) as RowFoldFactory;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
}
