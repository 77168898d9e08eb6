import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, idListFilter, includeDeleted, timestampSort, twitterAdsId } from './common.js';

export default defineApiTable({
  name: 'CustomAudiencePermissions',
  aliases: ['AdAudiencePermissions'],
  description: 'Accounts a custom audience is shared with (the API requires CustomAudienceId).',
  endpoint: '/accounts/:account_id/custom_audiences/:custom_audience_id/permissions',
  paging: { defaultPageSize: 200, maxPageSize: 1000 },
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Permission id.' },
    accountColumn,
    { name: 'CustomAudienceId', type: 'String', fromRequest: 'custom_audience_id', description: 'The shared audience.' },
    { name: 'GrantedAccountId', type: 'String', description: 'The account it is shared with.' },
    { name: 'PermissionLevel', type: 'String', description: 'READ_ONLY or READ_WRITE.' },
    ...auditColumns,
    includeDeleted.column,
  ],
  filters: [
    accountFilter,
    { column: 'CustomAudienceId', operators: ['=', 'IN'], target: { in: 'path', name: 'custom_audience_id', notFound: 'empty' }, exactness: 'exact', require: 'required', idFormat: twitterAdsId, example: "CustomAudienceId = '1nmth'" },
    idListFilter('GrantedAccountId', 'granted_account_ids'),
    { column: 'PermissionLevel', operators: ['=', 'IN'], target: { in: 'query', name: 'permission_levels', maxValues: 2 }, exactness: 'exact', require: 'optional', values: ['READ_ONLY', 'READ_WRITE'] },
    includeDeleted.filter,
  ],
  sort: timestampSort,
});
