import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountFilter, mediaColumns } from './common.js';

const tagColumns = new Set(['Caption', 'MediaType', 'MediaUrl', 'Permalink', 'Timestamp', 'Username', 'LikeCount', 'CommentsCount']);

export default defineApiTable({
  name: 'Tags',
  aliases: [],
  description: 'Media in which the account is tagged (GET /{ig-user-id}/tags). The API sends cursors but no next URL.',
  endpoint: '/:ig_user_id/tags',
  selectFields: true,
  paging: { defaultPageSize: 25, maxPageSize: 100, cursorOnly: true },
  columns: [
    mediaColumns[0]!,
    { name: 'AccountId', type: 'String', fromRequest: 'ig_user_id', description: 'The tagged business account.' },
    ...mediaColumns.slice(1).filter((c) => tagColumns.has(c.name)),
  ],
  filters: [accountFilter],
});
