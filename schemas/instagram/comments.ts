import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { commentColumns, graphPaging, mediaFilter } from './common.js';

export default defineApiTable({
  name: 'Comments',
  aliases: [],
  description: 'Top-level comments on media (GET /{media-id}/comments); by default on every media, fetched in batches of 50.',
  endpoint: '/:media_id/comments',
  selectFields: true,
  paging: graphPaging,
  columns: [
    commentColumns[0]!,
    { name: 'MediaId', type: 'String', source: 'media.id', fromRequest: 'media_id', description: 'The media commented on.' },
    ...commentColumns.slice(1),
  ],
  filters: [mediaFilter],
});
