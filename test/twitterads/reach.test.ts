/**
 * CampaignReach and FundingInstrumentReach (AdCampaignAudienceReach, AdFundingInstrumentsAudienceReach):
 * planned calls per filter with no HTTP, then against the emulator: 20 ids a call, from a join too.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PlanError } from '../../src/errors.js';
import { twitterAdsSchemas } from '../../src/providers/twitterads/catalog.js';
import { eq, FakeClient, isIn, plannedTexts, request, tableOf } from '../source/fake-client.js';
import { startHarness, type Harness } from './harness.js';

const A = '18ce54d4x5t';
const B = 'hsa0t4';
const range = [eq('StartTime', '2026-11-01T00:00:00Z'), eq('EndTime', '2026-11-08T00:00:00Z')];
const window = 'start_time=2026-11-01T00:00:00Z&end_time=2026-11-08T00:00:00Z';
const planned = (table: string, where: Parameters<typeof request>[0]) => plannedTexts(tableOf(twitterAdsSchemas, table, new FakeClient({ defaults: { defaultAccount: [A] } })).plan(request(where, ['TotalAudienceReach'])));

test('reach planned calls: AccountId is the path, one call per account', () => {
  assert.deepEqual(planned('CampaignReach', [isIn('AccountId', A, B), eq('CampaignId', 'c1'), ...range]), [
    [`GET /stats/accounts/${A}/reach/campaigns?campaign_ids=c1&${window}`],
    [`GET /stats/accounts/${B}/reach/campaigns?campaign_ids=c1&${window}`],
  ]);
  assert.equal(planned('FundingInstrumentReach', [eq('FundingInstrumentId', 'f1'), ...range]), 'AccountId defaults to a value found at run time', 'the default account is found when the scan runs');
  assert.deepEqual(planned('FundingInstrumentReach', [eq('AccountId', B), eq('FundingInstrumentId', 'f1'), ...range]), [[`GET /stats/accounts/${B}/reach/funding_instruments?funding_instrument_ids=f1&${window}`]]);
});

test('reach planned calls: ids go to campaign_ids / funding_instrument_ids, 20 a call; ids no id can be cost nothing', () => {
  const fis = Array.from({ length: 21 }, (_, i) => `f${i}`);
  const calls = planned('FundingInstrumentReach', [eq('AccountId', A), isIn('FundingInstrumentId', ...fis), ...range]) as string[][];
  assert.deepEqual(calls.map(([c]) => new URLSearchParams(c!.split('?')[1]).get('funding_instrument_ids')!.split(',').length), [20, 1]);
  assert.deepEqual(planned('CampaignReach', [eq('AccountId', A), isIn('CampaignId', 'c1,c2', ''), ...range]), []);
});

test('reach planned calls: StartTime and EndTime go as UTC text, a bare date read as SQL reads it', () => {
  assert.deepEqual(planned('CampaignReach', [eq('AccountId', A), eq('CampaignId', 'c1'), eq('StartTime', '2026-11-01'), eq('EndTime', new Date('2026-11-08T00:00:00Z'))]), [
    [`GET /stats/accounts/${A}/reach/campaigns?campaign_ids=c1&${window}`],
  ]);
  assert.deepEqual(planned('CampaignReach', [eq('AccountId', A), eq('CampaignId', 'c1'), eq('StartTime', 'soon'), range[1]!]), [], 'not a date: no row, no call');
});

test('reach: the required filters are a PlanError before any call, naming the column', () => {
  const plan = (where: Parameters<typeof request>[0]) => () => tableOf(twitterAdsSchemas, 'CampaignReach', new FakeClient({ defaults: { defaultAccount: [A] } })).plan(request(where, ['TotalAudienceReach']));
  assert.throws(plan([...range]), (e: unknown) => e instanceof PlanError && /CampaignId/.test(e.message));
  assert.throws(plan([eq('CampaignId', 'c1'), range[1]!]), (e: unknown) => e instanceof PlanError && /StartTime/.test(e.message));
  assert.throws(plan([eq('CampaignId', 'c1'), range[0]!]), (e: unknown) => e instanceof PlanError && /EndTime/.test(e.message));
});

let h: Harness;
let account = '';
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
});
after(() => h.close());

test('CampaignReach joined from Campaigns: the ids in batches of 20, rows with the range as timestamps', async () => {
  const campaigns = (await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [account])).rows.length;
  await h.reset();
  const { rows } = await h.conn.query(
    "SELECT c.Id, r.CampaignId, r.StartTime, r.TotalAudienceReach, r.AverageFrequency FROM Campaigns c JOIN AdCampaignAudienceReach r ON r.CampaignId = c.Id WHERE c.AccountId = ? AND r.AccountId = ? AND r.StartTime = '2026-11-01' AND r.EndTime = '2026-11-08'",
    [account, account],
  );
  assert.equal(rows.length, campaigns);
  assert.ok(rows.every((r) => r.Id === r.CampaignId && r.StartTime instanceof Date && (r.StartTime as Date).toISOString() === '2026-11-01T00:00:00.000Z'));
  assert.ok(rows.some((r) => (r.TotalAudienceReach as number) > 0 && (r.AverageFrequency as number) >= 1));
  const calls = (await h.calls()).byRoute;
  assert.equal(calls['GET /12/stats/accounts/:account_id/reach/campaigns'], Math.ceil(campaigns / 20));
  const fis = (await h.conn.query('SELECT FundingInstrumentId, TotalAudienceReach FROM AdFundingInstrumentsAudienceReach WHERE FundingInstrumentId IN (SELECT Id FROM FundingInstruments) AND StartTime = ? AND EndTime = ?', ['2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z'])).rows;
  assert.ok(fis.length > 0);
});
