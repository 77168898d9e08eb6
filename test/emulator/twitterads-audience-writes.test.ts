// Writes on targeting criteria (batch), custom audiences and audience users.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { admin, call, fetchAll, qs } from './twitterads-client.js';

let emu: RunningEmulator;
let account: string;
let lineItem: string;
before(async () => {
  emu = await startTwitterAdsEmulator({ seed: 15 });
  account = emu.credentials.accountIds[0]!;
  lineItem = (await fetchAll(emu, `/12/accounts/${account}/line_items`, { count: 1000 })).rows[0].id;
});
after(() => emu.close());

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const criteria = async () => (await fetchAll(emu, `/12/accounts/${account}/targeting_criteria`, { line_item_ids: lineItem })).rows;

test('targeting_criteria batch: creates and deletes, all or nothing with per-operation errors', async () => {
  const before = await criteria();
  const japan = (await call(emu, '/12/targeting_criteria/locations' + qs({ country_code: 'JP', location_type: 'COUNTRIES' }))).body.data[0];
  const ok = await call(emu, `/12/batch/accounts/${account}/targeting_criteria`, {
    method: 'POST',
    json: [
      { operation_type: 'Create', params: { line_item_id: lineItem, targeting_type: 'LOCATION', targeting_value: japan.targeting_value } },
      { operation_type: 'Create', params: { line_item_id: lineItem, targeting_type: 'BROAD_KEYWORD', targeting_value: 'coffee' } },
    ],
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.data.length, 2);
  assert.equal(ok.body.data[0].name, 'Japan');
  const after1 = await criteria();
  assert.equal(after1.length, before.length + 2);

  const bad = await call(emu, `/12/batch/accounts/${account}/targeting_criteria`, {
    method: 'POST',
    json: [
      { operation_type: 'Delete', params: { targeting_criterion_id: ok.body.data[1].id } },
      { operation_type: 'Create', params: { line_item_id: lineItem, targeting_type: 'LOCATION', targeting_value: 'nowhere' } },
      { operation_type: 'Create', params: { line_item_id: lineItem, targeting_type: 'HAIR_COLOUR', targeting_value: 'red' } },
      { operation_type: 'Update', params: { targeting_criterion_id: ok.body.data[0].id } },
    ],
  });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.operation_errors.map((e: any[]) => e[0]?.parameter ?? null), [null, 'targeting_value', 'targeting_type', 'operation_type']);
  assert.equal((await criteria()).length, after1.length, 'nothing applied');

  const dup = await call(emu, `/12/batch/accounts/${account}/targeting_criteria`, {
    method: 'POST',
    json: [{ operation_type: 'Create', params: { line_item_id: lineItem, targeting_type: 'BROAD_KEYWORD', targeting_value: 'coffee' } }],
  });
  assert.equal(dup.body.operation_errors[0][0].code, 'DUPLICATE_TARGETING_CRITERIA');
  const del = await call(emu, `/12/batch/accounts/${account}/targeting_criteria`, {
    method: 'POST',
    json: [{ operation_type: 'Delete', params: { targeting_criterion_id: ok.body.data[1].id } }],
  });
  assert.equal(del.status, 200);
  assert.equal(del.body.data[0].deleted, true);
  assert.equal((await criteria()).length, after1.length - 1);
  const tooBig = await call(emu, `/12/batch/accounts/${account}/targeting_criteria`, { method: 'POST', json: new Array(501).fill({ operation_type: 'Delete', params: { targeting_criterion_id: 'x' } }) });
  assert.equal(tooBig.status, 400);
  assert.equal(tooBig.body.errors[0].parameter, 'body');
  const log = await admin(emu, 'GET', '/__emulator/requests');
  assert.ok(log.some((r: any) => r.path.endsWith('/targeting_criteria') && r.parts?.[0]?.operation_type === 'Create'), 'batch parts logged');
});

test('custom_audiences: create, update, delete; validation before any change', async () => {
  const base = `/12/accounts/${account}/custom_audiences`;
  assert.equal((await call(emu, base, { method: 'POST', form: {} })).body.errors[0].code, 'MISSING_PARAMETER');
  assert.equal((await call(emu, base, { method: 'POST', form: { name: 'x'.repeat(256) } })).status, 400);
  const created = await call(emu, base, { method: 'POST', form: { name: 'Newsletter signups', description: 'from the CRM' } });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const id = created.body.data.id;
  assert.equal(created.body.data.targetable, false);
  assert.equal((await call(emu, `${base}/${id}`)).body.data.name, 'Newsletter signups');
  const renamed = await call(emu, `${base}/${id}`, { method: 'PUT', form: { name: 'Newsletter 2026' } });
  assert.equal(renamed.body.data.name, 'Newsletter 2026');
  const listed = await fetchAll(emu, base, { q: 'Newsletter 2026' });
  assert.deepEqual(listed.rows.map((a) => a.id), [id]);
  const deleted = await call(emu, `${base}/${id}`, { method: 'DELETE' });
  assert.equal(deleted.body.data.deleted, true);
  assert.equal((await call(emu, `${base}/${id}`)).status, 404);
  assert.equal((await call(emu, `${base}/${id}`, { method: 'DELETE' })).status, 404);
  assert.equal((await call(emu, `${base}/${id}`, { method: 'PUT', form: { name: 'again' } })).status, 404);
});

test('custom audience users: hashed identifiers, operation types, limits', async () => {
  const audiences = await fetchAll(emu, `/12/accounts/${account}/custom_audiences`, {});
  const users = `/12/accounts/${account}/custom_audiences/${audiences.rows[0].id}/users`;
  const ok = await call(emu, users, {
    method: 'POST',
    json: [
      { operation_type: 'Update', params: { effective_at: '2025-05-01T00:00:00Z', expires_at: '2025-12-01T00:00:00Z', users: [{ email: [sha('a@example.com')] }, { twitter_id: [sha('12345')], partner_user_id: ['crm-7'] }] } },
      { operation_type: 'Delete', params: { users: [{ email: [sha('gone@example.com')] }] } },
    ],
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(ok.body.data, { success_count: 3, total_count: 3 });
  const plain = await call(emu, users, { method: 'POST', json: [{ operation_type: 'Update', params: { users: [{ email: ['a@example.com'] }] } }] });
  assert.equal(plain.status, 400);
  assert.match(plain.body.errors[0].message, /SHA-256/);
  const unknownKey = await call(emu, users, { method: 'POST', json: [{ operation_type: 'Update', params: { users: [{ name: [sha('x')] }] } }] });
  assert.equal(unknownKey.status, 400);
  const badOp = await call(emu, users, { method: 'POST', json: [{ operation_type: 'Create', params: { users: [{ email: [sha('x')] }] } }] });
  assert.equal(badOp.body.errors[0].parameter, 'operation_type');
  const backwards = await call(emu, users, { method: 'POST', json: [{ operation_type: 'Update', params: { effective_at: '2025-06-01T00:00:00Z', expires_at: '2025-05-01T00:00:00Z', users: [{ email: [sha('x')] }] } }] });
  assert.equal(backwards.body.errors[0].parameter, 'expires_at');
  const many = Array.from({ length: 2501 }, (_, i) => ({ email: [sha(`u${i}@example.com`)] }));
  assert.equal((await call(emu, users, { method: 'POST', json: [{ operation_type: 'Update', params: { users: many } }] })).status, 400);
  assert.equal((await call(emu, `/12/accounts/${account}/custom_audiences/nope/users`, { method: 'POST', json: [] })).status, 404);
});
