/**
 * Planning can be interrupted (issue 7 item 11): the planner checks the query's signal, the
 * connection's state and its timeout at every step (SELECT block, table, join, select item), so a
 * cancellation that lands during a long planning stops it at the next step with a CancelledError.
 * The signal is injected: its `aborted` turns true after a set number of reads.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { planningCheckpoint } from '../../src/connection/planning-checkpoint.js';
import { CancelledError, TimeoutError } from '../../src/errors.js';
import { startHarness, type Harness } from '../twitterads/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

/** A signal whose `aborted` is true from read number `abortAt` + 1 on; counts the reads. */
function countingSignal(abortAt = Infinity): { signal: AbortSignal; reads: () => number } {
  const signal = new AbortController().signal;
  let reads = 0;
  Object.defineProperty(signal, 'aborted', { get: () => ++reads > abortAt });
  return { signal, reads: () => reads };
}

const selfJoin = (n: number) => `SELECT c1.Id FROM Campaigns c1` + Array.from({ length: n - 1 }, (_, i) => ` JOIN Campaigns c${i + 2} ON c${i + 2}.Id = c${i + 1}.Id`).join('');

test('planning checks the signal at every table and join: more tables, as many more checks', async () => {
  const counts: number[] = [];
  for (const n of [32, 64]) {
    const { signal, reads } = countingSignal();
    await h.conn.query(`EXPLAIN ${selfJoin(n)}`, [], { signal });
    counts.push(reads());
  }
  // 32 more tables: at least one check each for its scan and one for its join.
  assert.ok(counts[1]! - counts[0]! >= 64, `checks: ${counts.join(', ')}`);
});

test('an abort that lands in the middle of planning 64 self-joins stops it at the next step with a CancelledError', async () => {
  const before = (await h.calls()).requests;
  // query() reads the signal twice before planning starts; the 40th planning check sees the abort.
  const abortAt = 2 + 40;
  const { signal, reads } = countingSignal(abortAt);
  await assert.rejects(h.conn.query(selfJoin(64), [], { signal }), CancelledError);
  assert.equal(reads(), abortAt + 1, 'no planning step ran after the one that saw the abort');
  assert.equal((await h.calls()).requests, before, 'no API call');
});

test('the same holds inside subqueries and select lists', async () => {
  // 15 subqueries of 16 tables: 240 table references, under the statement cap of 256.
  const sub = (j: number) => `(${selfJoin(16).replace(/c(\d+)/g, `s${j}_$1`).replace(/^SELECT \S+/, 'SELECT COUNT(*)')}) AS q${j}`;
  const sql = `SELECT ${Array.from({ length: 15 }, (_, j) => sub(j)).join(', ')}, ${Array.from({ length: 500 }, (_, i) => `'${i}' AS v${i}`).join(', ')}`;
  const { signal: full, reads: total } = countingSignal();
  await h.conn.query(`EXPLAIN ${sql}`, [], { signal: full });
  assert.ok(total() > 15 * 32 + 500, `checks: ${total()}`);
  for (const abortAt of [10, Math.floor(total() / 2), total() - 10]) {
    const { signal, reads } = countingSignal(abortAt);
    await assert.rejects(h.conn.query(`EXPLAIN ${sql}`, [], { signal }), CancelledError);
    assert.equal(reads(), abortAt + 1);
  }
});

test('the planning checkpoint: a timeout on the (injected) clock is a TimeoutError, a closed connection a CancelledError', () => {
  let now = 1_000;
  let closed = false;
  const check = planningCheckpoint({ timeoutMs: 200, closed: () => closed, clock: () => now });
  now += 200;
  check();
  now += 1;
  assert.throws(check, (e: unknown) => e instanceof TimeoutError && e.timeoutMs === 200);
  const noTimeout = planningCheckpoint({ timeoutMs: 0, closed: () => closed, clock: () => now });
  now += 1e9;
  noTimeout();
  closed = true;
  assert.throws(noTimeout, CancelledError);
});
