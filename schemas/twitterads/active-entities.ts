import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, idListFilter } from './common.js';

/**
 * `GET stats/accounts/:id/active_entities`: which entities had delivery in a range (≤ 90 days, whole
 * hours), so analytics can be asked for those alone. The API answers everything in one unpaged list.
 */
export default defineApiTable({
  name: 'ActiveEntities',
  aliases: ['AdActiveEntities'],
  description: 'Entities with delivery (impressions) between StartTime and EndTime; the API requires EntityType, StartTime and EndTime.',
  endpoint: '/stats/accounts/:account_id/active_entities',
  paging: { defaultPageSize: 1000, maxPageSize: 1000, unpaged: true },
  columns: [
    { name: 'EntityId', type: 'String', key: true, description: 'The active entity.' },
    accountColumn,
    { name: 'EntityType', type: 'String', fromRequest: 'entity', description: 'CAMPAIGN, FUNDING_INSTRUMENT, LINE_ITEM, MEDIA_CREATIVE, PROMOTED_ACCOUNT or PROMOTED_TWEET.' },
    { name: 'StartTime', type: 'Datetime', fromRequest: 'start_time', description: "Start of the range asked about (whole hours, e.g. '2026-11-01T00:00:00Z')." },
    { name: 'EndTime', type: 'Datetime', fromRequest: 'end_time', description: 'End of the range asked about (whole hours, at most 90 days after StartTime).' },
    { name: 'ActivityStartTime', type: 'Datetime', description: 'Start of the delivery within the range.' },
    { name: 'ActivityEndTime', type: 'Datetime', description: 'End of the delivery within the range.' },
    { name: 'Placements', type: 'String', description: 'Comma-separated placements with delivery.' },
    { name: 'CampaignId', type: 'String', pseudo: true, description: 'Only entities of these campaigns (campaign_ids).' },
    { name: 'LineItemId', type: 'String', pseudo: true, description: 'Only entities of these line items (line_item_ids).' },
    { name: 'FundingInstrumentId', type: 'String', pseudo: true, description: 'Only entities of these funding instruments (funding_instrument_ids).' },
  ],
  filters: [
    accountFilter,
    {
      column: 'EntityType',
      operators: ['='],
      target: { in: 'query', name: 'entity' },
      exactness: 'exact',
      require: 'required',
      values: ['CAMPAIGN', 'FUNDING_INSTRUMENT', 'LINE_ITEM', 'MEDIA_CREATIVE', 'PROMOTED_ACCOUNT', 'PROMOTED_TWEET'],
      example: "EntityType = 'CAMPAIGN'",
    },
    { column: 'StartTime', operators: ['='], target: { in: 'query', name: 'start_time' }, exactness: 'exact', require: 'required', example: "StartTime = '2026-11-01T00:00:00Z'" },
    { column: 'EndTime', operators: ['='], target: { in: 'query', name: 'end_time' }, exactness: 'exact', require: 'required', example: "EndTime = '2026-11-08T00:00:00Z'" },
    // The three are mutually exclusive in the API; one query gives at most one of them.
    idListFilter('CampaignId', 'campaign_ids'),
    idListFilter('LineItemId', 'line_item_ids'),
    idListFilter('FundingInstrumentId', 'funding_instrument_ids'),
  ],
});
