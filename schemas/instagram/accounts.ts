import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { graphId } from './common.js';

export default defineApiTable({
  name: 'Accounts',
  aliases: ['InstagramBusinessProfile'],
  description: 'The Instagram business account (GET /{ig-user-id}); by default the one BusinessAccountId names or /me/accounts finds.',
  endpoint: '/:ig_user_id',
  returns: 'object',
  selectFields: true,
  paging: { defaultPageSize: 1, maxPageSize: 1 },
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Instagram business account id.' },
    { name: 'IgId', type: 'String', description: 'Legacy Instagram user id.' },
    { name: 'Username', type: 'String', description: 'Username.' },
    { name: 'Name', type: 'String', description: 'Profile name.' },
    { name: 'Biography', type: 'String', description: 'Profile biography.' },
    { name: 'Website', type: 'String', description: 'Website in the profile.' },
    { name: 'FollowersCount', type: 'Int', description: 'Followers.' },
    { name: 'FollowsCount', type: 'Int', description: 'Accounts it follows.' },
    { name: 'MediaCount', type: 'Int', description: 'Media published.' },
    { name: 'ProfilePictureUrl', type: 'String', description: 'Profile picture.' },
  ],
  filters: [
    { column: 'Id', operators: ['=', 'IN'], target: { in: 'path', name: 'ig_user_id' }, exactness: 'exact', require: 'required', default: { resolve: 'businessAccount', perConnection: true }, idFormat: graphId },
  ],
});
