/**
 * Correlated subqueries over an outer scope: [NOT] EXISTS, [NOT] IN (SELECT …) (NULLs on either
 * side), scalar aggregates (COUNT over no rows is 0), single-row scalars (correlated on a unique
 * Id, so at most one row: SQLite would take the first of several, SQL Server and socialsql refuse),
 * and the first row of many in a total order (ORDER BY … Id LIMIT 1 [OFFSET m]).
 * Also the forms that run as Apply (before grouping, and after it over GROUP BY keys): a correlation
 * other than = (for aggregates, EXISTS and IN), subqueries that group or limit inside; before
 * grouping, an EXISTS with a subquery inside it that reads the outer query too (two levels up).
 */
import fc from 'fast-check';
import type { ColumnRef, ColumnType, Expr, Query } from '../query-ast.js';
import type { DiffTable } from '../dataset.js';
import { condition } from './filters.js';
import { literalFor } from './values.js';
import type { GenContext, Scoped } from './context.js';

/** [outer table, outer column, subquery table, subquery column]: equal values mean related rows. */
const LINKS: [string, string, string, string][] = [
  ['Campaigns', 'Id', 'LineItems', 'CampaignId'],
  ['LineItems', 'CampaignId', 'Campaigns', 'Id'],
  ['FundingInstruments', 'Id', 'Campaigns', 'FundingInstrumentId'],
  ['Campaigns', 'FundingInstrumentId', 'FundingInstruments', 'Id'],
  ['FundingInstruments', 'Id', 'LineItems', 'FundingInstrumentId'],
  ['LineItems', 'FundingInstrumentId', 'FundingInstruments', 'Id'],
  ['Campaigns', 'AccountId', 'Accounts', 'Id'],
  ['Accounts', 'Id', 'FundingInstruments', 'AccountId'],
  ['Campaigns', 'FundingInstrumentId', 'Campaigns', 'FundingInstrumentId'],
  ['Campaigns', 'EntityStatus', 'Campaigns', 'EntityStatus'],
  ['LineItems', 'CampaignId', 'LineItems', 'CampaignId'],
  ['LineItems', 'EntityStatus', 'LineItems', 'EntityStatus'],
];

const SUB = 's';

interface Link {
  readonly outer: ColumnRef;
  readonly table: DiffTable;
  readonly column: string;
}

const has = (t: DiffTable, column: string): boolean => t.columns.some((c) => c.name === column);
const typeOf = (t: DiffTable, column: string): ColumnType => t.columns.find((c) => c.name === column)?.type ?? 'String';

/** Links from the outer scope; `outerOk` limits the outer columns (to GROUP BY keys, say). */
export function linksOf(ctx: GenContext, scope: readonly Scoped[], outerOk: (c: ColumnRef) => boolean = () => true): Link[] {
  return scope.flatMap((s) =>
    LINKS.filter(([ot, oc, st, sc]) => ot === s.table.name && has(s.table, oc) && ctx.tables.has(st) && has(ctx.tables.get(st)!, sc)).flatMap(([, oc, st, sc]): Link[] => {
      const outer: ColumnRef = { k: 'col', alias: s.alias, column: oc, type: typeOf(s.table, oc) };
      return outerOk(outer) ? [{ outer, table: ctx.tables.get(st)!, column: sc }] : [];
    }),
  );
}

const subCol = (table: DiffTable, column: string): ColumnRef => ({ k: 'col', alias: SUB, column, type: typeOf(table, column) });

type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
/** Correlation operators: mostly =, which decorrelates; the others run as Apply. */
const LOOSE_OPS: CmpOp[] = ['=', '=', '<', '<=', '>', '>=', '<>'];

/**
 * The subquery's WHERE: the correlation (either side first), maybe a second one on EntityStatus, maybe a local condition.
 * `loose`: the first correlation may compare with another operator than =.
 */
