/** Starts a Twitter Ads emulator and a connection to it over real HTTP, and reads its request counters. */
import { connect } from '../../src/providers/twitterads/index.js';
import type { Connection } from '../../src/connection/types.js';
import { startTwitterAdsEmulator, type RunningEmulator, type TwitterAdsEmulatorOptions } from '../../src/emulator/twitterads/index.js';

export interface Harness {
  emulator: RunningEmulator;
  conn: Connection;
  /** Calls by route since the last reset, and the total. */
  calls(): Promise<{ requests: number; byRoute: Record<string, number> }>;
  reset(): Promise<void>;
  faults(settings: Record<string, number>): Promise<void>;
  connectWith(extra: string): Promise<Connection>;
  close(): Promise<void>;
}

export async function startHarness(options: TwitterAdsEmulatorOptions = {}, extra = ''): Promise<Harness> {
  const emulator = await startTwitterAdsEmulator({ port: 0, seed: 7, ...options });
  const c = emulator.credentials;
  const base = `BaseURL=${emulator.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret}`;
  const opened: Connection[] = [];
  const connectWith = async (more: string) => {
    const conn = await connect(`${base};${more}`);
    opened.push(conn);
    return conn;
  };
  const conn = await connectWith(extra);
  const admin = (path: string, init?: RequestInit) => fetch(`${emulator.url}/__emulator/${path}`, init);
  return {
    emulator,
    conn,
    connectWith,
    async calls() {
      return (await (await admin('stats')).json()) as { requests: number; byRoute: Record<string, number> };
    },
    async reset() {
      await admin('reset', { method: 'POST' });
    },
    async faults(settings) {
      await admin('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
    },
    async close() {
      for (const c of opened) await c.close();
      await emulator.close();
    },
  };
}
