/** `col [NOT] IN (SELECT key FROM T WHERE …)` over a table whose column holds the same kind of id. */
import fc from 'fast-check';
import type { ColumnRef, Expr, Query } from '../query-ast.js';
import { condition } from './filters.js';
import type { GenContext } from './context.js';

/** For an outer column, the (table, column) pairs a subquery may select. */
const SOURCES: Record<string, [string, string][]> = {
  Id: [['LineItems', 'CampaignId'], ['Campaigns', 'FundingInstrumentId'], ['LineItems', 'FundingInstrumentId'], ['Campaigns', 'Id']],
  CampaignId: [['Campaigns', 'Id']],
  FundingInstrumentId: [['FundingInstruments', 'Id'], ['Campaigns', 'FundingInstrumentId']],
  AccountId: [['Accounts', 'Id']],
  Currency: [['FundingInstruments', 'Currency'], ['Campaigns', 'Currency']],
  EntityStatus: [['Campaigns', 'EntityStatus'], ['FundingInstruments', 'EntityStatus']],
};

export function inSubquery(ctx: GenContext, col: ColumnRef): fc.Arbitrary<Expr> {
  const sources = (SOURCES[col.column] ?? [['Campaigns', 'Name']]).filter(([t]) => ctx.tables.has(t));
  return fc.constantFrom(...sources).chain(([tableName, column]) => {
    const table = ctx.tables.get(tableName)!;
    const scope = [{ alias: 's', table }];
    const type = table.columns.find((c) => c.name === column)?.type ?? 'String';
    return fc.tuple(fc.option(condition(ctx, scope, 1, false), { nil: undefined, freq: 2 }), fc.boolean()).map(([where, neg]): Expr => {
      const sub: Query = {
        distinct: false,
        items: [{ e: { k: 'col', alias: 's', column, type }, as: 'v' }],
        from: { table: tableName, alias: 's' },
        joins: [],
        ...(where ? { where } : {}),
        groupBy: [],
        orderBy: [],
      };
      return { k: 'insub', e: col, sub, neg };
    });
  });
}
