import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { graphPaging } from './common.js';

export default defineApiTable({
  name: 'Permissions',
  aliases: [],
  description: 'Permissions the user granted the app (GET /me/permissions), each granted or declined: check here which scope a table is missing.',
  endpoint: '/me/permissions',
  paging: graphPaging,
  columns: [
    { name: 'Permission', type: 'String', key: true, source: 'permission', description: 'Permission name, e.g. instagram_manage_insights.' },
    { name: 'Status', type: 'String', source: 'status', description: 'granted or declined.' },
  ],
  filters: [],
});