function subWhere(ctx: GenContext, link: Link, scope: readonly Scoped[], outerOk: (c: ColumnRef) => boolean = () => true, loose = false): fc.Arbitrary<Expr> {
  const sub = [{ alias: SUB, table: link.table }];
  const second = scope.find((s) => s.alias === link.outer.alias && has(s.table, 'EntityStatus') && has(link.table, 'EntityStatus') && link.column !== 'EntityStatus' && outerOk({ k: 'col', alias: s.alias, column: 'EntityStatus', type: 'String' }));
  return fc.tuple(fc.boolean(), fc.option(condition(ctx, sub, 1, false), { nil: undefined, freq: 2 }), fc.boolean(), loose ? fc.constantFrom(...LOOSE_OPS) : fc.constant<CmpOp>('=')).map(([flip, local, both, op]): Expr => {
    const inner = subCol(link.table, link.column);
    const items: Expr[] = [flip ? { k: 'cmp', op, l: link.outer, r: inner } : { k: 'cmp', op, l: inner, r: link.outer }];
    if (both && second) items.push({ k: 'cmp', op: '=', l: subCol(link.table, 'EntityStatus'), r: { k: 'col', alias: second.alias, column: 'EntityStatus', type: 'String' } });
    if (local) items.push(local);
    return items.length === 1 ? items[0]! : { k: 'and', items };
  });
}

const subquery = (link: Link, items: readonly Expr[], where: Expr, distinct = false): Query => ({
  distinct,
  items: items.map((e, i) => ({ e, as: `v${i}` })),
  from: { table: link.table.name, alias: SUB },
  joins: [],
  where,
  groupBy: [],
  orderBy: [],
});

/** A correlated [NOT] EXISTS or [NOT] IN condition, or undefined when nothing in scope links to another table. */
export function correlatedPredicate(ctx: GenContext, scope: readonly Scoped[], outerOk?: (c: ColumnRef) => boolean): fc.Arbitrary<Expr> | undefined {
  const links = linksOf(ctx, scope, outerOk);
  if (links.length === 0) return undefined;
  // Also after grouping (outerOk: GROUP BY keys), where the Apply forms run before grouping.
  const loose = true;
  return fc.constantFrom(...links).chain((link) => {
    const where = subWhere(ctx, link, scope, outerOk, loose);
    const exists = fc.tuple(where, fc.boolean()).map(([w, neg]): Expr => ({ k: 'exists', sub: subquery(link, [{ k: 'lit', value: 1, type: 'Int' }], w), neg }));
    const keys = link.table.columns.filter((c) => c.type !== 'Boolean' && c.type !== 'Double').map((c) => subCol(link.table, c.name));
    // IN: a subquery column and an outer column of the same type (the same name when there is one).
    const pairs = link.table.columns
      .filter((c) => c.type !== 'Boolean' && c.type !== 'Double')
      .flatMap((c) => scope.flatMap((s) => s.table.columns.filter((o) => o.type === c.type && (!outerOk || outerOk({ k: 'col', alias: s.alias, column: o.name, type: o.type }))).map((o) => ({ inner: c, outer: { k: 'col', alias: s.alias, column: o.name, type: o.type } as ColumnRef, same: o.name === c.name }))));
    const preferred = pairs.filter((p) => p.same);
    const options: fc.Arbitrary<Expr>[] = [exists];
    if (pairs.length > 0) {
      options.push(
        fc.tuple(fc.constantFrom(...(preferred.length > 0 ? preferred : pairs)), where, fc.boolean()).map(([p, w, neg]): Expr => ({ k: 'insub', e: p.outer, sub: subquery(link, [subCol(link.table, p.inner.name)], w), neg })),
      );
      // Limited inside, in a total order: the first rows by Id (runs as Apply).
      if (loose && has(link.table, 'Id')) {
        options.push(
          fc.tuple(fc.constantFrom(...(preferred.length > 0 ? preferred : pairs)), where, fc.boolean(), fc.integer({ min: 1, max: 3 }), fc.boolean()).map(([p, w, neg, limit, desc]): Expr => ({
            k: 'insub',
            e: p.outer,
            sub: { ...subquery(link, [subCol(link.table, p.inner.name)], w), orderBy: [{ e: subCol(link.table, 'Id'), desc }], limit },
            neg,
          })),
        );
      }
    }
    // Grouped inside: some group with more than one row (runs as Apply).
    if (loose && keys.length > 0) {
      options.push(
        fc.tuple(fc.constantFrom(...keys), where, fc.boolean(), fc.integer({ min: 1, max: 2 })).map(([g, w, neg, n]): Expr => ({
          k: 'exists',
          sub: { ...subquery(link, [g], w), groupBy: [g], having: { k: 'cmp', op: '>', l: { k: 'agg', fn: 'COUNT', distinct: false }, r: { k: 'lit', value: n, type: 'Int' } } },
          neg,
        })),
      );
    }
    // Nested: a subquery inside that reads this one and the outer query too (the one around it runs as Apply).
    const nested = outerOk === undefined ? nestedExists(ctx, scope, link) : undefined;
    if (nested) options.push(fc.tuple(where, nested, fc.boolean()).map(([w, inner, neg]): Expr => ({ k: 'exists', sub: subquery(link, [{ k: 'lit', value: 1, type: 'Int' }], { k: 'and', items: [w, inner] }), neg })));
    return fc.oneof(...options);
  });
}

