/**
 * End to end: what each emulator received (GET /__emulator/requests) equals the planned calls of
 * the same scan, computed with no HTTP. Paging parameters (count, cursor, limit, after) are the
 * client's, not the plan's, and are left out of the comparison.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApiTableSchema } from '../../src/catalog/api-table-schema.js';
import { instagramSchemas } from '../../src/providers/instagram/catalog.js';
import { twitterAdsSchemas } from '../../src/providers/twitterads/catalog.js';
import type { PushdownPredicate } from '../../src/source/contract.js';
import { requestText } from '../../src/source/planned-call.js';
import { startHarness as startInstagram, type Harness as InstagramHarness } from '../instagram/harness.js';
import { startHarness as startTwitter, type Harness as TwitterHarness } from '../twitterads/harness.js';
import { eq, FakeClient, isIn, like, request, tableOf } from './fake-client.js';

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

const PAGING = new Set(['count', 'cursor', 'limit', 'after']);

interface Logged {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  parts?: { method?: string; path?: string; query?: Record<string, string | string[]> }[];
}

/** One array per HTTP call, each request as `GET /path?k=v&...` below the version root, keys sorted. */
async function received(h: TwitterHarness | InstagramHarness, prefix: string): Promise<string[][]> {
  const log = (await (await fetch(`${h.emulator.url}/__emulator/requests`)).json()) as Logged[];
  const text = (method: string, path: string, query: Record<string, string | string[]>) =>
    sortedText(method, path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path, Object.fromEntries(Object.entries(query).filter(([k]) => !PAGING.has(k)).map(([k, v]) => [k, String(v)])));
  return log.map((entry) => (entry.parts && entry.method === 'POST' && entry.path === '/' ? entry.parts.map((p) => text(p.method ?? 'GET', p.path ?? '', p.query ?? {})) : [text(entry.method, entry.path, entry.query)]));
}

function sortedText(method: string, path: string, query: Record<string, string>): string {
  return requestText({ method: 'GET', path, query: Object.fromEntries(Object.entries(query).sort(([a], [b]) => a.localeCompare(b))), kind: 'list', rowValues: {} }).replace(/^GET/, method);
}

function planned(schemas: readonly ApiTableSchema[], table: string, where: readonly PushdownPredicate[], columns: readonly string[], batchLimit?: number): string[][] {
  const plan = tableOf(schemas, table, new FakeClient(batchLimit ? { batchLimit } : {})).plan(request(where, columns));
  const calls = plan.plannedCalls!();
  if (!calls.known) throw new Error(calls.reason);
  return calls.batches.map((batch) => batch.map((i) => sortedText('GET', calls.requests[i]!.path, calls.requests[i]!.query)));
}

test('Twitter Ads: the emulator received exactly the planned requests', async () => {
  const [a1, a2] = tw.emulator.credentials.accountIds as [string, string];
  const ids = (await tw.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ? LIMIT 2', [a1])).rows.map((r) => r.Id as string);
  const cases: [string, readonly (string | boolean)[], string, PushdownPredicate[], string[]][] = [
    ['SELECT Id, Name FROM Campaigns WHERE AccountId = ? AND Id IN (?, ?)', [a1, ...ids], 'Campaigns', [eq('AccountId', a1), isIn('Id', ...ids)], ['Id', 'Name']],
    ['SELECT Id FROM LineItems WHERE AccountId IN (?, ?) AND CampaignId = ?', [a1, a2, ids[0]!], 'LineItems', [isIn('AccountId', a1, a2), eq('CampaignId', ids[0]!)], ['Id']],
    ["SELECT Id FROM Accounts WHERE Name LIKE 'Acme%' AND IncludeDeleted = true", [], 'Accounts', [like('Name', 'Acme%'), eq('IncludeDeleted', true)], ['Id']],
    ['SELECT Id FROM PromotedTweets WHERE AccountId = ? AND IncludeDeleted = ?', [a2, true], 'PromotedTweets', [eq('AccountId', a2), eq('IncludeDeleted', true)], ['Id']],
  ];
  for (const [sql, params, table, where, columns] of cases) {
    await tw.reset();
    await tw.conn.query(sql, [...params]);
    const got = await received(tw, '/12');
    assert.ok(got.length > 0, sql);
    assert.deepEqual(got, planned(twitterAdsSchemas, table, where, columns), sql);
  }
});

test('Instagram: the emulator received exactly the planned requests, batches included', async () => {
  const account = ig.emulator.credentials.businessAccountId;
  const media = (await ig.conn.query('SELECT Id FROM Media LIMIT 3')).rows.map((r) => r.Id as string);
  const cases: [string, readonly string[], string, PushdownPredicate[], string[]][] = [
    ['SELECT Id, MediaId FROM Comments WHERE MediaId IN (?, ?, ?)', media, 'Comments', [isIn('MediaId', ...media)], ['Id', 'MediaId']],
    ['SELECT Id, Caption FROM Media WHERE Id IN (?, ?)', [media[0]!, media[1]!], 'Media', [isIn('Id', media[0]!, media[1]!)], ['Id', 'Caption']],
    ['SELECT Id, Username FROM Accounts WHERE Id = ?', [account], 'Accounts', [eq('Id', account)], ['Id', 'Username']],
  ];
  // The batch of three comment reads is one call with three parts.
  await ig.reset();
  await ig.conn.query('SELECT Id FROM Comments WHERE MediaId IN (?, ?, ?)', media);
  assert.deepEqual((await received(ig, '/v21.0')).map((call) => call.length), [3]);
  for (const [sql, params, table, where, columns] of cases) {
    await ig.reset();
    await ig.conn.query(sql, [...params]);
    const got = await received(ig, '/v21.0');
    assert.ok(got.length > 0, sql);
    assert.deepEqual(got, planned(instagramSchemas, table, where, columns, 50), sql);
  }
});
