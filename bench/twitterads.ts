import { connect } from '../src/providers/twitterads/index.js';
import { startEmulatorProcess } from './emulator-process.js';
import { measureCases, placeholders } from './measure.js';

interface Credentials {
  url: string;
  clientId: string;
  clientSecret: string;
  accessToken: string;
  accessTokenSecret: string;
  accountIds: string[];
}

export async function benchTwitterAds(latencyMs: number): Promise<void> {
  const emulator = await startEmulatorProcess('twitterads', ['--seed', '11', '--scale', '5', '--latency', String(latencyMs)]);
  const c = emulator.info as unknown as Credentials;
  const account = c.accountIds[0]!;
  const conn = await connect(`BaseURL=${c.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret};AccountId=${account}`);
  const campaigns = (await conn.query('SELECT Id FROM Campaigns WHERE IncludeDeleted = true AND IncludeDraft = true')).rows.map((r) => r.Id as string);
  const visible = (await conn.query('SELECT Id FROM Campaigns')).rows.length;
  await conn.query('SELECT Impressions FROM Insights'); // warm the account time zone
  const ids = campaigns.slice(0, 450);
  await measureCases('Twitter Ads', conn, c.url, latencyMs, [
    { name: 'all campaigns of an account', sql: 'SELECT * FROM Campaigns', minimumCalls: Math.ceil(visible / 1000), sequentialCalls: Math.ceil(visible / 1000) },
    { name: `campaigns by ${ids.length} ids`, sql: `SELECT Id, Name FROM Campaigns WHERE IncludeDeleted = true AND IncludeDraft = true AND Id IN (${placeholders(ids)})`, params: ids, minimumCalls: Math.ceil(ids.length / 200), sequentialCalls: 1 },
    { name: 'newest 10 campaigns', sql: 'SELECT Id, CreatedAt FROM Campaigns ORDER BY CreatedAt DESC LIMIT 10', minimumCalls: 1, sequentialCalls: 1 },
    { name: 'first 5 campaigns', sql: 'SELECT Name, EntityStatus FROM Campaigns LIMIT 5', minimumCalls: 1, sequentialCalls: 1 },
    {
      name: 'campaign stats, 30 days, via join',
      sql: "SELECT c.Name, i.Impressions FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id WHERE i.Granularity = 'TOTAL' AND i.StartTime >= '2026-10-01' AND i.EndTime <= '2026-10-31'",
      minimumCalls: Math.ceil(visible / 1000) + Math.ceil(visible / 20) * 5,
      sequentialCalls: Math.ceil(visible / 1000) + 1,
    },
  ]);
  await conn.close();
  await emulator.stop();
}
