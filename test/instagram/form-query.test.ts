/** The client writes query strings itself (fan-outs build thousands): they must equal URLSearchParams's. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formQuery } from '../../src/providers/instagram/client.js';

test('formQuery writes what URLSearchParams writes', () => {
  const cases: Record<string, string>[] = [
    {},
    { metric: 'reach,views,shares', fields: 'id,media_type' },
    { q: "a b!'()~*-._", 'k e&y=': 'v=1&2+3%/?#' },
    { text: 'é😀\n"\\[]:@$;', 2: 'two', 1: 'one' },
    { lone: '\uD800x', other: '\uDC00' },
    { empty: '', '': 'blank key' },
  ];
  for (const query of cases) assert.equal(formQuery(query), new URLSearchParams(query).toString(), JSON.stringify(query));
});
