/**
 * Instagram's `POST /` batch of GETs is a read: retried whole when it fails on the wire, and when
 * only some items fail transiently, only those are sent again. A throttle inside an item waits for
 * its reset, or is a RateLimitError.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimitError } from '../../src/errors.js';
import { createTransport } from '../../src/http/transport.js';
import { silentLogger } from '../../src/log/logger.js';
import { InstagramClient } from '../../src/providers/instagram/client.js';
import type { ApiRequest } from '../../src/providers/api-client.js';
import { fakeClock, json, scriptedServer, type Received } from './scripted-server.js';

const call = { signal: new AbortController().signal, onCall: () => {} };
const page = (media: string) => JSON.stringify({ data: [{ id: `c-${media}` }], paging: { cursors: { after: 'x' } } });
const transientItem = { code: 500, body: JSON.stringify({ error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true } }) };
const throttledItem = { code: 400, body: JSON.stringify({ error: { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32, is_transient: true } }) };

function partsOf(received: Received): string[] {
  const batch = new URLSearchParams(received.body).get('batch');
  return batch ? (JSON.parse(batch) as { relative_url: string }[]).map((p) => p.relative_url.split('?')[0]!) : [];
}

async function clientFor(url: string, maxRateLimitDelay = 60) {
  const clock = fakeClock();
  const transport = createTransport({ timeoutSeconds: 5 });
  const client = new InstagramClient({
    baseUrl: url,
    version: 'v21.0',
    session: { token: async () => 'TOKEN', renew: async () => false, secrets: () => ['TOKEN'] },
    businessAccountId: '178',
    transport,
    maxConcurrency: 4,
    maxRateLimitDelay,
    cacheTtlSeconds: 0,
    pageSize: 25,
    logger: silentLogger,
    clock,
    retryPolicy: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000 },
  });
  return { client, clock, close: () => transport.close() };
}

const requests: ApiRequest[] = ['m1', 'm2', 'm3', 'm4'].map((m) => ({ kind: 'list', path: `/${m}/comments`, query: { fields: 'id' } }));

async function collect(client: InstagramClient): Promise<Record<number, string[]>> {
  const out: Record<number, string[]> = {};
  for await (const { index, objects } of client.fetchMany(requests, { pageSize: 25 }, call)) {
    (out[index] ??= []).push(...objects.map((o) => (o as { id: string }).id));
  }
  return out;
}

test('only the items that failed transiently are sent again, in a smaller batch', async () => {
  const server = await scriptedServer((_req, res, received, index) => {
    const parts = partsOf(received);
    if (index === 0) return json(res, 200, parts.map((p, i) => (i === 1 || i === 3 ? transientItem : { code: 200, body: page(p.split('/')[1]!) })));
    json(res, 200, parts.map((p) => ({ code: 200, body: page(p.split('/')[1]!) })));
  });
  const { client, close } = await clientFor(server.url);
  try {
    assert.deepEqual(await collect(client), { 0: ['c-m1'], 1: ['c-m2'], 2: ['c-m3'], 3: ['c-m4'] });
    assert.deepEqual(server.received.map((r) => `${r.method} ${partsOf(r).join(',')}`), ['POST v21.0/m1/comments,v21.0/m2/comments,v21.0/m3/comments,v21.0/m4/comments', 'POST v21.0/m2/comments,v21.0/m4/comments']);
  } finally {
    await close();
    await server.close();
  }
});

test('a single failed item is sent again as a plain GET', async () => {
  const server = await scriptedServer((req, res, received, index) => {
    if (req.method === 'GET') return json(res, 200, JSON.parse(page('m3')));
    const parts = partsOf(received);
    json(res, 200, parts.map((p, i) => (index === 0 && i === 2 ? null : { code: 200, body: page(p.split('/')[1]!) })));
  });
  const { client, close } = await clientFor(server.url);
  try {
    assert.deepEqual(await collect(client), { 0: ['c-m1'], 1: ['c-m2'], 2: ['c-m3'], 3: ['c-m4'] });
    assert.deepEqual(server.received.map((r) => `${r.method} ${r.url.split('?')[0]}`), ['POST /', 'GET /v21.0/m3/comments']);
  } finally {
    await close();
    await server.close();
  }
});

test('a batch that fails on the wire (5xx, truncated) is retried whole, like a GET', async () => {
  const server = await scriptedServer((_req, res, received, index) => {
    if (index === 0) return json(res, 503, 'busy');
    const body = JSON.stringify(partsOf(received).map((p) => ({ code: 200, body: page(p.split('/')[1]!) })));
    json(res, 200, index === 1 ? body.slice(0, 30) : body);
  });
  const { client, close } = await clientFor(server.url);
  try {
    assert.deepEqual(await collect(client), { 0: ['c-m1'], 1: ['c-m2'], 2: ['c-m3'], 3: ['c-m4'] });
    assert.equal(server.received.length, 3);
    assert.ok(server.received.every((r) => partsOf(r).length === 4));
  } finally {
    await close();
    await server.close();
  }
});

test('a throttled item waits for the regain time Graph gives, then only it is sent again', async () => {
  const server = await scriptedServer((req, res, received, index) => {
    if (req.method === 'GET') return json(res, 200, JSON.parse(page('m1')));
    const parts = partsOf(received);
    const usage = { 'x-business-use-case-usage': JSON.stringify({ '178': [{ type: 'instagram', call_count: 100, total_time: 10, total_cputime: 10, estimated_time_to_regain_access: index === 0 ? 1 : 0 }] }) };
    if (index === 0) return json(res, 200, parts.map((p, i) => (i === 0 ? throttledItem : { code: 200, body: page(p.split('/')[1]!) })), usage);
    json(res, 200, parts.map((p) => ({ code: 200, body: page(p.split('/')[1]!) })));
  });
  const { client, clock, close } = await clientFor(server.url, 120);
  try {
    const t0 = clock.now();
    assert.deepEqual(await collect(client), { 0: ['c-m1'], 1: ['c-m2'], 2: ['c-m3'], 3: ['c-m4'] });
    assert.ok(clock.now() - t0 >= 60_000, 'waited the minute Graph asked for');
    assert.deepEqual(server.received.map((r) => `${r.method} ${r.url.split('?')[0]}`), ['POST /', 'GET /v21.0/m1/comments']);
  } finally {
    await close();
    await server.close();
  }
});

test('a throttle inside a batch item beyond MaxRateLimitDelay is a RateLimitError, not a plain ApiError', async () => {
  const server = await scriptedServer((_req, res, received) => json(res, 200, partsOf(received).map(() => throttledItem)));
  const { client, close } = await clientFor(server.url, 60);
  try {
    await assert.rejects(collect(client), (error: unknown) => {
      assert.ok(error instanceof RateLimitError, String(error));
      assert.equal(error.resetEstimated, true);
      assert.match(error.message, /\(#32\) Page request limit reached|estimated/);
      return true;
    });
    assert.equal(server.received.length, 1, 'no point re-sending before the estimated reset');
  } finally {
    await close();
    await server.close();
  }
});

test('a multi-id read that Graph refuses for one missing id (#803) answers the ids that exist', async () => {
  const server = await scriptedServer((req, res, received) => {
    if (req.method === 'GET') return json(res, 404, { error: { message: '(#803) Some of the aliases you requested do not exist: nope', type: 'OAuthException', code: 803 } });
    json(res, 200, partsOf(received).map((p) => (p.endsWith('nope') ? { code: 404, body: JSON.stringify({ error: { message: 'Unsupported get request.', code: 100, error_subcode: 33 } }) } : { code: 200, body: JSON.stringify({ id: p.split('/')[1] }) })));
  });
  const { client, close } = await clientFor(server.url);
  try {
    assert.deepEqual(await client.getByIds('/', { ids: 'm1,nope', fields: 'id' }, call), [{ id: 'm1' }]);
    assert.deepEqual(server.received.map((r) => `${r.method} ${r.method === 'POST' ? partsOf(r).join(',') : r.url.split('&')[0]}`), ['GET /v21.0/?ids=m1%2Cnope', 'POST v21.0/m1,v21.0/nope']);
  } finally {
    await close();
    await server.close();
  }
});
