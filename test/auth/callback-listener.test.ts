import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { startCallbackListener, waitForCallback } from '../../src/auth/callback-listener.js';
import { AuthError, CancelledError, ConnectionStringError } from '../../src/errors.js';

const get = (url: string) => fetch(url, { redirect: 'manual' });

describe('CallbackURL checks', () => {
  test('a host that is not loopback, or https, is refused with a clear error', async () => {
    await assert.rejects(startCallbackListener({ callbackUrl: 'http://example.com:33333/cb' }), (error: unknown) => {
      assert.ok(error instanceof ConnectionStringError);
      assert.match(error.message, /CallbackURL host "example.com" is not a loopback address/);
      return true;
    });
    await assert.rejects(startCallbackListener({ callbackUrl: 'http://0.0.0.0:33333' }), /not a loopback address/);
    await assert.rejects(startCallbackListener({ callbackUrl: 'https://localhost:33333' }), /must use http:\/\//);
    await assert.rejects(startCallbackListener({ callbackUrl: 'localhost:33333' }), ConnectionStringError);
  });

  test('port 0 binds a free port and keeps the path; localhost also answers on ::1 when the machine has IPv6', async () => {
    const listener = await startCallbackListener({ callbackUrl: 'http://localhost:0/oauth/callback' });
    try {
      const url = new URL(listener.callbackUrl);
      assert.equal(url.hostname, 'localhost');
      assert.notEqual(url.port, '0');
      assert.equal(url.pathname, '/oauth/callback');
      const v4 = await get(`http://127.0.0.1:${url.port}/elsewhere`);
      assert.equal(v4.status, 404);
      const v6 = await get(`http://[::1]:${url.port}/oauth/callback`).catch(() => undefined);
      if (v6) assert.equal(v6.status, 409, 'not waiting yet');
    } finally {
      await listener.close();
    }
  });

  test('a port in use is a clear AuthError', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await assert.rejects(startCallbackListener({ callbackUrl: `http://127.0.0.1:${port}` }), (error: unknown) => {
        assert.ok(error instanceof AuthError);
        assert.match(error.message, new RegExp(`port ${port} of 127.0.0.1 is in use`));
        return true;
      });
    } finally {
      blocker.close();
    }
  });

  test('close() releases the port', async () => {
    const first = await startCallbackListener({ callbackUrl: 'http://127.0.0.1:0/cb' });
    const port = new URL(first.callbackUrl).port;
    await first.close();
    const second = await startCallbackListener({ callbackUrl: `http://127.0.0.1:${port}/cb` });
    await second.close();
  });
});

