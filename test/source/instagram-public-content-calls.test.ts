/**
 * Planned calls of the hashtag, business discovery and mention tables for each key column, with no
 * HTTP: what plannedCalls() says equals what the fetch then sends (a fake client records it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiRequest, CallOptions } from '../../src/providers/api-client.js';
import type { InstagramClient } from '../../src/providers/instagram/client.js';
import { BusinessDiscoveryMediaTable } from '../../src/providers/instagram/business-discovery-media.js';
import { ExpandedObjectTable } from '../../src/providers/instagram/expanded-object.js';
import { HashtagDirectory } from '../../src/providers/instagram/hashtag-directory.js';
import { HashtagMediaTable } from '../../src/providers/instagram/hashtag-media.js';
import { HashtagsTable } from '../../src/providers/instagram/hashtags.js';
import { businessDiscoveryTable, mentionedCommentsTable, mentionedMediaTable } from '../../schemas/instagram/expanded-objects.js';
import { hashtagMediaTables } from '../../schemas/instagram/hashtags.js';
import type { PushdownPredicate } from '../../src/source/contract.js';
import type { TableSource } from '../../src/source/contract.js';
import { drain, eq, isIn, param, plannedTexts, request } from './fake-client.js';

const U = '17841400000000001';
const V = '17841400000000002';
const H1 = '17843000000000001';
const H2 = '17843000000000002';

/** Answers every request with something of the right shape, and records each call (a batch is one entry). */
function fakeClient(sent: string[][]) {
  const answer = (url: string): unknown => {
    if (url.startsWith('/ig_hashtag_search')) return { data: [{ id: `17843${String(url.length).padStart(12, '0')}` }] };
    if (url.includes('business_discovery')) return { business_discovery: { id: '1', media_count: 0, media: { data: [] } }, id: U };
    return { id: U };
  };
  const client = {
    endpointPrefix: 'GET /v24.0',
    preferredPageSize: 0,
    describeDefault: () => U,
    now: () => Date.now(),
    mask: (text: string) => text,
    url: (path: string, query: Record<string, string>) => `${path}?${Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&')}`,
    batch: async (urls: readonly string[], options: CallOptions) => {
      for (let i = 0; i < urls.length; i += 50) {
        options.onCall();
        sent.push(urls.slice(i, i + 50).map((u) => `GET ${u}`));
      }
      return urls.map((u) => ({ ok: true, body: answer(u) }));
    },
    fetchMany: async function* (requests: readonly ApiRequest[], _paging: unknown, options: CallOptions) {
      options.onCall();
      sent.push(requests.map((r) => `GET ${r.path}?${Object.entries(r.query).map(([k, v]) => `${k}=${v}`).join('&')}`));
      for (const [index] of requests.entries()) yield { index, objects: [] };
    },
  };
  return client as unknown as InstagramClient;
}

interface Case {
  readonly table: (client: InstagramClient) => TableSource;
  readonly where: readonly PushdownPredicate[];
  readonly columns: readonly string[];
  readonly calls: readonly (readonly string[])[];
}

const top = hashtagMediaTables.find((t) => t.edge === 'top_media')!;
const hashtags = (client: InstagramClient) => new HashtagsTable(client, new HashtagDirectory(client));
const topMedia = (client: InstagramClient) => new HashtagMediaTable(client, new HashtagDirectory(client), top);

