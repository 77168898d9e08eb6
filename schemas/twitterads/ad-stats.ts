/**
 * AdStats: CData's analytics view, kept so queries written for CData run unchanged. It reads the
 * same stats as Insights, but its StartTime and EndTime are the report range on every row (as the
 * query gave them, or the default last 7 days), so `WHERE StartTime = '…' AND EndTime = '…'`
 * holds for each row; the bucket is the separate Date column. The entity type is `Entity`, as in CData.
 */
import type { ColumnInfo } from '../../src/catalog/types.js';
import { plannedKey, type KeyColumn } from '../../src/source/key-column.js';
import { entityTypeOfTable, insightsKeyColumns, metricColumns } from './insights.js';

export const adStatsColumns: readonly ColumnInfo[] = [
  { name: 'AccountId', type: 'String', description: 'Ads account. Default: the AccountId property, else the first account.' },
  { name: 'Entity', type: 'String', description: 'ACCOUNT (default), CAMPAIGN, LINE_ITEM, PROMOTED_TWEET, FUNDING_INSTRUMENT, PROMOTED_ACCOUNT, MEDIA_CREATIVE or ORGANIC_TWEET (ORGANIC_TWEET needs EntityId).' },
  { name: 'EntityId', type: 'String', description: 'Entity the metrics belong to.' },
  { name: 'StartTime', type: 'Datetime', description: "Start of the report range, the same on every row: the value of `StartTime = '…'` (or `>=`), else 7 days before EndTime." },
  { name: 'EndTime', type: 'Datetime', description: "End of the report range, the same on every row: the value of `EndTime = '…'` (or `<=`), else now." },
  { name: 'Date', type: 'Datetime', description: 'Start of the bucket the metrics are for (a day or hour in the account time zone; the range start for TOTAL).' },
  { name: 'Granularity', type: 'String', description: 'DAY (default), HOUR or TOTAL.' },
  { name: 'Placement', type: 'String', description: 'ALL_ON_TWITTER (default), PUBLISHER_NETWORK, SPOTLIGHT or TREND.' },
];

export const adStatsTable = {
  name: 'AdStats',
  aliases: [],
  description: "CData's AdStats: the Insights metrics with StartTime/EndTime as the report range on every row and the bucket in Date (GET stats/accounts/:account_id).",
  columns: [...adStatsColumns, ...metricColumns],
} as const;

/** Insights' key columns under CData's names: Entity for EntityType; StartTime/EndTime bound the range. */
// CData's AdStats has no segmentation: SegmentationType, Country and Platform stay Insights' alone.
export const adStatsKeyColumns: readonly KeyColumn[] = insightsKeyColumns.filter((key) => !['SegmentationType', 'Country', 'Platform'].includes(key.column)).map((key) => {
  if (key.column === 'EntityType') return { ...key, column: 'Entity' };
  if (key.column === 'EntityId') {
    return { ...key, joinImplies: Object.entries(entityTypeOfTable).map(([table, type]) => ({ from: { table, column: 'Id' }, then: { column: 'Entity', value: type } })) };
  }
  if (key.column === 'StartTime') return plannedKey('StartTime', ['=', '>='], { name: 'start_time', note: 'the report start; 7-day windows, whole hours' });
  if (key.column === 'EndTime') return plannedKey('EndTime', ['=', '<='], { name: 'end_time', note: 'the report end; 7-day windows, whole hours' });
  return key;
});
