/**
 * Hashtag search: Hashtags (GET /ig_hashtag_search), HashtagTopMedia and HashtagRecentMedia
 * (GET /{hashtag-id}/top_media|recent_media), RecentlySearchedHashtags, and the documented limit of
 * 30 unique hashtags per account in 7 days (EXPLAIN, PlanError before any call, RateLimitError).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PlanError, RateLimitError } from '../../src/errors.js';
import type { Connection } from '../../src/connection/types.js';
import { startHarness, type Harness } from './harness.js';

interface Logged {
  method: string;
  path: string;
  query: Record<string, string>;
  parts?: { method: string; path: string; query: Record<string, string> }[];
}

let h: Harness;
let conn: Connection;
let account: string;
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.businessAccountId;
  conn = await h.connectWith(`BusinessAccountId=${account}`);
});
after(() => h.close());

async function log(harness: Harness = h): Promise<Logged[]> {
  return (await (await fetch(`${harness.emulator.url}/__emulator/requests`)).json()) as Logged[];
}

const names = (n: number, prefix: string) => Array.from({ length: n }, (_v, i) => `${prefix}${i}`);

test('HashtagTopMedia by name: the id is looked up first (EXPLAIN shows both calls), then the media, with the LIMIT as the page size', async () => {
  const sql = "SELECT Id, Hashtag, HashtagId, Caption, LikeCount FROM HashtagTopMedia WHERE Hashtag = 'summer' LIMIT 5";
  const explain = (await conn.query(`EXPLAIN ${sql}`)).rows.find((r) => String(r.Operation).trim() === 'Scan')!;
  const detail = String(explain.Detail);
  assert.match(detail, new RegExp(`first: GET /ig_hashtag_search\\?user_id=${account}&q=summer`));
  assert.match(detail, new RegExp(`then: GET /\\{id of #summer\\}/top_media\\?user_id=${account}&fields=id,caption,like_count`));
  assert.match(detail, /hashtag budget: 1 new of the 30 unique hashtags an account may query in 7 days/);
  assert.equal(explain.EstimatedCalls, 2);

  await h.reset();
  const { rows } = await conn.query(sql);
  const sent = await log();
  assert.equal(sent.length, 2, 'one lookup, one page of media');
  assert.equal(sent[0]!.path, '/v24.0/ig_hashtag_search');
  assert.deepEqual(sent[0]!.query, { user_id: account, q: 'summer' }, 'no page size: the search answers one id');
  const id = rows[0]!.HashtagId as string;
  assert.match(id, /^\d+$/);
  assert.equal(sent[1]!.path, `/v24.0/${id}/top_media`);
  assert.equal(sent[1]!.query.user_id, account);
  assert.equal(sent[1]!.query.fields, 'id,caption,like_count');
  assert.equal(sent[1]!.query.limit, '5');
  assert.equal(rows.length, 5);
  assert.ok(rows.every((r) => r.Hashtag === 'summer' && r.HashtagId === id && typeof r.LikeCount === 'number'));
  const fresh = await h.connectWith(`BusinessAccountId=${account}`);
  await h.reset();
  const analyzed = (await fresh.query(`EXPLAIN ANALYZE ${sql}`)).rows.find((r) => String(r.Operation).trim() === 'Scan')!;
  assert.deepEqual([analyzed.EstimatedCalls, analyzed.ActualCalls, (await h.calls()).requests], [2, 2, 2], 'lookup + media page: estimated = actual = the emulator count');
  const likes = rows.map((r) => r.LikeCount as number);
  assert.ok(likes[0]! >= 3000, 'top media are the popular ones');
});

test('a name this connection has looked up costs no second lookup: HashtagRecentMedia plans the one media call exactly', async () => {
  const sql = "SELECT Id, Timestamp FROM HashtagRecentMedia WHERE Hashtag = 'SUMMER'";
  const explain = (await conn.query(`EXPLAIN ${sql}`)).rows.find((r) => String(r.Operation).trim() === 'Scan')!;
  assert.equal(explain.EstimatedCalls, 1);
  assert.match(String(explain.Detail), /0 new of the 30 unique hashtags .*1 already looked up by this connection: no call/);
  await h.reset();
  const { rows } = await conn.query(sql);
  const sent = await log();
  assert.deepEqual(sent.map((e) => e.path.replace(/\d{10,}/, ':id')), ['/v24.0/:id/recent_media']);
  assert.ok(rows.length > 0 && rows.length < 60, 'recent_media: only the last 24 hours of the 60 media');
  const times = rows.map((r) => (r.Timestamp as Date).getTime());
  assert.ok(times.every((t) => t > Date.now() - 24 * 3_600_000), 'every media is from the last 24 hours');
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
});

test('HashtagTopMedia by HashtagId sends no lookup and follows paging (50 a page)', async () => {
  const id = (await conn.query("SELECT Id FROM Hashtags WHERE Name = 'summer'")).rows[0]!.Id as string;
  await h.reset();
  const { rows } = await conn.query('SELECT Id, HashtagId, Hashtag FROM HashtagTopMedia WHERE HashtagId = ?', [id]);
  const sent = await log();
  assert.deepEqual(sent.map((e) => [e.path, e.query.limit, e.query.after === undefined]), [[`/v24.0/${id}/top_media`, '50', true], [`/v24.0/${id}/top_media`, '50', false]]);
  assert.equal(rows.length, 60);
  assert.ok(rows.every((r) => r.HashtagId === id && r.Hashtag === 'summer'), 'the name of an id this connection looked up is known');
  assert.equal(new Set(rows.map((r) => r.Id)).size, 60);
});

test('Hashtags: names not looked up yet go out in one batch; known names answer without a call', async () => {
  await h.reset();
  const { rows } = await conn.query("SELECT Id, Name, AccountId FROM Hashtags WHERE Name IN ('summer', '#Coffee', 'not a hashtag!')");
  const sent = await log();
  assert.equal(sent.length, 1, 'only #coffee is new; one GET');
  assert.equal(sent[0]!.path, '/v24.0/ig_hashtag_search');
  assert.equal(sent[0]!.query.q, 'coffee');
  assert.deepEqual(rows.map((r) => r.Name), ['summer', '#Coffee']);
  assert.ok(rows.every((r) => r.AccountId === account && /^\d+$/.test(String(r.Id))));

  await h.reset();
  await conn.query("SELECT Id FROM Hashtags WHERE Name IN ('travel', 'design', 'summer')");
  const batch = await log();
  assert.equal(batch.length, 1);
  assert.equal(batch[0]!.path, '/');
  assert.deepEqual(batch[0]!.parts!.map((p) => [p.path, p.query.q]), [['/v24.0/ig_hashtag_search', 'travel'], ['/v24.0/ig_hashtag_search', 'design']]);
});

test('RecentlySearchedHashtags lists what this week used, in one call', async () => {
  await h.reset();
  const { rows } = await conn.query('SELECT Id, AccountId FROM RecentlySearchedHashtags');
  assert.equal((await h.calls()).requests, 1);
  const used = (await conn.query("SELECT Id FROM Hashtags WHERE Name IN ('summer', 'coffee', 'travel', 'design')")).rows.map((r) => r.Id);
  assert.deepEqual(rows.map((r) => r.Id).sort(), [...used].sort());
  assert.ok(rows.every((r) => r.AccountId === account));
});

test('a query that needs more than 30 new hashtags is a PlanError before any call', async () => {
  await h.reset();
  const list = names(31, 'many');
  await assert.rejects(
    conn.query(`SELECT Id FROM Hashtags WHERE Name IN (${list.map(() => '?').join(',')})`, list),
    (e: unknown) => e instanceof PlanError && /31 hashtags/.test(e.message) && /at most 30 unique hashtags in 7 days/.test(e.message),
  );
  await assert.rejects(conn.query(`SELECT Id FROM HashtagTopMedia WHERE Hashtag IN (${list.map((n) => `'${n}'`).join(',')})`), PlanError);
  assert.equal((await h.calls()).requests, 0);
  await assert.rejects(conn.query('SELECT Id FROM HashtagRecentMedia'), (e: unknown) => e instanceof PlanError && /HashtagId, Hashtag/.test(e.message));
});

test('once the week\'s 30 hashtags are spent, the emulator refuses a new one and the connector says so as a RateLimitError', async () => {
  const own = await startHarness();
  try {
    const c = await own.connectWith(`BusinessAccountId=${own.emulator.credentials.businessAccountId}`);
    const list = names(30, 'week');
    const first = await c.query(`SELECT Id FROM Hashtags WHERE Name IN (${list.map(() => '?').join(',')})`, list);
    assert.equal(first.rows.length, 30);
    // The emulator itself enforces the limit, whatever the client remembers.
    const other = await own.connectWith(`BusinessAccountId=${own.emulator.credentials.businessAccountId}`);
    await assert.rejects(other.query("SELECT Id FROM HashtagTopMedia WHERE Hashtag = 'one_too_many'"), (e: unknown) => {
      assert.ok(e instanceof RateLimitError, String(e));
      assert.match(e.message, /30 unique hashtags/);
      assert.match(e.message, /RecentlySearchedHashtags/);
      assert.equal(e.resetEstimated, true);
      assert.ok(e.resetAt.getTime() > Date.now() + 6 * 24 * 3_600_000);
      return true;
    });
    // Hashtags already counted this week still answer.
    assert.equal((await other.query("SELECT Id FROM HashtagTopMedia WHERE Hashtag = 'week3' LIMIT 1")).rows.length, 1);
    assert.equal((await other.query('SELECT Id FROM RecentlySearchedHashtags')).rows.length, 30);
    // Reading the media of a hashtag never queried this week counts too, and is refused the same way.
    await assert.rejects(other.query("SELECT Id FROM HashtagRecentMedia WHERE HashtagId = '17843999999999999'"), (e: unknown) => e instanceof RateLimitError && /30 unique hashtags/.test(e.message));
  } finally {
    await own.close();
  }
});
