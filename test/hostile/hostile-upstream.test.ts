/**
 * A hostile upstream for both providers (issue 7 item 14): a scripted server used as BaseURL plays
 * malformed JSON, HTML with 200, wrong types, null ids, huge and never-ending bodies, repeating
 * cursors, a redirect to another host, huge headers, echoed credentials and weird rate-limit headers.
 * Each case: the expected clear error, bounded memory and time (the test's timeout), and no request
 * to the other host.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { ApiError, RateLimitError } from '../../src/errors.js';
import { assertContained, IG, providers, runCase, send, type Provider } from './hostile-server.js';

const CASE = { timeout: 30_000 };

function assertApiError(error: unknown, apiCode: string, message: RegExp): asserts error is ApiError {
  assert.ok(error instanceof ApiError, `expected ApiError ${apiCode}, got ${String(error)}`);
  assert.equal(error.apiCode, apiCode, error.message);
  assert.match(error.message, message);
}

const apiName = (p: Provider) => (p.name === 'twitterads' ? 'Twitter Ads' : 'the Instagram Graph API');
const escaped = (path: string) => path.replace(/[/.]/g, (c) => `\\${c}`);

for (const p of providers) {
  test(`${p.name}: malformed JSON is retried, then a clear MALFORMED_RESPONSE naming the endpoint`, CASE, async () => {
    const outcome = await runCase(p, () => (_req, res) => send(res, 200, '{"data": [{"id": "a"'));
    assertApiError(outcome.error, 'MALFORMED_RESPONSE', new RegExp(`Malformed response from ${apiName(p)} for GET ${escaped(p.firstPath)}: invalid JSON`));
    assert.equal(outcome.server.received.length, 7, 'the first attempt and six retries');
    assertContained(p, outcome);
  });

  test(`${p.name}: an HTML page with 200 is MALFORMED_RESPONSE`, CASE, async () => {
    const outcome = await runCase(p, () => (_req, res) => send(res, 200, '<!DOCTYPE html><html><body>Sorry, something went wrong</body></html>', { 'content-type': 'text/html' }));
    assertApiError(outcome.error, 'MALFORMED_RESPONSE', /invalid JSON \(\d+ bytes\)/);
    assertContained(p, outcome);
  });

  test(`${p.name}: wrong types: a numeric id reads as its text, an object where text belongs is a clear error`, CASE, async () => {
    const numeric = await runCase(p, () => (_req, res) => send(res, 200, JSON.stringify(p.page([5]))));
    assert.equal(numeric.error, undefined);
    assert.deepEqual(numeric.rows?.map((r) => r.Id), ['5']);
    const field = p.name === 'twitterads' ? 'name' : 'caption';
    const wrong = await runCase(p, () => (_req, res) => send(res, 200, JSON.stringify({ ...(p.page(['a']) as object), data: [{ id: 'a', [field]: { nested: true } }] })));
    assertApiError(wrong.error, 'MALFORMED_RESPONSE', new RegExp(`column \\w+ \\(${field}\\) should be String, got object`));
    assertContained(p, wrong);
  });

  test(`${p.name}: a null id is MALFORMED_RESPONSE saying where`, CASE, async () => {
    const outcome = await runCase(p, () => (_req, res) => send(res, 200, JSON.stringify(p.page(['ok', null]))));
    assertApiError(outcome.error, 'MALFORMED_RESPONSE', /at data\.1: objects with usable ids/);
    assertContained(p, outcome);
  });

  test(`${p.name}: a 200 MB body is cut off at MaxResponseSize, not retried, memory stays small`, CASE, async () => {
    let written = 0;
    const outcome = await runCase(
      p,
      () => (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data": [');
        const chunk = Buffer.from(`${JSON.stringify({ id: 'x', name: 'y'.repeat(1000) })},`.repeat(64));
        const pump = () => {
          while (written < 200 * 1024 * 1024) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end('{"id":"z"}]}');
        };
        res.on('close', () => (written = Infinity));
        pump();
      },
      'MaxResponseSize=4194304',
    );
    assertApiError(outcome.error, 'RESPONSE_TOO_LARGE', /the response body exceeds MaxResponseSize=4194304 bytes/);
    assert.equal(outcome.server.received.length, 1, 'a body past the bound is not fetched again');
    assertContained(p, outcome, 64 * 1024 * 1024);
  });

  test(`${p.name}: a declared Content-Length past the bound fails before the body is read`, CASE, async () => {
    const outcome = await runCase(p, () => (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) });
      res.write('{"data": [');
    });
    assertApiError(outcome.error, 'RESPONSE_TOO_LARGE', /exceeds MaxResponseSize=67108864 bytes/);
    assertContained(p, outcome, 32 * 1024 * 1024);
  });

  test(`${p.name}: a never-ending body ends at the bound`, CASE, async () => {
    const outcome = await runCase(
      p,
      () => (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data": [');
        const spaces = Buffer.alloc(16 * 1024, 0x20);
        let open = true;
        res.on('close', () => (open = false));
        const pump = () => {
          while (open) if (!res.write(spaces)) return void res.once('drain', pump);
        };
        pump();
      },
      'MaxResponseSize=1048576',
    );
    assertApiError(outcome.error, 'RESPONSE_TOO_LARGE', /exceeds MaxResponseSize=1048576 bytes/);
    assertContained(p, outcome, 32 * 1024 * 1024);
  });

  test(`${p.name}: a body that trickles forever ends with the Timeout`, CASE, async () => {
    const outcome = await runCase(
      p,
      () => (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data": [');
        const timer = setInterval(() => res.write(' '), 100);
        res.on('close', () => clearInterval(timer));
      },
      'Timeout=1',
    );
    assertApiError(outcome.error, 'TIMEOUT', /timed out after 1 s/);
    assertContained(p, outcome);
  });

  test(`${p.name}: a repeating cursor stops with PAGING_LOOP naming the endpoint`, CASE, async () => {
    let base = '';
    const outcome = await runCase(p, () => (req, res) => {
      base ||= `http://${req.headers.host}`;
      send(res, 200, JSON.stringify(p.page([`id-${Math.random()}`], 'same-cursor', base)));
    });
    assertApiError(outcome.error, 'PAGING_LOOP', new RegExp(`paging of GET ${escaped(p.firstPath.replace(/^\/(12|v21\.0)/, ''))} repeated`));
    assert.equal(outcome.server.received.length, 2, 'the first page, and the page its cursor named; not a third');
    assertContained(p, outcome);
  });

  test(`${p.name}: a redirect to another host is not followed`, CASE, async () => {
    const outcome = await runCase(p, (other) => (_req, res) => {
      res.writeHead(307, { location: `${other}${p.firstPath}` });
      res.end();
    });
    assertApiError(outcome.error, 'REDIRECT', /answered HTTP 307 redirecting to http:\/\/127\.0\.0\.1:\d+; redirects are not followed/);
    assert.equal(outcome.server.received.length, 1);
    assertContained(p, outcome);
  });

  test(`${p.name}: huge response headers are a clear error, not retried`, CASE, async () => {
    const outcome = await runCase(p, () => (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-padding': 'p'.repeat(1024 * 1024) });
      res.end(JSON.stringify(p.page(['a'])));
    });
    assertApiError(outcome.error, 'HEADERS_TOO_LARGE', /the response headers exceed 65536 bytes/);
    assert.equal(outcome.server.received.length, 1);
    assertContained(p, outcome);
  });

  test(`${p.name}: an error that echoes the request's credentials is masked`, CASE, async () => {
    const outcome = await runCase(p, () => (req, res, received) => {
      const echo = `you sent ${req.method} ${received.url} with Authorization: ${String(req.headers.authorization)} and body ${received.body}`;
      if (p.name === 'twitterads') send(res, 400, JSON.stringify({ errors: [{ code: 'INVALID_PARAMETER', message: echo }] }));
      else send(res, 400, JSON.stringify({ error: { message: echo, type: 'OAuthException', code: 100 } }));
    });
    assert.ok(outcome.error instanceof ApiError, String(outcome.error));
    const message = outcome.error.message;
    const auth = String(outcome.server.received[0]!.headers.authorization);
    if (p.name === 'twitterads') {
      for (const param of ['oauth_signature', 'oauth_nonce', 'oauth_token']) {
        const value = new RegExp(`${param}="([^"]+)"`).exec(auth)?.[1];
        assert.ok(value, `${param} was sent`);
        assert.equal(message.includes(decodeURIComponent(value)) || message.includes(value), false, `${param} is in the message: ${message}`);
      }
      assert.match(message, /oauth_token="\*\*\*\*"/);
    } else {
      const proof = createHmac('sha256', IG.clientSecret).update(IG.accessToken).digest('hex');
      assert.ok(outcome.server.received[0]!.url.includes(proof), 'appsecret_proof was sent');
      assert.equal(message.includes(proof), false, `appsecret_proof is in the message: ${message}`);
      assert.match(message, /appsecret_proof=\*\*\*\*/);
      assert.match(message, /Authorization: \*\*\*\*/);
    }
    assertContained(p, outcome);
  });
}

