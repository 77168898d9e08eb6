import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { call, fetchAll, qs } from './twitterads-client.js';

async function snapshot(seed: number): Promise<string> {
  const emu = await startTwitterAdsEmulator({ seed });
  try {
    const account = emu.credentials.accountIds[0]!;
    const campaigns = await fetchAll(emu, `/12/accounts/${account}/campaigns`, { count: 1000, with_deleted: true, with_draft: true });
    const media = await call(emu, `/12/accounts/${account}/media_library` + qs({ count: 50 }));
    const accounts = await call(emu, '/12/accounts' + qs({ with_deleted: true }));
    return JSON.stringify([accounts.body.data, campaigns.rows, media.body.data, emu.credentials]);
  } finally {
    await emu.close();
  }
}

test('same seed gives the same data, a different seed different data', async () => {
  const a = await snapshot(42);
  const b = await snapshot(42);
  const c = await snapshot(43);
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('scale 1 has the documented shape', async () => {
  const emu = await startTwitterAdsEmulator({ seed: 5 });
  try {
    for (const account of emu.credentials.accountIds) {
      const all = await call(emu, `/12/accounts/${account}/campaigns` + qs({ with_total_count: true, with_deleted: true, with_draft: true, count: 1000 }));
      assert.ok(all.body.total_count >= 60 && all.body.total_count <= 150, `campaigns ${all.body.total_count}`);
      const statuses = new Set(all.body.data.map((c: any) => c.entity_status));
      assert.deepEqual(statuses, new Set(['ACTIVE', 'PAUSED', 'DRAFT']));
      const deleted = all.body.data.filter((c: any) => c.deleted).length / all.body.data.length;
      assert.ok(deleted > 0.02 && deleted < 0.25, `deleted share ${deleted}`);
      const media = await fetchAll(emu, `/12/accounts/${account}/media_library`, { count: 50 });
      assert.ok(media.rows.length >= 25 && media.rows.length <= 35);
      assert.deepEqual(new Set(media.rows.map((m) => m.media_type)), new Set(['IMAGE', 'VIDEO', 'GIF']));
      for (const c of all.body.data) assert.match(c.id, /^[0-9a-z]{5,7}$/);
    }
  } finally {
    await emu.close();
  }
});

// How fast a large emulator starts is a bench number (bench/emulator-cpu.ts), not a test assertion.
test('scale 1000 serves at least 100,000 campaigns', async () => {
  const emu = await startTwitterAdsEmulator({ seed: 5, scale: 1000 });
  try {
    let total = 0;
    for (const account of emu.credentials.accountIds) {
      const res = await call(emu, `/12/accounts/${account}/campaigns` + qs({ with_total_count: true, with_deleted: true, with_draft: true, count: 1 }));
      assert.equal(res.status, 200);
      total += res.body.total_count;
    }
    assert.ok(total >= 100_000, `total ${total}`);
  } finally {
    await emu.close();
  }
});
