import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, idListFilter, includeDeleted, namePrefixFilter, timestampSort } from './common.js';

export default defineApiTable({
  name: 'Cards',
  aliases: ['AdCards'],
  description: 'Cards (website, app, poll, ...) of an ads account.',
  endpoint: '/accounts/:account_id/cards',
  paging: { defaultPageSize: 200, maxPageSize: 200 },
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Card id.' },
    accountColumn,
    { name: 'Name', type: 'String', description: 'Card name.' },
    { name: 'CardType', type: 'String', description: 'Card type, e.g. IMAGE_WEBSITE.' },
    { name: 'CardUri', type: 'String', description: 'card://<id>, used to attach the card to a tweet.' },
    ...auditColumns,
    includeDeleted.column,
  ],
  filters: [
    accountFilter,
    idListFilter('Id', 'card_ids'),
    { column: 'CardUri', operators: ['=', 'IN'], target: { in: 'query', name: 'card_uris', maxValues: 200 }, exactness: 'exact', require: 'optional' },
    { column: 'CardType', operators: ['='], target: { in: 'query', name: 'card_type' }, exactness: 'exact', require: 'optional' },
    namePrefixFilter,
    includeDeleted.filter,
  ],
  sort: { param: 'sort_by', columns: { ...timestampSort.columns } },
});
