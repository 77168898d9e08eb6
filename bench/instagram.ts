import { connect } from '../src/providers/instagram/index.js';
import { startEmulatorProcess } from './emulator-process.js';
import { measureCases, placeholders } from './measure.js';

interface Credentials {
  url: string;
  clientSecret: string;
  accessToken: string;
  businessAccountId: string;
}

export async function benchInstagram(latencyMs: number): Promise<void> {
  const emulator = await startEmulatorProcess('instagram', ['--seed', '11', '--scale', '2', '--latency', String(latencyMs)]);
  const c = emulator.info as unknown as Credentials;
  const conn = await connect(`BaseURL=${c.url};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};BusinessAccountId=${c.businessAccountId}`);
  const media = (await conn.query('SELECT Id FROM Media')).rows.map((r) => r.Id as string);
  const two00 = media.slice(0, 200);
  const ten = media.slice(0, 10);
  const mediaPages = Math.ceil(media.length / 100);
  await measureCases('Instagram', conn, c.url, latencyMs, [
    { name: `all ${media.length} media`, sql: 'SELECT * FROM Media', minimumCalls: mediaPages, sequentialCalls: mediaPages },
    { name: 'media by 10 ids', sql: `SELECT Id, Caption FROM Media WHERE Id IN (${placeholders(ten)})`, params: ten, minimumCalls: 1, sequentialCalls: 1 },
    // The media types must be read before the metrics can be chosen: 1 batch of ?ids= reads, then 4 batches.
    { name: 'MediaInsights of 200 media', sql: `SELECT * FROM MediaInsights WHERE MediaId IN (${placeholders(two00)})`, params: two00, minimumCalls: 5, sequentialCalls: 2 },
    { name: 'comments of every media', sql: 'SELECT Id, Text FROM Comments', minimumCalls: mediaPages + Math.ceil(media.length / 50), sequentialCalls: mediaPages + 1 },
    { name: 'account insights, 45 days', sql: "SELECT * FROM AccountInsights WHERE MetricType = 'total_value' AND StartTime >= '2026-10-01' AND EndTime <= '2026-11-15'", minimumCalls: 1, sequentialCalls: 1 },
  ]);
  await conn.close();
  await emulator.stop();
}