describe('OAuth 2.0 callbacks (state)', () => {
  test('a matching state: a friendly page, and the query with the code', async () => {
    const listener = await startCallbackListener({ callbackUrl: 'http://127.0.0.1:0/cb' });
    try {
      const waiting = listener.next({ state: 'state-123' }, { timeoutMs: 5000 });
      const res = await get(`${listener.callbackUrl}?code=the-code&state=state-123`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await res.text(), /socialsql: authorization complete, you can close this window/);
      const query = await waiting;
      assert.equal(query.get('code'), 'the-code');
    } finally {
      await listener.close();
    }
  });

  test('a wrong state answers 400 and rejects: possible CSRF', async () => {
    const listener = await startCallbackListener({ callbackUrl: 'http://127.0.0.1:0/cb' });
    try {
      const waiting = listener.next({ state: 'state-123' }, { timeoutMs: 5000 });
      const rejected = assert.rejects(waiting, (error: unknown) => {
        assert.ok(error instanceof AuthError);
        assert.match(error.message, /state did not match this authorization request: possible CSRF/);
        return true;
      });
      const res = await get(`${listener.callbackUrl}?code=attacker-code&state=forged`);
      assert.equal(res.status, 400);
      assert.match(await res.text(), /possible CSRF/);
      await rejected;
      const missing = listener.next({ state: 'state-123' }, { timeoutMs: 5000 });
      const rejectedToo = assert.rejects(missing, /state did not match/);
      assert.equal((await get(`${listener.callbackUrl}?code=c`)).status, 400);
      await rejectedToo;
    } finally {
      await listener.close();
    }
  });

  test('a denial (error param) rejects with the description', async () => {
    const listener = await startCallbackListener({ callbackUrl: 'http://127.0.0.1:0/cb' });
    try {
      const waiting = listener.next({ state: 's' }, { timeoutMs: 5000 });
      const rejected = assert.rejects(waiting, /Authorization was not granted: Permissions error/);
      const res = await get(`${listener.callbackUrl}?error=access_denied&error_reason=user_denied&error_description=Permissions+error&state=s`);
      assert.equal(res.status, 200);
      await rejected;
    } finally {
      await listener.close();
    }
  });

  test('timeout and abort', async () => {
    const listener = await startCallbackListener({ callbackUrl: 'http://127.0.0.1:0/cb' });
    try {
      await assert.rejects(listener.next({ state: 's' }, { timeoutMs: 50 }), (error: unknown) => {
        assert.ok(error instanceof AuthError);
        assert.match(error.message, /No authorization arrived at http:\/\/127\.0\.0\.1:\d+\/cb within 0 s/);
        return true;
      });
      const controller = new AbortController();
      const waiting = listener.next({ state: 's' }, { timeoutMs: 5000, signal: controller.signal });
      controller.abort();
      await assert.rejects(waiting, CancelledError);
      await assert.rejects(listener.next({ state: 's' }, { timeoutMs: 5000, signal: controller.signal }), CancelledError);
    } finally {
      await listener.close();
    }
  });

  test('other paths and methods are 404 and do not end the wait', async () => {
    const listener = await startCallbackListener({ callbackUrl: 'http://127.0.0.1:0/cb' });
    try {
      const waiting = listener.next({ state: 's' }, { timeoutMs: 5000 });
      const origin = new URL(listener.callbackUrl).origin;
      assert.equal((await get(`${origin}/favicon.ico`)).status, 404);
      assert.equal((await fetch(`${listener.callbackUrl}?code=c&state=s`, { method: 'POST' })).status, 404);
      assert.equal((await get(`${listener.callbackUrl}?code=c&state=s`)).status, 200);
      assert.equal((await waiting).get('code'), 'c');
    } finally {
      await listener.close();
    }
  });

  test('waitForCallback: ready() gets the real URL, and the listener is closed afterwards', async () => {
    let port = '';
    const query = await waitForCallback({
      callbackUrl: 'http://127.0.0.1:0/done',
      expect: { state: 'xyz' },
      timeoutMs: 5000,
      ready: async (callbackUrl) => {
        port = new URL(callbackUrl).port;
        await get(`${callbackUrl}?code=k&state=xyz`);
      },
    });
    assert.equal(query.get('code'), 'k');
    await assert.rejects(get(`http://127.0.0.1:${port}/done`), /fetch failed/);
  });
});

describe('OAuth 1.0a callbacks (oauth_token)', () => {
  test('matching token resolves with the verifier; a foreign token or a cancel rejects', async () => {
    const listener = await startCallbackListener({ callbackUrl: 'http://127.0.0.1:0/' });
    try {
      const ok = listener.next({ oauthToken: 'req-token' }, { timeoutMs: 5000 });
      assert.equal((await get(`${listener.callbackUrl}?oauth_token=req-token&oauth_verifier=ver-1`)).status, 200);
      assert.equal((await ok).get('oauth_verifier'), 'ver-1');

      const wrong = listener.next({ oauthToken: 'req-token' }, { timeoutMs: 5000 });
      const wrongRejected = assert.rejects(wrong, /oauth_token did not match this authorization request: possible CSRF/);
      assert.equal((await get(`${listener.callbackUrl}?oauth_token=other&oauth_verifier=ver-2`)).status, 400);
      await wrongRejected;

      const denied = listener.next({ oauthToken: 'req-token' }, { timeoutMs: 5000 });
      const deniedRejected = assert.rejects(denied, /cancelled it in the browser/);
      await get(`${listener.callbackUrl}?denied=req-token`);
      await deniedRejected;
    } finally {
      await listener.close();
    }
  });
});
