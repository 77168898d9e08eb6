import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Value } from '../../src/catalog/types.js';
import type { RunEnv, Tuple } from '../../src/exec/env.js';
import { DependentJoinOperator } from '../../src/exec/operators/dependent-join.js';
import type { JoinSpec } from '../../src/exec/operators/join-support.js';
import type { PlanNode } from '../../src/exec/plan-node.js';

/** Outer rows [key] in pages; each page is released by the test, so we see what overlaps it. */
function outerScan(pages: Value[][], released: Promise<void>[]): PlanNode {
  return {
    produced: { rows: 0 },
    async *batches() {
      for (let i = 0; i < pages.length; i++) {
        await released[i];
        yield pages[i]!.map((k) => [k, null, null]);
      }
    },
  };
}

/** An inner scan that records each open (its Param values) and how many are open at once. */
function innerScan(log: { opened: Value[][]; inFlight: number; maxInFlight: number }, finish: () => Promise<void>): PlanNode {
  return {
    produced: { rows: 0 },
    async *batches(env: RunEnv) {
      const keys = env.params.get('join:i') ?? [];
      log.opened.push([...keys]);
      log.inFlight++;
      log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
      try {
        await finish();
        yield keys.map((k) => [null, k, `inner-${String(k)}`] as Tuple);
      } finally {
        log.inFlight--;
      }
    },
  };
}

/** Slot 0: the outer key; slots 1-2: the inner key and value. */
const spec = (): JoinSpec => ({ type: 'Inner', keys: [{ outer: (t: Tuple) => t[0]!, inner: (t: Tuple) => t[1]!, type: 'Int' }], innerSlots: [1, 2] });

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

test('join batches: the inner scan of a batch starts as soon as its keys are known, several overlap, rows keep outer order', async () => {
  const pages = [[1, 2], [3, 4], [5, 6]];
  const gates = pages.map(() => gate());
  const log = { opened: [] as Value[][], inFlight: 0, maxInFlight: 0 };
  const innerGate = gate();
  const join = new DependentJoinOperator(outerScan(pages, gates.map((g) => g.promise)), innerScan(log, () => innerGate.promise), spec(), 0, 'join:i', 2);
  const env: RunEnv = { signal: new AbortController().signal, params: new Map(), subqueries: [], now: new Date(0) };
  const out: Tuple[] = [];
  const done = (async () => {
    for await (const batch of join.batches(env)) out.push(...batch);
  })();
  gates[0]!.open();
  await new Promise((r) => setImmediate(r));
  // The first batch's inner scan is open before the outer scan has sent its second page.
  assert.deepEqual(log.opened, [[1, 2]]);
  gates[1]!.open();
  gates[2]!.open();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(log.opened, [[1, 2], [3, 4], [5, 6]]);
  assert.equal(log.maxInFlight, 3, 'all three inner scans were open at once');
  innerGate.open();
  await done;
  assert.deepEqual(out, [1, 2, 3, 4, 5, 6].map((k) => [k, k, `inner-${k}`]));
});