const NESTED = 's2';

/**
 * `[NOT] EXISTS (SELECT 1 FROM t s2 WHERE s2.c = s.k AND s2.x = o.x)` for a subquery over `link`
 * (alias s): correlated to it and to the outer query `o` two levels up, on a column both share.
 */
function nestedExists(ctx: GenContext, scope: readonly Scoped[], link: Link): fc.Arbitrary<Expr> | undefined {
  const inner = linksOf(ctx, [{ alias: SUB, table: link.table }]);
  const choices = inner.flatMap((l) =>
    scope.flatMap((o) => o.table.columns.filter((c) => c.name !== 'Id' && c.type === 'String' && has(l.table, c.name) && typeOf(l.table, c.name) === 'String').map((c) => ({ l, outer: { k: 'col', alias: o.alias, column: c.name, type: 'String' } as ColumnRef }))),
  );
  if (choices.length === 0) return undefined;
  return fc.tuple(fc.constantFrom(...choices), fc.boolean()).map(([{ l, outer }, neg]): Expr => {
    const col = (column: string): ColumnRef => ({ k: 'col', alias: NESTED, column, type: typeOf(l.table, column) });
    const where: Expr = { k: 'and', items: [{ k: 'cmp', op: '=', l: col(l.column), r: l.outer }, { k: 'cmp', op: '=', l: col(outer.column), r: outer }] };
    return { k: 'exists', sub: { distinct: false, items: [{ e: { k: 'lit', value: 1, type: 'Int' }, as: 'v0' }], from: { table: l.table.name, alias: NESTED }, joins: [], where, groupBy: [], orderBy: [] }, neg };
  });
}

