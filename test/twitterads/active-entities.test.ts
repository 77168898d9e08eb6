/** ActiveEntities against the emulator: exactly the entities whose stats show delivery in the range. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from './harness.js';

/** The emulator's active_entities route lands with its own module. */
const served = existsSync(new URL('../../src/emulator/twitterads/active-entities.ts', import.meta.url));

let h: Harness;
let account = '';
before(async () => {
  h = await startHarness();
  account = h.emulator.credentials.accountIds[0]!;
});
after(() => h.close());

test('ActiveEntities lists the campaigns with impressions in the range, in one call', async (t) => {
  if (!served) return t.skip('the emulator does not serve active_entities yet');
  const range = ['2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z'];
  await h.conn.query('SELECT Impressions FROM Insights WHERE AccountId = ?', [account]);
  await h.reset();
  const active = (await h.conn.query(`SELECT EntityId, EntityType, StartTime, ActivityStartTime FROM AdActiveEntities WHERE AccountId = ? AND EntityType = 'CAMPAIGN' AND StartTime = ? AND EndTime = ?`, [account, ...range])).rows;
  assert.equal((await h.calls()).requests, 1);
  assert.ok(active.length > 0);
  // StartTime/EndTime are the range asked, as timestamps (the Datetime the schema declares), like the activity times.
  for (const r of active) {
    assert.equal(r.EntityType, 'CAMPAIGN');
    assert.ok(r.StartTime instanceof Date && r.ActivityStartTime instanceof Date);
    assert.equal((r.StartTime as Date).toISOString(), '2026-11-01T00:00:00.000Z');
  }
  const dated = (await h.conn.query(`SELECT StartTime, EndTime FROM ActiveEntities WHERE AccountId = ? AND EntityType = 'CAMPAIGN' AND StartTime = '2026-11-01' AND EndTime = '2026-11-08 00:00'`, [account])).rows;
  assert.deepEqual(dated[0], { StartTime: new Date('2026-11-01T00:00:00Z'), EndTime: new Date('2026-11-08T00:00:00Z') }, 'text without a zone is read as SQL reads it (UTC) and sent so');
  const stats = (
    await h.conn.query(
      "SELECT i.EntityId, i.Impressions FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id WHERE c.AccountId = ? AND i.AccountId = ? AND i.Granularity = 'TOTAL' AND i.StartTime >= '2026-11-01' AND i.EndTime <= '2026-11-08'",
      [account, account],
    )
  ).rows;
  const delivering = stats.filter((r) => ((r.Impressions as number | null) ?? 0) > 0).map((r) => r.EntityId as string);
  assert.ok(delivering.length > 0);
  assert.deepEqual(active.map((r) => r.EntityId as string).sort(), delivering.sort());
});
