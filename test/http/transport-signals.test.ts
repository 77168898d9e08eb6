/**
 * The transport's per-exchange abort wiring: the caller's signal cancels an exchange in flight
 * (CancelledError, not TIMEOUT), and a finished exchange leaves no listener on the caller's signal,
 * so one query's signal shared by hundreds of requests does not accumulate them.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import { CancelledError } from '../../src/errors.js';
import { createTransport } from '../../src/http/transport.js';
import { json, scriptedServer } from './scripted-server.js';

test('200 exchanges on one signal leave no abort listener behind', async () => {
  const server = await scriptedServer((_req, res) => json(res, 200, { ok: true }));
  const transport = createTransport({ timeoutSeconds: 30 });
  const controller = new AbortController();
  try {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => transport.send({ method: 'GET', url: `${server.url}/n/${i}`, signal: controller.signal })));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    assert.equal(server.received.length, 200);
  } finally {
    await transport.close();
    await server.close();
  }
});

test('aborting the caller’s signal mid-exchange is a CancelledError and leaves no listener', async () => {
  const server = await scriptedServer(() => {}); // never answers
  const transport = createTransport({ timeoutSeconds: 30 });
  const controller = new AbortController();
  try {
    const pending = transport.send({ method: 'GET', url: `${server.url}/slow`, signal: controller.signal });
    while (server.received.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await assert.rejects(pending, (error: unknown) => error instanceof CancelledError);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  } finally {
    await transport.close();
    await server.close();
  }
});
