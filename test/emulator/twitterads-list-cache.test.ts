// Lists write each row's cached JSON text: they must stay what a fresh build gives after writes.
// One emulator lists before and after each write (its cache warm), a twin with the same seed gets
// the same writes and lists only after them; cursors are sealed per server, so they are blanked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunningEmulator } from '../../src/emulator/twitterads/index.js';
import { call, qs } from './twitterads-client.js';
import { useTwins } from './twitterads-twins.js';

const twins = useTwins(13, '2026-03-10T10:30:00Z');

test('cached list rows equal freshly built ones after campaign and line item writes', async () => {
  const { warm, cold } = twins;
  const account = warm.credentials.accountIds[0]!;
  const paths = [
    `/12/accounts/${account}/campaigns` + qs({ count: 1000, with_deleted: true, with_draft: true }),
    `/12/accounts/${account}/campaigns` + qs({ count: 5, with_total_count: true }),
    `/12/accounts/${account}/line_items` + qs({ count: 200 }),
  ];
  const first = await twins.answers(warm, paths);
  assert.deepEqual(await twins.answers(warm, paths), first);
  assert.deepEqual(await twins.answers(cold, paths), first);
  const campaign = JSON.parse(first[1]!).data[0].id as string;
  const lineItem = JSON.parse(first[2]!).data[0].id as string;
  const write = (path: string, method: string) => async (emu: RunningEmulator) => {
    const res = await call(emu, path, { method });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };
  const renamed = await twins.changedAlike(paths, write(`/12/accounts/${account}/campaigns/${campaign}` + qs({ name: 'Cache check', entity_status: 'PAUSED' }), 'PUT'));
  assert.notDeepEqual(renamed, first);
  await twins.changedAlike(paths, write(`/12/accounts/${account}/line_items/${lineItem}` + qs({ name: 'Line cache check' }), 'PUT'));
  await twins.changedAlike(paths, write(`/12/accounts/${account}/campaigns/${campaign}`, 'DELETE'));
});
