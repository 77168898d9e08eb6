/**
 * The fault-injection corpus in CI, with a modest count: both providers, six queries each, under
 * --fail-rate 0.1 --reset-rate 0.05 --truncate-rate 0.05, without and with CacheTTL=300. No query
 * fails, no row is lost or duplicated. (A bigger run: test/faults/run-corpus.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRows, corpusProviders, runCorpus } from './fault-corpus.js';

test('compareRows counts lost and duplicated rows as multisets', () => {
  assert.deepEqual(compareRows([{ a: 1 }, { a: 2 }, { a: 2 }], [{ a: 2 }, { a: 3 }, { a: 3 }]), { lost: 2, duplicated: 2 });
  assert.deepEqual(compareRows([{ a: 1 }], [{ a: 1 }]), { lost: 0, duplicated: 0 });
});

for (const provider of corpusProviders) {
  for (const cacheTtl of [0, 300]) {
    test(`${provider.name}, CacheTTL=${cacheTtl}: every faulted run returns exactly the fault-free rows`, { timeout: 240_000 }, async (t) => {
      const tally = await runCorpus(provider, { runs: 2, cacheTtl });
      t.diagnostic(JSON.stringify(tally));
      assert.deepEqual(tally.failuresSeen, []);
      assert.equal(tally.failures, 0);
      assert.equal(tally.lost, 0);
      assert.equal(tally.duplicated, 0);
      assert.ok(tally.rows > 0);
    });
  }
}
