/** Whole queries: plain filters with projections, or grouped ones; ordered or not; or a query over a derived table, CTE or set operation. */
import fc from 'fast-check';
import type { ColumnRef, Expr, Query } from '../query-ast.js';
import { columnsOf, type GenContext } from './context.js';
import { condition } from './filters.js';
import { grouping } from './grouping.js';
import { fromClause } from './joins.js';
import { ordering } from './ordering.js';
import { correlatedPredicate, correlatedScalar } from './correlated.js';
import { overBlock } from './derived.js';

/** What the suites run: one query in five reads a block (derived table, CTE, set operation). */
export function statement(ctx: GenContext): fc.Arbitrary<Query> {
  return fc.oneof({ weight: 4, arbitrary: query(ctx) }, { weight: 1, arbitrary: overBlock(ctx, query(ctx)) });
}

export function query(ctx: GenContext): fc.Arbitrary<Query> {
  return fromClause(ctx).chain((from) => {
    const columns = columnsOf(from.scope);
    const where = fc.option(condition(ctx, from.scope), { nil: undefined, freq: 5 });
    const numeric = columns.filter((c) => c.type === 'Int' || c.type === 'Long');
    const arith: fc.Arbitrary<Expr>[] = numeric.length > 0 ? [fc.tuple(fc.constantFrom(...numeric), fc.constantFrom<'+' | '-' | '*' | '/'>('+', '-', '*', '/'), fc.integer({ min: 0, max: 7 })).map(([l, op, n]): Expr => ({ k: 'arith', op, l, r: { k: 'lit', value: n, type: 'Int' } }))] : [];
    const windowed: fc.Arbitrary<Expr> = fc
      .tuple(fc.constantFrom<'COUNT' | 'SUM' | 'MIN' | 'MAX'>('COUNT', 'SUM', 'MIN', 'MAX'), fc.constantFrom(...columns), fc.uniqueArray(fc.constantFrom(...columns), { maxLength: 2 }))
      .map(([drawn, arg, partitionBy]): Expr => {
        // SUM only over a numeric column (SQLite sums text as 0; socialsql refuses to).
        const fn = drawn === 'SUM' && numeric.length === 0 ? 'COUNT' : drawn;
        return { k: 'win', fn, ...(fn === 'COUNT' && partitionBy.length === 0 ? {} : { arg: fn === 'SUM' ? numeric[0]! : arg }), partitionBy };
      });
    const scalar = correlatedScalar(ctx, from.scope);
    const scalars = scalar ? [{ weight: 1, arbitrary: scalar }] : [];
    const plain = fc
      .tuple(fc.uniqueArray(fc.oneof({ weight: 5, arbitrary: fc.constantFrom<Expr>(...columns) }, ...arith.map((a) => ({ weight: 1, arbitrary: a })), { weight: 1, arbitrary: windowed }, ...scalars), { minLength: 1, maxLength: 4 }), where, fc.boolean(), fc.option(ordering(from.scope), { nil: undefined }))
      .map(([items, w, distinct, order]): Query => ({
        distinct: distinct && order === undefined,
        items: items.map((e, i) => ({ e, as: `c${i}` })),
        from: from.from,
        joins: from.joins,
        ...(w ? { where: w } : {}),
        groupBy: [],
        orderBy: order?.orderBy ?? [],
        ...(order?.limit !== undefined ? { limit: order.limit } : {}),
        ...(order?.offset !== undefined ? { offset: order.offset } : {}),
      }));
    const grouped = fc.tuple(grouping(from.scope), where, fc.boolean()).chain(([g, w, ordered]) => {
      // Subqueries correlated to GROUP BY keys: a value in the select list, a condition in HAVING.
      const isKey = (c: ColumnRef) => g.keys.some((k) => k.alias === c.alias && k.column === c.column);
      const keyScalar = g.keys.length > 0 ? correlatedScalar(ctx, from.scope, isKey) : undefined;
      const keyPredicate = g.keys.length > 0 ? correlatedPredicate(ctx, from.scope, isKey) : undefined;
      return fc
        .tuple(
          ordered && g.keys.length > 0 ? ordering(from.scope, g.keys, g.keys) : fc.constant(undefined),
          keyScalar ? fc.option(keyScalar, { nil: undefined, freq: 2 }) : fc.constant(undefined),
          keyPredicate ? fc.option(keyPredicate, { nil: undefined, freq: 3 }) : fc.constant(undefined),
        )
        .map(([order, sub, pred]): Query => {
          const having = g.having && pred ? ({ k: 'and', items: [g.having, pred] } as Expr) : (g.having ?? pred);
          return {
            distinct: false,
            items: [...g.keys, ...g.aggregates, ...(sub ? [sub] : [])].map((e, i) => ({ e, as: `c${i}` })),
            from: from.from,
            joins: from.joins,
            ...(w ? { where: w } : {}),
            groupBy: g.keys,
            ...(having ? { having } : {}),
            orderBy: order?.orderBy ?? [],
            ...(order?.limit !== undefined ? { limit: order.limit } : {}),
            ...(order?.offset !== undefined ? { offset: order.offset } : {}),
          };
        });
    });
    return fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: grouped });
  });
}
