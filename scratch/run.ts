import { startHarness } from '/work/wt/sync/test/twitterads/harness.ts';
import { startHarness as ig } from '/work/wt/sync/test/instagram/harness.ts';
import { runSync } from '/work/wt/sync/src/sync/run-sync.ts';
import { openTarget } from '/work/wt/sync/src/sync/target.ts';
import { rmSync } from 'node:fs';
rmSync('/tmp/sync-a.db', { force: true });
const target = await openTarget({ kind: 'sqlite', file: '/tmp/sync-a.db' });
for (const [name, start] of [['twitterads', startHarness], ['instagram', ig]] as const) {
  const h = await start();
  await h.reset();
  let t = Date.now();
  const s1 = await runSync({ provider: name, conn: h.conn, target, since: '2026-11-10' });
  console.log(JSON.stringify(s1), (await h.calls()).requests, Date.now() - t, 'ms');
  await h.reset();
  t = Date.now();
  const s2 = await runSync({ provider: name, conn: h.conn, target });
  console.log(JSON.stringify(s2), (await h.calls()).requests, Date.now() - t, 'ms');
  await h.close();
}
await target.close();
