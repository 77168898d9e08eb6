/** The transport layer alone, against scripted servers: bounded bodies, redirects, header floods, timeouts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../src/errors.js';
import { createTransport } from '../../src/http/transport.js';
import { json, scriptedServer } from './scripted-server.js';

const signal = new AbortController().signal;

test('a body within MaxResponseSize arrives whole; headers are lower-cased', async () => {
  const server = await scriptedServer((_req, res) => json(res, 200, { data: 'x'.repeat(1000) }, { 'X-Rate-Limit-Remaining': '7' }));
  const transport = createTransport({ timeoutSeconds: 5, maxResponseBytes: 2000 });
  try {
    const response = await transport.send({ method: 'GET', url: `${server.url}/a`, signal });
    assert.equal(response.status, 200);
    assert.equal(JSON.parse(response.body).data.length, 1000);
    assert.equal(response.headers['x-rate-limit-remaining'], '7');
  } finally {
    await transport.close();
    await server.close();
  }
});

test('a declared length past MaxResponseSize fails at once with RESPONSE_TOO_LARGE', async () => {
  const server = await scriptedServer((_req, res) => json(res, 200, { data: 'x'.repeat(5000) }));
  const transport = createTransport({ timeoutSeconds: 5, maxResponseBytes: 1000 });
  try {
    await assert.rejects(transport.send({ method: 'GET', url: `${server.url}/big?access_token=SECRET`, signal }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.apiCode, 'RESPONSE_TOO_LARGE');
      assert.match(error.message, /GET \/big: the response body exceeds MaxResponseSize=1000 bytes/);
      assert.doesNotMatch(error.message, /SECRET/);
      return true;
    });
  } finally {
    await transport.close();
    await server.close();
  }
});

test('a never-ending chunked body is abandoned at the bound, not buffered', async () => {
  let written = 0;
  let stopped = false;
  const server = await scriptedServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!stopped && written < 512 * 1024 * 1024) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    res.on('close', () => (stopped = true));
    pump();
  });
  const transport = createTransport({ timeoutSeconds: 30, maxResponseBytes: 1024 * 1024 });
  try {
    await assert.rejects(transport.send({ method: 'GET', url: `${server.url}/stream`, signal }), (e: unknown) => e instanceof ApiError && e.apiCode === 'RESPONSE_TOO_LARGE');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(stopped, 'the connection was closed once the bound was passed');
    assert.ok(written < 64 * 1024 * 1024, `the server could write only a bounded amount (${written} bytes)`);
  } finally {
    await transport.close();
    await server.close();
  }
});

test('a redirect to another host is not followed: the other host gets no request', async () => {
  const other = await scriptedServer((_req, res) => json(res, 200, { data: [] }));
  const server = await scriptedServer((_req, res) => {
    res.writeHead(302, { location: `${other.url}/steal?x=1` });
    res.end();
  });
  const transport = createTransport({ timeoutSeconds: 5 });
  try {
    await assert.rejects(transport.send({ method: 'GET', url: `${server.url}/12/accounts`, headers: { authorization: 'OAuth oauth_token="t"' }, signal }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.apiCode, 'REDIRECT');
      assert.equal(error.status, 302);
      assert.match(error.message, /GET \/12\/accounts answered HTTP 302 redirecting to http:\/\/127\.0\.0\.1:\d+; redirects are not followed/);
      return true;
    });
    assert.equal(other.received.length, 0);
  } finally {
    await transport.close();
    await server.close();
    await other.close();
  }
});

test('response headers past the bound are a clear HEADERS_TOO_LARGE error', async () => {
  const server = await scriptedServer((_req, res) => {
    res.writeHead(200, { 'x-junk': 'j'.repeat(200_000), 'content-type': 'application/json' });
    res.end('{}');
  });
  const transport = createTransport({ timeoutSeconds: 5, maxHeaderBytes: 16 * 1024 });
  try {
    await assert.rejects(transport.send({ method: 'GET', url: `${server.url}/h`, signal }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.apiCode, 'HEADERS_TOO_LARGE');
      assert.match(error.message, /GET \/h: the response headers exceed 16384 bytes/);
      return true;
    });
  } finally {
    await transport.close();
    await server.close();
  }
});

test('a server that never answers times out with TIMEOUT', async () => {
  const server = await scriptedServer(() => {});
  const transport = createTransport({ timeoutSeconds: 1 });
  try {
    await assert.rejects(transport.send({ method: 'GET', url: `${server.url}/slow`, signal }), (e: unknown) => e instanceof ApiError && e.apiCode === 'TIMEOUT' && e.status === 0);
  } finally {
    await transport.close();
    await server.close();
  }
});
