/**
 * Queries over a block: a derived table or WITH query holding a SELECT or a set operation (UNION
 * [ALL], INTERSECT, EXCEPT of two SELECTs over the same FROM), filtered on its columns, alone or
 * joined with a table on an id column. The filters are what predicate placement pushes into the
 * block, so they test that rewrite against SQLite.
 */
import fc from 'fast-check';
import type { DiffTable } from '../dataset.js';
import type { Block, ColumnRef, ColumnType, Expr, JoinClause, Query, TableRef } from '../query-ast.js';
import { KEY_COLUMNS, type GenContext, type Scoped } from './context.js';
import { condition } from './filters.js';

const SET_OPS = ['UNION', 'UNION ALL', 'INTERSECT', 'EXCEPT'] as const;

/** A table to join a block with, by the name of the block's id column: [table, alias, its column]. */
const JOINABLE: Record<string, [string, string, string]> = {
  CampaignId: ['Campaigns', 'c', 'Id'],
  FundingInstrumentId: ['FundingInstruments', 'f', 'Id'],
  Id: ['LineItems', 'l', 'CampaignId'],
};

export function overBlock(ctx: GenContext, block: fc.Arbitrary<Query>): fc.Arbitrary<Query> {
  const selectBlock = block.map((q): Block => ({ k: 'select', q: keyNamed(q) }));
  const setBlock = fc.tuple(block, fc.constantFrom(...SET_OPS)).chain(([q, op]) => {
    const left = keyNamed(unordered(q));
    return fc.option(condition(ctx, scopeOf(ctx, left), 1, false), { nil: undefined, freq: 4 }).map((where): Block => ({ k: 'setop', op, left, right: withWhere(left, where) }));
  });
  return fc.tuple(fc.oneof({ weight: 3, arbitrary: selectBlock }, { weight: 2, arbitrary: setBlock }), fc.boolean()).chain(([b, cte]) => {
    const d: Scoped = { alias: 'd', table: tableOf(ctx, b) };
    const ref: TableRef = { table: 'd', alias: 'd', block: b, cte };
    const joinable = d.table.columns.map((c) => c.name).filter((n) => JOINABLE[n] !== undefined && ctx.tables.has(JOINABLE[n]![0]));
    const joined = fc.option(fc.tuple(fc.constantFrom(...(joinable.length > 0 ? joinable : ['-'])), fc.constantFrom<JoinClause['type']>('JOIN', 'LEFT JOIN')), { nil: undefined, freq: 3 });
    return joined.chain((j) => {
      const join = j !== undefined && joinable.length > 0 ? joinOn(ctx, j[0], j[1]) : undefined;
      const scope = join ? [d, join.scoped] : [d];
      const columns = scope.flatMap((s) => s.table.columns.map((c): ColumnRef => ({ k: 'col', alias: s.alias, column: c.name, type: c.type })));
      return fc
        .tuple(fc.option(condition(ctx, scope, 2, false), { nil: undefined, freq: 6 }), fc.uniqueArray(fc.constantFrom(...columns), { minLength: 1, maxLength: 3, selector: (c) => `${c.alias}.${c.column}` }), fc.boolean())
        .map(([where, items, distinct]): Query => ({
          distinct,
          items: items.map((e, i) => ({ e, as: `o${i}` })),
          from: ref,
          joins: join ? [join.clause] : [],
          ...(where ? { where } : {}),
          groupBy: [],
          orderBy: [],
        }));
    });
  });
}

function joinOn(ctx: GenContext, column: string, type: JoinClause['type']): { clause: JoinClause; scoped: Scoped } {
  const [table, alias, key] = JOINABLE[column]!;
  const on: Expr = { k: 'cmp', op: '=', l: { k: 'col', alias: 'd', column, type: 'String' }, r: { k: 'col', alias, column: key, type: 'String' } };
  return { clause: { type, table: { table, alias }, on }, scoped: { alias, table: ctx.tables.get(table)! } };
}

/** Plain id columns keep their names (so filters on them test id handling); the rest are c0, c1… */
function keyNamed(q: Query): Query {
  const used = new Set(q.items.map((i) => i.as.toLowerCase()));
  return {
    ...q,
    items: q.items.map((i) => {
      if (i.e.k !== 'col' || !KEY_COLUMNS.has(i.e.column) || used.has(i.e.column.toLowerCase())) return i;
      used.add(i.e.column.toLowerCase());
      return { ...i, as: i.e.column };
    }),
  };
}

/** A set operation's sides take no ORDER BY or LIMIT (SQLite refuses them). */
function unordered(q: Query): Query {
  const { limit: _limit, offset: _offset, ...rest } = q;
  return { ...rest, orderBy: [] };
}

function withWhere(q: Query, where: Expr | undefined): Query {
  const { where: _old, ...rest } = q;
  return where ? { ...rest, where } : rest;
}

function scopeOf(ctx: GenContext, q: Query): Scoped[] {
  return [q.from, ...q.joins.map((j) => j.table)].map((t) => ({ alias: t.alias, table: ctx.tables.get(t.table)! }));
}

/**
 * The block's columns as a table for the generators: the type of each output, and as sample
 * values those of the column it selects (an expression has none: literals come from its type).
 */
function tableOf(ctx: GenContext, b: Block): DiffTable {
  const q = b.k === 'select' ? b.q : b.left;
  const tables = new Map(scopeOf(ctx, q).map((s) => [s.alias, s.table]));
  const values = q.items.map((i) => (i.e.k === 'col' ? (tables.get(i.e.alias)?.rows ?? []).map((r) => r[(i.e as ColumnRef).column] ?? null) : []));
  const rows = Array.from({ length: Math.max(0, ...values.map((v) => v.length)) }, (_, n) => Object.fromEntries(q.items.map((i, k) => [i.as, values[k]![n] ?? null])));
  return { name: 'd', columns: q.items.map((i) => ({ name: i.as, type: typeOf(i.e) })), rows };
}

function typeOf(e: Expr): ColumnType {
  switch (e.k) {
    case 'col':
    case 'lit':
      return e.type;
    case 'arith':
      return e.op === '/' ? 'Double' : typeOf(e.l) === 'Int' ? 'Int' : typeOf(e.l);
    case 'agg':
      return e.fn === 'COUNT' ? 'Long' : e.fn === 'AVG' ? 'Double' : typeOf(e.arg!);
    case 'win':
      return e.fn === 'COUNT' ? 'Long' : typeOf(e.arg!);
    case 'scalarsub':
      return typeOf(e.sub.items[0]!.e);
    default:
      return 'Boolean';
  }
}
