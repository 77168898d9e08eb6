/**
 * FROM clauses: one table, or two or three joined on their id columns, in both orders, inner, left,
 * right or full; an ON may add a condition on either table or both (with subqueries, correlated
 * ones too, in an INNER join's ON and on the joined table in a LEFT join's).
 */
import fc from 'fast-check';
import type { Expr, JoinClause, TableRef } from '../query-ast.js';
import type { GenContext, Scoped } from './context.js';
import { condition } from './filters.js';

export interface FromClause {
  readonly from: TableRef;
  readonly joins: readonly JoinClause[];
  readonly scope: readonly Scoped[];
}

const ALIAS: Record<string, string> = { Accounts: 'a', Campaigns: 'c', LineItems: 'l', FundingInstruments: 'f' };

/** Edges of the join graph: [table, column] = [table, column]. */
const EDGES: [string, string, string, string][] = [
  ['Campaigns', 'Id', 'LineItems', 'CampaignId'],
  ['FundingInstruments', 'Id', 'Campaigns', 'FundingInstrumentId'],
  ['FundingInstruments', 'Id', 'LineItems', 'FundingInstrumentId'],
  ['Accounts', 'Id', 'Campaigns', 'AccountId'],
  ['Accounts', 'Id', 'FundingInstruments', 'AccountId'],
];

const col = (table: string, column: string): Expr => ({ k: 'col', alias: ALIAS[table]!, column, type: 'String' });
const ref = (table: string): TableRef => ({ table, alias: ALIAS[table]! });

export function fromClause(ctx: GenContext): fc.Arbitrary<FromClause> {
  const single = fc.constantFrom('Campaigns', 'LineItems', 'FundingInstruments', 'Accounts').map((t): FromClause => ({ from: ref(t), joins: [], scope: [{ alias: ALIAS[t]!, table: ctx.tables.get(t)! }] }));
  const pair = fc.tuple(fc.constantFrom(...EDGES), fc.boolean(), fc.constantFrom<JoinClause['type']>('JOIN', 'JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN')).chain(([[t1, c1, t2, c2], flip, type]) => {
    const [first, second] = flip ? [t2, t1] : [t1, t2];
    const key: Expr = flip ? { k: 'cmp', op: '=', l: col(t1, c1), r: col(t2, c2) } : { k: 'cmp', op: '=', l: col(t2, c2), r: col(t1, c1) };
    const scope = [first, second].map((t) => ({ alias: ALIAS[t]!, table: ctx.tables.get(t)! }));
    return withOnCondition(ctx, key, scope, type).map((on): FromClause => ({ from: ref(first), joins: [{ type, table: ref(second), on }], scope }));
  });
  const chain = fc.tuple(fc.boolean(), fc.constantFrom<JoinClause['type']>('JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN')).map(([flip, type]): FromClause => {
    const order = flip ? ['FundingInstruments', 'Campaigns', 'LineItems'] : ['LineItems', 'Campaigns', 'FundingInstruments'];
    const joins: JoinClause[] = flip
      ? [
          { type: 'JOIN', table: ref('Campaigns'), on: { k: 'cmp', op: '=', l: col('Campaigns', 'FundingInstrumentId'), r: col('FundingInstruments', 'Id') } },
          { type, table: ref('LineItems'), on: { k: 'cmp', op: '=', l: col('LineItems', 'CampaignId'), r: col('Campaigns', 'Id') } },
        ]
      : [
          { type: 'JOIN', table: ref('Campaigns'), on: { k: 'cmp', op: '=', l: col('Campaigns', 'Id'), r: col('LineItems', 'CampaignId') } },
          { type, table: ref('FundingInstruments'), on: { k: 'cmp', op: '=', l: col('FundingInstruments', 'Id'), r: col('Campaigns', 'FundingInstrumentId') } },
        ];
    return { from: ref(order[0]!), joins, scope: order.map((t) => ({ alias: ALIAS[t]!, table: ctx.tables.get(t)! })) };
  });
  return fc.oneof({ weight: 5, arbitrary: single }, { weight: 4, arbitrary: pair }, { weight: 1, arbitrary: chain });
}

/** The join key alone (most often), or with a condition on one side or on both. */
function withOnCondition(ctx: GenContext, key: Expr, scope: readonly Scoped[], type: JoinClause['type']): fc.Arbitrary<Expr> {
  // A correlated subquery is supported in an INNER join's ON, and in a LEFT join's reading the joined table alone.
  const correlates = (on: readonly Scoped[]) => type === 'JOIN' || (type === 'LEFT JOIN' && on.length === 1 && on[0] === scope[1]);
  const extra = (on: readonly Scoped[]) => condition(ctx, on, 1, correlates(on)).map((c): Expr => ({ k: 'and', items: [key, c] }));
  return fc.oneof({ weight: 6, arbitrary: fc.constant(key) }, { weight: 1, arbitrary: extra([scope[0]!]) }, { weight: 1, arbitrary: extra([scope[1]!]) }, { weight: 1, arbitrary: extra(scope) });
}
