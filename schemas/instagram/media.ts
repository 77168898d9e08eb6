import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountFilter, graphId, graphPaging, mediaColumns } from './common.js';

export default defineApiTable({
  name: 'Media',
  aliases: ['IGMedia'],
  description: 'Media of the business account (GET /{ig-user-id}/media); by Id through the multi-id read /?ids=.',
  endpoint: '/:ig_user_id/media',
  selectFields: true,
  paging: graphPaging,
  columns: [
    mediaColumns[0]!,
    { name: 'AccountId', type: 'String', source: 'owner.id', fromRequest: 'ig_user_id', description: 'The business account that owns the media.' },
    ...mediaColumns.slice(1),
  ],
  filters: [
    accountFilter,
    // since/until only narrow the page walk; the exact comparison is re-checked locally.
    { column: 'Timestamp', operators: ['>=', '>'], target: { in: 'query', name: 'since' }, exactness: 'inexact', require: 'optional', format: 'unix-seconds' },
    { column: 'Timestamp', operators: ['<=', '<'], target: { in: 'query', name: 'until' }, exactness: 'inexact', require: 'optional', format: 'unix-seconds' },
  ],
  lookup: { endpoint: '/', column: 'Id', param: 'ids', batch: 50, idFormat: graphId },
});
