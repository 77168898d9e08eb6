/** What the README says each provider's tables take, from the same key columns the binder reads. */
import type { ApiTableSchema } from '../catalog/api-table-schema.js';
import type { TableDoc } from '../source/key-column-docs.js';
import { accountInsightsTable, audienceInsightsTable, longInsightsTable, mediaInsightsTable, mediaInsightsVariants } from '../../schemas/instagram/insights.js';
import { adStatsKeyColumns, adStatsTable } from '../../schemas/twitterads/ad-stats.js';
import { insightsKeyColumns, insightsTable } from '../../schemas/twitterads/insights.js';
import { keyColumnsOfSchema } from './api-table.js';
import { accountInsightsKeyColumns } from './instagram/account-insights.js';
import { breakdownKeyColumns, onlineFollowersKeyColumns } from './instagram/account-breakdowns.js';
import { actionTypeKeyColumns } from './instagram/action-types.js';
import { actionTypeTables } from '../../schemas/instagram/action-types.js';
import { breakdownTables, onlineFollowersTable } from '../../schemas/instagram/account-breakdowns.js';
import { audienceInsightsKeyColumns } from './instagram/audience-insights.js';
import { instagramSchemas } from './instagram/catalog.js';
import { longInsightsKeyColumns } from './instagram/long-insights.js';
import { mediaInsightsKeyColumns } from './instagram/media-insights.js';
import { twitterAdsSchemas } from './twitterads/catalog.js';
import { hashtagMediaTables, hashtagsTable } from '../../schemas/instagram/hashtags.js';
import { businessDiscoveryMediaTable, expandedObjectTables } from '../../schemas/instagram/expanded-objects.js';
import { hashtagsKeyColumns } from './instagram/hashtags.js';
import { hashtagMediaKeyColumns } from './instagram/hashtag-media.js';
import { expandedKeyColumns } from './instagram/expanded-object.js';
import { businessDiscoveryMediaKeyColumns } from './instagram/business-discovery-media.js';

function schemaDoc(schema: ApiTableSchema): TableDoc {
  const endpoint = schema.lookup ? `GET ${schema.endpoint}; by key GET ${schema.lookup.endpoint}` : `GET ${schema.endpoint}`;
  return { name: schema.name, aliases: schema.aliases, endpoint, keyColumns: keyColumnsOfSchema(schema) };
}

export const tableDocs: Readonly<Record<'twitterads' | 'instagram', readonly TableDoc[]>> = {
  twitterads: [...twitterAdsSchemas.map(schemaDoc), { name: insightsTable.name, aliases: insightsTable.aliases, endpoint: 'GET /stats/accounts/:account_id', keyColumns: insightsKeyColumns },
    { name: adStatsTable.name, aliases: adStatsTable.aliases, endpoint: 'GET /stats/accounts/:account_id (as Insights)', keyColumns: adStatsKeyColumns },
  ],
  instagram: [
    ...instagramSchemas.map(schemaDoc),
    { name: mediaInsightsTable.name, aliases: mediaInsightsTable.aliases, endpoint: 'GET /{media-id}/insights, in POST / batches of 50', keyColumns: mediaInsightsKeyColumns },
    ...mediaInsightsVariants.map((v) => ({ name: v.name, aliases: v.aliases, endpoint: `GET /{media-id}/insights of ${v.stories ? 'the live stories' : (v.productTypes ?? v.mediaTypes ?? []).join(', ')}, in POST / batches of 50`, keyColumns: mediaInsightsKeyColumns })),
    { name: accountInsightsTable.name, aliases: accountInsightsTable.aliases, endpoint: 'GET /{ig-user-id}/insights', keyColumns: accountInsightsKeyColumns },
    { name: audienceInsightsTable.name, aliases: audienceInsightsTable.aliases, endpoint: 'GET /{ig-user-id}/insights?breakdown=', keyColumns: audienceInsightsKeyColumns },
    { name: longInsightsTable.name, aliases: longInsightsTable.aliases, endpoint: 'both insights endpoints, in long form', keyColumns: longInsightsKeyColumns },
    ...breakdownTables.map((t) => ({ name: t.name, aliases: t.aliases, endpoint: `GET /{ig-user-id}/insights?metric_type=total_value${t.breakdownColumn ? '&breakdown=' : ''}${t.perDay ? ', per day' : ''}`, keyColumns: breakdownKeyColumns })),
    ...actionTypeTables.map((t) => ({ name: t.name, aliases: [], endpoint: `GET /{media-id}/insights?metric=${t.metric}&breakdown=${t.breakdown}`, keyColumns: actionTypeKeyColumns })),
    { name: onlineFollowersTable.name, aliases: onlineFollowersTable.aliases, endpoint: 'GET /{ig-user-id}/insights?metric=online_followers&period=lifetime', keyColumns: onlineFollowersKeyColumns },
    { name: hashtagsTable.name, aliases: hashtagsTable.aliases, endpoint: 'GET /ig_hashtag_search?user_id=&q=', keyColumns: hashtagsKeyColumns },
    ...hashtagMediaTables.map((t) => ({ name: t.name, aliases: [], endpoint: `GET /{hashtag-id}/${t.edge}?user_id=&fields= (by name: GET /ig_hashtag_search first)`, keyColumns: hashtagMediaKeyColumns })),
    ...expandedObjectTables.map((t) => ({ name: t.name, aliases: [], endpoint: `GET /{ig-user-id}?fields=${t.field}.${t.modifier}(x){…}, in POST / batches of 50`, keyColumns: expandedKeyColumns(t) })),
    { name: businessDiscoveryMediaTable.name, aliases: [], endpoint: 'GET /{ig-user-id}?fields=business_discovery.username(x){media.after(cursor){…}}', keyColumns: businessDiscoveryMediaKeyColumns },
  ],
};
