/**
 * `socialsql sync` figures: rows per second into SQLite and PostgreSQL (1,000,000 Insights-shaped
 * rows, through the targets' own write path: prepared upserts, COPY + INSERT … ON CONFLICT), and
 * the API calls of a first sync and of a re-run one day later (both providers, default tables; the
 * emulator's rate-limit windows are reset between the two, as a day would).
 * `BENCH_SYNC_ROWS` changes the row count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Row } from '../src/catalog/types.js';
import { connect as connectInstagram } from '../src/providers/instagram/index.js';
import { connect as connectTwitter } from '../src/providers/twitterads/index.js';
import { runSync } from '../src/sync/run-sync.js';
import { openTarget, type SyncTarget, type TargetTable } from '../src/sync/target.js';
import { addDays, dayOf } from '../src/sync/windows.js';
import { startPostgres } from '../test/sync/postgres-server.js';
import { startEmulatorProcess } from './emulator-process.js';

const ROWS = Number(process.env.BENCH_SYNC_ROWS ?? 1_000_000);
const BATCH = 5000;

const insights: TargetTable = {
  provider: 'bench',
  table: 'Insights',
  key: ['AccountId', 'EntityType', 'EntityId', 'StartTime', 'Granularity', 'Placement'],
  columns: [
    { name: 'AccountId', type: 'String' },
    { name: 'EntityType', type: 'String' },
    { name: 'EntityId', type: 'String' },
    { name: 'StartTime', type: 'Datetime' },
    { name: 'EndTime', type: 'Datetime' },
    { name: 'Granularity', type: 'String' },
    { name: 'Placement', type: 'String' },
    ...['Impressions', 'Engagements', 'Clicks', 'Retweets', 'Replies', 'Likes', 'Follows', 'UrlClicks', 'BilledEngagements', 'BilledChargeLocalMicro', 'VideoTotalViews'].map((name) => ({ name, type: 'Long' as const })),
  ],
};

function batchOf(offset: number, size: number): Row[] {
  const rows: Row[] = [];
  for (let i = offset; i < offset + size; i++) {
    const day = Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000;
    const row: Row = { AccountId: `acct${i % 7}`, EntityType: 'CAMPAIGN', EntityId: `c${Math.floor(i / 365)}`, StartTime: new Date(day), EndTime: new Date(day + 86_400_000), Granularity: 'DAY', Placement: 'ALL_ON_TWITTER' };
    for (const column of insights.columns.slice(7)) row[column.name] = (i * 31 + column.name.length) % 100_000;
    rows.push(row);
  }
  return rows;
}

async function rowsPerSecond(target: SyncTarget): Promise<{ rate: number; seconds: number }> {
  await target.dropTable(insights.provider, insights.table);
  await target.ensureTable(insights);
  let written = 0;
  const started = performance.now();
  for (let offset = 0; offset < ROWS; offset += BATCH) written += await target.write(insights, batchOf(offset, Math.min(BATCH, ROWS - offset)));
  const seconds = (performance.now() - started) / 1000;
  if (written !== ROWS) throw new Error(`wrote ${written} of ${ROWS} rows`);
  await target.dropTable(insights.provider, insights.table);
  return { rate: ROWS / seconds, seconds };
}

export async function benchSync(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'socialsql-bench-sync-'));
  const postgres = await startPostgres();
  try {
    console.log(`\n## socialsql sync\n`);
    console.log(`| target | rows | seconds | rows/s |\n|---|---|---|---|`);
    const sqlite = await openTarget({ kind: 'sqlite', file: join(dir, 'bench.db') });
    const s = await rowsPerSecond(sqlite);
    await sqlite.close();
    console.log(`| SQLite (better-sqlite3, prepared upserts) | ${ROWS} | ${s.seconds.toFixed(1)} | ${Math.round(s.rate)} |`);
    if (postgres) {
      const pg = await openTarget({ kind: 'postgres', url: postgres.url });
      const p = await rowsPerSecond(pg);
      await pg.close();
      console.log(`| PostgreSQL 15 (COPY + INSERT … ON CONFLICT) | ${ROWS} | ${p.seconds.toFixed(1)} | ${Math.round(p.rate)} |`);
    } else console.log('| PostgreSQL | skipped: no initdb/pg_ctl | | |');

    console.log(`\n| provider (default tables, 28 days) | first sync calls | re-run a day later calls | rows | upserted on re-run |\n|---|---|---|---|---|`);
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000);
    const since = addDays(dayOf(now), -28);
    for (const provider of ['twitterads', 'instagram'] as const) {
      const emulator = await startEmulatorProcess(provider, ['--seed', '11']);
      const c = emulator.info as Record<string, string>;
      const conn =
        provider === 'twitterads'
          ? await connectTwitter(`BaseURL=${c.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret}`)
          : await connectInstagram(`BaseURL=${c.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken}`);
      const target = await openTarget({ kind: 'sqlite', file: join(dir, `${provider}.db`) });
      const first = await runSync({ provider, conn, target, since, clock: () => yesterday });
      // The re-run stands for one a day later, when every 15-minute window has long turned: the two
      // runs together need more sync-analytics calls (Twitter: 250 per 15 min per endpoint) than one
      // window holds, and the connector rightly refuses a wait beyond MaxRateLimitDelay. So the
      // emulator's windows start afresh (its data does not change; the runs count their own calls).
      await fetch(`${c.url}/__emulator/reset`, { method: 'POST' });
      const rerun = await runSync({ provider, conn, target });
      const rows = Object.values(first.tables).reduce((n, t) => n + t.rows, 0);
      const upserted = Object.values(rerun.tables).reduce((n, t) => n + t.upserted, 0);
      console.log(`| ${provider} | ${first.calls} | ${rerun.calls} | ${rows} | ${upserted} |`);
      await target.close();
      await conn.close();
      await emulator.stop();
    }
  } finally {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench/sync.ts')) await benchSync();