const cases: Record<string, Case> = {
  'Hashtags: Name IN is one lookup per name, in one batch call; # and case are the API\'s': {
    table: hashtags,
    where: [isIn('Name', 'summer', '#Winter', 'summer')],
    columns: ['Id'],
    calls: [[`GET /ig_hashtag_search?user_id=${U}&q=summer`, `GET /ig_hashtag_search?user_id=${U}&q=winter`]],
  },
  'Hashtags: AccountId goes to user_id': { table: hashtags, where: [eq('Name', 'summer'), eq('AccountId', V)], columns: ['Id'], calls: [[`GET /ig_hashtag_search?user_id=${V}&q=summer`]] },
  'Hashtags: a value that can be no hashtag costs no call': { table: hashtags, where: [isIn('Name', 'two words', '🔥')], columns: ['Id'], calls: [] },
  'HashtagTopMedia: HashtagId IN is one request per hashtag, in one batch call, with the fields read': {
    table: topMedia,
    where: [isIn('HashtagId', H1, H2)],
    columns: ['Id', 'LikeCount', 'HashtagId'],
    calls: [[`GET /${H1}/top_media?user_id=${U}&fields=id,like_count`, `GET /${H2}/top_media?user_id=${U}&fields=id,like_count`]],
  },
  'HashtagTopMedia: AccountId goes to user_id': { table: topMedia, where: [eq('HashtagId', H1), eq('AccountId', V)], columns: ['Id'], calls: [[`GET /${H1}/top_media?user_id=${V}&fields=id`]] },
  'BusinessDiscovery: Username IN is one request each, in one batch call': {
    table: (client) => new ExpandedObjectTable(client, businessDiscoveryTable),
    where: [isIn('Username', 'bluebottle', 'contoso.coffee', 'no spaces please')],
    columns: ['Username', 'FollowersCount'],
    calls: [[`GET /${U}?fields=business_discovery.username(bluebottle){id,followers_count}`, `GET /${U}?fields=business_discovery.username(contoso.coffee){id,followers_count}`]],
  },
  'BusinessDiscovery: AccountId is the node the field is read on': {
    table: (client) => new ExpandedObjectTable(client, businessDiscoveryTable),
    where: [eq('Username', 'bluebottle'), eq('AccountId', V)],
    columns: ['MediaCount'],
    calls: [[`GET /${V}?fields=business_discovery.username(bluebottle){id,media_count}`]],
  },
  'BusinessDiscoveryMedia: the first page of each username asks media_count with media.limit(n)': {
    table: (client) => new BusinessDiscoveryMediaTable(client),
    where: [isIn('Username', 'bluebottle', 'contoso.coffee')],
    columns: ['Id', 'LikeCount'],
    calls: [[`GET /${U}?fields=business_discovery.username(bluebottle){media_count,media.limit(50){id,like_count}}`, `GET /${U}?fields=business_discovery.username(contoso.coffee){media_count,media.limit(50){id,like_count}}`]],
  },
  'MentionedMedia: Id is the media_id of the field': {
    table: (client) => new ExpandedObjectTable(client, mentionedMediaTable),
    where: [eq('Id', '17900000000000001')],
    columns: ['Id', 'Caption'],
    calls: [[`GET /${U}?fields=mentioned_media.media_id(17900000000000001){id,caption}`]],
  },
  'MentionedComments: Id is the comment_id; MediaId reads media{id}': {
    table: (client) => new ExpandedObjectTable(client, mentionedCommentsTable),
    where: [isIn('Id', '17800000000000001', 'not-an-id')],
    columns: ['Id', 'MediaId'],
    calls: [[`GET /${U}?fields=mentioned_comment.comment_id(17800000000000001){id,media{id}}`]],
  },
};

for (const [name, c] of Object.entries(cases)) {
  test(`planned calls: ${name}`, async () => {
    const sent: string[][] = [];
    const plan = c.table(fakeClient(sent)).plan(request(c.where, c.columns));
    assert.deepEqual(plannedTexts(plan), c.calls);
    assert.equal(plan.explain().estimatedCalls, c.calls.length);
    assert.ok(plan.handling.every((h) => h === 'exact'));
    await drain(plan);
    assert.deepEqual(sent, c.calls, 'the fetch sends what was planned');
  });
}

test('planned calls: HashtagTopMedia by name looks the id up first, then plans the media call exactly', async () => {
  const sent: string[][] = [];
  const client = fakeClient(sent);
  const table = topMedia(client);
  const first = table.plan(request([eq('Hashtag', 'summer')], ['Id']));
  assert.equal(plannedTexts(first), 'the id of #summer comes from GET /ig_hashtag_search first');
  assert.equal(first.explain().estimatedCalls, 2, 'one lookup, one media page');
  await drain(first);
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[0], [`GET /ig_hashtag_search?user_id=${U}&q=summer`]);
  const id = /^GET \/(\d+)\/top_media/.exec(sent[1]![0]!)![1]!;
  assert.deepEqual(plannedTexts(table.plan(request([eq('Hashtag', 'Summer')], ['Id']))), [[`GET /${id}/top_media?user_id=${U}&fields=id`]]);
});

test('planned calls: values from a join are planned when known', () => {
  const plan = new ExpandedObjectTable(fakeClient([]), businessDiscoveryTable).plan(request([param('Username', 'p1')], ['Id']));
  assert.equal(plannedTexts(plan), 'Username takes its values from the outer query');
  assert.deepEqual(plannedTexts(plan, new Map([['p1', ['a', 'b']]])), [[`GET /${U}?fields=business_discovery.username(a){id}`, `GET /${U}?fields=business_discovery.username(b){id}`]]);
});
