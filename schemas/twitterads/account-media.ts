import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, entityPaging, idListFilter, includeDeleted, timestampSort } from './common.js';

export default defineApiTable({
  name: 'AccountMedia',
  aliases: ['AdAccountMedia'],
  description: 'Media registered for use as media creatives (banners, pre-roll video).',
  endpoint: '/accounts/:account_id/account_media',
  paging: entityPaging,
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Account media id.' },
    accountColumn,
    { name: 'CreativeType', type: 'String', description: 'BANNER, INTERSTITIAL, PREROLL, VIDEO, ...' },
    { name: 'MediaKey', type: 'String', description: 'Media library key.' },
    { name: 'MediaUrl', type: 'String', description: 'Where the media can be downloaded.' },
    { name: 'VideoId', type: 'String', description: 'Video id of a video creative.' },
    ...auditColumns,
    includeDeleted.column,
  ],
  filters: [
    accountFilter,
    idListFilter('Id', 'account_media_ids'),
    {
      column: 'CreativeType',
      operators: ['=', 'IN'],
      target: { in: 'query', name: 'creative_types', maxValues: 10 },
      exactness: 'exact',
      require: 'optional',
      values: ['BANNER', 'BANNER_TABLET', 'INTERSTITIAL', 'INTERSTITIAL_LANDSCAPE', 'INTERSTITIAL_LANDSCAPE_TABLET', 'INTERSTITIAL_TABLET', 'MEDIUM_RECTANGLE', 'PREROLL', 'VAST_PREROLL', 'VIDEO'],
    },
    includeDeleted.filter,
  ],
  sort: timestampSort,
});
