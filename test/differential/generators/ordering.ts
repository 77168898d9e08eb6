/** ORDER BY that orders fully (it ends with every table's unique Id), then LIMIT/OFFSET. */
import fc from 'fast-check';
import type { ColumnRef, OrderKey } from '../query-ast.js';
import { columnsOf, type Scoped } from './context.js';

export interface Ordering {
  readonly orderBy: readonly OrderKey[];
  readonly limit?: number;
  readonly offset?: number;
}

export function ordering(scope: readonly Scoped[], leading: readonly ColumnRef[] = columnsOf(scope), uniqueTail: readonly ColumnRef[] = scope.map((s) => ({ k: 'col', alias: s.alias, column: 'Id', type: 'String' }))): fc.Arbitrary<Ordering> {
  return fc
    .tuple(fc.array(fc.tuple(fc.constantFrom(...leading), fc.boolean()), { maxLength: 2 }), fc.boolean(), fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined, freq: 3 }))
    .map(([lead, desc, limit, offset]) => ({
      orderBy: [...lead.map(([e, d]) => ({ e, desc: d })), ...uniqueTail.map((e) => ({ e, desc }))],
      ...(limit !== undefined ? { limit } : {}),
      ...(limit !== undefined && offset !== undefined ? { offset } : {}),
    }));
}
