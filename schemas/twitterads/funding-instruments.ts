import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, auditColumns, entityPaging, idListFilter, includeDeleted, timestampSort } from './common.js';

export default defineApiTable({
  name: 'FundingInstruments',
  aliases: ['AdFundingInstruments'],
  description: 'Funding instruments (credit cards, insertion orders, credit lines) of an ads account.',
  endpoint: '/accounts/:account_id/funding_instruments',
  paging: entityPaging,
  columns: [
    { name: 'Id', type: 'String', key: true, description: 'Funding instrument id.' },
    accountColumn,
    { name: 'Type', type: 'String', description: 'CREDIT_CARD, INSERTION_ORDER, CREDIT_LINE, ...' },
    { name: 'Description', type: 'String', description: 'Name of the instrument.' },
    { name: 'EntityStatus', type: 'String', description: 'ACTIVE, CANCELLED, ...' },
    { name: 'Currency', type: 'String', description: 'ISO 4217 currency code.' },
    { name: 'CreditLimitLocalMicro', type: 'Long', description: 'Credit limit in micros.' },
    { name: 'FundedAmountLocalMicro', type: 'Long', description: 'Funded amount in micros.' },
    { name: 'CreditRemainingLocalMicro', type: 'Long', description: 'Credit left in micros.' },
    { name: 'AbleToFund', type: 'Boolean', description: 'Whether it can fund campaigns now.' },
    { name: 'ReasonsNotAbleToFund', type: 'String', description: 'Comma-separated reasons it cannot fund.' },
    { name: 'Cancelled', type: 'Boolean', description: 'Whether it was cancelled.' },
    { name: 'Paused', type: 'Boolean', description: 'Whether it is paused.' },
    { name: 'StartTime', type: 'Datetime', description: 'Start of its validity.' },
    { name: 'EndTime', type: 'Datetime', description: 'End of its validity.' },
    ...auditColumns,
    includeDeleted.column,
  ],
  filters: [accountFilter, idListFilter('Id', 'funding_instrument_ids'), includeDeleted.filter],
  sort: timestampSort,
});
