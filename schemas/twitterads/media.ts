import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, mediaKeyId } from './common.js';

export default defineApiTable({
  name: 'Media',
  aliases: ['MediaLibrary', 'AdMediaLibrary'],
  description: "Images, GIFs and videos in an ads account's media library.",
  endpoint: '/accounts/:account_id/media_library',
  paging: { defaultPageSize: 20, maxPageSize: 50 },
  columns: [
    { name: 'MediaKey', type: 'String', key: true, description: 'Media key, e.g. 3_1151345051455098880.' },
    accountColumn,
    { name: 'Name', type: 'String', description: 'Name given in the library.' },
    { name: 'FileName', type: 'String', description: 'Uploaded file name.' },
    { name: 'MediaType', type: 'String', description: 'IMAGE, GIF or VIDEO.' },
    { name: 'MediaCategory', type: 'String', description: 'TWEET_IMAGE, AMPLIFY_VIDEO, ...' },
    { name: 'MediaStatus', type: 'String', description: 'Processing status.' },
    { name: 'MediaUrl', type: 'String', description: 'Where the media can be downloaded.' },
    { name: 'Tweeted', type: 'Boolean', description: 'Whether it was used in a tweet.' },
    { name: 'Duration', type: 'Long', description: 'Video length in milliseconds; NULL for images.' },
    { name: 'AspectRatio', type: 'String', description: 'Video aspect ratio, e.g. 16:9.' },
    { name: 'PosterMediaKey', type: 'String', description: 'Poster image of a video.' },
    { name: 'Title', type: 'String', description: 'Video title.' },
    ...auditColumns,
  ],
  filters: [
    accountFilter,
    { column: 'MediaType', operators: ['='], target: { in: 'query', name: 'media_type' }, exactness: 'exact', require: 'optional', values: ['GIF', 'IMAGE', 'VIDEO'] },
    { column: 'Name', operators: ['LIKE_PREFIX'], target: { in: 'query', name: 'q' }, exactness: 'inexact', require: 'optional' },
  ],
  lookup: { endpoint: '/accounts/:account_id/media_library/:media_key', column: 'MediaKey', param: 'media_key', idFormat: mediaKeyId },
});
