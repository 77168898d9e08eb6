/**
 * The loop that checks a batch item's page (listPageShape) accepts exactly what the documented
 * schema (listEnvelope) accepts: generated pages, well-formed and not, near the edges of each rule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { listEnvelope, listPageShape } from '../../src/providers/instagram/client.js';

const anything = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}));
const item = fc.oneof(anything, fc.record({ id: anything }, { requiredKeys: [] }), fc.record({ id: fc.string(), name: fc.string() }), fc.record({ id: fc.integer() }));
const cursors = fc.oneof(anything, fc.record({ after: anything }, { requiredKeys: [] }));
const paging = fc.oneof(anything, fc.record({ cursors, next: anything }, { requiredKeys: [] }));
const page = fc.oneof(anything, fc.record({ data: fc.oneof(anything, fc.array(item, { maxLength: 4 })), paging }, { requiredKeys: [] }), fc.array(item, { maxLength: 2 }));

test('listPageShape and listEnvelope accept and refuse the same pages', () => {
  let accepted = 0;
  fc.assert(
    fc.property(page, (body) => {
      const fast = listPageShape.safeParse(body).success;
      assert.equal(fast, listEnvelope.safeParse(body).success, JSON.stringify(body));
      if (fast) accepted++;
    }),
    { numRuns: 3000, seed: 20261202 },
  );
  assert.ok(accepted > 100, `only ${accepted} generated pages were well-formed`);
});
