import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { call, fetchAll, qs } from './twitterads-client.js';

let emu: RunningEmulator;
let account: string;
before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 3 });
  account = emu.credentials.accountIds[0]!;
});
after(() => emu.close());

const campaignsPath = () => `/12/accounts/${account}/campaigns`;

test('paging across 3+ pages returns every id exactly once with opaque cursors', async () => {
  const all = await fetchAll(emu, campaignsPath(), { with_deleted: true, with_draft: true });
  const { rows, pages, cursors } = await fetchAll(emu, campaignsPath(), { count: 20, with_deleted: true, with_draft: true });
  assert.ok(pages >= 3, `expected >= 3 pages, got ${pages}`);
  const ids = rows.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'no id twice');
  assert.deepEqual(new Set(ids), new Set(all.rows.map((r) => r.id)), 'all ids once');
  for (const cursor of cursors) {
    assert.doesNotMatch(cursor, /^\d+$/, 'cursor is not a bare offset');
    const decoded = Buffer.from(cursor, 'base64url').toString('latin1');
    assert.ok(!ids.some((id) => decoded.includes(id)), 'cursor does not reveal the position in clear');
  }
});

test('a forged or foreign cursor is 400 INVALID_PARAMETER', async () => {
  const forged = await call(emu, campaignsPath() + qs({ cursor: Buffer.from('{"offset":20}').toString('base64url') }));
  assert.equal(forged.status, 400);
  assert.equal(forged.body.errors[0].code, 'INVALID_PARAMETER');
  assert.equal(forged.body.errors[0].parameter, 'cursor');
  const first = await call(emu, campaignsPath() + qs({ count: 5 }));
  const otherQuery = await call(emu, campaignsPath() + qs({ count: 5, q: 'Spring', cursor: first.body.next_cursor }));
  assert.equal(otherQuery.status, 400, 'cursor bound to its query');
});

test('count limits: 1..1000, media_library 1..50 (default 20)', async () => {
  assert.equal((await call(emu, campaignsPath() + qs({ count: 1000 }))).status, 200);
  for (const bad of [0, 1001, 'abc']) {
    const res = await call(emu, campaignsPath() + qs({ count: bad }));
    assert.equal(res.status, 400, `count=${bad}`);
    assert.equal(res.body.errors[0].code, 'INVALID_PARAMETER');
    assert.equal(res.body.errors[0].parameter, 'count');
  }
  const media = `/12/accounts/${account}/media_library`;
  const def = await call(emu, media);
  assert.equal(def.status, 200);
  assert.equal(def.body.data.length, 20);
  assert.equal((await call(emu, media + qs({ count: 50 }))).status, 200);
  assert.equal((await call(emu, media + qs({ count: 51 }))).status, 400);
});

test('id lists over 200 are rejected; id lists filter', async () => {
  const ids = Array.from({ length: 201 }, (_, i) => `x${i}`).join(',');
  const res = await call(emu, campaignsPath() + qs({ campaign_ids: ids }));
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].parameter, 'campaign_ids');
  const some = (await call(emu, campaignsPath() + qs({ count: 3 }))).body.data.map((c: any) => c.id);
  const filtered = await call(emu, campaignsPath() + qs({ campaign_ids: some.join(',') }));
  assert.deepEqual(new Set(filtered.body.data.map((c: any) => c.id)), new Set(some));
  assert.deepEqual(filtered.body.request.params.campaign_ids, some);
});

test('unknown query parameters are 400', async () => {
  const res = await call(emu, campaignsPath() + qs({ colour: 'blue' }));
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].parameter, 'colour');
});

test('with_deleted and with_draft control what is listed; deleted entities 404 unless with_deleted', async () => {
  const plain = (await fetchAll(emu, campaignsPath(), { count: 1000 })).rows;
  const withDeleted = (await fetchAll(emu, campaignsPath(), { count: 1000, with_deleted: true })).rows;
  const withDraft = (await fetchAll(emu, campaignsPath(), { count: 1000, with_draft: true })).rows;
  assert.ok(plain.every((c) => !c.deleted && c.entity_status !== 'DRAFT'));
  assert.ok(withDeleted.some((c) => c.deleted));
  assert.ok(withDraft.some((c) => c.entity_status === 'DRAFT'));
  const deleted = withDeleted.find((c) => c.deleted)!;
  assert.equal((await call(emu, `${campaignsPath()}/${deleted.id}`)).status, 404);
  const got = await call(emu, `${campaignsPath()}/${deleted.id}` + qs({ with_deleted: true }));
  assert.equal(got.status, 200);
  assert.equal(got.body.data.id, deleted.id);
  assert.equal((await call(emu, `${campaignsPath()}/nosuchid`)).body.errors[0].code, 'NOT_FOUND');
});

