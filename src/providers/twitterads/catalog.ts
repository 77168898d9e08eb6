/** The Twitter Ads API tables from schemas/, and what sys_keycolumns says of them. */
import type { ApiTableSchema } from '../../catalog/api-table-schema.js';
import type { KeyColumnInfo } from '../../catalog/system-tables.js';
import accounts from '../../../schemas/twitterads/accounts.js';
import campaigns from '../../../schemas/twitterads/campaigns.js';
import fundingInstruments from '../../../schemas/twitterads/funding-instruments.js';
import { insightsFilters, insightsTable } from '../../../schemas/twitterads/insights.js';
import lineItems from '../../../schemas/twitterads/line-items.js';
import media from '../../../schemas/twitterads/media.js';
import promotedTweets from '../../../schemas/twitterads/promoted-tweets.js';

export const twitterAdsSchemas: readonly ApiTableSchema[] = [accounts, campaigns, lineItems, promotedTweets, fundingInstruments, media];

/** Key columns for sys_keycolumns: primary keys and every filter the API applies. */
export function twitterAdsKeyColumns(): KeyColumnInfo[] {
  const rows: KeyColumnInfo[] = [];
  for (const schema of twitterAdsSchemas) {
    for (const column of schema.columns) {
      const filter = schema.filters.find((f) => f.column === column.name);
      const lookup = schema.lookup?.column === column.name;
      if (!column.key && !filter && !lookup) continue;
      const operators = new Set<string>(filter?.operators.map((o) => (o === 'LIKE_PREFIX' ? "LIKE 'prefix%'" : o)) ?? []);
      if (lookup) ['=', 'IN'].forEach((o) => operators.add(o));
      rows.push({ table: schema.name, column: column.name, operators: [...operators].join(', '), required: filter?.required === true && filter.default === undefined, primaryKey: column.key === true });
    }
  }
  for (const filter of insightsFilters) {
    rows.push({ table: insightsTable.name, column: filter.column, operators: filter.operators.join(', '), required: false, primaryKey: false });
  }
  return rows;
}
