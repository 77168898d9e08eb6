/** Every `=`/IN filter declared in schemas/twitterads: exact rows (against a local filter of the full scan) in one call. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { twitterAdsSchemas } from '../../src/providers/twitterads/catalog.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

for (const schema of twitterAdsSchemas) {
  const flags = schema.columns.filter((c) => c.pseudo).map((c) => `${c.name} = true`);
  for (const filter of schema.filters) {
    if (filter.column === 'AccountId' || !filter.operators.includes('=') || schema.columns.find((c) => c.name === filter.column)?.pseudo) continue;
    test(`${schema.name}.${filter.column} = x is pushed to ${filter.target.name}`, async () => {
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
