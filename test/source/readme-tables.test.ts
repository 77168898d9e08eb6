/** The README's key-column tables are generated from the schemas; this fails when they are stale (run `npm run docs:tables`). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { tableDocs } from '../../src/providers/table-docs.js';
import { keyColumnTable } from '../../src/source/key-column-docs.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

for (const [provider, docs] of Object.entries(tableDocs)) {
  test(`README key columns of ${provider} match the schemas`, () => {
    const start = `<!-- keycolumns:${provider}:start -->\n`;
    const a = readme.indexOf(start);
    const b = readme.indexOf(`\n<!-- keycolumns:${provider}:end -->`);
    assert.ok(a >= 0 && b > a, `README has the ${provider} section`);
    assert.equal(readme.slice(a + start.length, b), keyColumnTable(docs));
  });
}
