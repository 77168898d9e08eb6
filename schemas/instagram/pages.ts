import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { graphPaging } from './common.js';

export default defineApiTable({
  name: 'Pages',
  aliases: ['InstagramPages'],
  description: 'Facebook Pages of the user (GET /me/accounts) and the Instagram business account linked to each.',
  endpoint: '/me/accounts',
  selectFields: true,
  paging: graphPaging,
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Page id.' },
    { name: 'Name', type: 'String', description: 'Page name.' },
    { name: 'Category', type: 'String', description: 'Page category.' },
    { name: 'InstagramBusinessAccountId', type: 'String', source: 'instagram_business_account.id', description: 'Linked Instagram business account; NULL when none.' },
  ],
  filters: [],
});
