// Lists write each row's cached JSON text: they must stay what a fresh build gives after writes.
// One emulator lists before and after each write (its cache warm), a twin with the same seed gets
// the same writes and lists only after them; cursors are sealed per server, so they are blanked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningEmulator, startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { admin, authorizationHeader, call, qs } from './twitterads-client.js';

let warm: RunningEmulator;
let cold: RunningEmulator;

before(async () => {
  warm = await startTwitterAdsEmulator({ seed: 13 });
  cold = await startTwitterAdsEmulator({ seed: 13 });
  for (const emu of [warm, cold]) await admin(emu, 'POST', '/__emulator/clock', { now: '2026-03-10T10:30:00Z' });
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
  return text.replace(/"next_cursor":"[^"]*"/, '"next_cursor":"C"');
}

test('cached list rows equal freshly built ones after campaign and line item writes', async () => {
  const account = warm.credentials.accountIds[0]!;
  const paths = [
    `/12/accounts/${account}/campaigns` + qs({ count: 1000, with_deleted: true, with_draft: true }),
    `/12/accounts/${account}/campaigns` + qs({ count: 5, with_total_count: true }),
    `/12/accounts/${account}/line_items` + qs({ count: 200 }),
  ];
  const answers = async (emu: RunningEmulator) => Promise.all(paths.map((p) => bodyText(emu, p)));
  const first = await answers(warm);
  assert.deepEqual(await answers(warm), first);
  assert.deepEqual(await answers(cold), first);
  const campaign = JSON.parse(first[1]!).data[0].id as string;
  const lineItem = JSON.parse(first[2]!).data[0].id as string;
  const both = async (write: (emu: RunningEmulator) => Promise<{ status: number; body: unknown }>) => {
    for (const emu of [warm, cold]) {
      const res = await write(emu);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const fresh = await answers(cold);
    assert.deepEqual(await answers(warm), fresh);
    return fresh;
  };
  const renamed = await both((emu) => call(emu, `/12/accounts/${account}/campaigns/${campaign}` + qs({ name: 'Cache check', entity_status: 'PAUSED' }), { method: 'PUT' }));
  assert.notDeepEqual(renamed, first);
  await both((emu) => call(emu, `/12/accounts/${account}/line_items/${lineItem}` + qs({ name: 'Line cache check' }), { method: 'PUT' }));
  await both((emu) => call(emu, `/12/accounts/${account}/campaigns/${campaign}`, { method: 'DELETE' }));
});
