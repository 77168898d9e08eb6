import assert from 'node:assert/strict';
import { test } from 'node:test';
import { singleFlight } from '../../src/auth/single-flight.js';

test('calls while one is running share its promise; the next call after it settles starts anew', async () => {
  let calls = 0;
  let release!: (value: string) => void;
  const refresh = singleFlight(() => {
    calls++;
    return new Promise<string>((resolve) => (release = resolve));
  });
  const a = refresh();
  const b = refresh();
  assert.equal(a, b);
  assert.equal(calls, 1);
  release('token-1');
  assert.deepEqual(await Promise.all([a, b]), ['token-1', 'token-1']);
  const c = refresh();
  assert.notEqual(c, a);
  assert.equal(calls, 2);
  release('token-2');
  assert.equal(await c, 'token-2');
});

test('a failure is shared by the callers in flight, and the next call retries', async () => {
  let calls = 0;
  const refresh = singleFlight(async () => {
    calls++;
    await new Promise((r) => setTimeout(r, 5));
    if (calls === 1) throw new Error('refresh failed');
    return 'ok';
  });
  const results = await Promise.allSettled([refresh(), refresh(), refresh()]);
  assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
  assert.equal(calls, 1);
  assert.equal(await refresh(), 'ok');
  assert.equal(calls, 2);
});

test('a synchronous throw becomes a shared rejection', async () => {
  let calls = 0;
  const refresh = singleFlight((): Promise<string> => {
    calls++;
    throw new Error('sync');
  });
  await Promise.all([assert.rejects(refresh(), /sync/), assert.rejects(refresh(), /sync/)]);
  assert.equal(calls, 1);
});
