/**
 * Correlated subqueries in ON: in an INNER join they filter the joined rows as WHERE does, so they
 * move to WHERE and are decorrelated there (SQLite's rows over the emulator's data); in the ON of an
 * outer join, or of an INNER join that a later RIGHT/FULL join follows, they are refused with a PlanError.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlanError } from '../../src/errors.js';
import { useEmulatorOracle } from './emulator-oracle.js';

const oracle = useEmulatorOracle();
const { sameAsSqlite, explain } = oracle;

test('EXISTS correlated to both tables of an INNER join, in its ON: SQLite\'s rows; through equalities it is decorrelated, otherwise an Apply', async () => {
  const equal = 'SELECT c.Id, l.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.CampaignId = c.Id AND x.Name = l.Name AND x.Id = l.Id)';
  assert.ok((await sameAsSqlite(equal)).length > 5);
  const decorrelated = await explain(equal);
  assert.ok(decorrelated.some((line) => /decorrelated EXISTS/.test(line)) && !decorrelated.some((line) => /^Apply/.test(line)), decorrelated.join('\n'));

  const unequal = 'SELECT c.Id, l.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.CampaignId = c.Id AND x.Id <> l.Id)';
  assert.ok((await sameAsSqlite(unequal)).length > 5);
  const applied = await explain(unequal);
  assert.ok(applied.some((line) => /^Apply: EXISTS .*not decorrelated: x\.Id <> l\.Id/.test(line)), applied.join('\n'));
});

test('a correlated scalar aggregate in an INNER join\'s ON, with the ON\'s other conditions kept as join keys', async () => {
  const sql = 'SELECT c.Id, l.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id AND l.BidAmountLocalMicro >= (SELECT AVG(x.BidAmountLocalMicro) FROM LineItems x WHERE x.CampaignId = c.Id)';
  const rows = await sameAsSqlite(sql);
  assert.ok(rows.length > 5, `${rows.length} rows`);
  const plan = await explain(sql);
  assert.ok(plan.some((line) => /Join: INNER ON .*c\.Id = l\.CampaignId|Join: INNER ON .*l\.CampaignId = c\.Id/.test(line)), plan.join('\n'));
});

test('a correlated subquery in the ON of an outer join, or of an INNER join a RIGHT join follows, is a PlanError', async () => {
  const left = 'SELECT c.Id, l.Id FROM Campaigns c LEFT JOIN LineItems l ON l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.Id = l.Id)';
  const beforeRight = 'SELECT c.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.Id = l.Id) RIGHT JOIN Accounts a ON a.Id = c.AccountId';
  for (const sql of [left, beforeRight]) {
    await assert.rejects(oracle.harness.conn.query(sql), (error: unknown) => error instanceof PlanError && /ON of an outer join/.test(error.message), sql);
  }
});
