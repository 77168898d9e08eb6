/**
 * API calls against the minimum the API allows, and wall time against the latency lower bound
 * (calls on the critical path × emulator latency), for representative queries. One run, ratios only.
 */
import { startTwitterAdsEmulator } from '../src/emulator/twitterads/index.js';
import { connect } from '../src/providers/twitterads/index.js';

const LATENCY_MS = 25;

interface Case {
  name: string;
  sql: string;
  params?: string[];
  /** Fewest requests that can answer the query, given the API's limits. */
  minimumCalls: number;
  /** Requests that must happen one after another (paging, dependent fetches). */
  sequentialCalls: number;
}

async function main(): Promise<void> {
  const emulator = await startTwitterAdsEmulator({ port: 0, seed: 11, scale: 5, latencyMs: LATENCY_MS });
  const c = emulator.credentials;
  const account = c.accountIds[0]!;
  const conn = await connect(`BaseURL=${emulator.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret};AccountId=${account}`);
  const stats = async () => ((await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { requests: number }).requests;
  const reset = () => fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });

  const campaigns = (await conn.query('SELECT Id FROM Campaigns WHERE IncludeDeleted = true AND IncludeDraft = true')).rows.map((r) => r.Id as string);
  const visible = (await conn.query('SELECT Id FROM Campaigns')).rows.length;
  await conn.query('SELECT Impressions FROM Insights'); // warm the account time zone
  const ids = campaigns.slice(0, 450);
  const cases: Case[] = [
    { name: 'all campaigns of an account', sql: 'SELECT * FROM Campaigns', minimumCalls: Math.ceil(visible / 1000), sequentialCalls: Math.ceil(visible / 1000) },
    { name: 'campaigns by 450 ids', sql: `SELECT Id, Name FROM Campaigns WHERE IncludeDeleted = true AND IncludeDraft = true AND Id IN (${ids.map(() => '?').join(',')})`, params: ids, minimumCalls: Math.ceil(ids.length / 200), sequentialCalls: 1 },
    { name: 'newest 10 campaigns', sql: 'SELECT Id, CreatedAt FROM Campaigns ORDER BY CreatedAt DESC LIMIT 10', minimumCalls: 1, sequentialCalls: 1 },
    { name: 'first 5 campaigns', sql: 'SELECT Name, EntityStatus FROM Campaigns LIMIT 5', minimumCalls: 1, sequentialCalls: 1 },
    {
      name: 'campaign stats, 30 days, via join',
      sql: "SELECT c.Name, i.Impressions FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id WHERE i.Granularity = 'TOTAL' AND i.StartTime >= '2026-10-01' AND i.EndTime <= '2026-10-31'",
      minimumCalls: Math.ceil(visible / 1000) + Math.ceil(visible / 20) * 5,
      sequentialCalls: Math.ceil(visible / 1000) + 1,
    },
  ];

  console.log(`emulator latency ${LATENCY_MS} ms, ${visible} visible campaigns in the account\n`);
  console.log('| query | rows | calls | minimum | calls/min | wall ms | lower bound ms | wall/bound |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const testCase of cases) {
    await reset();
    const started = performance.now();
    const { rows } = await conn.query(testCase.sql, testCase.params);
    const wall = performance.now() - started;
    const calls = await stats();
    const bound = testCase.sequentialCalls * LATENCY_MS;
    console.log(`| ${testCase.name} | ${rows.length} | ${calls} | ${testCase.minimumCalls} | ${(calls / testCase.minimumCalls).toFixed(2)} | ${wall.toFixed(0)} | ${bound} | ${(wall / bound).toFixed(2)} |`);
  }
  await conn.close();
  await emulator.close();
}

await main();
