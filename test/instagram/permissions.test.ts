/** Permissions: GET /me/permissions, one row per permission. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness({ scale: 1 });
});
after(() => h.close());

test('Permissions lists what the token was granted, in one call', async () => {
  await h.reset();
  const { rows } = await h.conn.query('SELECT Permission, Status FROM Permissions');
  const calls = await h.calls();
  assert.deepEqual(
    rows.map((r) => r.Permission).sort(),
    ['business_management', 'instagram_basic', 'instagram_manage_comments', 'instagram_manage_insights', 'pages_read_engagement', 'pages_show_list', 'public_profile'],
  );
  assert.ok(rows.every((r) => r.Status === 'granted'));
  assert.equal(calls.requests, 1);
  assert.deepEqual(Object.keys(calls.byRoute), ['GET /v24.0/me/permissions']);
});

test('the emulator answers /me/permissions in Meta\'s shape, without paging', async () => {
  const { accessToken } = h.emulator.credentials;
  const body = (await (await fetch(`${h.emulator.url}/v24.0/me/permissions`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ['data']);
  assert.deepEqual((body.data as unknown[])[0], { permission: 'public_profile', status: 'granted' });
});
