import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, entityPaging, idListFilter, includeDeleted, timestampSort } from './common.js';

export default defineApiTable({
  name: 'PromotedTweets',
  aliases: ['AdPromotedTweets'],
  description: 'Tweets promoted by line items.',
  endpoint: '/accounts/:account_id/promoted_tweets',
  paging: entityPaging,
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Promoted tweet id.' },
    accountColumn,
    { name: 'LineItemId', type: 'String', description: 'Line item promoting the tweet.' },
    { name: 'TweetId', type: 'String', description: 'The promoted tweet.' },
    { name: 'EntityStatus', type: 'String', description: 'ACTIVE or PAUSED.' },
    { name: 'ApprovalStatus', type: 'String', description: 'ACCEPTED, REJECTED, ...' },
    ...auditColumns,
    includeDeleted.column,
  ],
  filters: [accountFilter, idListFilter('Id', 'promoted_tweet_ids'), idListFilter('LineItemId', 'line_item_ids'), includeDeleted.filter],
  sort: timestampSort,
});
