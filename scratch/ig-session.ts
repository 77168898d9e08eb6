// The set-up the Instagram scratch drivers share: the emulator in its own process (bench scale, --latency LAT),
// a connection, the Media listing the bench runs first, and the scenario query (Q=mi: MediaInsights of 1,000
// media; Q=c: Comments of 500).
import { startEmulatorProcess } from '../bench/emulator-process.js';
import { placeholders } from '../bench/measure.js';
import type { Connection } from '../src/connection/types.js';
import { connect } from '../src/providers/instagram/index.js';

export interface IgSession {
  readonly url: string;
  readonly conn: Connection;
  readonly media: readonly string[];
  readonly sql: string;
  readonly params: string[];
  close(): Promise<void>;
}

export async function igSession(defaults: { latency: string; query: 'mi' | 'c' }): Promise<IgSession> {
  const emu = await startEmulatorProcess('instagram', ['--seed', '11', '--scale', '12', '--latency', process.env.LAT ?? defaults.latency]);
  const c = emu.info as Record<string, string>;
  const conn = await connect(`BaseURL=${c.url};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};BusinessAccountId=${c.businessAccountId};MaxConcurrency=8`);
  const media = (await conn.query('SELECT Id FROM Media')).rows.map((r) => r.Id as string);
  const insights = (process.env.Q ?? defaults.query) === 'mi';
  const params = media.slice(0, insights ? 1000 : 500);
  const sql = insights ? `SELECT * FROM MediaInsights WHERE MediaId IN (${placeholders(params)})` : `SELECT Id, MediaId, Text FROM Comments WHERE MediaId IN (${placeholders(params)})`;
  const close = async () => {
    await conn.close();
    await emu.stop();
  };
  return { url: c.url!, conn, media, sql, params, close };
}
