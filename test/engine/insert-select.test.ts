import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PlanError } from '../../src/errors.js';
import { startHarness, type Harness } from '../twitterads/harness.js';

let h: Harness;
let account: string;
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
});
after(() => h.close());

test('INSERT INTO ... SELECT copies campaigns through one batch call, with expressions and a UNION', async () => {
  const source = (await h.conn.query('SELECT Name, FundingInstrumentId FROM Campaigns WHERE AccountId = ? ORDER BY Name LIMIT 2', [account])).rows;
  await h.reset();
  const result = await h.conn.query(
    "INSERT INTO Campaigns (Name, FundingInstrumentId, EntityStatus) SELECT CONCAT('Copy of ', Name), FundingInstrumentId, 'PAUSED' FROM Campaigns WHERE AccountId = ? ORDER BY Name LIMIT 2",
    [account],
  );
  assert.equal(result.affectedRows, 2);
  const calls = await h.calls();
  assert.equal(calls.byRoute['POST /12/batch/accounts/:account_id/campaigns'], 1, 'the copies go in one batch call');
  const copies = (await h.conn.query("SELECT Name, EntityStatus FROM Campaigns WHERE AccountId = ? AND Name LIKE 'Copy of %'", [account])).rows;
  assert.deepEqual(copies.map((r) => r.Name).sort(), source.map((r) => `Copy of ${r.Name}`).sort());
  assert.ok(copies.every((r) => r.EntityStatus === 'PAUSED'));

  const fi = source[0]!.FundingInstrumentId as string;
  const union = await h.conn.query("INSERT INTO Campaigns (Name, FundingInstrumentId) SELECT 'U1', ? UNION ALL SELECT 'U2', ?", [fi, fi]);
  assert.equal(union.affectedRows, 2);
  await assert.rejects(h.conn.query('INSERT INTO Campaigns (Name, FundingInstrumentId) SELECT Name FROM Campaigns'), (e) => e instanceof PlanError && /2 columns but its SELECT returns 1/.test(e.message));
});
