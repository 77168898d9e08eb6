/** `socialsql sync` into a real PostgreSQL (a throwaway server of this file's own), when the binaries are there. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { runSync } from '../../src/sync/run-sync.js';
import { openTarget } from '../../src/sync/target.js';
import { addDays, dayOf } from '../../src/sync/windows.js';
import { assertFirstSync, startInstagram, startTwitter, targetRows } from './helpers.js';
import { SKIP_REASON, startPostgres, type PostgresServer } from './postgres-server.js';

const server: PostgresServer | undefined = await startPostgres();
if (!server) console.log(`# ${SKIP_REASON}`);
const skip = server ? false : SKIP_REASON;

const today = dayOf(new Date());
const since = addDays(today, -20);
const tomorrow = addDays(today, 1);

let twitter: Awaited<ReturnType<typeof startTwitter>>;
let instagram: Awaited<ReturnType<typeof startInstagram>>;
before(async () => {
  if (!server) return;
  twitter = await startTwitter({ rateLimit: 5000 }); // every metric group now: two stats requests per call (MOBILE_CONVERSION alone), past the default 250 per 15 min
  instagram = await startInstagram();
});
after(async () => {
  await twitter?.close();
  await instagram?.close();
  await server?.stop();
});

test('a first sync of both providers into PostgreSQL leaves per table exactly the rows the API returns', { skip }, async () => {
  const target = await openTarget({ kind: 'postgres', url: server!.url });
  try {
    const calls = await assertFirstSync(target, twitter, instagram, since, tomorrow);
    console.log(`# first sync into PostgreSQL: twitterads ${calls.twitterads} calls, instagram ${calls.instagram} calls`);
    // DESIGN §2 naming and types: schema per provider, lower-case tables, the catalog's column types.
    const client = new pg.Client(server!.url);
    await client.connect();
    try {
      const columns = await client.query(
        `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'twitterads' AND table_name = 'campaigns' AND column_name IN ('Id', 'Servable', 'DailyBudgetAmountLocalMicro', 'CreatedAt') ORDER BY column_name`,
      );
      assert.deepEqual(
        columns.rows.map((r) => `${r.column_name}:${r.data_type}`),
        ['CreatedAt:timestamp with time zone', 'DailyBudgetAmountLocalMicro:bigint', 'Id:text', 'Servable:boolean'],
      );
      const keys = await client.query(
        `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'twitterads.insights'::regclass AND i.indisprimary ORDER BY a.attname`,
      );
      assert.deepEqual(keys.rows.map((r) => r.attname), ['AccountId', 'EntityId', 'EntityType', 'Granularity', 'Placement', 'StartTime']);
    } finally {
      await client.end();
    }
  } finally {
    await target.close();
  }
});

test('a re-run upserts nothing when nothing changed; a new column is added with ALTER TABLE', { skip }, async () => {
  const target = await openTarget({ kind: 'postgres', url: server!.url });
  try {
    const again = await runSync({ provider: 'twitterads', conn: twitter.conn, target, tables: ['Campaigns', 'Insights'] });
    assert.equal(again.tables.Campaigns!.upserted, 0);
    assert.equal(again.tables.Insights!.upserted, 0);
    const client = new pg.Client(server!.url);
    await client.connect();
    try {
      await client.query('ALTER TABLE twitterads.campaigns DROP COLUMN "Currency"');
    } finally {
      await client.end();
    }
    const widened = await runSync({ provider: 'twitterads', conn: twitter.conn, target, tables: ['Campaigns'] });
    const rows = await targetRows(target, twitter.conn, 'twitterads', 'Campaigns');
    assert.ok(rows.every((r) => typeof r.Currency === 'string'), 'the re-added column is filled again');
    assert.equal(widened.tables.Campaigns!.upserted, rows.length);
  } finally {
    await target.close();
  }
});
