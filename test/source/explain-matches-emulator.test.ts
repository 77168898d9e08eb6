/**
 * EXPLAIN's EstimatedCalls equals the calls the emulator counted, for queries across both
 * providers whose call count does not depend on data (each list fits one page here). The
 * estimate comes from the same planned calls the fetch sends, so the two cannot drift.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Row } from '../../src/catalog/types.js';
import { startHarness as startInstagram, type Harness as InstagramHarness } from '../instagram/harness.js';
import { startHarness as startTwitter, type Harness as TwitterHarness } from '../twitterads/harness.js';

let tw: TwitterHarness;
let ig: InstagramHarness;
before(async () => {
  tw = await startTwitter();
  ig = await startInstagram();
});
after(async () => {
  await tw.close();
  await ig.close();
});

/** Sum of the scans' EstimatedCalls and ActualCalls, and what the emulator counted. */
async function measure(h: TwitterHarness | InstagramHarness, sql: string, params: readonly string[] = []) {
  await h.reset();
  const rows: Row[] = (await h.conn.query(`EXPLAIN ANALYZE ${sql}`, [...params])).rows;
  const scans = rows.filter((r) => String(r.Operation).trim() === 'Scan');
  const estimated = scans.reduce<number | null>((sum, r) => (sum === null || r.EstimatedCalls === null ? null : sum + (r.EstimatedCalls as number)), 0);
  const actual = scans.reduce((sum, r) => sum + (r.ActualCalls as number), 0);
  return { estimated, actual, emulator: (await h.calls()).requests };
}

test('Twitter Ads: EstimatedCalls = ActualCalls = the emulator count', async () => {
  const [a1, a2] = tw.emulator.credentials.accountIds as [string, string];
  const campaigns = (await tw.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ? LIMIT 3', [a1])).rows.map((r) => r.Id as string);
  const queries: [string, string[], number][] = [
    ['SELECT Id FROM Campaigns WHERE AccountId = ?', [a1], 1],
    ['SELECT Id FROM Campaigns WHERE AccountId IN (?, ?)', [a1, a2], 2],
    ['SELECT Id, Name FROM Campaigns WHERE AccountId = ? AND Id IN (?, ?)', [a1, campaigns[0]!, campaigns[1]!], 1],
    ['SELECT Id FROM LineItems WHERE AccountId = ? AND CampaignId = ?', [a1, campaigns[2]!], 1],
    ['SELECT Id FROM PromotedTweets WHERE AccountId = ?', [a2], 1],
    ['SELECT Id FROM FundingInstruments WHERE AccountId = ? AND IncludeDeleted = true', [a1], 1],
    ['SELECT Id FROM Accounts', [], 1],
    ['SELECT Id FROM Accounts WHERE Id IN (?, ?)', [a1, a2], 1],
    ["SELECT MediaKey FROM Media WHERE AccountId = ? AND MediaType = 'VIDEO'", [a1], 1],
    ['SELECT Id FROM Campaigns WHERE AccountId = ? AND Id = ?', [a1, `${campaigns[0]},${campaigns[1]}`], 0],
    ["SELECT Id FROM Campaigns WHERE AccountId IN ('nope', '')", [], 1],
  ];
  for (const [sql, params, calls] of queries) {
    assert.deepEqual(await measure(tw, sql, params), { estimated: calls, actual: calls, emulator: calls }, sql);
  }
});

test('Instagram: EstimatedCalls = ActualCalls = the emulator count, Comments WHERE MediaId IN (3 ids) included', async () => {
  const account = ig.emulator.credentials.businessAccountId;
  const media = (await ig.conn.query('SELECT Id FROM Media LIMIT 3')).rows.map((r) => r.Id as string);
  const carousel = (await ig.conn.query("SELECT Id FROM Media WHERE MediaType = 'CAROUSEL_ALBUM' LIMIT 1")).rows[0]!.Id as string;
  const comment = (await ig.conn.query('SELECT Id FROM Comments WHERE MediaId = ? LIMIT 1', [media[0]!])).rows[0]!.Id as string;
  const queries: [string, string[], number][] = [
    ['SELECT Id, MediaId FROM Comments WHERE MediaId IN (?, ?, ?)', media, 1],
    ['SELECT Id, Caption FROM Media WHERE Id IN (?, ?)', [media[0]!, media[1]!], 1],
    ['SELECT Id, Username FROM Accounts WHERE Id = ?', [account], 1],
    ['SELECT Id FROM Children WHERE MediaId = ?', [carousel], 1],
    ['SELECT Id, Text FROM Replies WHERE CommentId = ?', [comment], 1],
    ['SELECT Id FROM Stories WHERE AccountId = ?', [account], 1],
    ['SELECT Id FROM Comments WHERE MediaId = ?', [`${media[0]},${media[1]}`], 0],
    ["SELECT AudienceGroup, Value FROM AudienceInsights WHERE AccountId = ? AND AudienceType IN ('age', 'city')", [account], 1],
    ['SELECT Reach FROM AccountInsights WHERE AccountId = ? AND StartTime >= ?', [account, new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10)], 1],
  ];
  for (const [sql, params, calls] of queries) {
    assert.deepEqual(await measure(ig, sql, params), { estimated: calls, actual: calls, emulator: calls }, sql);
  }
});
