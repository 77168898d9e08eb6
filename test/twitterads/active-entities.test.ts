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
  assert.ok(active.every((r) => r.EntityType === 'CAMPAIGN' && new Date(String(r.StartTime instanceof Date ? r.StartTime.toISOString() : r.StartTime)).toISOString() === '2026-11-01T00:00:00.000Z'));
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
