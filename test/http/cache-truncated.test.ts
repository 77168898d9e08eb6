/**
 * Issue 14 item 9 end to end: with CacheTTL=60, a truncated first response is retried below the
 * cache and the query returns the right rows; the bad body is never served again.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { connect } from '../../src/providers/instagram/index.js';
import { scriptedServer } from './scripted-server.js';

/** Forwards to the emulator, cutting the first answer's body short (a complete HTTP message with broken JSON). */
async function truncatingProxy(target: string) {
  const upstream = new URL(target);
  return scriptedServer(
    (req, res, received, index) =>
      new Promise<void>((resolve, reject) => {
        const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            let body = Buffer.concat(chunks);
            if (index === 0) body = body.subarray(0, Math.floor(body.length / 2));
            const headers = { ...answer.headers, 'content-length': String(body.length) };
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(body);
            resolve();
          });
        });
        forward.on('error', reject);
        forward.end(received.body);
      }),
  );
}

test('CacheTTL=60: a truncated first response is retried, the query returns the right rows, and only good bodies are cached', async () => {
  const emulator = await startInstagramEmulator({ port: 0, seed: 9 });
  const proxy = await truncatingProxy(emulator.url);
  const c = emulator.credentials;
  const props = `OAuthAccessToken=${c.accessToken};OAuthClientSecret=${c.clientSecret};BusinessAccountId=${c.businessAccountId};Pagesize=5`;
  try {
    const direct = await connect(`BaseURL=${emulator.url};${props}`);
    const expected = (await direct.query('SELECT Id, Caption FROM Media')).rows;
    await direct.close();

    const conn = await connect(`BaseURL=${proxy.url};${props};CacheTTL=60`);
    try {
      const first = await conn.query('SELECT Id, Caption FROM Media');
      assert.deepEqual(first.rows, expected);
      const pages = Math.ceil(expected.length / 5);
      assert.equal(proxy.received.length, pages + 1, 'every page once, plus one retry of the truncated first page');
      assert.equal(proxy.received[0]!.url, proxy.received[1]!.url, 'the retry asked for the same page');

      const again = await conn.query('SELECT Id, Caption FROM Media');
      assert.deepEqual(again.rows, expected);
      assert.equal(proxy.received.length, pages + 1, 'the repeat is answered from the cache, which holds only the good bodies');
    } finally {
      await conn.close();
    }
  } finally {
    await proxy.close();
    await emulator.close();
  }
});
