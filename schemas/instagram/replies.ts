import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { commentColumns, graphId, graphPaging } from './common.js';

export default defineApiTable({
  name: 'Replies',
  aliases: [],
  description: 'Replies to a comment (GET /{comment-id}/replies).',
  endpoint: '/:comment_id/replies',
  selectFields: true,
  paging: graphPaging,
  columns: [
    commentColumns[0]!,
    { name: 'CommentId', type: 'String', source: 'parent_id', fromRequest: 'comment_id', description: 'The comment replied to.' },
    ...commentColumns.slice(1),
  ],
  filters: [
    {
      column: 'CommentId',
      operators: ['=', 'IN'],
      target: { in: 'path', name: 'comment_id' },
      exactness: 'exact',
      require: 'required',
      idFormat: graphId,
      example: "CommentId = '17870913679156914' (or JOIN Comments c ON r.CommentId = c.Id)",
    },
  ],
});
