import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountFilter, graphPaging, mediaColumns } from './common.js';

export default defineApiTable({
  name: 'Stories',
  aliases: [],
  description: 'Stories live now, the last 24 hours (GET /{ig-user-id}/stories).',
  endpoint: '/:ig_user_id/stories',
  selectFields: true,
  paging: graphPaging,
  columns: [mediaColumns[0]!, { name: 'AccountId', type: 'String', source: 'owner.id', fromRequest: 'ig_user_id', description: 'The business account.' }, ...mediaColumns.slice(1)],
  filters: [accountFilter],
});
