import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, idListFilter, includeDeleted, timestampSort } from './common.js';

export default defineApiTable({
  name: 'TargetingCriteria',
  aliases: ['AdTargetingCriteria'],
  description: 'Targeting criteria of line items (the API requires LineItemId).',
  endpoint: '/accounts/:account_id/targeting_criteria',
  paging: { defaultPageSize: 200, maxPageSize: 1000 },
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Targeting criterion id.' },
    accountColumn,
    { name: 'LineItemId', type: 'String', description: 'The line item targeted.' },
    { name: 'Name', type: 'String', description: 'Readable name of the targeted value.' },
    { name: 'TargetingType', type: 'String', description: 'LOCATION, GENDER, AGE, PLATFORM, LANGUAGE, INTEREST, BROAD_KEYWORD, CUSTOM_AUDIENCE, ...' },
    { name: 'TargetingValue', type: 'String', description: 'The targeted value.' },
    { name: 'LocationType', type: 'String', description: 'COUNTRIES, REGIONS, ... for LOCATION criteria.' },
    { name: 'OperatorType', type: 'String', description: 'EQ, NE, GTE, LT.' },
    { name: 'TailoredAudienceExpansion', type: 'Boolean', description: 'Whether a custom audience is expanded.' },
    ...auditColumns,
    includeDeleted.column,
    { name: 'Lang', type: 'String', pseudo: true, description: 'Language of the names (lang).' },
  ],
  filters: [
    accountFilter,
    { ...idListFilter('LineItemId', 'line_item_ids'), require: 'required', example: "LineItemId = 'abc1'" },
    idListFilter('Id', 'targeting_criterion_ids'),
    includeDeleted.filter,
    { column: 'Lang', operators: ['='], target: { in: 'query', name: 'lang' }, exactness: 'exact', require: 'optional' },
  ],
  sort: timestampSort,
  // Criteria are created and deleted (never updated) through the batch endpoint, 500 operations a call.
  writes: {
    endpoint: '/batch/accounts/:account_id/targeting_criteria',
    idParam: 'targeting_criterion_id',
    batchLimit: 500,
    insert: { required: ['LineItemId', 'TargetingType', 'TargetingValue'], optional: ['AccountId', 'OperatorType', 'TailoredAudienceExpansion'] },
    delete: true,
  },
});
