/** What the README says each provider's tables take, from the same key columns the binder reads. */
import type { ApiTableSchema } from '../catalog/api-table-schema.js';
import type { TableDoc } from '../source/key-column-docs.js';
import { accountInsightsTable, audienceInsightsTable, longInsightsTable, mediaInsightsTable } from '../../schemas/instagram/insights.js';
import { insightsKeyColumns, insightsTable } from '../../schemas/twitterads/insights.js';
import { keyColumnsOfSchema } from './api-table.js';
import { accountInsightsKeyColumns } from './instagram/account-insights.js';
import { audienceInsightsKeyColumns } from './instagram/audience-insights.js';
import { instagramSchemas } from './instagram/catalog.js';
import { longInsightsKeyColumns } from './instagram/long-insights.js';
import { mediaInsightsKeyColumns } from './instagram/media-insights.js';
import { twitterAdsSchemas } from './twitterads/catalog.js';

function schemaDoc(schema: ApiTableSchema): TableDoc {
  const endpoint = schema.lookup ? `GET ${schema.endpoint}; by key GET ${schema.lookup.endpoint}` : `GET ${schema.endpoint}`;
  return { name: schema.name, aliases: schema.aliases, endpoint, keyColumns: keyColumnsOfSchema(schema) };
}

export const tableDocs: Readonly<Record<'twitterads' | 'instagram', readonly TableDoc[]>> = {
  twitterads: [...twitterAdsSchemas.map(schemaDoc), { name: insightsTable.name, aliases: insightsTable.aliases, endpoint: 'GET /stats/accounts/:account_id', keyColumns: insightsKeyColumns }],
  instagram: [
    ...instagramSchemas.map(schemaDoc),
    { name: mediaInsightsTable.name, aliases: mediaInsightsTable.aliases, endpoint: 'GET /{media-id}/insights, in POST / batches of 50', keyColumns: mediaInsightsKeyColumns },
    { name: accountInsightsTable.name, aliases: accountInsightsTable.aliases, endpoint: 'GET /{ig-user-id}/insights', keyColumns: accountInsightsKeyColumns },
    { name: audienceInsightsTable.name, aliases: audienceInsightsTable.aliases, endpoint: 'GET /{ig-user-id}/insights?breakdown=', keyColumns: audienceInsightsKeyColumns },
    { name: longInsightsTable.name, aliases: longInsightsTable.aliases, endpoint: 'both insights endpoints, in long form', keyColumns: longInsightsKeyColumns },
  ],
};
