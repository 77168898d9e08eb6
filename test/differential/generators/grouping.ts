/** GROUP BY keys, aggregates over them and HAVING on an aggregate. */
import fc from 'fast-check';
import type { ColumnRef, Expr } from '../query-ast.js';
import { columnsOf, type Scoped } from './context.js';

export interface Grouping {
  readonly keys: readonly ColumnRef[];
  readonly aggregates: readonly Expr[];
  readonly having?: Expr;
}

export function aggregate(scope: readonly Scoped[]): fc.Arbitrary<Expr> {
  const columns = columnsOf(scope);
  const numeric = columns.filter((c) => c.type === 'Int' || c.type === 'Long' || c.type === 'Double');
  const options: fc.Arbitrary<Expr>[] = [
    fc.constant<Expr>({ k: 'agg', fn: 'COUNT', distinct: false }),
    fc.tuple(fc.constantFrom(...columns), fc.boolean()).map(([arg, distinct]): Expr => ({ k: 'agg', fn: 'COUNT', arg, distinct })),
    fc.tuple(fc.constantFrom<'MIN' | 'MAX'>('MIN', 'MAX'), fc.constantFrom(...columns.filter((c) => c.type !== 'Boolean'))).map(([fn, arg]): Expr => ({ k: 'agg', fn, arg, distinct: false })),
  ];
  if (numeric.length > 0) options.push(fc.tuple(fc.constantFrom<'SUM' | 'AVG'>('SUM', 'AVG'), fc.constantFrom(...numeric), fc.boolean()).map(([fn, arg, distinct]): Expr => ({ k: 'agg', fn, arg, distinct })));
  return fc.oneof(...options);
}

/** Aggregates whose value is a number, for HAVING against a number. */
function countLike(scope: readonly Scoped[]): fc.Arbitrary<Expr> {
  return fc.oneof(
    fc.constant<Expr>({ k: 'agg', fn: 'COUNT', distinct: false }),
    fc.tuple(fc.constantFrom(...columnsOf(scope)), fc.boolean()).map(([arg, distinct]): Expr => ({ k: 'agg', fn: 'COUNT', arg, distinct })),
  );
}

export function grouping(scope: readonly Scoped[]): fc.Arbitrary<Grouping> {
  const columns = columnsOf(scope).filter((c) => c.type !== 'Double');
  return fc
    .tuple(fc.uniqueArray(fc.constantFrom(...columns), { minLength: 0, maxLength: 2, selector: (c) => `${c.alias}.${c.column}` }), fc.array(aggregate(scope), { minLength: 1, maxLength: 3 }), fc.option(fc.tuple(countLike(scope), fc.constantFrom<'>' | '<' | '>='>('>', '<', '>='), fc.integer({ min: 0, max: 5 })), { nil: undefined, freq: 3 }))
    .map(([keys, aggregates, having]) => ({
      keys,
      aggregates,
      ...(having ? { having: { k: 'cmp', op: having[1], l: having[0], r: { k: 'lit', value: having[2], type: 'Int' } } as Expr } : {}),
    }));
}
