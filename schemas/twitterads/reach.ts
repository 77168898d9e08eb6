/**
 * Reach (`GET stats/accounts/:id/reach/campaigns|funding_instruments`): unique users reached and the
 * average frequency over a range (whole hours, ≤ 90 days), for ≤ 20 ids a call.
 */
import { defineApiTable } from '../../src/catalog/api-table-schema.js';
import type { ApiTableSchema } from '../../src/catalog/api-table-schema.js';
import { accountColumn, accountFilter, twitterAdsId } from './common.js';

function reachTable(name: string, alias: string, kind: string, idColumn: string, idParam: string, what: string): ApiTableSchema {
  return defineApiTable({
    name,
    aliases: [alias],
    description: `Audience reach and average frequency of ${what} between StartTime and EndTime (the API requires ${idColumn}, StartTime and EndTime).`,
    endpoint: `/stats/accounts/:account_id/reach/${kind}`,
    paging: { defaultPageSize: 1000, maxPageSize: 1000, unpaged: true },
    columns: [
      { name: idColumn, type: 'String', key: true, source: 'id', description: `The ${what.replace(/s$/, '')}.` },
      accountColumn,
      { name: 'StartTime', type: 'Datetime', fromRequest: 'start_time', description: "Start of the range (whole hours, e.g. '2026-11-01T00:00:00Z')." },
      { name: 'EndTime', type: 'Datetime', fromRequest: 'end_time', description: 'End of the range (whole hours, at most 90 days after StartTime).' },
      { name: 'TotalAudienceReach', type: 'Long', description: 'Unique users who saw an ad.' },
      { name: 'AverageFrequency', type: 'Double', description: 'Average impressions per user reached.' },
    ],
    filters: [
      accountFilter,
      { column: idColumn, operators: ['=', 'IN'], target: { in: 'query', name: idParam, maxValues: 20 }, exactness: 'exact', require: 'required', idFormat: twitterAdsId, example: `${idColumn} = 'abc1'` },
      { column: 'StartTime', operators: ['='], target: { in: 'query', name: 'start_time' }, exactness: 'exact', require: 'required', example: "StartTime = '2026-11-01T00:00:00Z'" },
      { column: 'EndTime', operators: ['='], target: { in: 'query', name: 'end_time' }, exactness: 'exact', require: 'required', example: "EndTime = '2026-11-08T00:00:00Z'" },
    ],
  });
}

export const campaignReach = reachTable('CampaignReach', 'AdCampaignAudienceReach', 'campaigns', 'CampaignId', 'campaign_ids', 'campaigns');
export const fundingInstrumentReach = reachTable('FundingInstrumentReach', 'AdFundingInstrumentsAudienceReach', 'funding_instruments', 'FundingInstrumentId', 'funding_instrument_ids', 'funding instruments');
