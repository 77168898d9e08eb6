/**
 * Tables read as a field of the business account itself, one object per key value:
 * `GET /{ig-user-id}?fields=<field>.<modifier>(<value>){...}`. Business discovery reads another
 * business account by username; mentions read a media or comment that @mentions the account
 * (their ids come in webhooks). Column sources are relative to the expanded object.
 */
import type { ApiColumn } from '../../src/catalog/api-table-schema.js';
import type { IdFormat } from '../../src/source/key-column.js';
import { graphId } from './common.js';

export interface ExpandedObjectTableSpec {
  readonly name: string;
  readonly description: string;
  /** The IG User field: `business_discovery`, `mentioned_media`, `mentioned_comment`. */
  readonly field: string;
  /** Its modifier, filled with the key column's value: `username`, `media_id`, `comment_id`. */
  readonly modifier: string;
  readonly keyColumn: string;
  readonly idFormat: IdFormat;
  readonly example: string;
  readonly columns: readonly ApiColumn[];
}

/** Instagram usernames: letters, digits, periods and underscores, at most 30. Anything else names no account (and never reaches the `fields` text). */
export const instagramUsername: IdFormat = { name: 'Instagram username', pattern: /^[A-Za-z0-9._]{1,30}$/, example: 'bluebottle' };

const account: ApiColumn = { name: 'AccountId', type: 'String', fromRequest: 'ig_user_id', description: 'The business account the request is made on.' };

export const businessDiscoveryTable: ExpandedObjectTableSpec = {
  name: 'BusinessDiscovery',
  description: "Another business or creator account's public profile, by username (GET /{ig-user-id}?fields=business_discovery.username(x){...}), for competitor analysis. An unknown username has no row.",
  field: 'business_discovery',
  modifier: 'username',
  keyColumn: 'Username',
  idFormat: instagramUsername,
  example: "Username IN ('bluebottle', 'contoso.coffee')",
  columns: [
    { name: 'Username', type: 'String', key: true, fromRequest: 'username', description: 'The username asked for.' },
    { name: 'Id', type: 'String', description: 'IG user id of that account.' },
    { name: 'IgId', type: 'Long', description: 'Legacy Instagram user id.' },
    { name: 'Name', type: 'String', description: 'Profile name.' },
    { name: 'Biography', type: 'String', description: 'Biography text.' },
    { name: 'Website', type: 'String', description: 'Website on the profile.' },
    { name: 'ProfilePictureUrl', type: 'String', description: 'Profile picture URL.' },
    { name: 'FollowersCount', type: 'Int', description: 'Followers.' },
    { name: 'FollowsCount', type: 'Int', description: 'Accounts it follows.' },
    { name: 'MediaCount', type: 'Int', description: 'Published media.' },
    account,
  ],
};

export const mentionedMediaTable: ExpandedObjectTableSpec = {
  name: 'MentionedMedia',
  description: 'A media of another account whose caption @mentions the business account (GET /{ig-user-id}?fields=mentioned_media.media_id(x){...}); the ids come in webhooks. Mentions in stories are not supported by the API.',
  field: 'mentioned_media',
  modifier: 'media_id',
  keyColumn: 'Id',
  idFormat: graphId,
  example: "Id = '17920112008063024'",
  columns: [
    { name: 'Id', type: 'String', key: true, fromRequest: 'media_id', description: 'Media id.' },
    account,
    { name: 'Caption', type: 'String', description: 'Caption text, with the @mention.' },
    { name: 'MediaType', type: 'String', description: 'IMAGE, VIDEO or CAROUSEL_ALBUM.' },
    { name: 'MediaUrl', type: 'String', description: 'URL of the image or video.' },
    { name: 'Permalink', type: 'String', description: 'Permanent URL of the post.' },
    { name: 'Timestamp', type: 'Datetime', description: 'When it was published (UTC).' },
    { name: 'Username', type: 'String', description: 'Username of the account that posted it.' },
    { name: 'LikeCount', type: 'Int', description: 'Likes.' },
    { name: 'CommentsCount', type: 'Int', description: 'Comments.' },
  ],
};

export const mentionedCommentsTable: ExpandedObjectTableSpec = {
  name: 'MentionedComments',
  description: 'A comment that @mentions the business account (GET /{ig-user-id}?fields=mentioned_comment.comment_id(x){...}); the ids come in webhooks. The API errs when comments are off on that media.',
  field: 'mentioned_comment',
  modifier: 'comment_id',
  keyColumn: 'Id',
  idFormat: graphId,
  example: "Id = '17873440459141021'",
  columns: [
    { name: 'Id', type: 'String', key: true, fromRequest: 'comment_id', description: 'Comment id.' },
    account,
    { name: 'Text', type: 'String', description: 'Comment text, with the @mention.' },
    { name: 'Timestamp', type: 'Datetime', description: 'When it was written (UTC).' },
    { name: 'LikeCount', type: 'Int', description: 'Likes of the comment.' },
    { name: 'MediaId', type: 'String', source: 'media.id', description: 'The media the comment is on.' },
  ],
};

export const expandedObjectTables: readonly ExpandedObjectTableSpec[] = [businessDiscoveryTable, mentionedMediaTable, mentionedCommentsTable];

/** BusinessDiscoveryMedia: the discovered account's media, paged inside the field (`media.after(cursor)`). */
export const businessDiscoveryMediaTable = {
  name: 'BusinessDiscoveryMedia',
  description: "Another business account's public media with like and comment counts, by username (GET /{ig-user-id}?fields=business_discovery.username(x){media{...}}, paged with media.after(cursor)).",
  columns: [
    { name: 'Username', type: 'String', key: true, fromRequest: 'username', description: 'The account, as the query named it.' },
    { name: 'Id', type: 'String', key: true, description: 'Media id.' },
    { name: 'Caption', type: 'String', description: 'Caption text.' },
    { name: 'MediaType', type: 'String', description: 'IMAGE, VIDEO or CAROUSEL_ALBUM.' },
    { name: 'MediaProductType', type: 'String', description: 'FEED or REELS.' },
    { name: 'MediaUrl', type: 'String', description: 'URL of the image or video (omitted for some copyrighted video and reels).' },
    { name: 'Permalink', type: 'String', description: 'Permanent URL of the post.' },
    { name: 'Timestamp', type: 'Datetime', description: 'When it was published (UTC).' },
    { name: 'LikeCount', type: 'Int', description: 'Likes.' },
    { name: 'CommentsCount', type: 'Int', description: 'Comments.' },
    account,
  ] satisfies readonly ApiColumn[],
} as const;
