import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { auditColumns, entityPaging, idListFilter, includeDeleted, namePrefixFilter, timestampSort } from './common.js';

export default defineApiTable({
  name: 'Accounts',
  aliases: ['AdAccounts'],
  description: 'Ads accounts the authenticated user can access.',
  endpoint: '/accounts',
  paging: entityPaging,
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Account id.' },
    { name: 'Name', type: 'String', description: 'Account name.' },
    { name: 'BusinessName', type: 'String', description: 'Name of the business that owns the account.' },
    { name: 'BusinessId', type: 'String', description: 'Id of the business that owns the account.' },
    { name: 'Timezone', type: 'String', description: 'IANA time zone; DAY analytics buckets start at midnight here.' },
    { name: 'TimezoneSwitchAt', type: 'Datetime', description: 'When the time zone was last changed.' },
    { name: 'ApprovalStatus', type: 'String', description: 'ACCEPTED, UNDER_REVIEW, ...' },
    ...auditColumns,
    includeDeleted.column,
  ],
  filters: [idListFilter('Id', 'account_ids'), namePrefixFilter, includeDeleted.filter],
  sort: timestampSort,
});
