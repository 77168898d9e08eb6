import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, entityPaging, idListFilter, includeDeleted, timestampSort } from './common.js';

export default defineApiTable({
  name: 'PromotedAccounts',
  aliases: ['AdPromotedAccounts'],
  description: 'User accounts promoted by line items (follower campaigns).',
  endpoint: '/accounts/:account_id/promoted_accounts',
  paging: entityPaging,
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Promoted account id.' },
    accountColumn,
    { name: 'LineItemId', type: 'String', description: 'Line item promoting the user.' },
    { name: 'UserId', type: 'String', description: 'The promoted user.' },
    { name: 'EntityStatus', type: 'String', description: 'ACTIVE or PAUSED.' },
    { name: 'ApprovalStatus', type: 'String', description: 'ACCEPTED, REJECTED, ...' },
    ...auditColumns,
    includeDeleted.column,
  ],
  filters: [accountFilter, idListFilter('Id', 'promoted_account_ids'), idListFilter('LineItemId', 'line_item_ids'), includeDeleted.filter],
  sort: timestampSort,
});
