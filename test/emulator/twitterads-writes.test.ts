import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { admin, call, qs } from './twitterads-client.js';

let emu: RunningEmulator;
let account: string;
let fundingInstrumentId: string;
before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 9 });
  account = emu.credentials.accountIds[0]!;
  fundingInstrumentId = (await call(emu, `/12/accounts/${account}/funding_instruments`)).body.data.find((fi: any) => fi.able_to_fund).id;
});
after(() => emu.close());

const campaigns = () => `/12/accounts/${account}/campaigns`;

test('create, update and delete a campaign with query-string fields', async () => {
  const created = await call(emu, campaigns() + qs({ funding_instrument_id: fundingInstrumentId, name: 'Emulator Test Campaign', daily_budget_amount_local_micro: 5_000_000, entity_status: 'PAUSED' }), { method: 'POST' });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const c = created.body.data;
  assert.match(c.id, /^[0-9a-z]+$/);
  assert.equal(c.name, 'Emulator Test Campaign');
  assert.equal(c.entity_status, 'PAUSED');
  assert.match(c.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

  const listed = await call(emu, campaigns() + qs({ q: 'emulator test' }));
  assert.deepEqual(listed.body.data.map((x: any) => x.id), [c.id]);

  const updated = await call(emu, `${campaigns()}/${c.id}` + qs({ entity_status: 'ACTIVE', name: 'Renamed' }), { method: 'PUT' });
  assert.equal(updated.status, 200, JSON.stringify(updated.body));
  assert.equal(updated.body.data.name, 'Renamed');
  assert.equal((await call(emu, `${campaigns()}/${c.id}`)).body.data.entity_status, 'ACTIVE');

  const deleted = await call(emu, `${campaigns()}/${c.id}`, { method: 'DELETE' });
  assert.equal(deleted.status, 200);
  assert.equal(deleted.body.data.deleted, true);
  const again = await call(emu, `${campaigns()}/${c.id}`, { method: 'DELETE' });
  assert.equal(again.status, 404);
  assert.equal((await call(emu, `${campaigns()}/${c.id}`)).status, 404);
});

test('form-encoded fields are signed and accepted', async () => {
  const res = await call(emu, campaigns(), { method: 'POST', form: { funding_instrument_id: fundingInstrumentId, name: 'Form Campaign & co' } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.data.name, 'Form Campaign & co');
});

test('campaign validation: required fields, name length, unknown fields', async () => {
  const missing = await call(emu, campaigns() + qs({ name: 'x' }), { method: 'POST' });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.errors[0].code, 'MISSING_PARAMETER');
  assert.equal(missing.body.errors[0].parameter, 'funding_instrument_id');
  const long = await call(emu, campaigns() + qs({ funding_instrument_id: fundingInstrumentId, name: 'x'.repeat(256) }), { method: 'POST' });
  assert.equal(long.status, 400);
  assert.equal(long.body.errors[0].parameter, 'name');
  const unknown = await call(emu, campaigns() + qs({ funding_instrument_id: fundingInstrumentId, name: 'x', colour: 'red' }), { method: 'POST' });
  assert.equal(unknown.status, 400);
});

test('batch campaigns: all or nothing, operation_errors, at most 40', async () => {
  const before = (await call(emu, campaigns() + qs({ with_total_count: true, with_draft: true }))).body.total_count;
  const bad = await call(emu, `/12/batch/accounts/${account}/campaigns`, {
    method: 'POST',
    json: [
      { operation_type: 'Create', params: { funding_instrument_id: fundingInstrumentId, name: 'Batch A' } },
      { operation_type: 'Create', params: { name: 'Batch B without instrument' } },
    ],
  });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.operation_errors[0], []);
  assert.equal(bad.body.operation_errors[1][0].code, 'MISSING_PARAMETER');
  assert.equal((await call(emu, campaigns() + qs({ with_total_count: true, with_draft: true }))).body.total_count, before, 'nothing applied');

  const existing = (await call(emu, campaigns() + qs({ count: 1 }))).body.data[0];
  const good = await call(emu, `/12/batch/accounts/${account}/campaigns`, {
    method: 'POST',
    json: [
      { operation_type: 'Create', params: { funding_instrument_id: fundingInstrumentId, name: 'Batch A', entity_status: 'DRAFT' } },
      { operation_type: 'Update', params: { campaign_id: existing.id, name: 'Batch Renamed' } },
    ],
  });
  assert.equal(good.status, 200, JSON.stringify(good.body));
  assert.equal(good.body.data.length, 2);
  assert.equal(good.body.data[1].name, 'Batch Renamed');
  assert.equal(good.body.request[0].operation_type, 'Create');

  const tooMany = Array.from({ length: 41 }, () => ({ operation_type: 'Create', params: { funding_instrument_id: fundingInstrumentId, name: 'n' } }));
  const res = await call(emu, `/12/batch/accounts/${account}/campaigns`, { method: 'POST', json: tooMany });
  assert.equal(res.status, 400);

  const stats = await admin(emu, 'GET', '/__emulator/stats');
  assert.equal(stats.byRoute['POST /12/batch/accounts/:account_id/campaigns'], 3, 'a batch counts as one request');
});

test('line items and promoted tweets', async () => {
  const campaign = (await call(emu, campaigns() + qs({ count: 1 }))).body.data[0];
  const li = await call(emu, `/12/accounts/${account}/line_items` + qs({ campaign_id: campaign.id, objective: 'ENGAGEMENTS', placements: 'ALL_ON_TWITTER', product_type: 'PROMOTED_TWEETS', bid_amount_local_micro: 1_500_000, bid_strategy: 'MAX' }), { method: 'POST' });
  assert.equal(li.status, 200, JSON.stringify(li.body));
  assert.equal(li.body.data.campaign_id, campaign.id);
  const batch = await call(emu, `/12/batch/accounts/${account}/line_items`, {
    method: 'POST',
    json: [{ operation_type: 'Update', params: { line_item_id: li.body.data.id, name: 'Batch line item' } }],
  });
  assert.equal(batch.status, 200, JSON.stringify(batch.body));

  const tweets = Array.from({ length: 51 }, (_, i) => String(1_500_000_000_000_000_000n + BigInt(i))).join(',');
  const tooMany = await call(emu, `/12/accounts/${account}/promoted_tweets` + qs({ line_item_id: li.body.data.id, tweet_ids: tweets }), { method: 'POST' });
  assert.equal(tooMany.status, 400);
  const attached = await call(emu, `/12/accounts/${account}/promoted_tweets` + qs({ line_item_id: li.body.data.id, tweet_ids: '1500000000000000001,1500000000000000002' }), { method: 'POST' });
  assert.equal(attached.status, 200, JSON.stringify(attached.body));
  assert.equal(attached.body.total_count, 2);
  const pt = attached.body.data[0];
  assert.equal(pt.tweet_id, '1500000000000000001');
  const listed = await call(emu, `/12/accounts/${account}/promoted_tweets` + qs({ line_item_ids: li.body.data.id }));
  assert.equal(listed.body.data.length, 2);
  assert.equal((await call(emu, `/12/accounts/${account}/promoted_tweets/${pt.id}`, { method: 'DELETE' })).body.data.deleted, true);
  assert.equal((await call(emu, `/12/accounts/${account}/promoted_tweets/${pt.id}`, { method: 'DELETE' })).status, 404);
  assert.equal((await call(emu, `/12/accounts/${account}/promoted_tweets/${pt.id}`, { method: 'PUT' })).status, 405, 'promoted tweets have no PUT');
});
