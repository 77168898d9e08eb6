import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, entityPaging, idListFilter, includeDeleted, timestampSort } from './common.js';

export default defineApiTable({
  name: 'ScheduledPromotedTweets',
  aliases: ['AdScheduledPromotedTweets'],
  description: 'Scheduled tweets attached to line items; promoted once they go out.',
  endpoint: '/accounts/:account_id/scheduled_promoted_tweets',
  paging: entityPaging,
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Scheduled promoted tweet id.' },
    accountColumn,
    { name: 'LineItemId', type: 'String', description: 'Line item promoting it.' },
    { name: 'ScheduledTweetId', type: 'String', description: 'The scheduled tweet (Tweets with TweetType = SCHEDULED).' },
    { name: 'TweetId', type: 'String', description: 'The published tweet, once it went out; else NULL.' },
    ...auditColumns,
    includeDeleted.column,
  ],
  filters: [accountFilter, idListFilter('Id', 'scheduled_promoted_tweet_ids'), idListFilter('LineItemId', 'line_item_ids'), includeDeleted.filter],
  sort: timestampSort,
});
