// GET /__emulator/requests (DESIGN §3): what each emulator received, oldest first, with decoded
// query parameters; a batch is one entry listing its parts; credentials are never logged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { RequestLog, decodeParams } from '../../src/emulator/shared/request-log.js';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { admin as igAdmin, graph } from './instagram-client.js';
import { admin, call, qs } from './twitterads-client.js';

test('twitter: plain reads, rejected calls, form writes and batches are logged as sent', async () => {
  const emu = await startTwitterAdsEmulator({ seed: 2 });
  try {
    const account = emu.credentials.accountIds[0]!;
    await call(emu, `/12/accounts/${account}/campaigns` + qs({ campaign_ids: 'c1,c2', count: 5, sort_by: 'name-asc' }));
    await call(emu, '/12/accounts' + qs({ with_deleted: true }), { tokenSecret: 'bad' });
    await call(emu, `/12/accounts/${account}/campaigns`, { method: 'POST', form: { name: 'a b&c', funding_instrument_id: 'nope' } });
    const ops = [
      { operation_type: 'Create', params: { name: 'batch one', funding_instrument_id: 'x' } },
      { operation_type: 'Delete', params: { campaign_id: 'y' } },
    ];
    await call(emu, `/12/batch/accounts/${account}/campaigns`, { method: 'POST', json: ops });
    await admin(emu, 'GET', '/__emulator/stats'); // admin calls are not logged

    const log = await admin(emu, 'GET', '/__emulator/requests');
    assert.equal(log.length, 4);
    assert.deepEqual(log[0], {
      method: 'GET',
      path: `/12/accounts/${account}/campaigns`,
      query: { campaign_ids: 'c1,c2', count: '5', sort_by: 'name-asc' },
      status: 200,
    });
    assert.deepEqual(log[1], { method: 'GET', path: '/12/accounts', query: { with_deleted: 'true' }, status: 401 });
    assert.equal(log[2].method, 'POST');
    assert.deepEqual(log[2].body, { name: 'a b&c', funding_instrument_id: 'nope' });
    assert.deepEqual(log[3].parts, ops);
    assert.equal(log[3].path, `/12/batch/accounts/${account}/campaigns`);
    assert.ok(!JSON.stringify(log).includes(emu.credentials.accessToken), 'no token in the log');

    await admin(emu, 'POST', '/__emulator/reset');
    assert.deepEqual(await admin(emu, 'GET', '/__emulator/requests'), []);
  } finally {
    await emu.close();
  }
});

test('instagram: credentials are left out, a batch is one entry whose parts are decoded', async () => {
  const emu = await startInstagramEmulator({ seed: 9 });
  try {
    const ig = emu.credentials.businessAccountId;
    await graph(emu, `/v21.0/${ig}/media`, { query: { fields: 'id,caption', limit: 3 } });
    await graph(emu, `/v21.0/${ig}`, { auth: 'header', query: { fields: 'id' } });
    const batch = [
      { method: 'GET', relative_url: `v21.0/123/insights?metric=${encodeURIComponent('reach,likes')}&period=lifetime` },
      { method: 'post', relative_url: '/456/comments', body: 'message=hello%20there' },
    ];
    await graph(emu, '/v21.0/', { method: 'POST', form: { batch: JSON.stringify(batch), include_headers: 'false' } });

    const log = await igAdmin(emu, 'GET', '/__emulator/requests');
    assert.deepEqual(log, [
      { method: 'GET', path: `/v21.0/${ig}/media`, query: { fields: 'id,caption', limit: '3' }, status: 200 },
      { method: 'GET', path: `/v21.0/${ig}`, query: { fields: 'id' }, status: 200 },
      {
        method: 'POST',
        path: '/v21.0/',
        query: {},
        body: { include_headers: 'false' },
        parts: [
          { method: 'GET', path: '/v21.0/123/insights', query: { metric: 'reach,likes', period: 'lifetime' } },
          { method: 'POST', path: '/456/comments', query: {}, body: { message: 'hello there' } },
        ],
        status: 200,
      },
    ]);
    assert.ok(!JSON.stringify(log).includes(emu.credentials.accessToken), 'no token in the log');
    await igAdmin(emu, 'POST', '/__emulator/reset');
    assert.deepEqual(await igAdmin(emu, 'GET', '/__emulator/requests'), []);
  } finally {
    await emu.close();
  }
});

test('the log is bounded: the oldest entries drop first', () => {
  const log = new RequestLog(3);
  for (let i = 0; i < 5; i++) log.append({ method: 'GET', path: `/p${i}`, query: {} });
  assert.deepEqual(log.entries().map((e) => e.path), ['/p2', '/p3', '/p4']);
  log.clear();
  assert.deepEqual(log.entries(), []);
  log.append({ method: 'GET', path: '/again', query: {} });
  assert.deepEqual(log.entries().map((e) => e.path), ['/again']);
});

test('decoded parameters keep repeated names and drop credentials', () => {
  assert.deepEqual(decodeParams(new URLSearchParams('a=1&b=x%2Cy&a=2&access_token=t&appsecret_proof=p')), { a: ['1', '2'], b: 'x,y' });
});
