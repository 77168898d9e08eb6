import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, idListFilter, includeDeleted, namePrefixFilter, timestampSort } from './common.js';

export default defineApiTable({
  name: 'CustomAudiences',
  aliases: ['AdAudiences'],
  description: 'Custom audiences (lists, web, mobile, flexible) of an ads account.',
  endpoint: '/accounts/:account_id/custom_audiences',
  paging: { defaultPageSize: 200, maxPageSize: 1000 },
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Custom audience id.' },
    accountColumn,
    { name: 'Name', type: 'String', description: 'Audience name.' },
    { name: 'Description', type: 'String', description: 'Audience description.' },
    { name: 'AudienceType', type: 'String', description: 'LIST, WEB, MOBILE, FLEXIBLE, ...' },
    { name: 'ListType', type: 'String', description: 'EMAIL, DEVICE_ID, TWITTER_ID, ... of a list audience.' },
    { name: 'AudienceSize', type: 'Long', description: 'Matched users; NULL below 100.' },
    { name: 'Targetable', type: 'Boolean', description: 'Whether line items can target it.' },
    { name: 'TargetableTypes', type: 'String', description: 'Comma-separated targeting types it can be used as.' },
    { name: 'ReasonsNotTargetable', type: 'String', description: 'Comma-separated reasons it cannot be targeted.' },
    { name: 'PermissionLevel', type: 'String', description: "This account's permission: OWNER, READ_ONLY, READ_WRITE." },
    { name: 'OwnerAccountId', type: 'String', description: 'The account that owns it.' },
    { name: 'PartnerSource', type: 'String', description: 'Partner that supplied it, e.g. OTHER.' },
    ...auditColumns,
    includeDeleted.column,
  ],
  filters: [accountFilter, idListFilter('Id', 'custom_audience_ids'), namePrefixFilter, includeDeleted.filter],
  sort: { param: 'sort_by', columns: { ...timestampSort.columns } },
});
