/**
 * An Apply against the Twitter Ads emulator: a correlated subquery with a correlation other than =
 * equals SQLite over the same rows, and the emulator's request log shows LineItems listed exactly
 * as often as a plain `SELECT * FROM LineItems` lists it, not once per campaign.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { multiset, useEmulatorOracle } from './emulator-oracle.js';

const oracle = useEmulatorOracle();

interface Logged {
  readonly method: string;
  readonly path: string;
}

const lineItemCalls = async (sql: string): Promise<{ rows: unknown[][]; calls: number }> => {
  await oracle.harness.reset();
  const result = await oracle.harness.conn.query(sql);
  const log = (await (await fetch(`${oracle.harness.emulator.url}/__emulator/requests`)).json()) as Logged[];
  return {
    rows: result.rows.map((r) => result.fields.map((f) => r[f.name])),
    calls: log.filter((r) => r.method === 'GET' && /\/line_items$/.test(r.path)).length,
  };
};

test('a non-equality correlated subquery over LineItems: SQLite\'s rows, and one listing of LineItems for all campaigns', async () => {
  const sql = 'SELECT c.Id, (SELECT COUNT(*) FROM LineItems l WHERE l.CampaignId = c.Id AND l.Name < c.Name) AS n FROM Campaigns c';
  const { rows, calls } = await lineItemCalls(sql);
  assert.deepEqual(multiset(rows), multiset(oracle.db.prepare(sql).raw().all() as unknown[][]));
  assert.ok(rows.length > 10, `${rows.length} campaigns`);
  const plain = await lineItemCalls('SELECT * FROM LineItems');
  assert.ok(plain.calls >= 1);
  assert.equal(calls, plain.calls, 'LineItems pages fetched once, as for a plain listing');
  const plan = await oracle.explain(sql);
  assert.ok(plan.some((line) => /^Apply: .*not decorrelated: l\.Name < c\.Name does not compare with =/.test(line)), plan.join('\n'));
});

test('NOT EXISTS with a range correlation equals SQLite', async () => {
  const sql = 'SELECT c.Id FROM Campaigns c WHERE NOT EXISTS (SELECT 1 FROM LineItems l WHERE l.CampaignId = c.Id AND l.Name > c.Name)';
  const { rows, calls } = await lineItemCalls(sql);
  assert.deepEqual(multiset(rows), multiset(oracle.db.prepare(sql).raw().all() as unknown[][]));
  assert.equal(calls, (await lineItemCalls('SELECT * FROM LineItems')).calls);
});
