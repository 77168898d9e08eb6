/**
 * Done-when 2, on the emulator's pinned clock: a first sync, then a day later (new campaigns, spend
 * revised within the look-back) a re-run that updates exactly the rows that changed and asks only
 * for the look-back windows. Into SQLite always, into PostgreSQL when the binaries are there.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Row } from '../../src/catalog/types.js';
import { runSync } from '../../src/sync/run-sync.js';
import { openTarget } from '../../src/sync/target.js';
import type { TargetSpec } from '../../src/sync/target-url.js';
import { addDays, dayOf } from '../../src/sync/windows.js';
import { apiRows, canonical, dataColumns, startTwitter, targetRows } from './helpers.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

const T0 = new Date('2026-11-20T12:00:00Z');
const T1 = new Date(T0.getTime() + 86_400_000);
const since = '2026-10-30';
const tables = ['Campaigns', 'LineItems', 'Insights'];
const dir = mkdtempSync(join(tmpdir(), 'socialsql-incremental-'));
let server: PostgresServer | undefined;
let twitter: Awaited<ReturnType<typeof startTwitter>>;

before(async () => {
  server = await startPostgres();
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const pin = (at: Date) =>
  fetch(`${twitter.emulator.url}/__emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: at.toISOString() }) });

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`${kind}: a re-run a day later upserts exactly the new and revised rows, with only the look-back calls`, async (t) => {
    if (kind === 'postgres' && !server) return t.skip('PostgreSQL binaries not found: skipped');
    twitter = await startTwitter({ rateLimit: 5000 }); // every metric group now: two stats requests per call (MOBILE_CONVERSION alone), past the default 250 per 15 min
    const spec: TargetSpec = kind === 'sqlite' ? { kind, file: join(dir, 'inc.db') } : { kind, url: server!.url };
    const target = await openTarget(spec);
    try {
      const accounts = [...twitter.emulator.credentials.accountIds];
      await pin(T0);
      await twitter.reset();
      const first = await runSync({ provider: 'twitterads', conn: twitter.conn, target, since, tables, clock: () => T0 });
      const firstCalls = await twitter.calls();
      assert.equal(first.calls, firstCalls.requests);
      const before = new Map<string, Set<string>>();
      for (const table of tables) before.set(table, new Set(canonical(await targetRows(target, twitter.conn, 'twitterads', table), dataColumns(twitter.conn, table))));

      const fi = (await twitter.conn.query('SELECT Id FROM FundingInstruments WHERE AccountId = ?', [accounts[0]!])).rows[0]!.Id as string;
      await twitter.conn.query("INSERT INTO Campaigns (Name, FundingInstrumentId) VALUES ('Day two A', ?), ('Day two B', ?)", [fi, fi]);
      await pin(T1);
      await twitter.reset();
      const second = await runSync({ provider: 'twitterads', conn: twitter.conn, target, tables, clock: () => T1 });
      const counted = await twitter.calls();
      assert.equal(second.calls, counted.requests);
      // Stats requests only for windows that end after T0 − 4 days: their start_time is the window start.
      const log = (await (await fetch(`${twitter.emulator.url}/__emulator/requests`)).json()) as { path: string; query: Record<string, string> }[];
      const statsStarts = new Set(log.filter((r) => r.path.includes('/stats/')).map((r) => r.query.start_time!.slice(0, 10)));
      const reread = ['2026-11-13', '2026-11-20'];
      for (const start of statsStarts) assert.ok(reread.some((w) => Math.abs(Date.parse(start) - Date.parse(w)) <= 86_400_000), `stats window ${start} is inside the look-back`);

      for (const table of tables) {
        const columns = dataColumns(twitter.conn, table);
        const expected = canonical(await apiRows(twitter.conn, 'twitterads', table, accounts, since, addDays(dayOf(T1), 1)), columns);
        assert.deepEqual(canonical(await targetRows(target, twitter.conn, 'twitterads', table), columns), expected, `${table} equals the API after the re-run`);
        const changed = expected.filter((row) => !before.get(table)!.has(row)).length;
        assert.equal(second.tables[table]!.upserted, changed, `${table}: upserted = rows new or changed since the first sync`);
        if (table === 'Insights') assert.ok(changed > 0, 'spend was revised within the look-back');
      }
      assert.ok(second.tables.Campaigns!.upserted >= 2);

      const stats = (c: typeof counted) => c.byRoute['GET /12/stats/accounts/:account_id'] ?? 0;
      console.log(`# ${kind}: first sync ${firstCalls.requests} calls (${stats(firstCalls)} stats); re-run a day later ${counted.requests} calls (${stats(counted)} stats); Insights upserted ${second.tables.Insights!.upserted}, Campaigns ${second.tables.Campaigns!.upserted}`);
    } finally {
      await target.close();
      await twitter.close();
    }
  });
}
