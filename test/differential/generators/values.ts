/** Literals for a column: values that occur in the data, NULL, near misses and, for ids, odd values. */
import fc from 'fast-check';
import type { ColumnRef, Expr } from '../query-ast.js';
import { KEY_COLUMNS, valuesOf, type Scoped } from './context.js';

export const ODD_IDS = ['', ' ', 'a,b', 'x y', ',', '..', '.', '%', 'nope'];

export function literalFor(scope: readonly Scoped[], ref: ColumnRef): fc.Arbitrary<Expr> {
  const seen = [...new Set(valuesOf(scope, ref).filter((v) => v !== null))];
  const lit = (value: string | number | boolean | null): Expr => ({ k: 'lit', value, type: ref.type });
  const fromData = seen.length > 0 ? fc.constantFrom(...seen).map(lit) : fc.constant(lit(null));
  const other: fc.Arbitrary<Expr> = (() => {
    switch (ref.type) {
      case 'Int':
      case 'Long':
      case 'Double':
        return fc.oneof(fc.integer({ min: -5, max: 100 }), fc.constantFrom(0, 1_000_000, 100_000_000, 5_000_000_000)).map(lit);
      case 'Boolean':
        return fc.boolean().map(lit);
      case 'Datetime':
        return fc
          .tuple(fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 11, 31) }), fc.boolean())
          .map(([t, dateOnly]) => lit(dateOnly ? new Date(t).toISOString().slice(0, 10) : new Date(t).toISOString().replace('.000Z', 'Z')));
      case 'String':
        return KEY_COLUMNS.has(ref.column)
          ? fc.oneof(fc.constantFrom(...ODD_IDS), seen.length > 1 ? fc.constantFrom(`${seen[0]},${seen[1]}`, ` ${seen[0]}`, `${seen[0]} `) : fc.constant('nope')).map(lit)
          : fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('ACTIVE', 'PAUSED', 'USD', 'a', 'Z')).map(lit);
    }
  })();
  return fc.oneof({ weight: 6, arbitrary: fromData }, { weight: 3, arbitrary: other }, { weight: 1, arbitrary: fc.constant(lit(null)) });
}