test('deleted account is hidden unless with_deleted', async () => {
  const live = await call(emu, '/12/accounts');
  const all = await call(emu, '/12/accounts' + qs({ with_deleted: true }));
  assert.equal(all.body.data.length, live.body.data.length + 1);
  const gone = all.body.data.find((a: any) => a.deleted);
  assert.equal((await call(emu, `/12/accounts/${gone.id}`)).status, 404);
  assert.equal((await call(emu, `/12/accounts/${gone.id}` + qs({ with_deleted: true }))).status, 200);
  const timezones = new Set(all.body.data.map((a: any) => a.timezone));
  assert.deepEqual(timezones, new Set(['America/Los_Angeles', 'Europe/London', 'Asia/Tokyo', 'UTC']));
});

test('sort_by orders rows; unknown sort fields are 400; default is created_at desc', async () => {
  const byName = (await fetchAll(emu, campaignsPath(), { count: 1000, sort_by: 'name-asc' })).rows.map((c) => c.name);
  assert.deepEqual(byName, [...byName].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  const budgets = (await fetchAll(emu, campaignsPath(), { count: 7, sort_by: 'daily_budget_amount_local_micro-desc' })).rows.map(
    (c) => c.daily_budget_amount_local_micro,
  );
  assert.deepEqual(budgets, [...budgets].sort((a, b) => b - a));
  const byDefault = (await call(emu, campaignsPath() + qs({ count: 1000 }))).body.data.map((c: any) => c.created_at);
  assert.deepEqual(byDefault, [...byDefault].sort().reverse());
  for (const bad of ['colour-asc', 'name', 'name-up']) {
    const res = await call(emu, campaignsPath() + qs({ sort_by: bad }));
    assert.equal(res.status, 400, bad);
    assert.equal(res.body.errors[0].parameter, 'sort_by');
  }
});

test('q is a case-insensitive name prefix', async () => {
  const res = await fetchAll(emu, campaignsPath(), { q: 'spring', count: 1000 });
  assert.ok(res.rows.length > 0);
  assert.ok(res.rows.every((c) => c.name.toLowerCase().startsWith('spring')));
  const names = new Set(res.rows.map((c) => c.name.split(' - ')[0]));
  assert.ok(names.size >= 2, 'prefix shared by several campaign families');
  const accounts = await call(emu, '/12/accounts' + qs({ q: (await call(emu, '/12/accounts')).body.data[0].name.slice(0, 3).toUpperCase() }));
  assert.ok(accounts.body.data.length >= 1);
});

test('with_total_count gives total_count and is exclusive with cursor', async () => {
  const res = await call(emu, campaignsPath() + qs({ count: 5, with_total_count: true }));
  const all = await fetchAll(emu, campaignsPath(), { count: 1000 });
  assert.equal(res.body.total_count, all.rows.length);
  const clash = await call(emu, campaignsPath() + qs({ with_total_count: true, cursor: res.body.next_cursor }));
  assert.equal(clash.status, 400);
  assert.equal(clash.body.errors[0].code, 'EXCLUSIVE_PARAMETERS');
});

test('line items, promoted tweets, funding instruments and media filter by their parents', async () => {
  const base = `/12/accounts/${account}`;
  const campaign = (await call(emu, `${base}/campaigns` + qs({ count: 1 }))).body.data[0];
  const items = (await call(emu, `${base}/line_items` + qs({ campaign_ids: campaign.id, with_deleted: true }))).body.data;
  assert.ok(items.length >= 1 && items.every((li: any) => li.campaign_id === campaign.id));
  const tweets = (await call(emu, `${base}/promoted_tweets` + qs({ line_item_ids: items.map((li: any) => li.id).join(','), with_deleted: true }))).body.data;
  assert.ok(tweets.length >= items.length);
  const fis = (await call(emu, `${base}/funding_instruments`)).body.data;
  assert.ok(fis.length >= 2);
  const videos = (await call(emu, `${base}/media_library` + qs({ media_type: 'VIDEO', count: 50 }))).body.data;
  assert.ok(videos.length > 0 && videos.every((m: any) => m.media_type === 'VIDEO' && typeof m.duration === 'number' && m.poster_media_key));
  const one = await call(emu, `${base}/media_library/${videos[0].media_key}`);
  assert.equal(one.body.data.media_key, videos[0].media_key);
});

test('unknown routes are 404 ROUTE_NOT_FOUND; wrong method is 405', async () => {
  const res = await call(emu, '/12/nothing');
  assert.equal(res.status, 404);
  assert.equal(res.body.errors[0].code, 'ROUTE_NOT_FOUND');
  const wrong = await call(emu, '/12/accounts', { method: 'DELETE' });
  assert.equal(wrong.status, 405);
});
