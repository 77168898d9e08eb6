/**
 * What the Instagram emulator now computes once and reuses (issue 9) must not change what it answers:
 * form bodies decode as URLSearchParams decodes them, a cursor answered twice is the same text and
 * still pages on (a forged one is still refused), a wrong appsecret_proof is refused on every item,
 * and a new comment shows in the next read of the media's comments and comments_count.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type RunningInstagramEmulator, startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { formPairs } from '../../src/emulator/instagram/request.js';
import { graph } from './instagram-client.js';

let emu: RunningInstagramEmulator;
let mediaIds: string[];
before(async () => {
  emu = await startInstagramEmulator({ seed: 9 });
  const res = await graph(emu, `/v21.0/${emu.credentials.businessAccountId}/media`, { query: { limit: 100 } });
  mediaIds = res.body.data.map((m: { id: string }) => m.id);
});
after(() => emu.close());

test('form bodies decode exactly as URLSearchParams decodes them, malformed ones included', () => {
  const bodies = [
    '',
    'a=1&b=2',
    'a=1&&b=&=c&d',
    'batch=%5B%7B%22method%22%3A%22GET%22%7D%5D&include_headers=false',
    'q=a+b%20c&plus=%2B',
    'bad=%zz&half=%E2%82&ok=%E2%82%AC',
    'x=%',
    'k%3Dy=v%26w',
    'unicode=☕&emoji=%F0%9F%94%A5',
    new URLSearchParams({ batch: JSON.stringify([{ method: 'GET', relative_url: 'v21.0/1/comments?fields=id,text&limit=50' }]) }).toString(),
  ];
  for (const body of bodies) assert.deepEqual(formPairs(body), [...new URLSearchParams(body)], body);
});

const pageOf = (id: string) => ({ method: 'GET', relative_url: `v21.0/${id}/comments?fields=id,text&limit=1` });
const withComments = () => mediaIds.filter((_, i) => i < 40);

test('a cursor answered twice is the same text, pages on, and a changed one is refused', async () => {
  const ids = withComments();
  const batch = ids.map(pageOf);
  const first = await graph(emu, '/', { method: 'POST', form: { batch: JSON.stringify(batch), include_headers: 'false' } });
  const again = await graph(emu, '/', { method: 'POST', form: { batch: JSON.stringify(batch), include_headers: 'false' } });
  const pages = (res: { body: { code: number; body: string }[] }) => res.body.map((item) => JSON.parse(item.body) as { data: { id: string }[]; paging?: { cursors: { after: string }; next?: string } });
  const a = pages(first);
  const b = pages(again);
  const paged = a.map((page, i) => ({ page, i })).filter(({ page }) => page.paging?.next !== undefined);
  assert.ok(paged.length > 5, 'several media have a second page of comments');
  for (const { page, i } of paged) assert.equal(b[i]!.paging!.cursors.after, page.paging!.cursors.after);
  const { page, i } = paged[0]!;
  const next = await graph(emu, page.paging!.next!);
  assert.equal(next.status, 200);
  assert.notEqual(next.body.data[0].id, page.data[0]!.id);
  const forged = await graph(emu, `/v21.0/${ids[i]}/comments`, { query: { fields: 'id,text', limit: 1, after: `${page.paging!.cursors.after.slice(0, -2)}AA` } });
  assert.equal(forged.status, 400);
});

test('every batch item checks the proof against the token, a wrong proof included', async () => {
  const batch = JSON.stringify(mediaIds.slice(0, 3).map((id) => ({ method: 'GET', relative_url: `v21.0/${id}?fields=id` })));
  const good = createHmac('sha256', emu.credentials.clientSecret).update(emu.credentials.accessToken).digest('hex');
  const ok = await graph(emu, '/', { method: 'POST', query: { appsecret_proof: good }, form: { batch, include_headers: 'false' } });
  assert.deepEqual(ok.body.map((item: { code: number }) => item.code), [200, 200, 200]);
  const bad = await graph(emu, '/', { method: 'POST', query: { appsecret_proof: good.replace(/^./, (c) => (c === '0' ? '1' : '0')) }, form: { batch, include_headers: 'false' } });
  for (const item of bad.body as { code: number; body: string }[]) {
    assert.equal(item.code, 400);
    assert.match(JSON.parse(item.body).error.message, /Invalid appsecret_proof/);
  }
});

test('a new comment is in the next read of the comments and of comments_count', async () => {
  const media = mediaIds[0]!;
  const count = async () => (await graph(emu, `/v21.0/${media}`, { query: { fields: 'comments_count' } })).body.comments_count as number;
  const before = await count();
  const created = await graph(emu, `/v21.0/${media}/comments`, { method: 'POST', form: { message: 'cached lists see writes' } });
  assert.equal(created.status, 200);
  assert.equal(await count(), before + 1);
  const listed = await graph(emu, `/v21.0/${media}/comments`, { query: { fields: 'id,text', limit: 100 } });
  assert.ok(listed.body.data.some((c: { id: string }) => c.id === created.body.id));
  await graph(emu, `/v21.0/${created.body.id}`, { method: 'DELETE' });
  assert.equal(await count(), before);
});
