/**
 * Every `=`/IN filter declared in schemas/twitterads: exact rows (against a local filter of the full scan)
 * in one call. Tables with a required filter that has no default are covered in object-tables-e2e.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { twitterAdsSchemas } from '../../src/providers/twitterads/catalog.js';
import { startHarness, type Harness } from './harness.js';
import { emulatorServesObjectTables, objectTables } from './object-endpoints.js';

let h: Harness;
let objectsServed = false;
before(async () => {
  h = await startHarness();
  objectsServed = await emulatorServesObjectTables(h);
});
after(() => h.close());

const needsScope = (schema: (typeof twitterAdsSchemas)[number]) => schema.filters.some((f) => f.column !== 'AccountId' && f.require === 'required' && !f.default);

for (const schema of twitterAdsSchemas.filter((s) => !needsScope(s))) {
  const flags = schema.columns.filter((c) => c.pseudo && c.type === 'Boolean').map((c) => `${c.name} = true`);
  for (const filter of schema.filters) {
    if (filter.column === 'AccountId' || !filter.operators.includes('=') || schema.columns.find((c) => c.name === filter.column)?.pseudo) continue;
    test(`${schema.name}.${filter.column} = x is pushed to ${filter.target.name}`, async (t) => {
      if (objectTables.has(schema.name) && !objectsServed) return t.skip('the emulator does not serve the object endpoints yet');
      const account = h.emulator.credentials.accountIds[0]!;
      const scope = schema.filters.some((f) => f.column === 'AccountId') ? [`AccountId = '${account}'`] : [];
      const where = [...scope, ...flags].join(' AND ') || '1 = 1';
      const all = (await h.conn.query(`SELECT * FROM ${schema.name} WHERE ${where}`)).rows;
      const value = all.find((r) => r[filter.column] !== null)?.[filter.column];
      assert.ok(value !== undefined, `${schema.name} has rows with ${filter.column}`);
      await h.reset();
      const { rows } = await h.conn.query(`SELECT * FROM ${schema.name} WHERE ${where} AND ${filter.column} = ?`, [value as string]);
      const key = schema.columns.find((c) => c.key)!.name;
      assert.deepEqual(rows.map((r) => r[key]).sort(), all.filter((r) => r[filter.column] === value).map((r) => r[key]).sort());
      assert.equal((await h.calls()).requests, 1);
    });
  }
}
