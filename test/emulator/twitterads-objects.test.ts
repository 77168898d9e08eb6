// Creative, targeting, audience and reference-list endpoints of the Twitter Ads emulator.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { call, fetchAll, qs } from './twitterads-client.js';

let emu: RunningEmulator;
let account: string;
before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 5 });
  account = emu.credentials.accountIds[0]!;
});
after(() => emu.close());

const path = (segment: string) => `/12/accounts/${account}/${segment}`;

test('tweets: tweet_type is required and selects published, scheduled or draft tweets', async () => {
  const missing = await call(emu, path('tweets'));
  assert.equal(missing.status, 400);
  assert.equal(missing.body.errors[0].code, 'MISSING_PARAMETER');
  assert.equal(missing.body.errors[0].parameter, 'tweet_type');
  const bad = await call(emu, path('tweets') + qs({ tweet_type: 'LIVE' }));
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].code, 'INVALID_PARAMETER');

  const published = await fetchAll(emu, path('tweets'), { tweet_type: 'PUBLISHED', timeline_type: 'ALL', count: 50 });
  assert.ok(published.pages >= 2, 'paged');
  assert.match(published.rows[0].created_at, /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} \+0000 \d{4}$/);
  assert.ok(published.rows.every((t) => typeof t.full_text === 'string' && t.id === t.id_str && t.user.screen_name));
  const ids = published.rows.map((t) => BigInt(t.id_str));
  assert.deepEqual(ids, [...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)), 'newest first');
  // Every promoted tweet's tweet is there.
  const promoted = await fetchAll(emu, path('promoted_tweets'), { with_deleted: true });
  const publishedIds = new Set(published.rows.map((t) => t.id_str));
  assert.ok(promoted.rows.every((pt) => publishedIds.has(pt.tweet_id)));

  const nullcast = await fetchAll(emu, path('tweets'), { tweet_type: 'PUBLISHED' });
  assert.ok(nullcast.rows.length > 0 && nullcast.rows.length < published.rows.length, 'default timeline_type is NULLCAST');
  assert.ok(nullcast.rows.every((t) => t.scopes.followers === false));
  const organic = await fetchAll(emu, path('tweets'), { tweet_type: 'PUBLISHED', timeline_type: 'ORGANIC' });
  assert.equal(organic.rows.length + nullcast.rows.length, published.rows.length);

  const scheduled = await call(emu, path('tweets') + qs({ tweet_type: 'SCHEDULED' }));
  assert.equal(scheduled.status, 200);
  assert.ok(scheduled.body.data.length > 0 && scheduled.body.data.every((t: any) => t.scheduled_status === 'SCHEDULED' && t.scheduled_at));
  const drafts = await call(emu, path('tweets') + qs({ tweet_type: 'DRAFT' }));
  assert.ok(drafts.body.data.length > 0 && drafts.body.data.every((t: any) => t.scheduled_at === undefined && 'nullcast' in t));
  assert.equal(drafts.body.data[0].tweet_type, undefined, 'internal tweet_type not served');

  const two = published.rows.slice(0, 2).map((t) => t.id_str);
  const byIds = await call(emu, path('tweets') + qs({ tweet_type: 'PUBLISHED', timeline_type: 'ALL', tweet_ids: two.join(','), trim_user: true }));
  assert.deepEqual(byIds.body.data.map((t: any) => t.id_str), two);
  assert.deepEqual(Object.keys(byIds.body.data[0].user).sort(), ['id', 'id_str']);
  assert.deepEqual(byIds.body.request.params.tweet_ids, two);
  const tooMany = await call(emu, path('tweets') + qs({ tweet_type: 'PUBLISHED', count: 1001 }));
  assert.equal(tooMany.status, 400);
  const otherUser = await call(emu, path('tweets') + qs({ tweet_type: 'PUBLISHED', user_id: '1' }));
  assert.deepEqual(otherUser.body.data, []);
});

