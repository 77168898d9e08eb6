/**
 * The creative, targeting and audience tables against the emulator: rows decode, required filters
 * come from joins and subqueries, and each query costs the calls planned (issue 13 item 6).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from './harness.js';
import { emulatorServesObjectTables } from './object-endpoints.js';

let h: Harness;
let served = false;
let account = '';
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
  served = await emulatorServesObjectTables(h);
});
after(() => h.close());

const skipUnlessServed = (t: { skip: (reason: string) => void }): boolean => {
  if (!served) t.skip('the emulator does not serve the object endpoints yet');
  return !served;
};

test('Tweets: published (the default), scheduled and draft come from one call each, typed', async (t) => {
  if (skipUnlessServed(t)) return;
  const published = (await h.conn.query(`SELECT Id, TweetType, FullText, UserId, CreatedAt FROM Tweets WHERE AccountId = ?`, [account])).rows;
  assert.ok(published.length > 0);
  for (const r of published) {
    assert.equal(r.TweetType, 'PUBLISHED');
    assert.match(String(r.Id), /^\d+$/);
    assert.ok(r.CreatedAt instanceof Date, 'classic created_at parses');
    assert.notEqual(r.UserId, null, 'UserId of a published tweet comes from user.id_str');
  }
  await h.reset();
  const scheduled = (await h.conn.query(`SELECT Id, TweetType, Text, ScheduledAt FROM Tweets WHERE AccountId = ? AND TweetType = 'SCHEDULED'`, [account])).rows;
  assert.ok(scheduled.length > 0 && scheduled.every((r) => r.TweetType === 'SCHEDULED' && r.ScheduledAt instanceof Date && typeof r.Text === 'string'));
  assert.equal((await h.calls()).requests, 1);
});

test('ScheduledPromotedTweets join Tweets (SCHEDULED) on ScheduledTweetId', async (t) => {
  if (skipUnlessServed(t)) return;
  const { rows } = await h.conn.query(
    `SELECT s.Id, t.Text FROM ScheduledPromotedTweets s JOIN Tweets t ON t.Id = s.ScheduledTweetId AND t.AccountId = s.AccountId WHERE s.AccountId = ? AND t.TweetType = 'SCHEDULED'`,
    [account],
  );
  assert.ok(rows.length > 0 && rows.every((r) => typeof r.Text === 'string'));
});

test('TargetingCriteria take LineItemId from a subquery, 200 ids a call', async (t) => {
  if (skipUnlessServed(t)) return;
  const lineItems = (await h.conn.query(`SELECT Id FROM LineItems WHERE AccountId = ?`, [account])).rows.map((r) => r.Id as string);
  await h.reset();
  const { rows } = await h.conn.query(`SELECT LineItemId, TargetingType FROM TargetingCriteria WHERE AccountId = ? AND LineItemId IN (SELECT Id FROM LineItems WHERE AccountId = ?)`, [account, account]);
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => lineItems.includes(r.LineItemId as string)));
  // one call for the line items, ceil(n / 200) for the criteria
  assert.equal((await h.calls()).requests, 1 + Math.ceil(lineItems.length / 200));
});

test('CustomAudiencePermissions: one call per audience, each row names its audience', async (t) => {
  if (skipUnlessServed(t)) return;
  const audiences = (await h.conn.query(`SELECT Id FROM CustomAudiences WHERE AccountId = ?`, [account])).rows.map((r) => r.Id as string);
  await h.reset();
  const { rows } = await h.conn.query(`SELECT CustomAudienceId, PermissionLevel FROM CustomAudiencePermissions WHERE AccountId = ? AND CustomAudienceId IN (SELECT Id FROM AdAudiences WHERE AccountId = ?)`, [account, account]);
  assert.ok(rows.length > 0 && rows.every((r) => audiences.includes(r.CustomAudienceId as string) && ['READ_ONLY', 'READ_WRITE'].includes(r.PermissionLevel as string)));
  assert.equal((await h.calls()).requests, 1 + audiences.length);
});

test('TargetingEvents need EventType; the values go in one call', async (t) => {
  if (skipUnlessServed(t)) return;
  await h.reset();
  const { rows } = await h.conn.query(`SELECT EventType FROM TargetingEvents WHERE EventType IN ('SPORTS', 'HOLIDAY')`);
  assert.ok(rows.length > 0 && rows.every((r) => r.EventType === 'SPORTS' || r.EventType === 'HOLIDAY'));
  assert.equal((await h.calls()).requests, 1);
});

test('TargetingTvShows need Locale', async (t) => {
  if (skipUnlessServed(t)) return;
  const { rows } = await h.conn.query(`SELECT Locale, Name FROM TargetingTvShows WHERE Locale = 'en-GB'`);
  assert.ok(rows.length > 0 && rows.every((r) => r.Locale === 'en-GB'));
});

test('unpaged lists (platform versions, app store categories, content categories) are read in one call', async (t) => {
  if (skipUnlessServed(t)) return;
  for (const table of ['TargetingPlatformVersions', 'TargetingAppStoreCategories', 'ContentCategories']) {
    await h.reset();
    const { rows } = await h.conn.query(`SELECT * FROM ${table}`);
    assert.ok(rows.length > 0, table);
    assert.equal((await h.calls()).requests, 1, table);
  }
});

test('ContentCategories list IAB ids that IabCategories knows', async (t) => {
  if (skipUnlessServed(t)) return;
  const iab = new Set((await h.conn.query(`SELECT Id FROM IabCategories`)).rows.map((r) => r.Id as string));
  const content = (await h.conn.query(`SELECT IabCategories FROM ContentCategories`)).rows;
  const ids = content.flatMap((r) => String(r.IabCategories).split(','));
  assert.ok(ids.length > 0 && ids.every((id) => iab.has(id)));
});

test('sys_tables lists the CData aliases of the new tables', async () => {
  const { rows } = await h.conn.query(`SELECT TableName, Aliases FROM sys_tables WHERE TableName IN ('Tweets', 'Cards', 'CustomAudiences', 'AdStats')`);
  const aliases = Object.fromEntries(rows.map((r) => [r.TableName, r.Aliases]));
  assert.equal(aliases.Tweets, 'AdTweets');
  assert.equal(aliases.Cards, 'AdCards');
  assert.equal(aliases.CustomAudiences, 'AdAudiences');
  // CData's AdStats is a table of its own (its StartTime/EndTime are the report range).
  assert.ok('AdStats' in aliases);
});
