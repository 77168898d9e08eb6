import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { graphId, graphPaging, mediaColumns } from './common.js';

const childColumns = new Set(['Id', 'MediaType', 'MediaUrl', 'ThumbnailUrl', 'Permalink', 'Shortcode', 'Timestamp', 'Username']);

export default defineApiTable({
  name: 'Children',
  aliases: ['CarouselChildren'],
  description: 'Images and videos inside carousel albums (GET /{media-id}/children); by default of every carousel.',
  endpoint: '/:media_id/children',
  selectFields: true,
  paging: graphPaging,
  columns: [
    mediaColumns[0]!,
    { name: 'MediaId', type: 'String', fromRequest: 'media_id', description: 'The carousel album.' },
    ...mediaColumns.slice(1).filter((c) => childColumns.has(c.name)),
  ],
  filters: [
    { column: 'MediaId', operators: ['=', 'IN'], target: { in: 'path', name: 'media_id' }, exactness: 'exact', require: 'required', default: { resolve: 'carouselMedia' }, idFormat: graphId },
  ],
});
