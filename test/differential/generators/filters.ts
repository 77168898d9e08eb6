/** WHERE / HAVING / ON conditions: comparisons, NULL tests, LIKE, IN, BETWEEN, IN-subqueries, AND/OR/NOT. */
import fc from 'fast-check';
import type { ColumnRef, Expr } from '../query-ast.js';
import { columnsOf, valuesOf, type GenContext, type Scoped } from './context.js';
import { likePattern } from './like.js';
import { literalFor } from './values.js';
import { inSubquery } from './subqueries.js';
import { correlatedPredicate, scalarCondition } from './correlated.js';

const CMP = ['=', '<>', '<', '<=', '>', '>='] as const;

function atom(ctx: GenContext, scope: readonly Scoped[], allowSubquery: boolean): fc.Arbitrary<Expr> {
  const columns = columnsOf(scope);
  return fc.constantFrom(...columns).chain((col: ColumnRef): fc.Arbitrary<Expr> => {
    const lit = literalFor(scope, col);
    const sameType = columns.filter((c) => c.type === col.type && c !== col);
    const strings = valuesOf(scope, col).filter((v): v is string => typeof v === 'string');
    const options: { weight: number; arbitrary: fc.Arbitrary<Expr> }[] = [
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...CMP), lit).map(([op, r]): Expr => ({ k: 'cmp', op, l: col, r })) },
      { weight: 2, arbitrary: fc.boolean().map((neg): Expr => ({ k: 'isnull', e: col, neg })) },
      { weight: 3, arbitrary: fc.tuple(fc.array(lit, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([items, neg]): Expr => ({ k: 'in', e: col, items, neg })) },
    ];
    if (col.type !== 'Boolean') options.push({ weight: 2, arbitrary: fc.tuple(lit, lit, fc.boolean()).map(([lo, hi, neg]): Expr => ({ k: 'between', e: col, lo, hi, neg })) });
    if (col.type === 'String') options.push({ weight: 5, arbitrary: fc.tuple(likePattern(strings), fc.boolean()).map(([p, neg]): Expr => ({ k: 'like', e: col, pattern: p.pattern, ...(p.escape !== undefined ? { escape: p.escape } : {}), neg })) });
    if (sameType.length > 0) options.push({ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CMP), fc.constantFrom(...sameType)).map(([op, r]): Expr => ({ k: 'cmp', op, l: col, r })) });
    if (allowSubquery && col.type === 'String') options.push({ weight: 1, arbitrary: inSubquery(ctx, col) });
    const correlated = allowSubquery ? correlatedPredicate(ctx, scope) : undefined;
    if (correlated) options.push({ weight: 1, arbitrary: correlated });
    const scalar = allowSubquery ? scalarCondition(ctx, scope) : undefined;
    if (scalar) options.push({ weight: 1, arbitrary: scalar });
    return fc.oneof(...options);
  });
}

export function condition(ctx: GenContext, scope: readonly Scoped[], depth = 2, allowSubquery = true): fc.Arbitrary<Expr> {
  const leaf = atom(ctx, scope, allowSubquery);
  if (depth <= 0) return leaf;
  const sub = condition(ctx, scope, depth - 1, allowSubquery);
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((items): Expr => ({ k: 'and', items })) },
    { weight: 2, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((items): Expr => ({ k: 'or', items })) },
    { weight: 1, arbitrary: sub.map((e): Expr => ({ k: 'not', e })) },
  );
}