test('cards: list, card_uris filter, count ≤ 200, single card, deleted hidden', async () => {
  const all = await fetchAll(emu, path('cards'), { with_deleted: true });
  assert.ok(all.rows.length >= 8);
  assert.ok(all.rows.every((c) => /^card:\/\/\d+$/.test(c.card_uri) && Array.isArray(c.components)));
  const live = await fetchAll(emu, path('cards'), {});
  assert.equal(live.rows.length, all.rows.filter((c) => !c.deleted).length);
  const uri = all.rows[0].card_uri;
  const byUri = await call(emu, path('cards') + qs({ card_uris: uri, with_deleted: true }));
  assert.deepEqual(byUri.body.data.map((c: any) => c.card_uri), [uri]);
  assert.equal((await call(emu, path('cards') + qs({ count: 201 }))).status, 400);
  const one = await call(emu, path(`cards/${live.rows[0].id}`));
  assert.equal(one.status, 200);
  assert.equal(one.body.data.id, live.rows[0].id);
  const prefix = live.rows[0].name.slice(0, 4);
  const q = await fetchAll(emu, path('cards'), { q: prefix.toLowerCase() });
  assert.ok(q.rows.length > 0 && q.rows.every((c) => c.name.startsWith(prefix)));
});

test('targeting_criteria: line_item_ids is required (≤ 200) and scopes the criteria', async () => {
  const missing = await call(emu, path('targeting_criteria'));
  assert.equal(missing.status, 400);
  assert.equal(missing.body.errors[0].parameter, 'line_item_ids');
  const lineItems = await fetchAll(emu, path('line_items'), {});
  const some = lineItems.rows.slice(0, 5).map((li) => li.id);
  const criteria = await fetchAll(emu, path('targeting_criteria'), { line_item_ids: some.join(','), count: 3 });
  assert.ok(criteria.rows.length >= 5, 'at least one per line item');
  assert.ok(criteria.rows.every((c) => some.includes(c.line_item_id) && c.targeting_type && c.targeting_value !== undefined));
  assert.ok(criteria.rows.some((c) => c.targeting_type === 'LOCATION'));
  const tooMany = Array.from({ length: 201 }, (_, i) => `x${i}`).join(',');
  assert.equal((await call(emu, path('targeting_criteria') + qs({ line_item_ids: tooMany }))).status, 400);
  const id = criteria.rows[0].id;
  const byId = await call(emu, path('targeting_criteria') + qs({ line_item_ids: some.join(','), targeting_criterion_ids: id }));
  assert.deepEqual(byId.body.data.map((c: any) => c.id), [id]);
});

test('custom_audiences, one audience, and its permissions', async () => {
  const all = await fetchAll(emu, path('custom_audiences'), { with_deleted: true });
  assert.ok(all.rows.length >= 6);
  assert.ok(all.rows.every((a) => a.targetable === (a.audience_size !== null)));
  const live = all.rows.filter((a) => !a.deleted);
  const one = await call(emu, path(`custom_audiences/${live[0].id}`));
  assert.equal(one.body.data.name, live[0].name);
  const sorted = await call(emu, path('custom_audiences') + qs({ sort_by: 'name-asc', with_deleted: true }));
  const names = sorted.body.data.map((a: any) => a.name);
  assert.deepEqual(names, [...names].sort());
  let granted = 0;
  for (const audience of all.rows) {
    const perms = await call(emu, path(`custom_audiences/${audience.id}/permissions`));
    assert.equal(perms.status, 200);
    assert.ok(perms.body.data.every((p: any) => p.custom_audience_id === audience.id && ['READ_ONLY', 'READ_WRITE'].includes(p.permission_level)));
    granted += perms.body.data.length;
  }
  assert.ok(granted > 0);
  const unknown = await call(emu, path('custom_audiences/zzzz/permissions'));
  assert.equal(unknown.status, 404);
  const badLevel = await call(emu, path(`custom_audiences/${live[0].id}/permissions`) + qs({ permission_levels: 'OWNER' }));
  assert.equal(badLevel.status, 400);
});

test('promoted_accounts, media_creatives, account_media, scheduled_promoted_tweets filter by their ids', async () => {
  for (const [segment, filter, field] of [
    ['promoted_accounts', 'line_item_ids', 'line_item_id'],
    ['media_creatives', 'line_item_ids', 'line_item_id'],
    ['account_media', 'account_media_ids', 'id'],
    ['scheduled_promoted_tweets', 'scheduled_promoted_tweet_ids', 'id'],
  ] as const) {
    const all = await fetchAll(emu, path(segment), { with_deleted: true });
    assert.ok(all.rows.length > 0, `${segment} has rows`);
    const value = all.rows[0][field];
    const filtered = await fetchAll(emu, path(segment), { [filter]: value, with_deleted: true });
    assert.ok(filtered.rows.length > 0 && filtered.rows.every((r) => r[field] === value), `${segment} ${filter}`);
    const one = await call(emu, path(`${segment}/${all.rows[0].id}`) + qs({ with_deleted: true }));
    assert.equal(one.status, 200, segment);
  }
  const creatives = await call(emu, path('account_media') + qs({ creative_types: 'PREROLL' }));
  assert.ok(creatives.body.data.every((m: any) => m.creative_type === 'PREROLL'));
  assert.equal((await call(emu, path('account_media') + qs({ creative_types: 'POSTER' }))).status, 400);
});

