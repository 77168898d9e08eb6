/** The job plan: windows, the look-back rule, resumed runs and target URLs (pure functions). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planJobs } from '../../src/sync/jobs.js';
import { twitterAdsSyncPlan } from '../../src/sync/sync-tables.js';
import type { Bookmark } from '../../src/sync/target.js';
import { parseTargetUrl, shownTargetUrl } from '../../src/sync/target-url.js';
import { rangeToRead, windowsBetween } from '../../src/sync/windows.js';

const at = (iso: string) => new Date(iso);
const bookmark = (windowStart: string, windowEnd: string, readAt: string, table = 'Insights/CAMPAIGN'): Bookmark => ({
  provider: 'twitterads',
  account: 'a1',
  table,
  windowStart,
  windowEnd,
  readAt: at(readAt),
  rows: 1,
});

test('windows are whole days of the span from since to tomorrow; the last one is shorter', () => {
  assert.deepEqual(windowsBetween('2026-11-01', at('2026-11-16T10:00:00Z'), 7), [
    { start: '2026-11-01', end: '2026-11-08' },
    { start: '2026-11-08', end: '2026-11-15' },
    { start: '2026-11-15', end: '2026-11-17' },
  ]);
});

test('a window is re-read until the look-back after its last read has passed its end', () => {
  const window = { start: '2026-11-08', end: '2026-11-15' };
  const runStart = at('2026-11-20T00:00:00Z');
  assert.deepEqual(rangeToRead(window, undefined, 3, runStart), window, 'never read');
  assert.deepEqual(rangeToRead(window, bookmark('2026-11-08', '2026-11-15', '2026-11-16T12:00:00Z'), 3, runStart), window, 'read 1 day after its end: spend may still change');
  assert.deepEqual(rangeToRead(window, bookmark('2026-11-08', '2026-11-15', '2026-11-18T12:00:00Z'), 3, runStart), window, 'read 3 days after: a time zone west of UTC may still be open');
  assert.equal(rangeToRead(window, bookmark('2026-11-08', '2026-11-15', '2026-11-19T00:30:00Z'), 3, runStart), undefined, 'read 4 days after its end: final');
  assert.equal(rangeToRead(window, bookmark('2026-11-08', '2026-11-15', '2026-11-20T01:00:00Z'), 3, runStart), undefined, 'read in this run already (resumed)');
  assert.deepEqual(rangeToRead({ start: '2026-11-15', end: '2026-11-22' }, bookmark('2026-11-15', '2026-11-21', '2026-11-20T01:00:00Z'), 3, runStart), { start: '2026-11-15', end: '2026-11-22' }, 'grown since');
});

test('planJobs: entities once per account, insights per account, entity type and open window; finished jobs of a resumed run are skipped', () => {
  const tables = twitterAdsSyncPlan.tables.filter((t) => t.table === 'Campaigns' || t.table === 'Insights');
  const options = { accounts: ['a1', 'a2'], since: '2026-11-01', lookbackDays: 3, now: at('2026-11-16T10:00:00Z'), runStartedAt: at('2026-11-16T09:00:00Z') };
  const fresh = planJobs(twitterAdsSyncPlan, tables, [], options);
  assert.equal(fresh.filter((j) => j.table === 'Campaigns').length, 2);
  assert.equal(fresh.filter((j) => j.table === 'Insights').length, 2 * 2 * 3);
  const done = [
    bookmark('', '', '2026-11-16T09:30:00Z', 'Campaigns'),
    bookmark('2026-11-01', '2026-11-08', '2026-11-12T00:00:00Z'),
    bookmark('2026-11-08', '2026-11-15', '2026-11-15T00:00:00Z'),
  ];
  const resumed = planJobs(twitterAdsSyncPlan, tables, done, options);
  assert.deepEqual(
    resumed.filter((j) => j.account === 'a1').map((j) => `${j.table}/${j.variant}@${j.window?.start ?? ''}`),
    ['Insights/CAMPAIGN@2026-11-08', 'Insights/CAMPAIGN@2026-11-15', 'Insights/LINE_ITEM@2026-11-01', 'Insights/LINE_ITEM@2026-11-08', 'Insights/LINE_ITEM@2026-11-15'],
  );
});

test('target URLs: sqlite:FILE and postgres://…; passwords never shown', () => {
  assert.deepEqual(parseTargetUrl('sqlite:./ads.db'), { kind: 'sqlite', file: './ads.db' });
  assert.deepEqual(parseTargetUrl('postgres://me@127.0.0.1:5432/ads'), { kind: 'postgres', url: 'postgres://me@127.0.0.1:5432/ads' });
  assert.throws(() => parseTargetUrl('mysql://x'), (e: unknown) => (e as { code?: string }).code === 'CONNECTION_STRING');
  assert.equal(shownTargetUrl('postgres://me:s3cret@db:5432/ads'), 'postgres://me:****@db:5432/ads');
});

test('worker connection strings: secrets leave through SOCIALSQL_* variables and come back from them', async () => {
  const { splitSecrets, withSecretsFromEnv } = await import('../../src/sync/workers/connection-secrets.js');
  const { shared, env } = splitSecrets('twitterads', "BaseURL=http://127.0.0.1:9;OAuthClientId=app;OAuthAccessToken=tok;OAuthAccessTokenSecret='s;cret'");
  assert.ok(!shared.includes('tok') && !shared.includes('cret'));
  assert.deepEqual(env, { SOCIALSQL_OAUTHACCESSTOKEN: 'tok', SOCIALSQL_OAUTHACCESSTOKENSECRET: 's;cret' });
  const back = withSecretsFromEnv('twitterads', shared, env);
  assert.match(back, /OAuthAccessToken="tok"/);
  assert.match(back, /OAuthAccessTokenSecret="s;cret"/);
  assert.deepEqual(splitSecrets('instagram', '@agency-eu'), { shared: '@agency-eu', env: {} });
});
