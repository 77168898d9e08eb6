/**
 * The fault-injection corpus (issue 7, Done-when): a fixed set of queries for each provider, run
 * first without faults, then repeatedly under `--fail-rate 0.1 --reset-rate 0.05 --truncate-rate 0.05`
 * (set through `POST /__emulator/faults`), with and without a response cache. Every faulted run must
 * succeed and return exactly the fault-free rows: none lost, none duplicated.
 */
import type { Connection } from '../../src/connection/types.js';
import { startInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { startTwitterAdsEmulator } from '../../src/emulator/twitterads/index.js';
import { connect as connectInstagram } from '../../src/providers/instagram/index.js';
import { connect as connectTwitter } from '../../src/providers/twitterads/index.js';

export const FAULTS = { failRate: 0.1, resetRate: 0.05, truncateRate: 0.05 };
export const NO_FAULTS = { failRate: 0, resetRate: 0, truncateRate: 0 };

export interface CorpusProvider {
  readonly name: 'twitterads' | 'instagram';
  readonly queries: readonly string[];
  start(seed: number): Promise<{ url: string; connectionString: string; close(): Promise<void> }>;
  connect(connectionString: string): Promise<Connection>;
}

export const corpusProviders: readonly CorpusProvider[] = [
  {
    name: 'twitterads',
    queries: [
      'SELECT Id, Name FROM Accounts',
      'SELECT Id, Name, EntityStatus FROM Campaigns',
      'SELECT Id, CampaignId FROM LineItems',
      'SELECT Id FROM FundingInstruments',
      'SELECT c.Id, l.Id AS LineItemId FROM Campaigns c JOIN LineItems l ON l.CampaignId = c.Id',
      'SELECT Id, LineItemId FROM PromotedTweets',
    ],
    async start(seed) {
      const emulator = await startTwitterAdsEmulator({ port: 0, seed });
      const c = emulator.credentials;
      return { url: emulator.url, connectionString: `BaseURL=${emulator.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret};Pagesize=20`, close: () => emulator.close() };
    },
    connect: (cs) => connectTwitter(cs),
  },
  {
    name: 'instagram',
    queries: [
      'SELECT Id, Username FROM Accounts',
      'SELECT Id, Caption, MediaType FROM Media',
      'SELECT Id, MediaId, Text FROM Comments',
      'SELECT Id, MediaId FROM Children',
      "SELECT * FROM MediaInsights WHERE MediaProductType = 'REELS'",
      'SELECT m.Id, c.Id AS CommentId FROM Media m JOIN Comments c ON c.MediaId = m.Id',
    ],
    async start(seed) {
      // The corpus measures transport faults; a big run would otherwise spend Graph's hourly budget
      // (4,800 calls, batch items included), which the client then honestly refuses to overdraw.
      const emulator = await startInstagramEmulator({ port: 0, seed, rateLimit: 1_000_000 });
      const c = emulator.credentials;
      return { url: emulator.url, connectionString: `BaseURL=${emulator.url};OAuthAccessToken=${c.accessToken};OAuthClientSecret=${c.clientSecret};BusinessAccountId=${c.businessAccountId};Pagesize=10`, close: () => emulator.close() };
    },
    connect: (cs) => connectInstagram(cs),
  },
];

export interface CorpusTally {
  provider: string;
  cacheTtl: number;
  queries: number;
  runs: number;
  executions: number;
  failures: number;
  lost: number;
  duplicated: number;
  rows: number;
  failuresSeen: string[];
}

async function setFaults(url: string, faults: Record<string, number>): Promise<void> {
  const response = await fetch(`${url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  if (response.status !== 200) throw new Error(`faults: HTTP ${response.status}`);
}

const keyOf = (row: Record<string, unknown>) => JSON.stringify(row, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v));

function multiset(rows: readonly Record<string, unknown>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(keyOf(row), (counts.get(keyOf(row)) ?? 0) + 1);
  return counts;
}

/** Rows of `actual` missing from `expected`'s multiset (lost), and extra copies (duplicated). */
export function compareRows(expected: readonly Record<string, unknown>[], actual: readonly Record<string, unknown>[]): { lost: number; duplicated: number } {
  const want = multiset(expected);
  const got = multiset(actual);
  let lost = 0;
  let duplicated = 0;
  for (const [key, n] of want) lost += Math.max(0, n - (got.get(key) ?? 0));
  for (const [key, n] of got) duplicated += Math.max(0, n - (want.get(key) ?? 0));
  return { lost, duplicated };
}

/** One provider, one cache setting: baselines without faults, then `runs` rounds of every query under faults. */
export async function runCorpus(provider: CorpusProvider, options: { runs: number; cacheTtl: number; seed?: number }): Promise<CorpusTally> {
  const server = await provider.start(options.seed ?? 11);
  const tally: CorpusTally = { provider: provider.name, cacheTtl: options.cacheTtl, queries: provider.queries.length, runs: options.runs, executions: 0, failures: 0, lost: 0, duplicated: 0, rows: 0, failuresSeen: [] };
  try {
    const baseline = await provider.connect(server.connectionString);
    const expected: Record<string, unknown>[][] = [];
    try {
      for (const sql of provider.queries) expected.push((await baseline.query(sql)).rows as Record<string, unknown>[]);
    } finally {
      await baseline.close();
    }
    await setFaults(server.url, FAULTS);
    for (let run = 0; run < options.runs; run++) {
      // A connection per run, so that with CacheTTL each run starts with an empty cache and later queries in the run may hit it.
      const conn = await provider.connect(`${server.connectionString};CacheTTL=${options.cacheTtl}`);
      try {
        for (const [i, sql] of provider.queries.entries()) {
          tally.executions++;
          try {
            const rows = (await conn.query(sql)).rows as Record<string, unknown>[];
            const { lost, duplicated } = compareRows(expected[i]!, rows);
            tally.rows += rows.length;
            tally.lost += lost;
            tally.duplicated += duplicated;
          } catch (error) {
            tally.failures++;
            if (tally.failuresSeen.length < 5) tally.failuresSeen.push(`${sql}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
          }
        }
      } finally {
        await conn.close();
      }
    }
    // Faults off again: with the cache, nothing bad may have been kept.
    await setFaults(server.url, NO_FAULTS);
  } finally {
    await server.close();
  }
  return tally;
}
