import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountFilter } from './common.js';

export default defineApiTable({
  name: 'RecentlySearchedHashtags',
  aliases: [],
  description: 'Hashtags the account queried in the last 7 days (GET /{ig-user-id}/recently_searched_hashtags): what counts against its 30 unique hashtags a week.',
  endpoint: '/:ig_user_id/recently_searched_hashtags',
  paging: { defaultPageSize: 25, maxPageSize: 30 },
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Hashtag id.' },
    { name: 'AccountId', type: 'String', fromRequest: 'ig_user_id', description: 'The business account.' },
  ],
  filters: [accountFilter],
});
