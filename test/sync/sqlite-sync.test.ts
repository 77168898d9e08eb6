/** `socialsql sync` into SQLite against both emulators: first sync, re-run, deleted rows, resume, CLI. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runSync } from '../../src/sync/run-sync.js';
import { openTarget, type SyncTarget } from '../../src/sync/target.js';
import { addDays, dayOf } from '../../src/sync/windows.js';
import { assertFirstSync, startInstagram, startTwitter, targetRows } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'socialsql-sync-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const now = new Date();
const today = dayOf(now);
const since = addDays(today, -20);
const tomorrow = addDays(today, 1);
const yesterday = new Date(now.getTime() - 86_400_000);

let twitter: Awaited<ReturnType<typeof startTwitter>>;
let instagram: Awaited<ReturnType<typeof startInstagram>>;
before(async () => {
  twitter = await startTwitter({ rateLimit: 5000 }); // every metric group now: two stats requests per call (MOBILE_CONVERSION alone), past the default 250 per 15 min
  instagram = await startInstagram();
});
after(async () => {
  await twitter.close();
  await instagram.close();
});

test('a first sync of both providers leaves per table exactly the rows the API returns, with the calls the emulator counted', async () => {
  const target = await openTarget({ kind: 'sqlite', file: join(dir, 'first.db') });
  try {
    await assertFirstSync(target, twitter, instagram, since, tomorrow);
  } finally {
    await target.close();
  }
});

test('a re-run a day later re-reads only the look-back windows, and upserts only new, changed and deleted rows', async () => {
  const target = await openTarget({ kind: 'sqlite', file: join(dir, 'rerun.db') });
  const h = twitter;
  const account = h.emulator.credentials.accountIds[0]!;
  try {
    // The first sync "yesterday", so that today's run is one day later.
    await h.reset();
    const first = await runSync({ provider: 'twitterads', conn: h.conn, target, since, clock: () => yesterday, tables: ['Campaigns', 'Insights'] });
    const firstCalls = (await h.calls()).requests;
    assert.equal(first.calls, firstCalls);

    const again = await runSync({ provider: 'twitterads', conn: h.conn, target, clock: () => yesterday, tables: ['Campaigns', 'Insights'] });
    assert.equal(again.tables.Campaigns!.upserted, 0, 'nothing new: nothing upserted');
    assert.equal(again.tables.Insights!.upserted, 0);

    const fi = (await h.conn.query('SELECT Id FROM FundingInstruments WHERE AccountId = ?', [account])).rows[0]!.Id as string;
    const created = await h.conn.query("INSERT INTO Campaigns (Name, FundingInstrumentId) VALUES ('Sync new 1', ?), ('Sync new 2', ?)", [fi, fi]);
    const victim = (await h.conn.query('SELECT Id FROM Campaigns WHERE AccountId = ? ORDER BY Id LIMIT 1', [account])).rows[0]!.Id as string;
    await h.conn.query('DELETE FROM Campaigns WHERE Id = ?', [victim]);

    await h.reset();
    const second = await runSync({ provider: 'twitterads', conn: h.conn, target, tables: ['Campaigns', 'Insights'] });
    const counted = await h.calls();
    assert.equal(second.calls, counted.requests);
    assert.equal(second.tables.Campaigns!.upserted, 3, 'two new campaigns and one deleted');
    // Stats calls: only windows that end after (first read − 3 days − 1 for time zones), per account and entity type.
    const windowsReread = countWindows(since, now, (w) => w.end > addDays(dayOf(yesterday), -4));
    const firstWindows = countWindows(since, yesterday, () => true);
    const statsCalls = (c: typeof counted) => c.byRoute['GET /12/stats/accounts/:account_id'] ?? 0;
    assert.ok(windowsReread < firstWindows);
    assert.ok(statsCalls(counted) < first.tables.Insights!.calls, `re-run stats calls ${statsCalls(counted)} < first ${first.tables.Insights!.calls}`);
    console.log(`# twitterads first sync (Campaigns, Insights): ${firstCalls} calls; re-run a day later: ${counted.requests} calls (${windowsReread} of ${firstWindows} windows re-read)`);

    const stored = await targetRows(target, h.conn, 'twitterads', 'Campaigns');
    const ids = created.rows.map((r) => r.Id as string);
    for (const id of ids) assert.equal(stored.filter((r) => r.Id === id).length, 1);
    assert.deepEqual(stored.filter((r) => r.Id === victim).map((r) => r.Deleted), [true], 'a deleted campaign keeps its row, marked');
    const third = await runSync({ provider: 'twitterads', conn: h.conn, target, tables: ['Campaigns'] });
    assert.equal(third.tables.Campaigns!.upserted, 0);
  } finally {
    await target.close();
  }
});

test('a sync stopped mid-way resumes without re-reading the jobs it finished', async () => {
  const target = await openTarget({ kind: 'sqlite', file: join(dir, 'resume.db') });
  const h = twitter;
  try {
    const controller = new AbortController();
    let done = 0;
    await assert.rejects(
      runSync({
        provider: 'twitterads',
        conn: h.conn,
        target,
        since,
        tables: ['Campaigns', 'LineItems'],
        signal: controller.signal,
        onProgress: (e) => {
          if (e.phase === 'done' && ++done === 2) controller.abort();
        },
      }),
      (e: unknown) => (e as { code?: string }).code === 'CANCELLED',
    );
    await h.reset();
    const resumed = await runSync({ provider: 'twitterads', conn: h.conn, target, tables: ['Campaigns', 'LineItems'] });
    // 3 accounts × 2 tables = 6 jobs; 2 finished before the stop (one call each at this size), +1 call listing accounts.
    assert.equal(resumed.tables.Campaigns!.calls, 1);
    assert.equal(resumed.tables.LineItems!.calls, 3);
    assert.equal(resumed.calls, (await h.calls()).requests);
  } finally {
    await target.close();
  }
});

function countWindows(from: string, until: Date, keep: (w: { start: string; end: string }) => boolean): number {
  const end = addDays(dayOf(until), 1);
  let n = 0;
  for (let start = from; start < end; start = addDays(start, 7)) if (keep({ start, end: addDays(start, 7) < end ? addDays(start, 7) : end })) n++;
  return n;
}
