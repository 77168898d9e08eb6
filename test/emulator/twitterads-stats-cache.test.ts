// Cached stats bodies must be byte for byte what a fresh build gives: one emulator answers before and
// after each change (its cache warm), a twin with the same seed gets the same changes and answers
// only after them. Changes: a campaign write, the data clock moving to the next hour, the admin reset.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { admin, authorizationHeader, call, qs } from './twitterads-client.js';

let warm: RunningEmulator;
let cold: RunningEmulator;
const NOW = '2026-03-10T10:30:00Z';

before(async () => {
  warm = await startTwitterAdsEmulator({ seed: 11 });
  cold = await startTwitterAdsEmulator({ seed: 11 });
  for (const emu of [warm, cold]) await admin(emu, 'POST', '/__emulator/clock', { now: NOW });
});
after(async () => {
  await warm.close();
  await cold.close();
});

async function bodyText(emu: RunningEmulator, path: string): Promise<string> {
  const url = emu.url + path;
  const res = await fetch(url, { headers: { authorization: authorizationHeader(emu, 'GET', url) } });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return text;
}

test('cached stats equal freshly built ones after a campaign write, an hour passing and a reset', async () => {
  const account = warm.credentials.accountIds[0]!;
  const campaigns = (await call(warm, `/12/accounts/${account}/campaigns` + qs({ count: 50 }))).body.data as Array<{ id: string }>;
  const ids = campaigns.slice(0, 5).map((c) => c.id);
  const stats = (granularity: string) =>
    `/12/stats/accounts/${account}` +
    qs({ entity: 'CAMPAIGN', entity_ids: ids.join(','), start_time: '2026-03-04T00:00:00Z', end_time: '2026-03-11T00:00:00Z', granularity, metric_groups: 'ENGAGEMENT,BILLING', placement: 'ALL_ON_TWITTER' });
  const paths = [stats('HOUR'), stats('TOTAL')];
  const answers = async (emu: RunningEmulator) => Promise.all(paths.map((p) => bodyText(emu, p)));

  const first = await answers(warm);
  assert.deepEqual(await answers(warm), first, 'a repeated request answers the same');
  assert.deepEqual(await answers(cold), first, 'the twin agrees before any change');

  const both = async (change: (emu: RunningEmulator) => Promise<unknown>) => {
    await change(warm);
    await change(cold);
    const fresh = await answers(cold);
    assert.deepEqual(await answers(warm), fresh);
    return fresh;
  };
  const ended = await both(async (emu) => {
    const res = await call(emu, `/12/accounts/${account}/campaigns/${ids[0]}` + qs({ end_time: '2026-03-06T00:00:00Z' }), { method: 'PUT' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
  assert.notDeepEqual(ended, first, 'the end_time shows in the stats');
  const later = await both((emu) => admin(emu, 'POST', '/__emulator/clock', { now: '2026-03-10T11:30:00Z' }));
  assert.notDeepEqual(later, ended, 'the new hour is reported');
  await both((emu) => fetch(`${emu.url}/__emulator/reset`, { method: 'POST' }));
});
