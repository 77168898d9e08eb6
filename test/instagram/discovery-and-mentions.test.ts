/**
 * BusinessDiscovery, BusinessDiscoveryMedia (nested paging with media.after(cursor)), MentionedMedia
 * and MentionedComments: what each query sends (the emulator's request log), batching and paging.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Connection } from '../../src/connection/types.js';
import { mentionedCommentIds, mentionedMediaIds } from '../../src/emulator/instagram/public-content.js';
import { PlanError } from '../../src/errors.js';
import { startHarness, type Harness } from './harness.js';

interface Part {
  method: string;
  path: string;
  query: Record<string, string>;
}
interface Logged extends Part {
  parts?: Part[];
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

async function sent(): Promise<Logged[]> {
  return (await (await fetch(`${h.emulator.url}/__emulator/requests`)).json()) as Logged[];
}

test('BusinessDiscovery by one username: one GET on the business account with the expanded field', async () => {
  await h.reset();
  const { rows } = await conn.query("SELECT Username, FollowersCount, MediaCount FROM BusinessDiscovery WHERE Username = 'contoso.coffee'");
  const log = await sent();
  assert.deepEqual(log.map((e) => [e.method, e.path, e.query.fields]), [['GET', `/v24.0/${account}`, 'business_discovery.username(contoso.coffee){id,followers_count,media_count}']]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.Username, 'contoso.coffee');
  assert.equal(typeof rows[0]!.FollowersCount, 'number');
  assert.ok((rows[0]!.MediaCount as number) >= 30);
});

test('BusinessDiscovery WHERE Username IN (...): one batch call; an unknown username (110/2207013) has no row; a value no username can be costs nothing', async () => {
  await h.reset();
  const { rows } = await conn.query("SELECT Username, Id FROM BusinessDiscovery WHERE Username IN ('contoso.coffee', 'fabrikam_foods', 'nobody_here', 'x){id}')");
  const log = await sent();
  assert.equal(log.length, 1);
  assert.equal(log[0]!.path, '/');
  assert.deepEqual(log[0]!.parts!.map((p) => p.query.fields), ['contoso.coffee', 'fabrikam_foods', 'nobody_here'].map((u) => `business_discovery.username(${u}){id}`));
  assert.deepEqual(rows.map((r) => r.Username), ['contoso.coffee', 'fabrikam_foods']);
  assert.ok(rows.every((r) => /^\d+$/.test(String(r.Id)) && r.Id !== account));
  const explain = (await conn.query("EXPLAIN SELECT Username FROM BusinessDiscovery WHERE Username IN ('a', 'b')")).rows.find((r) => String(r.Operation).trim() === 'Scan')!;
  assert.equal(explain.EstimatedCalls, 1);
  assert.match(String(explain.Detail), /2 requests in 1 batch call/);
  await assert.rejects(conn.query('SELECT * FROM BusinessDiscovery'), (e: unknown) => e instanceof PlanError && /Username/.test(e.message));
  await h.reset();
  const analyzed = (await conn.query("EXPLAIN ANALYZE SELECT Username FROM BusinessDiscovery WHERE Username IN ('contoso.coffee', 'tailspin.toys', 'adventure_works')")).rows.find((r) => String(r.Operation).trim() === 'Scan')!;
  assert.deepEqual([analyzed.EstimatedCalls, analyzed.ActualCalls, analyzed.ActualRows, (await h.calls()).requests], [1, 1, 3, 1], 'estimated = actual = what the emulator counted');
});

test('BusinessDiscoveryMedia pages inside the field with media.after(cursor), and stops at media_count without an empty last page', async () => {
  const small = await h.connectWith(`BusinessAccountId=${account};Pagesize=10`);
  const total = (await small.query("SELECT MediaCount FROM BusinessDiscovery WHERE Username = 'contoso.coffee'")).rows[0]!.MediaCount as number;
  await h.reset();
  const { rows } = await small.query("SELECT Username, Id, LikeCount, CommentsCount FROM BusinessDiscoveryMedia WHERE Username = 'contoso.coffee'");
  const log = await sent();
  assert.equal(rows.length, total);
  assert.equal(new Set(rows.map((r) => r.Id)).size, total);
  assert.equal(log.length, Math.ceil(total / 10), 'one call per page of 10, none after the last');
  assert.equal(log[0]!.query.fields, 'business_discovery.username(contoso.coffee){media_count,media.limit(10){id,like_count,comments_count}}');
  for (const entry of log.slice(1)) assert.match(entry.query.fields!, /^business_discovery\.username\(contoso\.coffee\)\{media\.after\([A-Za-z0-9_=-]+\)\.limit\(10\)\{id,like_count,comments_count\}\}$/);
  assert.ok(rows.every((r) => r.Username === 'contoso.coffee' && typeof r.LikeCount === 'number' && typeof r.CommentsCount === 'number'));

  await h.reset();
  const limited = await small.query("SELECT Id FROM BusinessDiscoveryMedia WHERE Username = 'contoso.coffee' LIMIT 3");
  assert.equal(limited.rows.length, 3);
  assert.deepEqual((await sent()).map((e) => e.query.fields), ['business_discovery.username(contoso.coffee){media_count,media.limit(3){id}}']);
});

test('BusinessDiscoveryMedia of several accounts: their pages go out together, round by round', async () => {
  const c = await h.connectWith(`BusinessAccountId=${account};Pagesize=20`);
  const counts = new Map((await c.query("SELECT Username, MediaCount FROM BusinessDiscovery WHERE Username IN ('contoso.coffee', 'fabrikam_foods')")).rows.map((r) => [r.Username, r.MediaCount as number]));
  await h.reset();
  const { rows } = await c.query("SELECT Username, count(*) AS n FROM BusinessDiscoveryMedia WHERE Username IN ('contoso.coffee', 'fabrikam_foods') GROUP BY Username");
  assert.deepEqual(new Map(rows.map((r) => [r.Username, r.n])), counts);
  const rounds = Math.max(...[...counts.values()].map((n) => Math.ceil(n / 20)));
  const log = await sent();
  assert.equal(log.length, rounds, 'one call per round');
  assert.equal(log[0]!.path, '/', 'the first round batches both accounts');
  assert.equal(log[0]!.parts!.length, 2);
});

test('MentionedMedia and MentionedComments by id: one batch call; an id that mentions nothing (100/33) has no row', async () => {
  const [m1, m2] = mentionedMediaIds(5) as [string, string];
  await h.reset();
  const media = await conn.query('SELECT Id, Caption, Username, LikeCount FROM MentionedMedia WHERE Id IN (?, ?, ?)', [m1, m2, '18000000000000001']);
  const log = await sent();
  assert.equal(log.length, 1);
  assert.deepEqual(log[0]!.parts!.map((p) => [p.path, p.query.fields]), [m1, m2, '18000000000000001'].map((id) => [`/v24.0/${account}`, `mentioned_media.media_id(${id}){id,caption,username,like_count}`]));
  assert.deepEqual(media.rows.map((r) => r.Id), [m1, m2]);
  assert.ok(media.rows.every((r) => String(r.Caption).includes('@socialsql_demo') && r.Username !== 'socialsql_demo'));

  const [c1] = mentionedCommentIds(5) as [string];
  await h.reset();
  const comments = await conn.query('SELECT Id, Text, MediaId, LikeCount FROM MentionedComments WHERE Id = ?', [c1]);
  assert.deepEqual((await sent()).map((e) => e.query.fields), [`mentioned_comment.comment_id(${c1}){id,text,like_count,media{id}}`]);
  assert.equal(comments.rows.length, 1);
  assert.match(String(comments.rows[0]!.Text), /@socialsql_demo/);
  assert.ok(mentionedMediaIds(5).includes(comments.rows[0]!.MediaId as string));
});

test('a join from MentionedComments to MentionedMedia fetches the media of those comments by id', async () => {
  const ids = mentionedCommentIds(5).slice(0, 3);
  await h.reset();
  const { rows } = await conn.query(
    `SELECT c.Id AS CommentId, m.Id AS MediaId, m.Username FROM MentionedComments c JOIN MentionedMedia m ON m.Id = c.MediaId WHERE c.Id IN (?, ?, ?)`,
    ids,
  );
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => typeof r.Username === 'string'));
  const log = await sent();
  assert.equal(log.length, 2, 'the comments in one batch, then their media in one batch');
  assert.ok(log[1]!.parts!.every((p) => /^mentioned_media\.media_id\(\d+\)\{/.test(p.query.fields!)));
});

test('sys_tables and sys_keycolumns list the hashtag, discovery and mention tables', async () => {
  const tables = new Set((await conn.query('SELECT TableName FROM sys_tables')).rows.map((r) => r.TableName));
  for (const t of ['Hashtags', 'HashtagTopMedia', 'HashtagRecentMedia', 'RecentlySearchedHashtags', 'BusinessDiscovery', 'BusinessDiscoveryMedia', 'MentionedMedia', 'MentionedComments']) assert.ok(tables.has(t), t);
  const keys = (await conn.query("SELECT TableName, ColumnName, IsRequired FROM sys_keycolumns WHERE TableName IN ('BusinessDiscovery', 'HashtagTopMedia')")).rows;
  assert.ok(keys.some((k) => k.TableName === 'BusinessDiscovery' && k.ColumnName === 'Username' && k.IsRequired === true), JSON.stringify(keys));
  assert.ok(keys.some((k) => k.TableName === 'HashtagTopMedia' && k.ColumnName === 'Hashtag'), JSON.stringify(keys));
});
