import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { isClientAbort } from '../../src/emulator/shared/client-abort.js';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';

test('a client hanging up mid-body is a client abort; an emulator bug is not', () => {
  assert.equal(isClientAbort(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })), true);
  assert.equal(isClientAbort(new TypeError("Cannot read properties of undefined (reading 'id')")), false);
  assert.equal(isClientAbort('aborted'), false);
});

test('the emulator does not log a client that hangs up mid-request as an internal error', async () => {
  const emulator = await startTwitterAdsEmulator();
  const logged: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void logged.push(args);
  try {
    const url = new URL('/12/batch/accounts/x/campaigns', emulator.url);
    await new Promise<void>((resolve) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '100000' } });
      req.on('error', () => resolve());
      req.write('[{"operation_type":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(logged.filter((args) => String(args[0]).includes('internal error') || String(args[0]).includes('request failed')), []);
  } finally {
    console.error = original;
    await emulator.close();
  }
});
