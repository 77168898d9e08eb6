/**
 * The Graph fan-out as the wire sees it (issue 9): a round's batches all go out before any answer is
 * read, the first batch's objects are handed on while later batches are still unanswered, the batch
 * body is the form Graph documents, and the URLs built without URL parsing are the ones URL builds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTransport } from '../../src/http/transport.js';
import { silentLogger } from '../../src/log/logger.js';
import type { ApiRequest } from '../../src/providers/api-client.js';
import { InstagramClient } from '../../src/providers/instagram/client.js';
import { fakeClock, json, scriptedServer, type Received } from '../http/scripted-server.js';

const call = { signal: new AbortController().signal, onCall: () => {} };

function clientFor(baseUrl: string, version = 'v24.0') {
  const transport = createTransport({ timeoutSeconds: 5 });
  const client = new InstagramClient({
    baseUrl,
    version,
    session: { token: async () => 'TOKEN', renew: async () => false, secrets: () => ['TOKEN'] },
    clientSecret: 'SECRET',
    businessAccountId: '178',
    transport,
    maxConcurrency: 8,
    maxRateLimitDelay: 60,
    cacheTtlSeconds: 0,
    pageSize: 25,
    logger: silentLogger,
    clock: fakeClock(),
    retryPolicy: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
  });
  return { client, close: () => transport.close() };
}

const itemsOf = (received: Received) => JSON.parse(new URLSearchParams(received.body).get('batch')!) as { method: string; relative_url: string }[];
const answer = (received: Received) => itemsOf(received).map((item) => ({ code: 200, body: JSON.stringify({ data: [{ id: `c-${item.relative_url.split('/')[1]}` }] }) }));

test('a round of 120 edge reads sends its 3 batches at once and hands on the first batch before the others are answered', { timeout: 20_000 }, async () => {
  let releaseLater!: () => void;
  const later = new Promise<void>((resolve) => (releaseLater = resolve));
  let allArrived!: () => void;
  const arrived = new Promise<void>((resolve) => (allArrived = resolve));
  const server = await scriptedServer(async (_req, res, received) => {
    if (server.received.length === 3) allArrived();
    // The batch of m0..m49 answers once all three have arrived (a client that waited for it before
    // sending the next would time out here); the other two wait for the test.
    if (itemsOf(received)[0]!.relative_url.startsWith('v24.0/m0/')) await arrived;
    else await later;
    json(res, 200, answer(received));
  });
  const { client, close } = clientFor(server.url);
  try {
    const requests: ApiRequest[] = Array.from({ length: 120 }, (_, i) => ({ kind: 'list', path: `/m${i}/comments`, query: { fields: 'id,text' } }));
    const seen: string[] = [];
    for await (const { index, objects } of client.fetchMany(requests, { pageSize: 25 }, call)) {
      seen.push((objects[0] as { id: string }).id);
      if (index === 49) {
        // The first batch is read in full while the other two are still unanswered, and both were sent.
        assert.equal(server.received.length, 3);
        assert.deepEqual(seen, Array.from({ length: 50 }, (_, i) => `c-m${i}`));
        releaseLater();
      }
    }
    assert.deepEqual(seen, Array.from({ length: 120 }, (_, i) => `c-m${i}`));
    assert.deepEqual(server.received.map((r) => itemsOf(r).length).sort((a, b) => a - b), [20, 50, 50]);
  } finally {
    releaseLater();
    await close();
    await server.close();
  }
});

test('the batch body is batch=<JSON>&include_headers=false with relative_urls of version, path and query', async () => {
  const server = await scriptedServer((_req, res, received) => json(res, 200, answer(received)));
  const { client, close } = clientFor(server.url);
  try {
    const urls = [client.url('/17900000001/insights', { metric: 'reach,likes' }), client.url('/17900000002/comments', { fields: 'id,text', limit: '50' })];
    const items = await client.batch(urls, call);
    assert.equal(items.length, 2);
    const [received] = server.received;
    const form = new URLSearchParams(received!.body);
    assert.deepEqual([...form.keys()], ['batch', 'include_headers']);
    assert.equal(form.get('include_headers'), 'false');
    assert.deepEqual(itemsOf(received!), [
      { method: 'GET', relative_url: 'v24.0/17900000001/insights?metric=reach%2Clikes' },
      { method: 'GET', relative_url: 'v24.0/17900000002/comments?fields=id%2Ctext&limit=50' },
    ]);
    // The token travels in the header and its proof on the outer URL, never inside the items.
    assert.equal(received!.headers.authorization, 'Bearer TOKEN');
    assert.match(received!.url, /^\/\?appsecret_proof=[0-9a-f]{64}$/);
    assert.doesNotMatch(received!.body, /TOKEN|appsecret_proof/);
  } finally {
    await close();
    await server.close();
  }
});

test('URLs of plain paths are built as URL would build them; other paths still go through URL', () => {
  const byUrl = (base: string, version: string, path: string, query: Record<string, string>) => {
    const url = new URL(`${base}/${version}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.toString();
  };
  const queries: Record<string, string>[] = [{}, { metric: 'reach,likes' }, { fields: 'id,caption{text}', after: 'QVFIU+/=', q: 'a b&c' }, { 'odd key': 'é ☕' }];
  const paths = ['/', '/me/accounts', '/17841400000000/media', '/a.b/c', '/x/./y', '/x/../y', '/..', '/%2F', '/with space', '/ümlaut'];
  for (const base of ['http://127.0.0.1:8080', 'HTTP://Graph.Facebook.com', 'https://graph.facebook.com:443', 'http://h/prefix', 'http://h/']) {
    const { client, close } = clientFor(base);
    for (const path of paths) for (const query of queries) assert.equal(client.url(path, query), byUrl(base, 'v24.0', path, query), `${base} ${path} ${JSON.stringify(query)}`);
    void close();
  }
});
