/** Pieces the Instagram tables share. */
import type { ApiColumn, ApiFilter } from '../../src/catalog/api-table-schema.js';
import type { IdFormat } from '../../src/source/key-column.js';

/** Graph API object ids are decimal numbers (`17841400000000000`). */
export const graphId: IdFormat = { name: 'Graph id', pattern: /^\d{1,32}$/, example: '17841400000000000' };

/** `:ig_user_id`: the query's AccountId, else BusinessAccountId, else the one found through /me/accounts. */
export const accountFilter: ApiFilter = {
  column: 'AccountId',
  operators: ['=', 'IN'],
  target: { in: 'path', name: 'ig_user_id' },
  exactness: 'exact',
  require: 'required',
  default: { resolve: 'businessAccount', perConnection: true },
  idFormat: graphId,
  example: "AccountId = '17841400000000000'",
};

/** `:media_id`: the query's MediaId values, else every media of the account (fanned out in batches of 50). */
export const mediaFilter: ApiFilter = {
  column: 'MediaId',
  operators: ['=', 'IN'],
  target: { in: 'path', name: 'media_id' },
  exactness: 'exact',
  require: 'required',
  default: { resolve: 'allMedia' },
  idFormat: graphId,
};

/** Graph list paging: `limit` and `paging.next`. */
export const graphPaging = { defaultPageSize: 25, maxPageSize: 100 } as const;

/** Columns of an IG Media object, as /media, /stories, /tags and /children return it. */
export const mediaColumns: readonly ApiColumn[] = [
  { name: 'Id', type: 'String', key: true, description: 'Media id.' },
  { name: 'Caption', type: 'String', description: 'Caption text; hashtags included.' },
  { name: 'MediaType', type: 'String', description: 'IMAGE, VIDEO or CAROUSEL_ALBUM.' },
  { name: 'MediaProductType', type: 'String', description: 'FEED, REELS, STORY or AD.' },
  { name: 'MediaUrl', type: 'String', description: 'URL of the image or video.' },
  { name: 'ThumbnailUrl', type: 'String', description: 'Thumbnail of a video; NULL otherwise.' },
  { name: 'Permalink', type: 'String', description: 'Permanent URL of the post.' },
  { name: 'Shortcode', type: 'String', description: 'Shortcode of the post.' },
  { name: 'Timestamp', type: 'Datetime', description: 'When it was published (UTC).' },
  { name: 'Username', type: 'String', description: 'Username of the owner.' },
  { name: 'LikeCount', type: 'Int', description: 'Likes (ads excluded).' },
  { name: 'CommentsCount', type: 'Int', description: 'Top-level comments (ads excluded).' },
  { name: 'IsCommentEnabled', type: 'Boolean', description: 'Whether comments are on.' },
  { name: 'IgId', type: 'String', description: 'Legacy Instagram media id.' },
];

/** Columns of an IG Comment, as /comments and /replies return it. */
export const commentColumns: readonly ApiColumn[] = [
  { name: 'Id', type: 'String', key: true, description: 'Comment id.' },
  { name: 'Text', type: 'String', description: 'Comment text.' },
  { name: 'Timestamp', type: 'Datetime', description: 'When it was written (UTC).' },
  { name: 'Username', type: 'String', description: 'Username of the commenter.' },
  { name: 'LikeCount', type: 'Int', description: 'Likes of the comment.' },
  { name: 'Hidden', type: 'Boolean', description: 'Whether the comment is hidden.' },
  { name: 'FromId', type: 'String', source: 'from.id', description: 'Instagram-scoped id of the commenter.' },
  { name: 'UserId', type: 'String', source: 'user.id', description: 'Id of the commenter when it is a business account; NULL otherwise.' },
];
