// Cached stats bodies must be byte for byte what a fresh build gives: one emulator answers before and
// after each change (its cache warm), a twin with the same seed gets the same changes and answers
// only after them. Changes: a campaign write, the data clock moving to the next hour, the admin reset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunningEmulator } from '../../src/emulator/twitterads/index.js';
import { admin, call, qs } from './twitterads-client.js';
import { useTwins } from './twitterads-twins.js';

const twins = useTwins(11, '2026-03-10T10:30:00Z');

test('cached stats equal freshly built ones after a campaign write, an hour passing and a reset', async () => {
  const { warm, cold } = twins;
  const account = warm.credentials.accountIds[0]!;
  const campaigns = (await call(warm, `/12/accounts/${account}/campaigns` + qs({ count: 50 }))).body.data as Array<{ id: string }>;
  const ids = campaigns.slice(0, 5).map((c) => c.id);
  const stats = (granularity: string) =>
    `/12/stats/accounts/${account}` +
    qs({ entity: 'CAMPAIGN', entity_ids: ids.join(','), start_time: '2026-03-04T00:00:00Z', end_time: '2026-03-11T00:00:00Z', granularity, metric_groups: 'ENGAGEMENT,BILLING', placement: 'ALL_ON_TWITTER' });
  const paths = [stats('HOUR'), stats('TOTAL')];

  const first = await twins.answers(warm, paths);
  assert.deepEqual(await twins.answers(warm, paths), first, 'a repeated request answers the same');
  assert.deepEqual(await twins.answers(cold, paths), first, 'the twin agrees before any change');

  const both = (change: (emu: RunningEmulator) => Promise<unknown>) => twins.changedAlike(paths, change);
  const ended = await both(async (emu) => {
    const res = await call(emu, `/12/accounts/${account}/campaigns/${ids[0]}` + qs({ end_time: '2026-03-06T00:00:00Z' }), { method: 'PUT' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
  assert.notDeepEqual(ended, first, 'the end_time shows in the stats');
  const later = await both((emu) => admin(emu, 'POST', '/__emulator/clock', { now: '2026-03-10T11:30:00Z' }));
  assert.notDeepEqual(later, ended, 'the new hour is reported');
  await both((emu) => fetch(`${emu.url}/__emulator/reset`, { method: 'POST' }));
});
