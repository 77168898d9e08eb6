import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, tweetId } from './common.js';

/**
 * `GET accounts/:id/tweets` requires tweet_type and answers one kind per call: published tweets in the
 * v1.1 shape (full_text, classic created_at), scheduled and draft tweets in the ads shape (text).
 */
export default defineApiTable({
  name: 'Tweets',
  aliases: ['AdTweets'],
  description: "The account's tweets: published (default), scheduled or draft (TweetType).",
  endpoint: '/accounts/:account_id/tweets',
  paging: { defaultPageSize: 200, maxPageSize: 1000 },
  columns: [
    { name: 'Id', type: 'String', key: true, source: 'id_str', description: 'Tweet id (decimal string).' },
    accountColumn,
    { name: 'TweetType', type: 'String', fromRequest: 'tweet_type', description: 'PUBLISHED, SCHEDULED or DRAFT (tweet_type; default PUBLISHED).' },
    { name: 'Name', type: 'String', description: 'Name of a scheduled or draft tweet.' },
    { name: 'FullText', type: 'String', description: 'Text of a published tweet.' },
    { name: 'Text', type: 'String', description: 'Text of a scheduled or draft tweet.' },
    { name: 'UserId', type: 'String', source: 'user_id|user.id_str', description: 'The author (user_id; user.id_str of a published tweet).' },
    { name: 'Lang', type: 'String', description: 'Language of a published tweet.' },
    { name: 'RetweetCount', type: 'Long', description: 'Retweets of a published tweet.' },
    { name: 'FavoriteCount', type: 'Long', description: 'Likes of a published tweet.' },
    { name: 'CardUri', type: 'String', description: 'Attached card (card://...).' },
    { name: 'MediaKeys', type: 'String', description: 'Comma-separated media keys of a scheduled or draft tweet.' },
    { name: 'Nullcast', type: 'Boolean', description: 'Promoted-only (not shown to followers).' },
    { name: 'ScheduledAt', type: 'Datetime', description: 'When a scheduled tweet goes out.' },
    { name: 'ScheduledStatus', type: 'String', description: 'SCHEDULED, SUCCESS, ... of a scheduled tweet.' },
    { name: 'CompletedAt', type: 'Datetime', description: 'When a scheduled tweet went out.' },
    { name: 'TweetId', type: 'String', description: 'The published tweet a scheduled tweet became.' },
    { name: 'CreatedAt', type: 'Datetime', description: 'When the tweet was created.' },
    { name: 'UpdatedAt', type: 'Datetime', description: 'When a scheduled or draft tweet was last changed.' },
    { name: 'TimelineType', type: 'String', pseudo: true, description: 'ALL, NULLCAST (default) or ORGANIC: which published tweets (timeline_type).' },
    { name: 'IncludeMentionsAndReplies', type: 'Boolean', pseudo: true, description: 'Include mentions and replies (include_mentions_and_replies). Default false.' },
  ],
  filters: [
    accountFilter,
    { column: 'TweetType', operators: ['='], target: { in: 'query', name: 'tweet_type' }, exactness: 'exact', require: 'required', default: { constant: 'PUBLISHED' }, values: ['DRAFT', 'PUBLISHED', 'SCHEDULED'] },
    { column: 'Id', operators: ['=', 'IN'], target: { in: 'query', name: 'tweet_ids', maxValues: 200 }, exactness: 'exact', require: 'optional', idFormat: tweetId },
    { column: 'Name', operators: ['LIKE_PREFIX'], target: { in: 'query', name: 'name' }, exactness: 'inexact', require: 'optional' },
    { column: 'UserId', operators: ['='], target: { in: 'query', name: 'user_id' }, exactness: 'inexact', require: 'optional', idFormat: tweetId },
    { column: 'TimelineType', operators: ['='], target: { in: 'query', name: 'timeline_type' }, exactness: 'exact', require: 'optional', values: ['ALL', 'NULLCAST', 'ORGANIC'] },
    { column: 'IncludeMentionsAndReplies', operators: ['='], target: { in: 'query', name: 'include_mentions_and_replies' }, exactness: 'exact', require: 'optional' },
  ],
});
