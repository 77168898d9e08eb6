/** Offline=true answers from the replication target with 0 API calls; AutoCache=true lands what SELECTs read. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runSync } from '../../src/sync/run-sync.js';
import { openTarget } from '../../src/sync/target.js';
import { addDays, dayOf } from '../../src/sync/windows.js';
import { canonical, dataColumns, startInstagram, startTwitter, targetRows } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'socialsql-offline-'));
const file = join(dir, 'ads.db');
let twitter: Awaited<ReturnType<typeof startTwitter>>;
let instagram: Awaited<ReturnType<typeof startInstagram>>;
before(async () => {
  twitter = await startTwitter();
  instagram = await startInstagram();
  const target = await openTarget({ kind: 'sqlite', file });
  try {
    const since = addDays(dayOf(new Date()), -6);
    await runSync({ provider: 'twitterads', conn: twitter.conn, target, since, tables: ['Accounts', 'Campaigns', 'LineItems', 'Insights'] });
    await runSync({ provider: 'instagram', conn: instagram.conn, target, since, tables: ['Media', 'Comments'] });
  } finally {
    await target.close();
  }
});
after(async () => {
  await twitter.close();
  await instagram.close();
  rmSync(dir, { recursive: true, force: true });
});

test('Offline=true answers exactly what the live query answers (default account, deleted rows), with 0 API calls', async () => {
  const account = twitter.emulator.credentials.accountIds[1]!;
  const queries: [string, string[]][] = [
    ['SELECT * FROM Campaigns', []],
    ['SELECT * FROM Campaigns WHERE IncludeDeleted = true', []],
    ['SELECT * FROM LineItems WHERE AccountId = ?', [account]],
    ['SELECT Id, Name FROM Accounts', []],
    ['SELECT c.EntityStatus, COUNT(*) AS n FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id GROUP BY c.EntityStatus', []],
  ];
  const offline = await twitter.connectWith(`Offline=true;CacheLocation=${file}`);
  for (const [sql, params] of queries) {
    const live = await twitter.conn.query(sql, params);
    await twitter.reset();
    const answered = await offline.query(sql, params);
    assert.equal((await twitter.calls()).requests, 0, `${sql}: no API call`);
    const columns = live.fields.map((f) => f.name);
    assert.deepEqual(answered.fields, live.fields);
    assert.deepEqual(canonical(answered.rows, columns), canonical(live.rows, columns), sql);
    assert.ok(live.rows.length > 0, sql);
  }
  await twitter.reset();
  const explained = await offline.query('EXPLAIN SELECT * FROM Campaigns');
  assert.match(String(explained.rows.find((r) => String(r.Detail).includes('offline'))?.Detail ?? explained.rows.map((r) => r.Detail).join(' ')), /offline/);
  assert.equal((await twitter.calls()).requests, 0);

  const offlineInstagram = await instagram.connectWith(`Offline=true;CacheLocation=sqlite:${file}`);
  const live = await instagram.conn.query('SELECT * FROM Media');
  await instagram.reset();
  const answered = await offlineInstagram.query('SELECT * FROM Media');
  assert.equal((await instagram.calls()).requests, 0);
  assert.deepEqual(canonical(answered.rows, dataColumns(instagram.conn, 'Media')), canonical(live.rows, dataColumns(instagram.conn, 'Media')));
  await assert.rejects(offlineInstagram.query('SELECT * FROM Tags'), (e: unknown) => (e as { code?: string }).code === 'PLAN' && /not in the replication target/.test(String(e)));
});

test('AutoCache=true: a SELECT lands the rows it read in the target, whole and keyed', async () => {
  const cacheFile = join(dir, 'auto.db');
  const conn = await twitter.connectWith(`AutoCache=true;CacheLocation=${cacheFile}`);
  const account = twitter.emulator.credentials.accountIds[2]!;
  const read = await conn.query("SELECT Id, Name FROM Campaigns WHERE AccountId = ? AND EntityStatus = 'ACTIVE'", [account]);
  await conn.query('SELECT Id FROM Campaigns WHERE AccountId = ?', [account]);
  const target = await openTarget({ kind: 'sqlite', file: cacheFile });
  try {
    const stored = await targetRows(target, twitter.conn, 'twitterads', 'Campaigns');
    const live = await twitter.conn.query('SELECT * FROM Campaigns WHERE AccountId = ?', [account]);
    assert.ok(read.rows.length > 0);
    assert.deepEqual(canonical(stored, dataColumns(twitter.conn, 'Campaigns')), canonical(live.rows, dataColumns(twitter.conn, 'Campaigns')));
  } finally {
    await target.close();
  }
});

test('Offline or AutoCache without a target is a ConnectionStringError', async () => {
  await assert.rejects(twitter.connectWith('Offline=true'), (e: unknown) => (e as { code?: string }).code === 'CONNECTION_STRING' && /CacheLocation/.test(String(e)));
});
