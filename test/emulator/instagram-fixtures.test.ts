// The emulator's objects carry the same keys, nesting and formats as the real
// responses in test/fixtures/instagram.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { type RunningInstagramEmulator, startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { GRAPH_TIME, MEDIA_FIELDS, graph } from './instagram-client.js';

const FIXTURES = new URL('../fixtures/instagram/', import.meta.url);
const fixture = (name: string): any => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

/** Same keys at every level, same JSON types, and the same string formats (graph time, numeric id, URL). */
function assertSameShape(actual: unknown, expected: unknown, path = '$', ignore: string[] = []): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path} should be an array`);
    if (expected.length > 0 && actual.length > 0) assertSameShape(actual[0], expected[0], `${path}[0]`, ignore);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${path} should be an object`);
    const keys = (o: object) => Object.keys(o).filter((k) => !ignore.includes(`${path}.${k}`)).sort();
    assert.deepEqual(keys(actual), keys(expected), `keys of ${path}`);
    for (const key of keys(expected)) {
      assertSameShape((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`, ignore);
    }
    return;
  }
  assert.equal(typeof actual, typeof expected, `type of ${path}`);
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (GRAPH_TIME.test(expected)) assert.match(actual, GRAPH_TIME, `${path} is a Graph timestamp`);
    if (/^\d+$/.test(expected)) assert.match(actual, /^\d+$/, `${path} is a numeric id string`);
    if (/^https?:\/\//.test(expected)) assert.match(actual, /^https?:\/\//, `${path} is a URL`);
    if (/\/insights\//.test(expected)) assert.match(actual, /^\d+\/insights\/[a-z_]+\/[a-z_0-9]+$/, `${path} is an insights id`);
  }
}

let emu: RunningInstagramEmulator;
before(async () => {
  emu = await startInstagramEmulator({ seed: 7 });
});
after(() => emu.close());

test('me_accounts.json: pages with instagram_business_account{id}; one page has none', async () => {
  const res = await graph(emu, '/v21.0/me/accounts', { query: { fields: 'id,instagram_business_account' } });
  assert.equal(res.status, 200);
  const expected = fixture('me_accounts.json');
  const linked = res.body.data.filter((p: any) => p.instagram_business_account);
  assert.equal(linked.length, 1);
  assert.equal(linked[0].instagram_business_account.id, emu.credentials.businessAccountId);
  assertSameShape({ data: linked, paging: res.body.paging }, expected);
  assert.deepEqual(Object.keys(res.body.data.find((p: any) => !p.instagram_business_account)), ['id']);
});

test('ig_user.json: the IG user node (ig_id is a number there, unlike media ig_id)', async () => {
  const expected = fixture('ig_user.json');
  const res = await graph(emu, `/v21.0/${emu.credentials.businessAccountId}`, { query: { fields: Object.keys(expected).join(',') } });
  assert.equal(res.status, 200);
  assertSameShape(res.body, expected, '$', ['$.id']);
  assert.equal(res.body.id, emu.credentials.businessAccountId);
});

test('media_page.json: reels, feed video, carousel with children, image', async () => {
  const expected = fixture('media_page.json');
  const res = await graph(emu, `/v21.0/${emu.credentials.businessAccountId}/media`, { query: { fields: MEDIA_FIELDS, limit: 100 } });
  assert.equal(res.status, 200);
  for (const want of expected.data) {
    const got = res.body.data.find(
      (m: any) => m.media_type === want.media_type && m.media_product_type === want.media_product_type && (m.caption !== undefined),
    );
    assert.ok(got, `a ${want.media_type}/${want.media_product_type} media`);
    assertSameShape(got, want, `$[${want.media_type}/${want.media_product_type}]`);
  }
});

test('media_insights_reels.json: lifetime items for a reel', async () => {
  const expected = fixture('media_insights_reels.json');
  const media = await graph(emu, `/v21.0/${emu.credentials.businessAccountId}/media`, { query: { fields: 'id,media_product_type', limit: 100 } });
  const reel = media.body.data.find((m: any) => m.media_product_type === 'REELS');
  const metrics = expected.data.map((d: any) => d.name).join(',');
  const res = await graph(emu, `/v21.0/${reel.id}/insights`, { query: { metric: metrics } });
  assert.equal(res.status, 200);
  assertSameShape(res.body, expected);
  assert.deepEqual(res.body.data.map((d: any) => d.name), expected.data.map((d: any) => d.name));
  assert.equal(res.body.data[0].id, `${reel.id}/insights/comments/lifetime`);
});

test('user_insights_day.json: follower_count and reach by day', async () => {
  const expected = fixture('user_insights_day.json');
  const res = await graph(emu, `/v21.0/${emu.credentials.businessAccountId}/insights`, { query: { metric: 'follower_count,reach', period: 'day' } });
  assert.equal(res.status, 200);
  assertSameShape(res.body, expected);
  for (const item of res.body.data) for (const v of item.values) assert.match(v.end_time, /T07:00:00\+0000$/);
});

test('user_insights_follower_demographics.json: age,gender breakdown', async () => {
  const expected = fixture('user_insights_follower_demographics.json');
  const res = await graph(emu, `/v21.0/${emu.credentials.businessAccountId}/insights`, {
    query: { metric: 'follower_demographics', period: 'lifetime', metric_type: 'total_value', breakdown: 'age,gender' },
  });
  assert.equal(res.status, 200);
  assertSameShape(res.body, expected, '$', ['$.data[0].id']);
  assert.equal(res.body.data[0].id, `${emu.credentials.businessAccountId}/insights/follower_demographics/lifetime`);
  assert.deepEqual(res.body.data[0].total_value.breakdowns[0].dimension_keys, ['age', 'gender']);
});

test('error_media_before_business.json: insights on media posted before the business conversion', async () => {
  const expected = fixture('error_media_before_business.json');
  const media = await graph(emu, `/v21.0/${emu.credentials.businessAccountId}/media`, { query: { fields: 'id,media_type,media_product_type,timestamp', limit: 100 } });
  let cursor: string | undefined = media.body.paging.next;
  let all = media.body.data;
  while (cursor) {
    const page = await graph(emu, cursor);
    all = all.concat(page.body.data);
    cursor = page.body.paging?.next;
  }
  const oldest = all[all.length - 1];
  const res = await graph(emu, `/v21.0/${oldest.id}/insights`, { query: { metric: 'reach' } });
  assert.equal(res.status, 400);
  assertSameShape(res.body, expected);
  const { fbtrace_id: _a, ...got } = res.body.error;
  const { fbtrace_id: _b, ...want } = expected.error;
  assert.deepEqual(got, want);
});
