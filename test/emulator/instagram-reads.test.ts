import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningInstagramEmulator, startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { GRAPH_TIME, graph } from './instagram-client.js';

let emu: RunningInstagramEmulator;
let ig: string;
before(async () => {
  emu = await startInstagramEmulator({ seed: 11 });
  ig = emu.credentials.businessAccountId;
});
after(() => emu.close());

test('media paging: next URLs across pages, on the emulator, with the token only when it was in the query', async () => {
  const seen = new Set<string>();
  let url: string | undefined = `/v21.0/${ig}/media?fields=id,timestamp&limit=50`;
  let pages = 0;
  let lastTs = Infinity;
  while (url) {
    const res: { status: number; body: any } = await graph(emu, url, { auth: pages === 0 ? 'query' : 'none' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    pages++;
    for (const m of res.body.data) {
      assert.ok(!seen.has(m.id), 'no duplicates across pages');
      seen.add(m.id);
      const ts = Date.parse(m.timestamp.replace('+0000', 'Z'));
      assert.ok(ts <= lastTs, 'newest first');
      lastTs = ts;
    }
    assert.ok(res.body.paging.cursors.before && res.body.paging.cursors.after);
    url = res.body.paging.next;
    if (url) {
      assert.ok(url.startsWith(`${emu.url}/v21.0/${ig}/media?`), url);
      assert.equal(new URL(url).searchParams.get('access_token'), emu.credentials.accessToken);
      assert.equal(new URL(url).searchParams.get('fields'), 'id,timestamp');
    }
    if (pages > 1) assert.ok(res.body.paging.previous, 'later pages link back');
  }
  assert.equal(pages, 3);
  assert.equal(seen.size, 120);
  const profile = await graph(emu, `/v21.0/${ig}`, { query: { fields: 'media_count' } });
  assert.equal(profile.body.media_count, 120);

  const viaHeader = await graph(emu, `/v21.0/${ig}/media`, { auth: 'header', query: { limit: 10 } });
  assert.equal(viaHeader.status, 200);
  assert.equal(new URL(viaHeader.body.paging.next).searchParams.get('access_token'), null, 'a Bearer token is not copied into next');
  assert.deepEqual(Object.keys(viaHeader.body.data[0]), ['id'], 'default fields: id only');
  assert.equal(viaHeader.body.paging.previous, undefined, 'first page has no previous');
});

test('before cursor returns the previous page; forged or foreign cursors are rejected', async () => {
  const first = await graph(emu, `/v21.0/${ig}/media`, { query: { limit: 5 } });
  const second = await graph(emu, first.body.paging.next);
  const back = await graph(emu, `/v21.0/${ig}/media`, { query: { limit: 5, before: second.body.paging.cursors.before } });
  assert.deepEqual(back.body.data, first.body.data);
  const forged = await graph(emu, `/v21.0/${ig}/media`, { query: { after: 'QVFIUkx2' } });
  assert.equal(forged.status, 400);
  assert.equal(forged.body.error.code, 100);
  const foreign = await graph(emu, `/v21.0/${ig}/tags`, { query: { after: first.body.paging.cursors.after } });
  assert.equal(foreign.status, 400, 'a media cursor does not work on tags');
});

test('tags: cursors but no next/previous URLs', async () => {
  const res = await graph(emu, `/v21.0/${ig}/tags`, { query: { fields: 'id,username,timestamp,owner', limit: 5 } });
  assert.equal(res.status, 200);
  assert.equal(res.body.data.length, 5);
  assert.ok(res.body.paging.cursors.after);
  assert.equal(res.body.paging.next, undefined);
  assert.notEqual(res.body.data[0].username, 'socialsql_demo');
  assert.equal(res.body.data[0].owner, undefined, 'owner is only returned to the owner');
  let total = 5;
  let after = res.body.paging.cursors.after;
  for (;;) {
    const page = await graph(emu, `/v21.0/${ig}/tags`, { query: { limit: 5, after } });
    if (page.body.data.length === 0) break;
    total += page.body.data.length;
    after = page.body.paging.cursors.after;
  }
  assert.equal(total, 20);
});

test('fields: selection, nested children, always the id, and the nonexisting-field error', async () => {
  const list = await graph(emu, `/v21.0/${ig}/media`, { query: { fields: 'media_type', limit: 100 } });
  const carousel = list.body.data.find((m: any) => m.media_type === 'CAROUSEL_ALBUM');
  assert.deepEqual(Object.keys(carousel), ['media_type', 'id']);
  const node = await graph(emu, `/v21.0/${carousel.id}`, { query: { fields: 'caption,children{media_type,media_url}' } });
  assert.equal(node.status, 200);
  assert.ok(node.body.children.data.length >= 2);
  assert.deepEqual(Object.keys(node.body.children.data[0]), ['media_type', 'media_url', 'id']);
  const children = await graph(emu, `/v21.0/${carousel.id}/children`);
  assert.deepEqual(children.body.data.map((c: any) => c.id), node.body.children.data.map((c: any) => c.id));
  const bad = await graph(emu, `/v21.0/${carousel.id}`, { query: { fields: 'id,bogus' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.message, '(#100) Tried accessing nonexisting field (bogus) on node type (IGMedia)');
  assert.equal(bad.body.error.type, 'OAuthException');
  assert.equal(bad.body.error.code, 100);
  assert.match(bad.body.error.fbtrace_id, /^[A-Za-z0-9_-]{10,}$/);
  const unknownId = await graph(emu, '/v21.0/17999999999999999');
  assert.equal(unknownId.status, 400);
  assert.equal(unknownId.body.error.error_subcode, 33);
  const unknownEdge = await graph(emu, `/v21.0/${ig}/bogus_edge`);
  assert.equal(unknownEdge.body.error.code, 2500);
});

test('ids= multi read: an object keyed by id; unknown ids are error 803', async () => {
  const list = await graph(emu, `/v21.0/${ig}/media`, { query: { limit: 3 } });
  const ids = list.body.data.map((m: any) => m.id);
  const res = await graph(emu, '/v21.0/', { query: { ids: ids.join(','), fields: 'id,media_type,timestamp' } });
  assert.equal(res.status, 200);
  assert.deepEqual(Object.keys(res.body).sort(), [...ids].sort());
  assert.match(res.body[ids[0]].timestamp, GRAPH_TIME);
  const missing = await graph(emu, '/v21.0/', { query: { ids: `${ids[0]},17000000000000000`, fields: 'id' } });
  assert.equal(missing.body.error.code, 803);
  assert.equal(missing.body.error.message, '(#803) Some of the aliases you requested do not exist: 17000000000000000');
  const insights = await graph(emu, '/v21.0/insights', { query: { ids: ids.slice(0, 2).join(','), metric: 'reach' } });
  assert.equal(insights.status, 200, JSON.stringify(insights.body));
  assert.equal(insights.body[ids[0]].data[0].name, 'reach');
});

test('since/until on media filter by timestamp (unix seconds and dates)', async () => {
  const all = await graph(emu, `/v21.0/${ig}/media`, { query: { fields: 'timestamp', limit: 100 } });
  const stamps = all.body.data.map((m: any) => Date.parse(m.timestamp.replace('+0000', 'Z')));
  const since = Math.floor(stamps[30] / 1000);
  const until = Math.floor(stamps[10] / 1000);
  const res = await graph(emu, `/v21.0/${ig}/media`, { query: { fields: 'timestamp', since, until, limit: 100 } });
  assert.equal(res.body.data.length, 21);
  for (const m of res.body.data) {
    const s = Date.parse(m.timestamp.replace('+0000', 'Z')) / 1000;
    assert.ok(s >= since && s <= until + 1);
  }
  const day = new Date(stamps[40]).toISOString().slice(0, 10);
  const byDate = await graph(emu, `/v21.0/${ig}/media`, { query: { fields: 'timestamp', until: day, limit: 100 } });
  assert.ok(byDate.body.data.every((m: any) => m.timestamp.slice(0, 10) < day));
  const bad = await graph(emu, `/v21.0/${ig}/media`, { query: { since: 'not a date' } });
  assert.equal(bad.status, 400);
});

test('stories: only the last 24 h; comments and replies read with IGComment fields', async () => {
  const stories = await graph(emu, `/v21.0/${ig}/stories`, { query: { fields: 'id,media_product_type,timestamp' } });
  assert.equal(stories.body.data.length, 2);
  for (const s of stories.body.data) {
    assert.equal(s.media_product_type, 'STORY');
    assert.ok(Date.now() - Date.parse(s.timestamp.replace('+0000', 'Z')) < 86_400_000);
  }
  const media = await graph(emu, `/v21.0/${ig}/media`, { query: { fields: 'id,comments_count', limit: 100 } });
  const busy = media.body.data.find((m: any) => m.comments_count >= 10);
  const comments = await graph(emu, `/v21.0/${busy.id}/comments`, { query: { fields: 'id,text,timestamp,from,hidden,like_count,media,user,username,replies{id,parent_id,text}', limit: 100 } });
  assert.equal(comments.status, 200);
  const replies = comments.body.data.flatMap((c: any) => c.replies?.data ?? []);
  assert.equal(comments.body.data.length + replies.length, busy.comments_count, 'comments_count includes replies');
  const withUser = comments.body.data.filter((c: any) => c.user);
  for (const c of withUser) assert.equal(c.user.id, c.from.id);
  const defaults = await graph(emu, `/v21.0/${busy.id}/comments`);
  assert.deepEqual(Object.keys(defaults.body.data[0]), ['timestamp', 'text', 'id']);
  const threaded = comments.body.data.find((c: any) => c.replies?.data.length > 0);
  if (threaded) {
    const edge = await graph(emu, `/v21.0/${threaded.id}/replies`, { query: { fields: 'id,parent_id' } });
    assert.deepEqual(edge.body.data.map((r: any) => r.id), threaded.replies.data.map((r: any) => r.id));
    assert.equal(edge.body.data[0].parent_id, threaded.id);
  }
});

test('same seed, same data', async () => {
  const other = await startInstagramEmulator({ seed: 11 });
  try {
    const a = await graph(emu, `/v21.0/${ig}/media`, { query: { fields: 'id,caption,like_count,timestamp', limit: 20 } });
    const b = await graph(other, `/v21.0/${ig}/media`, { query: { fields: 'id,caption,like_count,timestamp', limit: 20 }, token: other.credentials.accessToken });
    assert.deepEqual(a.body.data, b.body.data);
    assert.deepEqual(other.credentials, emu.credentials);
  } finally {
    await other.close();
  }
});
