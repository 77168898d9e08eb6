import { connect } from '../src/providers/twitterads/index.js';
import { startEmulatorProcess } from './emulator-process.js';
import { placeholders } from './measure.js';
const emulator = await startEmulatorProcess('twitterads', ['--seed', '11', '--scale', '5', '--latency', '50']);
const c = emulator.info as any;
const conn = await connect(`BaseURL=${c.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret};AccountId=${c.accountIds[0]}`);
const ids = (await conn.query('SELECT Id FROM Campaigns WHERE IncludeDeleted = true AND IncludeDraft = true')).rows.map((r) => r.Id as string).slice(0, 450);
await conn.query('SELECT Impressions FROM Insights');
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  await conn.query(`SELECT Id, Name FROM Campaigns WHERE IncludeDeleted = true AND IncludeDraft = true AND Id IN (${placeholders(ids)})`, ids);
  console.log('ids', performance.now() - t);
  t = performance.now();
  await conn.query("SELECT c.Name, i.Impressions FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id WHERE i.Granularity = 'TOTAL' AND i.StartTime >= '2026-10-01' AND i.EndTime <= '2026-10-31'");
  console.log('join', performance.now() - t);
  const s = await (await fetch(`${c.url}/__emulator/stats`)).json() as any; console.log(s.requests, s.busyMs);
}
await conn.close(); await emulator.stop();
