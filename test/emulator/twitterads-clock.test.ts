// The data clock (POST /__emulator/clock, --now): spend revised for three days, then final; a timeline
// of new, changed and deleted entities as time passes; all deterministic for a seed and a clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmulatorCommandError, parseEmulatorFlags } from '../../src/emulator/main.js';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { admin, call, fetchAll, qs } from './twitterads-client.js';

const DAY = 86_400_000;

async function pin(emu: RunningEmulator, iso: string | null): Promise<void> {
  const res = await admin(emu, 'POST', '/__emulator/clock', { now: iso });
  assert.equal(res.pinned, iso !== null);
}

test('clock admin endpoint: read, pin, unpin, reject nonsense', async () => {
  const emu = await startTwitterAdsEmulator({ seed: 3 });
  try {
    assert.equal((await admin(emu, 'GET', '/__emulator/clock')).pinned, false);
    assert.deepEqual(await admin(emu, 'POST', '/__emulator/clock', { now: '2026-03-01T10:00:00Z' }), { now: '2026-03-01T10:00:00.000Z', pinned: true });
    const bad = await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ now: 'tuesday' }) });
    assert.equal(bad.status, 400);
    await pin(emu, null);
  } finally {
    await emu.close();
  }
});

test('spend of a day is revised upwards for three days after the day ends, then stays; other metrics never change', async () => {
  const emu = await startTwitterAdsEmulator({ seed: 11 });
  try {
    const la = emu.credentials.accountIds[0]!;
    const { rows } = await fetchAll(emu, `/12/accounts/${la}/campaigns`, { count: 1000, sort_by: 'start_time-asc' });
    const ids = rows.filter((c) => c.end_time === null).slice(0, 5).map((c) => c.id).join(',');
    // Two local days in Los Angeles (PDT): 2025-05-26 and 2025-05-27; the second ends 2025-05-28T07:00Z.
    const path = (granularity: string) =>
      `/12/stats/accounts/${la}` +
      qs({ entity: 'CAMPAIGN', entity_ids: ids, start_time: '2025-05-26', end_time: '2025-05-28', granularity, metric_groups: 'ENGAGEMENT,BILLING', placement: 'ALL_ON_TWITTER' });
    const at = async (iso: string, granularity = 'DAY') => {
      await pin(emu, iso);
      const res = await call(emu, path(granularity));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.data as Array<{ id_data: Array<{ metrics: Record<string, number[] | null> }> }>;
    };
    const sum = (xs: number[] | null) => (xs ?? []).reduce((a, b) => a + b, 0);
    const spend = (data: Awaited<ReturnType<typeof at>>) => data.map((d) => sum(d.id_data[0]!.metrics.billed_charge_local_micro!));
    const impressions = (data: Awaited<ReturnType<typeof at>>) => data.map((d) => d.id_data[0]!.metrics.impressions);

    const early = await at('2025-05-28T08:00:00Z'); // an hour after the window
    const later = await at('2025-05-29T20:00:00Z');
    const settled = await at('2025-06-01T12:00:00Z'); // more than 3 days after every UTC day of the window
    const muchLater = await at('2025-09-01T00:00:00Z');
    assert.ok(spend(settled).some((s) => s > 0), 'some spend');
    spend(settled).forEach((final, i) => {
      assert.ok(spend(early)[i]! <= spend(later)[i]! && spend(later)[i]! <= final, `monotone for entity ${i}`);
      if (final > 0) assert.ok(spend(early)[i]! < final, `revised after first report for entity ${i}`);
      assert.equal(spend(muchLater)[i], final, 'final after three days');
    });
    assert.deepEqual(impressions(early), impressions(muchLater));
    // At any clock, HOUR buckets still sum to DAY buckets, spend included.
    const hourly = await at('2025-05-29T20:00:00Z', 'HOUR');
    assert.deepEqual(hourly.map((d) => sum(d.id_data[0]!.metrics.billed_charge_local_micro!)), spend(later));
    // The current hour and later are not reported.
    const during = await at('2025-05-27T12:30:00Z', 'HOUR');
    const series = during.map((d) => d.id_data[0]!.metrics.impressions).find((s) => s !== null)!;
    const firstUnreported = (Date.parse('2025-05-27T12:00:00Z') - Date.parse('2025-05-26T07:00:00Z')) / 3_600_000;
    assert.ok(series.slice(firstUnreported).every((v) => v === 0));
  } finally {
    await emu.close();
  }
});

async function accountTree(start: string, moves: string[]): Promise<string> {
  const emu = await startTwitterAdsEmulator({ seed: 21, dataNow: start });
  try {
    const account = emu.credentials.accountIds[0]!;
    for (const iso of moves) {
      await pin(emu, iso);
      await call(emu, `/12/accounts/${account}/campaigns` + qs({ count: 1 }));
    }
    const campaigns = await fetchAll(emu, `/12/accounts/${account}/campaigns`, { count: 1000, with_deleted: true, with_draft: true });
    const lineItems = await fetchAll(emu, `/12/accounts/${account}/line_items`, { count: 1000, with_deleted: true, with_draft: true });
    return JSON.stringify([campaigns.rows, lineItems.rows]);
  } finally {
    await emu.close();
  }
}

test('as the clock moves, campaigns and line items are created, paused, resumed and deleted; deterministically', async () => {
  const start = '2026-01-01T00:30:00Z';
  const startMs = Date.parse(start);
  const before = JSON.parse(await accountTree(start, [])) as [any[], any[]];
  const afterJSON = await accountTree(start, [new Date(startMs + DAY).toISOString(), new Date(startMs + 4 * DAY).toISOString()]);
  const after = JSON.parse(afterJSON) as [any[], any[]];
  const [campaigns, lineItems] = after;
  const newer = (rows: any[], field: string) => rows.filter((r) => Date.parse(r[field]) > startMs);
  assert.equal(newer(before[0], 'updated_at').length, 0, 'nothing happens before the first event');
  assert.ok(newer(campaigns, 'created_at').length >= 5, `new campaigns: ${newer(campaigns, 'created_at').length}`);
  assert.ok(newer(lineItems, 'created_at').length >= 2, 'new line items');
  const changedOld = campaigns.filter((c) => Date.parse(c.created_at) <= startMs && Date.parse(c.updated_at) > startMs);
  assert.ok(changedOld.length >= 3, 'existing campaigns changed');
  assert.ok(changedOld.some((c) => c.deleted) || campaigns.some((c) => c.deleted && Date.parse(c.updated_at) > startMs), 'some deleted');
  assert.ok(campaigns.length > before[0].length);
  // Every new row happened at an event instant between the start and the clock.
  for (const c of newer(campaigns, 'created_at')) assert.ok(Date.parse(c.created_at) <= startMs + 4 * DAY);
  // Same seed, same start, same clock moves: the same tree, however the clock got there.
  assert.equal(await accountTree(start, [new Date(startMs + 4 * DAY).toISOString()]), afterJSON);
});

test('--now pins the data clock from the command line', () => {
  assert.deepEqual(parseEmulatorFlags(['--now', '2026-01-01T00:00:00Z', '--seed', '4']), { dataNow: '2026-01-01T00:00:00Z', seed: 4 });
  const stderr = process.stderr.write;
  process.stderr.write = () => true;
  try {
    assert.throws(() => parseEmulatorFlags(['--now', 'soon']), EmulatorCommandError);
  } finally {
    process.stderr.write = stderr;
  }
});
