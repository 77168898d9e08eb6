/**
 * Hashtag search (Facebook Login only, "Instagram Public Content Access"): Hashtags
 * (`GET /ig_hashtag_search?user_id=&q=`), HashtagTopMedia and HashtagRecentMedia
 * (`GET /{hashtag-id}/top_media|recent_media?user_id=&fields=`). An account may query 30 unique
 * hashtags in a rolling 7 days; ids are global and static.
 */
import type { ApiColumn } from '../../src/catalog/api-table-schema.js';
import type { ColumnInfo } from '../../src/catalog/types.js';

/** Documented: 30 unique hashtags per account within a rolling 7-day period. */
export const HASHTAG_LIMIT = 30;
/** top_media and recent_media: at most 50 media a page. */
export const HASHTAG_MEDIA_PAGE_MAX = 50;

export const hashtagsTable: { readonly name: string; readonly aliases: readonly string[]; readonly description: string; readonly columns: readonly ColumnInfo[] } = {
  name: 'Hashtags',
  aliases: [],
  description: `The id of each hashtag name (GET /ig_hashtag_search). Ids are global and static; each new name counts against the ${HASHTAG_LIMIT} unique hashtags an account may query in 7 days.`,
  columns: [
    { name: 'Id', type: 'String', description: 'Hashtag id.' },
    { name: 'Name', type: 'String', description: 'The name as the query gave it (without the # the API drops).' },
    { name: 'AccountId', type: 'String', description: 'The business account the search was made for (user_id).' },
  ],
};

export interface HashtagMediaTableSpec {
  readonly name: string;
  readonly edge: 'top_media' | 'recent_media';
  readonly description: string;
}

export const hashtagMediaTables: readonly HashtagMediaTableSpec[] = [
  { name: 'HashtagTopMedia', edge: 'top_media', description: 'The most popular public media tagged with a hashtag (GET /{hashtag-id}/top_media); by HashtagId, or by Hashtag name (its id is looked up first).' },
  { name: 'HashtagRecentMedia', edge: 'recent_media', description: 'Public media tagged with a hashtag in the last 24 hours, newest first (GET /{hashtag-id}/recent_media); by HashtagId, or by Hashtag name (its id is looked up first).' },
];

/** The fields top_media and recent_media return (username is refused there; owner is never shown). */
export const hashtagMediaColumns: readonly ApiColumn[] = [
  { name: 'Id', type: 'String', key: true, description: 'Media id.' },
  { name: 'HashtagId', type: 'String', fromRequest: 'hashtag_id', key: true, description: 'The hashtag.' },
  { name: 'Hashtag', type: 'String', fromRequest: 'q', description: 'The hashtag name the query gave; NULL when it gave only HashtagId and the name is unknown.' },
  { name: 'AccountId', type: 'String', fromRequest: 'user_id', description: 'The business account the search was made for (user_id).' },
  { name: 'Caption', type: 'String', description: 'Caption text.' },
  { name: 'MediaType', type: 'String', description: 'IMAGE, VIDEO or CAROUSEL_ALBUM.' },
  { name: 'MediaUrl', type: 'String', description: 'URL of the image or video (omitted for some copyrighted video).' },
  { name: 'Permalink', type: 'String', description: 'Permanent URL of the post.' },
  { name: 'Timestamp', type: 'Datetime', description: 'When it was published (UTC).' },
  { name: 'LikeCount', type: 'Int', description: 'Likes.' },
  { name: 'CommentsCount', type: 'Int', description: 'Comments.' },
];
