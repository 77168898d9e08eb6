import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningInstagramEmulator, startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { admin, graph } from './instagram-client.js';

let emu: RunningInstagramEmulator;
let ig: string;
let mediaIds: string[];
before(async () => {
  emu = await startInstagramEmulator({ seed: 9 });
  ig = emu.credentials.businessAccountId;
  const res = await graph(emu, `/v21.0/${ig}/media`, { query: { limit: 100 } });
  mediaIds = res.body.data.map((m: any) => m.id);
});
after(() => emu.close());

test('batch of 50: answers in order, counted once as POST / with the fan-out in batchedRequests', async () => {
  await admin(emu, 'POST', '/__emulator/reset');
  const batch = mediaIds.slice(0, 50).map((id, i) => ({
    method: 'GET',
    relative_url: i % 2 === 0 ? `v21.0/${id}?fields=id,media_type` : `/${id}?fields=id,like_count`,
  }));
  const res = await graph(emu, '/', { method: 'POST', form: { batch: JSON.stringify(batch), include_headers: 'true' } });
  assert.equal(res.status, 200);
  assert.equal(res.body.length, 50);
  res.body.forEach((item: any, i: number) => {
    assert.equal(item.code, 200);
    assert.equal(JSON.parse(item.body).id, mediaIds[i]);
    assert.ok(item.headers.some((h: any) => h.name.toLowerCase() === 'x-business-use-case-usage'));
  });
  const { busyMs, busyMsByRoute, ...counts } = await admin(emu, 'GET', '/__emulator/stats');
  assert.deepEqual(counts, { requests: 1, byRoute: { 'POST /': 1 }, batchedRequests: 50 });
  assert.ok(busyMs > 0);
  assert.deepEqual(Object.keys(busyMsByRoute), ['POST /']);
});

test('batch of 51 is rejected; JSON bodies and include_headers=false work; items fail on their own', async () => {
  const tooMany = Array.from({ length: 51 }, () => ({ method: 'GET', relative_url: `${ig}?fields=id` }));
  const rejected = await graph(emu, '/v21.0/', { method: 'POST', form: { batch: JSON.stringify(tooMany) } });
  assert.equal(rejected.status, 400);
  assert.equal(rejected.body.error.code, 100);
  assert.match(rejected.body.error.message, /50/);

  const mixed = [
    { method: 'GET', relative_url: `${mediaIds[0]}/insights?metric=reach` },
    { method: 'GET', relative_url: `${mediaIds[0]}/insights?metric=bogus` },
    { method: 'GET', relative_url: `${ig}/media?limit=2` },
  ];
  const res = await graph(emu, '/', { method: 'POST', json: { batch: mixed, include_headers: false } });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.map((r: any) => r.code), [200, 400, 200]);
  assert.equal(res.body[0].headers, undefined);
  assert.equal(JSON.parse(res.body[1].body).error.code, 100);
  const page = JSON.parse(res.body[2].body);
  assert.ok(page.paging.next.startsWith(emu.url), 'batched lists link back to the emulator');
  assert.equal(new URL(page.paging.next).searchParams.get('access_token'), null, 'the outer token is not copied into links');
});

test('batch items authenticate with the outer token and count toward rate limits', async () => {
  const limited = await startInstagramEmulator({ seed: 9, rateLimit: 3 });
  try {
    const batch = Array.from({ length: 4 }, () => ({ method: 'GET', relative_url: `v21.0/${ig}?fields=id` }));
    const res = await graph(limited, '/', { method: 'POST', form: { batch: JSON.stringify(batch) } });
    assert.deepEqual(res.body.map((r: any) => r.code), [200, 200, 200, 400]);
    assert.equal(JSON.parse(res.body[3].body).error.code, 32);
    const anonymous = await graph(limited, '/', { method: 'POST', auth: 'none', form: { batch: JSON.stringify(batch.slice(0, 1)) } });
    assert.equal(JSON.parse(anonymous.body[0].body).error.code, 104);
  } finally {
    await limited.close();
  }
});
