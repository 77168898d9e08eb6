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
import type { BoundExpr } from '../../logical/expr-scope.js';
import type { JoinNode } from '../../logical/join-node.js';
import type { Tuple } from '../env.js';
import { columnReader, groupLookup } from './row-reads.js';
import { generatedFunction } from './generated-function.js';

/** Folds one page of rows into the groups; over a join, returns how many joined rows it folded. */
export type RowFold = (page: readonly Row[]) => number;

/** The inner side of a hash join under the aggregate: its tuples by (coerced) key. */
export interface RowProbe {
  bucket(key: Value): readonly Tuple[];
  readonly coerce: (v: Value) => Value;
}

/**
 * Per run: the aggregate columns (in order), how a new group is made (it returns the group's
 * number), and over a join the built inner side.
 */
export type RowFoldFactory = (columns: readonly AggregateColumn[], newGroup: (keys: Value[]) => number, probe?: RowProbe) => RowFold;

/**
 * `scan` is the aggregate's input, or with `join` the join's outer side: then each source row
 * probes the inner side by its key and every match is folded, reading the inner columns from the
 * inner tuple (INNER and LEFT joins on one key, no residual condition).
 */
export function rowAggregate(node: AggregateNode, scan: ScanNode, join?: JoinNode): RowFoldFactory | undefined {
  const fromRow = columnReader(scan);
  const innerSlots = new Set(join?.innerSlots ?? []);
  const read = (b: BoundExpr): string | undefined => {
    const ref = b.scope.slots.get(b.expr);
    if (ref !== undefined && innerSlots.has(ref.slot)) return `(inner[${ref.slot}] ?? null)`;
    return fromRow(b);
  };
  let probeKey: string | undefined;
  if (join !== undefined) {
    if ((join.type !== 'Inner' && join.type !== 'Left') || join.keys.length !== 1 || join.residual !== undefined) return undefined;
    probeKey = fromRow(join.keys[0]!.outer);
    if (probeKey === undefined) return undefined;
  }
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
  const body = [...lines, ...steps].join('\n');
  const declare = node.aggregates.map((_a, i) => `const c${i} = columns[${i}];`).join('\n');
  const source = `return function (columns, newGroup, probe) {
${declare}
const root = new ValueMap();
${n === 0 ? 'newGroup([]);' : ''}
return function (page) {
let joined = 0;
for (let r = 0; r < page.length; r++) {
const row = page[r];
${probeKey === undefined ? body : probeLoop(probeKey, join!.type === 'Left', body)}
}
return joined;
};
};`;
  try {
    return generatedFunction(['ValueMap', 'NULLS'], source)(ValueMap, NULLS) as RowFoldFactory;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
}

/** Reading any slot of it gives NULL: the inner side of an unmatched LEFT JOIN row. */
const NULLS: readonly Value[] = [];

/** The body once per inner match (or once over NULLS for an unmatched LEFT row), as HashJoinOperator joins. */
function probeLoop(key: string, left: boolean, body: string): string {
  return `const matches = probe.bucket(probe.coerce(${key}));
for (let m = 0; m < matches.length; m++) {
const inner = matches[m];
joined++;
${body}
}
${left ? `if (matches.length === 0) {\nconst inner = NULLS;\njoined++;\n${body}\n}` : ''}`;
}
