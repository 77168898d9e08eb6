/**
 * `sync --workers 3` on a throwaway PostgreSQL: one worker is killed in the middle of a job, the
 * job is retried by another, every row lands once, and no endpoint's budget was exceeded.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { openTarget } from '../../src/sync/target.js';
import { addDays, dayOf } from '../../src/sync/windows.js';
import { runSyncWithWorkers } from '../../src/sync/workers/run-with-workers.js';
import { apiRows, canonical, dataColumns, startTwitter, targetRows } from './helpers.js';
import { SKIP_REASON, startPostgres, type PostgresServer } from './postgres-server.js';

const server: PostgresServer | undefined = await startPostgres();
if (!server) console.log(`# ${SKIP_REASON}`);
const skip = server ? false : SKIP_REASON;
const since = addDays(dayOf(new Date()), -13);
const tomorrow = addDays(dayOf(new Date()), 1);
const RATE_LIMIT = 120;

let twitter: Awaited<ReturnType<typeof startTwitter>>;
before(async () => {
  if (server) twitter = await startTwitter();
});
after(async () => {
  await twitter?.close();
  await server?.stop();
});

test('3 workers, one killed mid-job: the sync completes, every row once, no budget exceeded', { skip, timeout: 180_000 }, async () => {
  const c = twitter.emulator.credentials;
  const connectionString = `BaseURL=${twitter.emulator.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret}`;
  await twitter.reset();
  // Every endpoint's budget is RATE_LIMIT requests per 15 minutes (a 429 beyond it); requests take 40 ms.
  await twitter.faults({ rateLimit: RATE_LIMIT, latency: 40 });
  const target = await openTarget({ kind: 'postgres', url: server!.url });
  let killed: number | undefined;
  let finishedBeforeKill = 0;
  try {
    const summary = await runSyncWithWorkers({
      provider: 'twitterads',
      conn: twitter.conn,
      target,
      since,
      workers: 3,
      targetUrl: server!.url,
      connectionString,
      onWorkerLine: (child, index, line) => {
        if (/^job \d+ done/.test(line)) finishedBeforeKill += killed === undefined ? 1 : 0;
        if (killed === undefined && index === 0 && finishedBeforeKill >= 2 && /^job \d+ start/.test(line)) {
          killed = Number(line.split(' ')[1]);
          // A moment in: its first requests are out (40 ms each), its rows not yet written.
          setTimeout(() => child.kill('SIGKILL'), 60);
        }
      },
    });
    assert.notEqual(killed, undefined, 'a worker was killed mid-job');
    const counted = await twitter.calls();
    await fetch(`${twitter.emulator.url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rateLimit: null, latency: 0 }) });
    await twitter.reset();
    for (const [route, n] of Object.entries(counted.byRoute)) assert.ok(n <= RATE_LIMIT, `${route}: ${n} requests within the budget of ${RATE_LIMIT}`);
    assert.ok(summary.calls <= counted.requests, 'the summary counts finished jobs; the killed attempt made calls too');
    console.log(`# 3 workers, job ${killed} killed: ${summary.calls} calls in finished jobs, ${counted.requests} served in all`);

    const accounts = [...c.accountIds];
    for (const table of Object.keys(summary.tables)) {
      const columns = dataColumns(twitter.conn, table);
      const expected = canonical(await apiRows(twitter.conn, 'twitterads', table, accounts, since, tomorrow), columns);
      const stored = canonical(await targetRows(target, twitter.conn, 'twitterads', table), columns);
      assert.deepEqual(stored, expected, table);
    }
    const client = new pg.Client(server!.url);
    await client.connect();
    try {
      const retried = await client.query(`SELECT max(retry_count)::int AS n FROM pgboss.job WHERE name = 'socialsql-sync'`);
      assert.ok(retried.rows[0].n >= 1, 'the killed job was retried');
    } finally {
      await client.end();
    }
  } finally {
    await target.close();
  }
});
