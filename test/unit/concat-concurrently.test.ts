import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { concatConcurrently } from '../../src/providers/concat-concurrently.js';

function source(label: string, count: number, pulled: string[], ms = 1) {
  return async function* () {
    for (let i = 0; i < count; i++) {
      await delay(ms);
      pulled.push(`${label}${i}`);
      yield `${label}${i}`;
    }
  };
}

test('items come out in source order although sources run concurrently', async () => {
  const pulled: string[] = [];
  const out: string[] = [];
  for await (const item of concatConcurrently([source('a', 3, pulled, 5), source('b', 3, pulled, 1), source('c', 2, pulled, 1)], 3)) out.push(item);
  assert.deepEqual(out, ['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'c0', 'c1']);
  assert.ok(pulled.indexOf('b2') < pulled.indexOf('a2'), 'b ran ahead while a was slow');
});

test('a source running ahead stops at the high-water mark', async () => {
  const pulled: string[] = [];
  const out: string[] = [];
  for await (const item of concatConcurrently([source('a', 3, pulled, 20), source('b', 50, pulled, 0)], 2, 5)) {
    if (out.length === 0) assert.ok(pulled.filter((p) => p.startsWith('b')).length <= 6, `b buffered ${pulled.length} items`);
    out.push(item);
  }
  assert.equal(out.length, 53);
});

test('stopping early closes the sources and an error reaches the consumer', async () => {
  const pulled: string[] = [];
  for await (const item of concatConcurrently([source('a', 100, pulled), source('b', 100, pulled)], 2, 3)) if (item === 'a1') break;
  await delay(20);
  assert.ok(pulled.length < 20, `pulled ${pulled.length}`);
  const failing = async function* () {
    yield 'x';
    throw new Error('boom');
  };
  await assert.rejects(async () => {
    for await (const _ of concatConcurrently([failing, source('b', 2, [])], 2));
  }, /boom/);
});

test('a finished source frees its slot while a slower earlier one is still read, within a bounded lookahead', async () => {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const startedSources: number[] = [];
  const sources = Array.from({ length: 20 }, (_, i) => async function* () {
    startedSources.push(i);
    if (i === 0) await gate;
    yield `s${i}`;
  });
  const out: string[] = [];
  const consumer = (async () => {
    for await (const item of concatConcurrently(sources, 2)) out.push(item);
  })();
  // Let the quick sources run while source 0 waits.
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
  // Not stuck at sources 0 and 1 (head-of-line), yet no more than 4 × concurrency started ahead.
  assert.deepEqual(startedSources, [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(out, []);
  open();
  await consumer;
  assert.deepEqual(out, sources.map((_, i) => `s${i}`));
  assert.equal(startedSources.length, 20);
});
