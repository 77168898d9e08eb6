/**
 * A subquery nested in a correlated subquery may read the outermost query (two levels up): the
 * middle subquery then runs as an Apply, once per distinct outer value, with that value bound inside
 * both levels. SQLite's rows over the emulator's data; EXPLAIN says why it was not decorrelated.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEmulatorOracle } from './emulator-oracle.js';

const { sameAsSqlite, explain } = useEmulatorOracle();

test('EXISTS inside EXISTS, the inner one reading the outermost table: SQLite\'s rows, the middle one an Apply', async () => {
  const sql =
    "SELECT c.Id, c.Name FROM Campaigns c WHERE EXISTS (SELECT 1 FROM LineItems l WHERE l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.Id <> l.Id AND x.CampaignId = c.Id AND x.Name = l.Name))";
  await sameAsSqlite(sql);
  const plan = await explain(sql);
  assert.ok(plan.some((line) => /^Apply: EXISTS .*not decorrelated: a subquery inside it reads the outer query/.test(line)), plan.join('\n'));
});

test('a scalar count whose nested EXISTS reads the outer row, and NOT IN over a nested IN that reads it', async () => {
  const rows = await sameAsSqlite('SELECT c.Id, (SELECT COUNT(*) FROM LineItems l WHERE EXISTS (SELECT 1 FROM LineItems x WHERE x.Id = l.Id AND x.CampaignId = c.Id)) AS n FROM Campaigns c');
  assert.ok(new Set(rows.map((r) => Number(r[1]))).size > 1, 'the count differs between campaigns');
  await sameAsSqlite('SELECT c.Id FROM Campaigns c WHERE c.Name NOT IN (SELECT l.Name FROM LineItems l WHERE l.Name IN (SELECT x.Name FROM LineItems x WHERE x.CampaignId = c.Id))');
  await sameAsSqlite('SELECT a.Id FROM Accounts a WHERE EXISTS (SELECT 1 FROM Campaigns c WHERE c.AccountId = a.Id AND c.Id IN (SELECT l.CampaignId FROM LineItems l WHERE l.AccountId = a.Id))');
});