test('targeting option lists: filters, required parameters and count limits', async () => {
  const countries = await fetchAll(emu, '/12/targeting_criteria/locations', { location_type: 'COUNTRIES' });
  assert.ok(countries.rows.length >= 10 && countries.rows.every((l) => l.location_type === 'COUNTRIES' && l.targeting_type === 'LOCATION'));
  const gb = await fetchAll(emu, '/12/targeting_criteria/locations', { country_code: 'GB' });
  assert.ok(gb.rows.length > 1 && gb.rows.every((l) => l.country_code === 'GB'));
  const paged = await fetchAll(emu, '/12/targeting_criteria/locations', { count: 7 });
  assert.ok(paged.pages > 3);
  assert.equal(new Set(paged.rows.map((l) => l.targeting_value)).size, paged.rows.length);
  const q = await fetchAll(emu, '/12/targeting_criteria/interests', { q: 'tech' });
  assert.ok(q.rows.length > 0 && q.rows.every((i) => i.name.startsWith('Technology')));
  for (const list of ['devices', 'platforms', 'platform_versions', 'languages', 'network_operators', 'app_store_categories']) {
    const res = await call(emu, `/12/targeting_criteria/${list}`);
    assert.equal(res.status, 200, list);
    assert.ok(res.body.data.length > 0 && res.body.data.every((o: any) => typeof o.targeting_value === 'string'), list);
  }
  const conversations = await fetchAll(emu, '/12/targeting_criteria/conversations', { conversation_type: 'MOVIES' });
  assert.ok(conversations.rows.length > 0 && conversations.rows.every((c) => c.conversation_type === 'MOVIES'));
  const noEventTypes = await call(emu, '/12/targeting_criteria/events');
  assert.equal(noEventTypes.status, 400);
  assert.equal(noEventTypes.body.errors[0].parameter, 'event_types');
  const sports = await call(emu, '/12/targeting_criteria/events' + qs({ event_types: 'SPORTS' }));
  assert.ok(sports.body.data.length > 0 && sports.body.data.every((e: any) => e.event_type === 'SPORTS'));
  assert.equal((await call(emu, '/12/targeting_criteria/tv_shows')).status, 400, 'locale required');
  assert.equal((await call(emu, '/12/targeting_criteria/tv_shows' + qs({ locale: 'en-US', count: 51 }))).status, 400);
  const shows = await call(emu, '/12/targeting_criteria/tv_shows' + qs({ locale: 'ja-JP' }));
  assert.ok(shows.body.data.every((s: any) => s.locale === 'ja-JP'));
  const ios = await call(emu, '/12/targeting_criteria/app_store_categories' + qs({ os_type: 'IOS' }));
  assert.ok(ios.body.data.every((c: any) => c.os_type === 'IOS'));
  assert.equal((await call(emu, '/12/targeting_criteria/devices' + qs({ bogus: 1 }))).status, 400);
});

test('iab_categories page with total_count; content_categories list IAB ids', async () => {
  const first = await call(emu, '/12/iab_categories' + qs({ count: 10, with_total_count: true }));
  assert.equal(first.body.data.length, 10);
  assert.ok(first.body.total_count > 10);
  const all = await fetchAll(emu, '/12/iab_categories', { count: 10 });
  assert.equal(all.rows.length, first.body.total_count);
  const ids = new Set(all.rows.map((c) => c.id));
  const content = await call(emu, '/12/content_categories');
  assert.ok(content.body.data.length > 0);
  assert.ok(content.body.data.every((c: any) => c.iab_categories.every((id: string) => ids.has(id))));
  assert.equal((await call(emu, '/12/content_categories' + qs({ count: 5 }))).status, 400, 'no paging parameters');
});
