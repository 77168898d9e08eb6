import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { QueryProgress } from '../../src/connection/types.js';
import { STATUS_DELAY_MS, StatusLine, statusText, type Clock } from '../../src/cli/status-line.js';
import { startHarness } from '../twitterads/harness.js';

/** A clock the test moves by hand: timers fire when `advance` passes them. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 1_000_000;
  let timers: { at: number; every?: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  const add = (run: () => void, ms: number, every?: number) => {
    const timer = { at: now + ms, every, run, id: nextId++ };
    timers.push(timer);
    return { id: timer.id } as unknown as { unref?(): void };
  };
  const remove = (handle: unknown) => (timers = timers.filter((t) => t.id !== (handle as { id: number }).id));
  return {
    now: () => now,
    setTimeout: (run, ms) => add(run, ms),
    setInterval: (run, ms) => add(run, ms, ms),
    clearTimeout: remove,
    clearInterval: remove,
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        now = due.at;
        if (due.every === undefined) timers = timers.filter((t) => t !== due);
        else due.at += due.every;
        due.run();
      }
      now = end;
    },
  };
}

const progress = (over: Partial<QueryProgress> = {}): QueryProgress => ({ calls: 0, inFlight: 0, pages: 0, rows: 0, rateLimitWaits: 0, waitingUntil: undefined, ...over });

test('statusText: calls done and in flight, pages, rows, a rate-limit countdown, elapsed', () => {
  assert.equal(statusText(progress({ calls: 3, inFlight: 2, pages: 4, rows: 1234 }), 4200, 0), '⠋ 3 calls done, 2 in flight · 4 pages · 1,234 rows · 4.2 s  (Ctrl-C cancels)');
  assert.equal(
    statusText(progress({ calls: 1, pages: 1, rows: 1, rateLimitWaits: 1, waitingUntil: 20_500 }), 9000, 8_000, 1),
    '⠙ 1 call done · 1 page · 1 row · rate limit: waiting 13 s · 9.0 s  (Ctrl-C cancels)',
  );
  assert.match(statusText(progress({ rateLimitWaits: 2, waitingUntil: 100 }), 0, 200), /· 2 rate-limit waits ·/);
});

test('StatusLine: nothing before 300 ms, then redrawn in place on stderr, erased on stop', () => {
  const clock = manualClock();
  const stderr = Object.assign(new PassThrough(), { columns: 100 });
  const line = new StatusLine(stderr, clock);
  line.update(progress({ calls: 1, inFlight: 1 }));
  clock.advance(STATUS_DELAY_MS - 1);
  assert.equal(stderr.read(), null, 'a fast query never shows a status line');
  clock.advance(1);
  line.update(progress({ calls: 2, pages: 1, rows: 50 }));
  clock.advance(100);
  line.stop();
  const text = String(stderr.read() ?? '');
  assert.match(text, /^\r\x1b\[2K⠋ 1 call done, 1 in flight · 0 pages · 0 rows · 0\.3 s/);
  assert.match(text, /\r\x1b\[2K⠙ 2 calls done · 1 page · 50 rows · 0\.4 s/);
  assert.ok(text.endsWith('\r\x1b[2K'), 'erased when the result prints');
  line.stop();
});

test('onProgress reports the HTTP work the emulator saw: calls, pages, rows', async () => {
  const harness = await startHarness({}, 'Pagesize=5');
  try {
    await harness.reset();
    const seen: QueryProgress[] = [];
    const result = await harness.conn.query('SELECT Id FROM Campaigns LIMIT 12', undefined, { onProgress: (p) => seen.push(p) });
    const calls = await harness.calls();
    const last = seen[seen.length - 1]!;
    assert.equal(result.rows.length, 12);
    assert.equal(last.calls, calls.requests, 'every request the emulator counted was reported');
    assert.ok(calls.requests >= 3, `paged at 5 rows: ${calls.requests} requests`);
    assert.equal(last.rows, 12);
    assert.ok(last.pages >= 1);
    assert.equal(last.inFlight, 0);
    assert.ok(Math.max(...seen.map((p) => p.inFlight)) >= 1, 'a request was seen in flight');
  } finally {
    await harness.close();
  }
});
