// Cached answer fragments (media and comment projections, media insights) must be exactly what a
// fresh build gives, also after writes: one emulator answers a batch before and after each write
// (its cache warm), a twin with the same seed gets the same writes and answers only after them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningInstagramEmulator, startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { graph } from './instagram-client.js';

const DATA_NOW = '2025-06-01T12:00:00Z';
let warm: RunningInstagramEmulator;
let cold: RunningInstagramEmulator;

before(async () => {
  warm = await startInstagramEmulator({ seed: 31, dataNow: DATA_NOW });
  cold = await startInstagramEmulator({ seed: 31, dataNow: DATA_NOW });
});
after(async () => {
  await warm.close();
  await cold.close();
});

/** The sub-answers' JSON texts, with what differs between two servers anyway (port, sealed cursors) blanked. */
async function batchTexts(emu: RunningInstagramEmulator, items: Array<{ method: string; relative_url: string }>): Promise<string[]> {
  const res = await graph(emu, '/v21.0/', { method: 'POST', form: { batch: JSON.stringify(items), include_headers: 'false' } });
  assert.equal(res.status, 200);
  return (res.body as Array<{ code: number; body: string }>).map((part) =>
    `${part.code} ${part.body}`
      .replaceAll(emu.url, 'URL')
      .replace(/"(before|after)":"[^"]*"/g, '"$1":"C"')
      .replace(/(before|after)=[^&"]*/g, '$1=C'),
  );
}

async function mediaIds(emu: RunningInstagramEmulator): Promise<Array<{ id: string; media_product_type: string }>> {
  const res = await graph(emu, `/v21.0/${emu.credentials.businessAccountId}/media`, { query: { limit: 30, fields: 'id,media_product_type' } });
  return res.body.data;
}

test('cached answers equal freshly built ones after comment writes, hides, deletes and comment_enabled edits', async () => {
  const media = (await mediaIds(warm)).filter((m) => m.media_product_type !== 'STORY');
  const ids = media.slice(0, 8).map((m) => m.id);
  const target = ids[0]!;
  const topComment = (await graph(warm, `/v21.0/${target}/comments`, { query: { fields: 'id' } })).body.data[0].id as string;
  const items = [
    { method: 'GET', relative_url: `?ids=${ids.join(',')}&fields=id,comments_count,is_comment_enabled,like_count,timestamp,caption` },
    { method: 'GET', relative_url: `?ids=${ids.join(',')}` },
    { method: 'GET', relative_url: `v21.0/${target}?fields=id,comments_count,is_comment_enabled` },
    { method: 'GET', relative_url: `v21.0/${target}/insights?metric=reach,likes,comments,total_interactions` },
    { method: 'GET', relative_url: `v21.0/${target}/comments?fields=id,text,hidden,like_count,timestamp&limit=5` },
    { method: 'GET', relative_url: `v21.0/${target}/comments` },
    { method: 'GET', relative_url: `v21.0/${topComment}/replies?fields=id,text,parent_id` },
    { method: 'GET', relative_url: `v21.0/${topComment}?fields=id,text,hidden,like_count` },
    { method: 'GET', relative_url: `v21.0/insights?ids=${ids.slice(0, 3).join(',')}&metric=reach,comments` },
  ];
  const first = await batchTexts(warm, items);
  assert.deepEqual(await batchTexts(warm, items), first, 'a repeated batch answers the same');
  assert.deepEqual(await batchTexts(cold, items), first, 'the twin agrees before any write');

  const both = async (write: (emu: RunningInstagramEmulator) => Promise<unknown>) => {
    await write(warm);
    await write(cold);
    const fresh = await batchTexts(cold, items);
    assert.deepEqual(await batchTexts(warm, items), fresh);
    // The twin asked again now answers from its cache: still the same.
    assert.deepEqual(await batchTexts(cold, items), fresh);
    return fresh;
  };
  const created = await both((emu) => graph(emu, `/v21.0/${target}/comments`, { method: 'POST', form: { message: 'cache check' } }));
  assert.notDeepEqual(created, first, 'the write shows in the answers');
  const newId = (await graph(warm, `/v21.0/${target}/comments`, { query: { fields: 'id,text', limit: 100 } })).body.data.find((c: { text: string }) => c.text === 'cache check').id as string;
  await both((emu) => graph(emu, `/v21.0/${newId}`, { method: 'POST', form: { hide: 'true' } }));
  await both((emu) => graph(emu, `/v21.0/${topComment}/replies`, { method: 'POST', form: { message: 'reply check' } }));
  await both((emu) => graph(emu, `/v21.0/${topComment}`, { method: 'POST', form: { hide: 'true' } }));
  await both((emu) => graph(emu, `/v21.0/${target}`, { method: 'POST', form: { comment_enabled: 'false' } }));
  const deleted = await both((emu) => graph(emu, `/v21.0/${newId}`, { method: 'DELETE' }));
  assert.notDeepEqual(deleted, created);
});

test('the admin reset keeps answers as they were', async () => {
  const ids = (await mediaIds(warm)).slice(0, 5).map((m) => m.id);
  const items = [{ method: 'GET', relative_url: `?ids=${ids.join(',')}&fields=id,media_type,timestamp` }];
  const before = await batchTexts(warm, items);
  await fetch(`${warm.url}/__emulator/reset`, { method: 'POST' });
  assert.deepEqual(await batchTexts(warm, items), before);
});
