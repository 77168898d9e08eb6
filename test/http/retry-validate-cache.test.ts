/**
 * The retry, validate and cache layers, in the stack's order, against a scripted server: a
 * truncated or malformed body is retried below the cache and never cached; batches marked as reads
 * are retried like GETs; writes are not.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { ApiError } from '../../src/errors.js';
import { jsonBody } from '../../src/http/json-body.js';
import { cacheResponses } from '../../src/http/response-cache.js';
import { retry } from '../../src/http/retry.js';
import { createTransport } from '../../src/http/transport.js';
import { compose } from '../../src/http/types.js';
import { validateBodies } from '../../src/http/validate.js';
import { fakeClock, json, scriptedServer } from './scripted-server.js';

const signal = new AbortController().signal;
const page = z.object({ data: z.array(z.object({ id: z.string() })) });
const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000 };

function stackOver(send: ReturnType<typeof createTransport>['send'], clock = fakeClock(), ttl = 60) {
  return compose(cacheResponses(ttl), retry(policy, undefined, clock), validateBodies('Test API'))(send);
}

test('a truncated first body is retried, the good one is cached, the bad one never is', async () => {
  const good = JSON.stringify({ data: [{ id: 'a' }, { id: 'b' }] });
  const server = await scriptedServer((_req, res, _r, index) => json(res, 200, index === 0 ? good.slice(0, 10) : good));
  const transport = createTransport({ timeoutSeconds: 5 });
  const send = stackOver(transport.send);
  try {
    const request = { method: 'GET' as const, url: `${server.url}/list`, signal, parse: jsonBody(page) };
    const first = await send(request);
    assert.deepEqual(first.parsed, { data: [{ id: 'a' }, { id: 'b' }] });
    assert.equal(server.received.length, 2, 'one truncated answer, one retry');
    const second = await send(request);
    assert.deepEqual(second.parsed, first.parsed);
    assert.equal(server.received.length, 2, 'the second read is a cache hit of the validated body');
  } finally {
    await transport.close();
    await server.close();
  }
});

test('a body of the wrong shape is retried, then fails as MALFORMED_RESPONSE, and is not cached', async () => {
  const server = await scriptedServer((_req, res) => json(res, 200, { data: [{ id: null }] }));
  const transport = createTransport({ timeoutSeconds: 5 });
  const clock = fakeClock();
  const send = stackOver(transport.send, clock);
  try {
    const request = { method: 'GET' as const, url: `${server.url}/list`, signal, parse: jsonBody(page, '{"data": [{"id": string}]}') };
    await assert.rejects(send(request), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.apiCode, 'MALFORMED_RESPONSE');
      assert.equal(error.message, 'Malformed response from Test API for GET /list: expected {"data": [{"id": string}]} (at data.0.id: Invalid input: expected string, received null)');
      return true;
    });
    assert.equal(server.received.length, 1 + policy.maxRetries);
    assert.equal(clock.slept.length, policy.maxRetries, 'backoff between attempts, on the injected clock');
    await assert.rejects(send(request));
    assert.equal(server.received.length, 2 * (1 + policy.maxRetries), 'nothing bad was cached');
  } finally {
    await transport.close();
    await server.close();
  }
});

test('a connection reset mid-body is retried', async () => {
  const server = await scriptedServer((_req, res, _r, index) => {
    if (index === 0) {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"data":[', () => res.socket?.destroy());
      return;
    }
    json(res, 200, { data: [{ id: 'x' }] });
  });
  const transport = createTransport({ timeoutSeconds: 5 });
  const send = stackOver(transport.send);
  try {
    const response = await send({ method: 'GET', url: `${server.url}/r`, signal, parse: jsonBody(page) });
    assert.deepEqual(response.parsed, { data: [{ id: 'x' }] });
    assert.equal(server.received.length, 2);
  } finally {
    await transport.close();
    await server.close();
  }
});

test('a POST marked as a read (a batch of GETs) is retried on 5xx and cached by its body; a write POST is not retried', async () => {
  const server = await scriptedServer((_req, res, received) => {
    const failures = server.received.filter((r) => r.body === received.body).length;
    if (failures === 1) return json(res, 503, { error: 'busy' });
    json(res, 200, [{ code: 200, body: '{}' }]);
  });
  const transport = createTransport({ timeoutSeconds: 5 });
  const send = stackOver(transport.send);
  try {
    const batch = { method: 'POST' as const, url: `${server.url}/`, body: 'batch=[1]', signal, read: true, parse: jsonBody() };
    assert.equal((await send(batch)).status, 200);
    assert.equal(server.received.length, 2);
    await send(batch);
    assert.equal(server.received.length, 2, 'the same batch within the TTL is a cache hit');
    await send({ ...batch, body: 'batch=[2]' });
    assert.equal(server.received.length, 4, 'another body is another key');
    const write = await send({ method: 'POST', url: `${server.url}/`, body: 'message=hi', signal });
    assert.equal(write.status, 503, 'a write that may have been applied is not sent twice');
    assert.equal(server.received.length, 5);
  } finally {
    await transport.close();
    await server.close();
  }
});

test('RESPONSE_TOO_LARGE is not retried: the body would be just as large again', async () => {
  const server = await scriptedServer((_req, res) => json(res, 200, { data: 'x'.repeat(10_000) }));
  const transport = createTransport({ timeoutSeconds: 5, maxResponseBytes: 1000 });
  const send = stackOver(transport.send);
  try {
    await assert.rejects(send({ method: 'GET', url: `${server.url}/big`, signal, parse: jsonBody() }), (e: unknown) => e instanceof ApiError && e.apiCode === 'RESPONSE_TOO_LARGE');
    assert.equal(server.received.length, 1);
  } finally {
    await transport.close();
    await server.close();
  }
});
