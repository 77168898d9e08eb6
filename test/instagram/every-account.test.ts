/**
 * BusinessAccountId=* (every Instagram business account of every Page, the way Airbyte syncs them)
 * and AuthenticateAsPage (a Page's token, and its account as the default), against a small scripted
 * Graph with three Pages, two of them linked to a business account. The assertions are the requests
 * Graph received: paths, batch parts and the token each one carried.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { PlanError } from '../../src/errors.js';
import { connect } from '../../src/providers/instagram/index.js';
import { json, scriptedServer, type Received, type ScriptedServer } from '../http/scripted-server.js';

const USER_TOKEN = 'EAAGuser-token-0001';
const PAGES = [
  { id: '101', name: 'Shop', access_token: 'EAAPpage-shop-1111', instagram_business_account: { id: '17841400000000001' } },
  { id: '102', name: 'Blog', access_token: 'EAAPpage-blog-2222' },
  { id: '103', name: 'Studio', access_token: 'EAAPpage-studio-3333', instagram_business_account: { id: '17841400000000003' } },
];
const A = '17841400000000001';
const B = '17841400000000003';
const MEDIA: Record<string, string[]> = { [A]: ['17900000000000011', '17900000000000012'], [B]: ['17900000000000031'] };
const ACCOUNTS: Record<string, string> = { [A]: 'shop_ig', [B]: 'studio_ig' };
const STORIES: Record<string, string> = { [A]: '17900000000000019', [B]: '17900000000000039' };

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly token: string | undefined;
}

/** Graph as far as these tables need it, with POST / batches answered part by part. */
function answer(path: string, query: URLSearchParams): { status: number; body: unknown } {
  const [, version, id, edge] = /^\/(v\d+\.\d+)\/([^/]+)(?:\/([^/]+))?$/.exec(path) ?? [];
  if (!version) return { status: 400, body: { error: { message: 'Unknown path', type: 'OAuthException', code: 2500 } } };
  if (id === 'me' && edge === 'accounts') return { status: 200, body: { data: PAGES, paging: { cursors: { before: 'b', after: 'a' } } } };
  const owner = Object.entries(MEDIA).find(([, ids]) => ids.includes(id!))?.[0] ?? Object.entries(STORIES).find(([, story]) => story === id)?.[0];
  if (ACCOUNTS[id!] && edge === 'stories') {
    return { status: 200, body: { data: [{ id: STORIES[id!], media_type: 'IMAGE', media_product_type: 'STORY', timestamp: '2026-11-20T10:00:00+0000' }] } };
  }
  if (ACCOUNTS[id!] && edge === 'insights' && query.has('breakdown')) {
    const metric = query.get('metric') ?? '';
    return { status: 200, body: { data: [{ name: metric, period: 'lifetime', total_value: { breakdowns: [{ dimension_keys: [query.get('breakdown')], results: [{ dimension_values: ['X'], value: id === A ? 1 : 2 }] }] } }] } };
  }
  if (ACCOUNTS[id!] && edge === 'media') {
    return { status: 200, body: { data: MEDIA[id!]!.map((m) => ({ id: m, media_type: 'IMAGE', media_product_type: 'FEED', timestamp: '2026-11-20T10:00:00+0000', owner: { id } })) } };
  }
  if (ACCOUNTS[id!] && edge === undefined) return { status: 200, body: { id, username: ACCOUNTS[id!] } };
  if (ACCOUNTS[id!] && edge === 'insights') {
    const metrics = (query.get('metric') ?? '').split(',').filter((m) => m !== '');
    const period = query.get('period') ?? 'day';
    return { status: 200, body: { data: metrics.map((name) => ({ name, period, values: [{ value: 5, end_time: '2026-11-20T08:00:00+0000' }], total_value: { value: 5 }, id: `${id}/insights/${name}/${period}` })) } };
  }
  if (owner && edge === 'insights') {
    const metrics = (query.get('metric') ?? '').split(',').filter((m) => m !== '');
    return { status: 200, body: { data: metrics.map((name) => ({ name, period: 'lifetime', values: [{ value: 7 }], id: `${id}/insights/${name}/lifetime` })) } };
  }
  return { status: 400, body: { error: { message: `Unsupported get request. Object with ID '${id}' does not exist`, type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
}

let graph: ScriptedServer;
const seen: Seen[] = [];

function record(method: string, target: string, token: string | undefined): URL {
  const url = new URL(target, 'http://graph.invalid');
  const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'appsecret_proof' && k !== 'access_token'));
  seen.push({ method, path: url.pathname, query, token });
  return url;
}

before(async () => {
  graph = await scriptedServer((_req, res, received: Received) => {
    const token = /^Bearer (\S+)$/.exec(String(received.headers.authorization ?? ''))?.[1];
    if (received.method === 'POST' && new URL(received.url, 'http://x').pathname === '/') {
      const parts = JSON.parse(new URLSearchParams(received.body).get('batch') ?? '[]') as Array<{ relative_url: string }>;
      seen.push({ method: 'POST', path: '/', query: { parts: String(parts.length) }, token });
      return json(
        res,
        200,
        parts.map((part) => {
          const url = record('GET', `/${part.relative_url}`, token);
          const { status, body } = answer(url.pathname, url.searchParams);
          return { code: status, body: JSON.stringify(body) };
        }),
      );
    }
    const url = record(received.method, received.url, token);
    const { status, body } = answer(url.pathname, url.searchParams);
    json(res, status, body);
  });
});
after(() => graph.close());

const connectWith = (extra: string) => connect(`BaseURL=${graph.url};OAuthAccessToken=${USER_TOKEN};OAuthClientId=1;OAuthClientSecret=app-secret-x;${extra}`);
const shown = (s: Seen) => `${s.method} ${s.path}${s.query.parts ? ` [${s.query.parts} parts]` : ''}`;

test('BusinessAccountId=*: /me/accounts once, then every linked account in one batch; Accounts, Media and MediaInsights cover them all', async () => {
  const conn = await connectWith('BusinessAccountId=*');
  try {
    const explain = (await conn.query('EXPLAIN SELECT Id FROM Media')).rows.map((r) => String(r.Detail)).join('\n');
    assert.match(explain, /every business account of every Page, from \/me\/accounts/);
    seen.length = 0;
    const accounts = (await conn.query('SELECT Id, Username FROM Accounts ORDER BY Id')).rows;
    assert.deepEqual(accounts, [
      { Id: A, Username: 'shop_ig' },
      { Id: B, Username: 'studio_ig' },
    ]);
    assert.deepEqual(seen.map(shown), ['GET /v24.0/me/accounts', 'POST / [2 parts]', `GET /v24.0/${A}`, `GET /v24.0/${B}`], 'the Page without an account (Blog) is skipped');

    seen.length = 0;
    const media = (await conn.query('SELECT Id, AccountId FROM Media ORDER BY Id')).rows;
    assert.deepEqual(media, [
      { Id: MEDIA[A]![0], AccountId: A },
      { Id: MEDIA[A]![1], AccountId: A },
      { Id: MEDIA[B]![0], AccountId: B },
    ]);
    assert.deepEqual(seen.map(shown), ['POST / [2 parts]', `GET /v24.0/${A}/media`, `GET /v24.0/${B}/media`], 'the accounts are known: no second /me/accounts');

    seen.length = 0;
    const insights = (await conn.query('SELECT MediaId, Reach FROM MediaInsights ORDER BY MediaId')).rows;
    assert.deepEqual(insights.map((r) => [r.MediaId, r.Reach]), [...MEDIA[A]!, ...MEDIA[B]!].map((m) => [m, 7]));
    const insightCalls = seen.filter((s) => s.path.endsWith('/insights')).map((s) => s.path);
    assert.deepEqual(insightCalls.sort(), [...MEDIA[A]!, ...MEDIA[B]!].map((m) => `/v24.0/${m}/insights`).sort(), 'one insights request per media of either account');
    seen.length = 0;
    const accountInsights = (await conn.query("SELECT DISTINCT AccountId FROM (SELECT AccountId, Reach FROM AccountInsights) AS a ORDER BY AccountId")).rows;
    assert.deepEqual(accountInsights, [{ AccountId: A }, { AccountId: B }]);
    const accountsAsked = [...new Set(seen.filter((s) => s.path.endsWith('/insights')).map((s) => s.path))].sort();
    assert.deepEqual(accountsAsked, [`/v24.0/${A}/insights`, `/v24.0/${B}/insights`]);
    assert.ok(seen.every((s) => s.token === USER_TOKEN), 'the user token throughout');
  } finally {
    await conn.close();
  }
});

test('BusinessAccountId=*: stories, AudienceInsights and the long Insights table cover every account too', async () => {
  const conn = await connectWith('BusinessAccountId=*');
  try {
    seen.length = 0;
    const stories = (await conn.query('SELECT MediaId, Reach FROM MediaInsightsStory ORDER BY MediaId')).rows;
    assert.deepEqual(stories.map((r) => [r.MediaId, r.Reach]), [[STORIES[A], 7], [STORIES[B], 7]]);
    assert.deepEqual(seen.filter((s) => s.path.endsWith('/stories')).map((s) => s.path), [`/v24.0/${A}/stories`, `/v24.0/${B}/stories`]);

    seen.length = 0;
    const audience = (await conn.query("SELECT AccountId, Value FROM AudienceInsights WHERE Metric = 'follower_demographics' AND AudienceType = 'country' ORDER BY AccountId")).rows;
    assert.deepEqual(audience, [
      { AccountId: A, Value: 1 },
      { AccountId: B, Value: 2 },
    ]);
    assert.deepEqual([...new Set(seen.filter((s) => s.path.endsWith('/insights')).map((s) => s.path))].sort(), [`/v24.0/${A}/insights`, `/v24.0/${B}/insights`]);

    seen.length = 0;
    const long = (await conn.query("SELECT DISTINCT ObjectId FROM Insights WHERE ObjectType = 'ACCOUNT' ORDER BY ObjectId")).rows;
    assert.deepEqual(long, [{ ObjectId: A }, { ObjectId: B }]);
  } finally {
    await conn.close();
  }
});

test('AuthenticateAsPage by name or id: requests carry that Page\'s token and its account is the default; /me/accounts keeps the user token', async () => {
  for (const page of ['studio', '103']) {
    const conn = await connectWith(`AuthenticateAsPage=${page}`);
    try {
      seen.length = 0;
      const rows = (await conn.query('SELECT Id FROM Media ORDER BY Id')).rows;
      assert.deepEqual(rows, [{ Id: MEDIA[B]![0] }]);
      assert.deepEqual(
        seen.map((s) => `${shown(s)} ${s.token}`),
        [`GET /v24.0/me/accounts ${USER_TOKEN}`, `GET /v24.0/${B}/media EAAPpage-studio-3333`],
      );
    } finally {
      await conn.close();
    }
  }
  // An explicit AccountId needs no account lookup, but the Page token still does: EXPLAIN ANALYZE counts it.
  const counted = await connectWith('AuthenticateAsPage=Studio');
  try {
    seen.length = 0;
    const analyze = (await counted.query(`EXPLAIN ANALYZE SELECT Id FROM Media WHERE AccountId = '${B}'`)).rows;
    const scan = analyze.find((r) => String(r.Operation).toLowerCase().includes('scan'))!;
    assert.equal(scan.ActualCalls, 2, 'GET /me/accounts for the Page token, then the media');
    assert.deepEqual(seen.map((s) => `${shown(s)} ${s.token}`), [`GET /v24.0/me/accounts ${USER_TOKEN}`, `GET /v24.0/${B}/media EAAPpage-studio-3333`]);
  } finally {
    await counted.close();
  }
  const wrong = await connectWith('AuthenticateAsPage=Bakery');
  try {
    await assert.rejects(wrong.query('SELECT Id FROM Media'), (e: unknown) => e instanceof PlanError && /AuthenticateAsPage=Bakery names none of your Facebook Pages: Shop \(101\), Blog \(102\), Studio \(103\)/.test(e.message));
  } finally {
    await wrong.close();
  }
  const unlinked = await connectWith('AuthenticateAsPage=Blog');
  try {
    await assert.rejects(unlinked.query('SELECT Id FROM Media'), (e: unknown) => e instanceof PlanError && /Page Blog \(AuthenticateAsPage\) has no Instagram business account/.test(e.message));
  } finally {
    await unlinked.close();
  }
});

test('against the emulator: AuthenticateAsPage by name reads with the Page token; * skips the Page with no linked account', async () => {
  const emu = await startInstagramEmulator({ seed: 41 });
  const base = `BaseURL=${emu.url};OAuthClientId=${emu.credentials.clientId};OAuthClientSecret=${emu.credentials.clientSecret};OAuthAccessToken=${emu.credentials.accessToken}`;
  try {
    const asPage = await connect(`${base};AuthenticateAsPage=socialsql demo shop`);
    assert.equal((await asPage.query('SELECT COUNT(*) AS N FROM Media')).rows[0]!.N, 120);
    assert.deepEqual((await asPage.query('SELECT Id FROM Accounts')).rows, [{ Id: emu.credentials.businessAccountId }]);
    await asPage.close();
    const every = await connect(`${base};BusinessAccountId=*`);
    assert.deepEqual((await every.query('SELECT Id FROM Accounts')).rows, [{ Id: emu.credentials.businessAccountId }]);
    await every.close();
  } finally {
    await emu.close();
  }
});
