// GET /12/stats/accounts/:account_id/reach/campaigns and /reach/funding_instruments: 20 ids a
// call, and the API's validation errors (envelope, code, parameter) for each way a request is wrong.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { call, fetchAll, qs } from './twitterads-client.js';

let emu: RunningEmulator;
let account: string;
let other: string;
let campaigns: string[];
let fundingInstruments: string[];
const WEEK = { start_time: '2025-05-20T07:00:00Z', end_time: '2025-05-27T07:00:00Z' };

before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 21 });
  [account, other] = emu.credentials.accountIds as [string, string];
  campaigns = (await fetchAll(emu, `/12/accounts/${account}/campaigns`, { count: 1000 })).rows.map((c) => c.id as string);
  fundingInstruments = (await fetchAll(emu, `/12/accounts/${account}/funding_instruments`, {})).rows.map((f) => f.id as string);
});
after(() => emu.close());

const reach = (kind: 'campaigns' | 'funding_instruments', params: Record<string, string>, accountId = account) => call(emu, `/12/stats/accounts/${accountId}/reach/${kind}` + qs(params));

test('reach/campaigns answers up to 20 ids in one call, in order, deduplicated, with the request echoed', async () => {
  // 20 items given (the limit counts them as sent), one a repeat: 19 answered.
  const ids = campaigns.slice(0, 19);
  const res = await reach('campaigns', { campaign_ids: [...ids, ids[0]!].join(','), ...WEEK });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.data_type, 'reach');
  assert.deepEqual(res.body.data.map((d: { id: string }) => d.id), ids);
  assert.deepEqual(res.body.request.params, { account_id: account, campaign_ids: ids, ...WEEK });
  for (const d of res.body.data) {
    assert.ok(Number.isInteger(d.total_audience_reach) && d.total_audience_reach >= 0);
    assert.equal(typeof d.average_frequency, 'number');
  }
});

test('reach/funding_instruments: the same shape and limit, keyed by funding_instrument_ids', async () => {
  const res = await reach('funding_instruments', { funding_instrument_ids: fundingInstruments.join(','), ...WEEK });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body.data.map((d: { id: string }) => d.id), fundingInstruments);
  const tooMany = await reach('funding_instruments', { funding_instrument_ids: Array.from({ length: 21 }, (_, i) => fundingInstruments[i % fundingInstruments.length]! + (i >= fundingInstruments.length ? String(i) : '')).join(','), ...WEEK });
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.body.errors[0].parameter, 'funding_instrument_ids');
});

test('reach: validation errors as the API sends them', async () => {
  const ids = campaigns.slice(0, 2).join(',');
  const cases: Array<[string, 'campaigns' | 'funding_instruments', Record<string, string>, string, string]> = [
    ['21 ids', 'campaigns', { campaign_ids: campaigns.slice(0, 21).join(','), ...WEEK }, 'INVALID_PARAMETER', 'campaign_ids'],
    ['no ids', 'campaigns', { ...WEEK }, 'MISSING_PARAMETER', 'campaign_ids'],
    ['no start_time', 'campaigns', { campaign_ids: ids, end_time: WEEK.end_time }, 'MISSING_PARAMETER', 'start_time'],
    ['no end_time', 'funding_instruments', { funding_instrument_ids: fundingInstruments[0]!, start_time: WEEK.start_time }, 'MISSING_PARAMETER', 'end_time'],
    ['end before start', 'campaigns', { campaign_ids: ids, start_time: WEEK.end_time, end_time: WEEK.start_time }, 'INVALID_TIME_WINDOW', 'end_time'],
    ['over 90 days', 'campaigns', { campaign_ids: ids, start_time: '2025-01-01T00:00:00Z', end_time: '2025-04-02T00:00:00Z' }, 'INVALID_TIME_WINDOW', 'end_time'],
    ['not a whole hour', 'campaigns', { campaign_ids: ids, start_time: '2025-05-20T07:30:00Z', end_time: WEEK.end_time }, 'INVALID_PARAMETER', 'start_time'],
    ['an id of no campaign of the account', 'campaigns', { campaign_ids: 'zzzz9', ...WEEK }, 'INVALID_PARAMETER', 'campaign_ids'],
    ['a funding instrument id as a campaign', 'campaigns', { campaign_ids: fundingInstruments[0]!, ...WEEK }, 'INVALID_PARAMETER', 'campaign_ids'],
  ];
  for (const [name, kind, params, code, parameter] of cases) {
    const res = await reach(kind, params);
    assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.errors[0].code, code, name);
    assert.equal(res.body.errors[0].parameter, parameter, name);
    assert.equal(res.body.request.params.account_id, account, `${name}: the request is echoed`);
  }
  // Exactly 90 days is allowed; another account's campaigns are not this account's.
  assert.equal((await reach('campaigns', { campaign_ids: ids, start_time: '2025-01-01T00:00:00Z', end_time: '2025-04-01T00:00:00Z' })).status, 200);
  const elsewhere = await reach('campaigns', { campaign_ids: campaigns[0]!, ...WEEK }, other);
  assert.equal(elsewhere.status, 400);
  assert.equal(elsewhere.body.errors[0].parameter, 'campaign_ids');
});