/** A correlated scalar subquery: an aggregate, or (correlated on a unique Id) one value. */
export function correlatedScalar(ctx: GenContext, scope: readonly Scoped[], outerOk?: (c: ColumnRef) => boolean): fc.Arbitrary<Expr> | undefined {
  const links = linksOf(ctx, scope, outerOk);
  if (links.length === 0) return undefined;
  return fc.constantFrom(...links).chain((link) => {
    const columns = link.table.columns.filter((c) => c.type !== 'Boolean' && c.type !== 'Double').map((c) => subCol(link.table, c.name));
    const numeric = columns.filter((c) => c.type === 'Int' || c.type === 'Long');
    const aggregates: fc.Arbitrary<Expr>[] = [
      fc.constant<Expr>({ k: 'agg', fn: 'COUNT', distinct: false }),
      fc.tuple(fc.constantFrom(...columns), fc.boolean()).map(([arg, distinct]): Expr => ({ k: 'agg', fn: 'COUNT', arg, distinct })),
      fc.tuple(fc.constantFrom<'MIN' | 'MAX'>('MIN', 'MAX'), fc.constantFrom(...columns)).map(([fn, arg]): Expr => ({ k: 'agg', fn, arg, distinct: false })),
      ...(numeric.length > 0 ? [fc.constantFrom(...numeric).map((arg): Expr => ({ k: 'agg', fn: 'SUM', arg, distinct: false }))] : []),
    ];
    const loose = true;
    // An aggregate may be correlated with any operator; one value only through = on a unique Id.
    const aggregated = fc.tuple(fc.oneof(...aggregates), subWhere(ctx, link, scope, outerOk, loose)).map(([v, w]): Expr => ({ k: 'scalarsub', sub: subquery(link, [v], w) }));
    const single = fc.tuple(fc.constantFrom(...columns), subWhere(ctx, link, scope, outerOk)).map(([v, w]): Expr => ({ k: 'scalarsub', sub: subquery(link, [v], w) }));
    const plain = link.column === 'Id' ? fc.oneof(aggregated, single) : aggregated;
    const applied: fc.Arbitrary<Expr>[] = [];
    if (loose) {
      // Grouped inside: the count of the largest group (ties broken by the key), or an aggregate under LIMIT 1.
      applied.push(
        fc.tuple(fc.constantFrom(...columns), subWhere(ctx, link, scope, outerOk, true), fc.boolean()).map(([g, w, desc]): Expr => {
          const count: Expr = { k: 'agg', fn: 'COUNT', distinct: false };
          return { k: 'scalarsub', sub: { ...subquery(link, [count], w), groupBy: [g], orderBy: [{ e: count, desc }, { e: g, desc: false }], limit: 1 } };
        }),
        fc.tuple(fc.oneof(...aggregates), subWhere(ctx, link, scope, outerOk, true)).map(([v, w]): Expr => ({ k: 'scalarsub', sub: { ...subquery(link, [v], w), limit: 1 } })),
      );
    }
    if (!has(link.table, 'Id')) return applied.length > 0 ? fc.oneof({ weight: 3, arbitrary: plain }, ...applied.map((a) => ({ weight: 1, arbitrary: a }))) : plain;
    // One value of many: the first row in an order that ends with the unique Id (TOP 1 / LIMIT 1 [OFFSET m]).
    const id = subCol(link.table, 'Id');
    const first = fc
      .tuple(fc.constantFrom(...columns), subWhere(ctx, link, scope, outerOk, loose), fc.option(fc.constantFrom(...columns), { nil: undefined }), fc.boolean(), fc.constantFrom(0, 0, 1))
      .map(([v, w, lead, desc, offset]): Expr => ({
        k: 'scalarsub',
        sub: { ...subquery(link, [v], w), orderBy: [...(lead ? [{ e: lead, desc }] : []), { e: id, desc: !desc }], limit: 1, ...(offset > 0 ? { offset } : {}) },
      }));
    return fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: first }, ...applied.map((a) => ({ weight: 1, arbitrary: a })));
  });
}

/** A condition on a correlated scalar subquery: COUNT against a small number, other values against a value from the data, or IS [NOT] NULL. */
export function scalarCondition(ctx: GenContext, scope: readonly Scoped[]): fc.Arbitrary<Expr> | undefined {
  const scalar = correlatedScalar(ctx, scope);
  if (scalar === undefined) return undefined;
  return scalar.chain((e): fc.Arbitrary<Expr> => {
    if (e.k !== 'scalarsub') return fc.constant(e);
    const v = e.sub.items[0]!.e;
    if (v.k === 'agg' && v.fn === 'COUNT') return fc.tuple(fc.constantFrom<'=' | '>' | '<' | '>='>('=', '>', '<', '>='), fc.integer({ min: 0, max: 3 })).map(([op, n]): Expr => ({ k: 'cmp', op, l: e, r: { k: 'lit', value: n, type: 'Int' } }));
    const arg = v.k === 'agg' ? v.arg : v;
    const table = ctx.tables.get(e.sub.from.table)!;
    const isNull = fc.boolean().map((neg): Expr => ({ k: 'isnull', e, neg }));
    if (arg === undefined || arg.k !== 'col') return isNull;
    const compare = fc.tuple(fc.constantFrom<'=' | '<>' | '<' | '>'>('=', '<>', '<', '>'), literalFor([{ alias: SUB, table }], arg)).map(([op, r]): Expr => ({ k: 'cmp', op, l: e, r }));
    return fc.oneof(isNull, compare);
  });
}
