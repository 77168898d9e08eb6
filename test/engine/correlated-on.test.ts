/**
 * Correlated subqueries in ON: in an INNER join they filter the joined rows as WHERE does, so they
 * move to WHERE and are decorrelated there (SQLite's rows over the emulator's data); in a LEFT join's
 * ON, reading the joined table alone, they run as an Apply over its scan; anywhere else in an outer
 * join's ON (or of an INNER join that a later RIGHT/FULL join follows) they are a PlanError.
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

test("a correlated subquery in a LEFT join's ON that reads the joined table alone runs over that table's scan: SQLite's rows, unmatched rows NULL-extended", async () => {
  const exists = 'SELECT c.Id, l.Id FROM Campaigns c LEFT JOIN LineItems l ON l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.Id = l.Id AND x.Name > l.Name)';
  const none = await sameAsSqlite(exists);
  // No LineItem has a name greater than its own: every campaign comes back once, NULL-extended.
  assert.ok(none.length > 5 && none.every((r) => r[1] === null), JSON.stringify(none.slice(0, 3)));
  const some = 'SELECT c.Id, l.Id FROM Campaigns c LEFT JOIN LineItems l ON l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.CampaignId = l.CampaignId AND x.Id <> l.Id)';
  const rows = await sameAsSqlite(some);
  assert.ok(rows.some((r) => r[1] === null) && rows.some((r) => r[1] !== null), `${rows.length} rows`);
  const scalar = 'SELECT c.Id, l.Id, l.BidAmountLocalMicro FROM Campaigns c LEFT JOIN LineItems l ON l.CampaignId = c.Id AND l.BidAmountLocalMicro >= (SELECT AVG(x.BidAmountLocalMicro) FROM LineItems x WHERE x.FundingInstrumentId = l.FundingInstrumentId AND x.Id <> l.Id)';
  assert.ok((await sameAsSqlite(scalar)).length > 5);
  // A correlated IN there narrows the joined table as its ON does, answered per row (no list for the API).
  const inList = 'SELECT c.Id, l.Id FROM Campaigns c LEFT JOIN LineItems l ON l.CampaignId = c.Id AND l.Name IN (SELECT x.Name FROM LineItems x WHERE x.CampaignId = l.CampaignId AND x.Id <> l.Id)';
  assert.ok((await sameAsSqlite(inList)).length > 5);
  // The Apply sits on the joined table's side of the join, over its scan, which still takes the join's keys.
  const plan = await explain(some);
  const join = plan.findIndex((line) => /Join: LEFT/.test(line));
  const apply = plan.findIndex((line) => /^\s*Apply: EXISTS/.test(line));
  assert.ok(join >= 0 && apply > join && plan.slice(apply).some((line) => /Scan: LineItems l/.test(line)), plan.join('\n'));
  const accounts = await explain('SELECT a.Id, f.Id FROM Accounts a LEFT JOIN FundingInstruments f ON f.AccountId = a.Id AND EXISTS (SELECT 1 FROM Campaigns x WHERE x.FundingInstrumentId = f.Id AND x.EntityStatus <> f.EntityStatus)');
  const driven = accounts.findIndex((line) => /DependentJoin: LEFT/.test(line));
  assert.ok(driven >= 0 && /Apply: EXISTS/.test(accounts[driven + 2] ?? '') && /Scan: FundingInstruments f .*:account_id=\(values from the outer query\)/.test(accounts[driven + 3] ?? ''), accounts.join('\n'));
});

test('a correlated subquery in the ON of an outer join that reads the preserved side, or in a RIGHT join, or in an INNER join a RIGHT join follows, is a PlanError', async () => {
  const preserved = 'SELECT c.Id, l.Id FROM Campaigns c LEFT JOIN LineItems l ON l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.CampaignId = c.Id AND x.Id <> l.Id)';
  const right = 'SELECT c.Id, l.Id FROM LineItems l RIGHT JOIN Campaigns c ON l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.Id = l.Id)';
  const beforeRight = 'SELECT c.Id FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id AND EXISTS (SELECT 1 FROM LineItems x WHERE x.Id = l.Id) RIGHT JOIN Accounts a ON a.Id = c.AccountId';
  for (const sql of [preserved, right, beforeRight]) {
    await assert.rejects(oracle.harness.conn.query(sql), (error: unknown) => error instanceof PlanError && /ON of an outer join .*LEFT join and reading the joined table alone/.test(error.message), sql);
  }
});
