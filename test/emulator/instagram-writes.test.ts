import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningInstagramEmulator, startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { graph } from './instagram-client.js';

let emu: RunningInstagramEmulator;
let target: any;
let disabled: any;
before(async () => {
  emu = await startInstagramEmulator({ seed: 21 });
  const ig = emu.credentials.businessAccountId;
  const res = await graph(emu, `/v21.0/${ig}/media`, { query: { fields: 'id,is_comment_enabled,comments_count', limit: 100 } });
  target = res.body.data.find((m: any) => m.is_comment_enabled);
  disabled = res.body.data.find((m: any) => !m.is_comment_enabled);
});
after(() => emu.close());

const comment = (id: string, message: string, edge = 'comments') => graph(emu, `/v21.0/${id}/${edge}`, { method: 'POST', query: { message } });

test('each comment rule is enforced with a (#100) error', async () => {
  const cases: Array<[string, RegExp]> = [
    ['x'.repeat(301), /300 characters/],
    ['so good #a #b #c #d #e', /4 hashtags/],
    ['see https://a.example.com and www.b.example.org', /1 URL/],
    ['THIS IS AMAZING!!', /capital letters/],
    ['', /message is required/],
  ];
  for (const [message, pattern] of cases) {
    const res = await comment(target.id, message);
    assert.equal(res.status, 400, message);
    assert.equal(res.body.error.code, 100);
    assert.match(res.body.error.message, pattern);
  }
  const tail = ' #a #b #c #d https://x.example.com';
  const atLimits = await comment(target.id, `${'y'.repeat(300 - tail.length)}${tail}`);
  assert.equal(atLimits.status, 200, 'limits are inclusive');
  if (disabled) assert.match((await comment(disabled.id, 'Nice one')).body.error.message, /disabled/);
});

test('create, reply, hide, delete (form body or query), then 100/33 for the deleted id', async () => {
  const baseline = (await graph(emu, `/v21.0/${target.id}`, { query: { fields: 'comments_count' } })).body.comments_count;
  const created = await graph(emu, `/v21.0/${target.id}/comments`, { method: 'POST', form: { message: 'My comment text #instadevelopers' } });
  assert.equal(created.status, 200);
  assert.match(created.body.id, /^\d+$/);
  const read = await graph(emu, `/v21.0/${created.body.id}`, { query: { fields: 'id,text,hidden,media,username,from' } });
  assert.equal(read.body.text, 'My comment text #instadevelopers');
  assert.equal(read.body.media.id, target.id);
  const after1 = await graph(emu, `/v21.0/${target.id}`, { query: { fields: 'comments_count' } });
  assert.equal(after1.body.comments_count, baseline + 1);

  const reply = await comment(created.body.id, 'Thanks for sharing', 'replies');
  assert.equal(reply.status, 200);
  const replies = await graph(emu, `/v21.0/${created.body.id}/replies`, { query: { fields: 'id,text,parent_id' } });
  assert.deepEqual(replies.body.data.map((r: any) => r.id), [reply.body.id]);
  assert.equal(replies.body.data[0].parent_id, created.body.id);

  const hide = await graph(emu, `/v21.0/${created.body.id}`, { method: 'POST', form: { hide: 'true' } });
  assert.deepEqual(hide.body, { success: true });
  assert.equal((await graph(emu, `/v21.0/${created.body.id}`, { query: { fields: 'hidden' } })).body.hidden, true);
  const unhide = await graph(emu, `/v21.0/${created.body.id}`, { method: 'POST', query: { hide: 'false' } });
  assert.deepEqual(unhide.body, { success: true });
  assert.equal((await graph(emu, `/v21.0/${created.body.id}`, { method: 'POST', query: { hide: 'maybe' } })).status, 400);

  const deleted = await graph(emu, `/v21.0/${created.body.id}`, { method: 'DELETE' });
  assert.deepEqual(deleted.body, { success: true });
  const gone = await graph(emu, `/v21.0/${created.body.id}`);
  assert.equal(gone.status, 400);
  assert.equal(gone.body.error.code, 100);
  assert.equal(gone.body.error.error_subcode, 33);
  assert.equal((await graph(emu, `/v21.0/${reply.body.id}`)).body.error.error_subcode, 33, 'replies go with their comment');
  assert.equal((await graph(emu, `/v21.0/${created.body.id}`, { method: 'DELETE' })).body.error.error_subcode, 33);
  const after2 = await graph(emu, `/v21.0/${target.id}`, { query: { fields: 'comments_count' } });
  assert.equal(after2.body.comments_count, baseline);
});

test('generated comments can be hidden and deleted too; comment_enabled can be toggled', async () => {
  const list = await graph(emu, `/v21.0/${target.id}/comments`);
  if (list.body.data.length > 0) {
    const id = list.body.data[0].id;
    assert.deepEqual((await graph(emu, `/v21.0/${id}`, { method: 'POST', query: { hide: 'true' } })).body, { success: true });
    assert.deepEqual((await graph(emu, `/v21.0/${id}`, { method: 'DELETE' })).body, { success: true });
    const again = await graph(emu, `/v21.0/${target.id}/comments`);
    assert.ok(!again.body.data.some((c: any) => c.id === id));
  }
  const off = await graph(emu, `/v21.0/${target.id}`, { method: 'POST', query: { comment_enabled: 'false' } });
  assert.deepEqual(off.body, { success: true });
  assert.match((await comment(target.id, 'Still there?')).body.error.message, /disabled/);
  await graph(emu, `/v21.0/${target.id}`, { method: 'POST', query: { comment_enabled: 'true' } });
});
