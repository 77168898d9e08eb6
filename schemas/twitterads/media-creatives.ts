import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, entityPaging, idListFilter, includeDeleted, includeDraft, timestampSort, twitterAdsId } from './common.js';

export default defineApiTable({
  name: 'MediaCreatives',
  aliases: ['AdMediaCreatives'],
  description: 'Account media (in-stream video, banners) attached to line items.',
  endpoint: '/accounts/:account_id/media_creatives',
  paging: entityPaging,
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Media creative id.' },
    accountColumn,
    { name: 'CampaignId', type: 'String', pseudo: true, description: 'Only creatives of this campaign (campaign_id).' },
    { name: 'LineItemId', type: 'String', description: 'Line item it runs in.' },
    { name: 'AccountMediaId', type: 'String', description: 'The account media shown.' },
    { name: 'LandingUrl', type: 'String', description: 'Where a click goes.' },
    { name: 'ServingStatus', type: 'String', description: 'ACTIVE, PAUSED, ...' },
    { name: 'EntityStatus', type: 'String', description: 'ACTIVE, PAUSED or DRAFT.' },
    { name: 'ApprovalStatus', type: 'String', description: 'ACCEPTED, REJECTED, ...' },
    ...auditColumns,
    includeDeleted.column,
    includeDraft.column,
  ],
  filters: [
    accountFilter,
    idListFilter('Id', 'media_creative_ids'),
    idListFilter('LineItemId', 'line_item_ids'),
    { column: 'CampaignId', operators: ['='], target: { in: 'query', name: 'campaign_id' }, exactness: 'exact', require: 'optional', idFormat: twitterAdsId },
    includeDeleted.filter,
    includeDraft.filter,
  ],
  sort: timestampSort,
});
