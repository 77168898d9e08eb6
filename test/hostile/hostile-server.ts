/**
 * The hostile upstream: a scripted server used as BaseURL, plus an "other host" that must never be
 * contacted, and checks that each case ends with a clear error in bounded time and memory.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import type { Connection } from '../../src/connection/types.js';
import { connect as connectInstagram } from '../../src/providers/instagram/index.js';
import { connect as connectTwitter } from '../../src/providers/twitterads/index.js';
import { scriptedServer, type Handler, type ScriptedServer } from '../http/scripted-server.js';

export const TW = { clientId: 'hostile-client', clientSecret: 'CLIENT-SECRET-tw-9f8e7d', accessToken: 'ACCESS-TOKEN-tw-1a2b3c', accessTokenSecret: 'TOKEN-SECRET-tw-4d5e6f' };
export const IG = { clientSecret: 'CLIENT-SECRET-ig-7c6b5a', accessToken: 'EAAB-ACCESS-TOKEN-ig-0z9y8x' };

export interface Provider {
  readonly name: 'twitterads' | 'instagram';
  /** The SQL every case runs, and the path its first request goes to. */
  readonly sql: string;
  readonly firstPath: string;
  /** Secrets that must never appear in an error. */
  readonly secrets: readonly string[];
  connect(baseUrl: string, extra?: string): Promise<Connection>;
  /** A well-formed page of rows, with a cursor to the next page when `next` is given. */
  page(ids: readonly (string | null | number)[], next?: string, baseUrl?: string): unknown;
}

export const providers: readonly Provider[] = [
  {
    name: 'twitterads',
    sql: "SELECT Id, Name FROM Campaigns WHERE AccountId = 'acc1'",
    firstPath: '/12/accounts/acc1/campaigns',
    secrets: [TW.clientSecret, TW.accessToken, TW.accessTokenSecret],
    connect: (baseUrl, extra = '') =>
      connectTwitter(`BaseURL=${baseUrl};OAuthClientId=${TW.clientId};OAuthClientSecret=${TW.clientSecret};OAuthAccessToken=${TW.accessToken};OAuthAccessTokenSecret=${TW.accessTokenSecret};AccountId=acc1;${extra}`),
    page: (ids, next) => ({ request: {}, data: ids.map((id) => ({ id, name: `c-${id}`, account_id: 'acc1' })), next_cursor: next ?? null }),
  },
  {
    name: 'instagram',
    sql: 'SELECT Id, Caption FROM Media',
    firstPath: '/v24.0/178/media',
    secrets: [IG.clientSecret, IG.accessToken],
    connect: (baseUrl, extra = '') => connectInstagram(`BaseURL=${baseUrl};OAuthAccessToken=${IG.accessToken};OAuthClientSecret=${IG.clientSecret};BusinessAccountId=178;${extra}`),
    page: (ids, next, baseUrl) => ({
      data: ids.map((id) => ({ id, caption: `m-${id}` })),
      paging: { cursors: { after: next ?? 'end' }, ...(next ? { next: `${baseUrl}/v24.0/178/media?after=${next}` } : {}) },
    }),
  },
];

export function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export interface CaseOutcome {
  readonly error: unknown;
  readonly rows?: readonly Record<string, unknown>[];
  readonly server: ScriptedServer;
  readonly other: ScriptedServer;
  readonly rssGrowthBytes: number;
  readonly heapGrowthBytes: number;
}

/** Runs the provider's query against `handler`; the other host's URL is passed in so a handler can point at it. */
export async function runCase(provider: Provider, handler: (other: string) => Handler, extra = ''): Promise<CaseOutcome> {
  const other = await scriptedServer((_req, res) => send(res, 200, JSON.stringify(provider.page(['stolen']))));
  const server = await scriptedServer(handler(other.url));
  const before = process.memoryUsage();
  let conn: Connection | undefined;
  try {
    conn = await provider.connect(server.url, extra);
    try {
      const { rows } = await conn.query(provider.sql);
      return { error: undefined, rows, server, other, ...growth(before) };
    } catch (error) {
      return { error, server, other, ...growth(before) };
    }
  } finally {
    await conn?.close();
    await server.close();
    await other.close();
  }
}

function growth(before: NodeJS.MemoryUsage): { rssGrowthBytes: number; heapGrowthBytes: number } {
  const after = process.memoryUsage();
  return { rssGrowthBytes: after.rss - before.rss, heapGrowthBytes: after.heapUsed - before.heapUsed };
}

/** Every case: no request to the other host, no secret in the message, memory growth small. */
export function assertContained(provider: Provider, outcome: CaseOutcome, maxGrowthBytes = 96 * 1024 * 1024): void {
  assert.equal(outcome.other.received.length, 0, 'no request reached the other host');
  const message = outcome.error instanceof Error ? `${outcome.error.message} ${String(outcome.error.stack)}` : '';
  for (const secret of provider.secrets) assert.equal(message.includes(secret), false, `a secret is in the error: ${message}`);
  assert.ok(outcome.rssGrowthBytes < maxGrowthBytes, `RSS grew by ${Math.round(outcome.rssGrowthBytes / 1e6)} MB`);
  assert.ok(outcome.heapGrowthBytes < maxGrowthBytes, `heap grew by ${Math.round(outcome.heapGrowthBytes / 1e6)} MB`);
}