test('twitterads: a 429 with x-rate-limit-reset: 99999999999999 is a RateLimitError with an estimated reset', CASE, async () => {
  const p = providers[0]!;
  const outcome = await runCase(p, () => (_req, res) => send(res, 429, JSON.stringify({ errors: [{ code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' }] }), { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '99999999999999' }));
  assert.ok(outcome.error instanceof RateLimitError, String(outcome.error));
  assert.equal(outcome.error.resetEstimated, true);
  assert.ok(Number.isFinite(outcome.error.resetAt.getTime()));
  assert.match(outcome.error.message, /estimated: the API gave no usable reset time/);
  assert.equal(outcome.server.received.length, 1);
  assertContained(p, outcome);
});

test('twitterads: a 429 with no headers and one with a reset in the past are RateLimitErrors, never a 1970 reset', CASE, async () => {
  const p = providers[0]!;
  for (const headers of [{}, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '12' }] as Record<string, string>[]) {
    const started = Date.now();
    const outcome = await runCase(p, () => (_req, res) => send(res, 429, '{}', headers));
    assert.ok(outcome.error instanceof RateLimitError, String(outcome.error));
    assert.equal(outcome.error.resetEstimated, true);
    assert.ok(outcome.error.resetAt.getTime() > started, 'the reset is in the future');
    assertContained(p, outcome);
  }
});

test('instagram: a throttle code with garbage usage headers is a RateLimitError', CASE, async () => {
  const p = providers[1]!;
  const outcome = await runCase(p, () => (_req, res) =>
    send(res, 400, JSON.stringify({ error: { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32, is_transient: true } }), {
      'x-app-usage': 'not json',
      'x-business-use-case-usage': '{"178":[{"call_count":"lots","estimated_time_to_regain_access":1e300}]}',
    }),
  );
  assert.ok(outcome.error instanceof RateLimitError, String(outcome.error));
  assert.equal(outcome.error.resetEstimated, true);
  assert.ok(Number.isFinite(outcome.error.resetAt.getTime()));
  assertContained(p, outcome);
});

test('instagram: paging.next to another host is refused; that host gets nothing', CASE, async () => {
  const p = providers[1]!;
  const outcome = await runCase(p, (other) => (_req, res) => send(res, 200, JSON.stringify({ data: [{ id: 'a' }], paging: { next: `${other}/v21.0/178/media?after=x` } })));
  assertApiError(outcome.error, 'UNTRUSTED_NEXT_URL', /Refusing to follow paging\.next of GET \/178\/media to http:\/\/127\.0\.0\.1:\d+/);
  assertContained(p, outcome);
});
