/** An Instagram emulator and a connection to it over real HTTP, with its request counters. */
import type { Connection } from '../../src/connection/types.js';
import { startInstagramEmulator, type InstagramEmulatorOptions, type RunningInstagramEmulator } from '../../src/emulator/instagram/index.js';
import { connect } from '../../src/providers/instagram/index.js';

export interface Calls {
  requests: number;
  byRoute: Record<string, number>;
  batchedRequests: number;
}

export interface Harness {
  emulator: RunningInstagramEmulator;
  conn: Connection;
  calls(): Promise<Calls>;
  reset(): Promise<void>;
  connectWith(extra: string): Promise<Connection>;
  close(): Promise<void>;
}

export async function startHarness(options: InstagramEmulatorOptions = {}, extra = ''): Promise<Harness> {
  const emulator = await startInstagramEmulator({ port: 0, seed: 5, ...options });
  const c = emulator.credentials;
  const base = `BaseURL=${emulator.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken}`;
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
      const stats = (await (await admin('stats')).json()) as Partial<Calls>;
      return { requests: stats.requests ?? 0, byRoute: stats.byRoute ?? {}, batchedRequests: stats.batchedRequests ?? 0 };
    },
    async reset() {
      await admin('reset', { method: 'POST' });
    },
    async close() {
      for (const c of opened) await c.close();
      await emulator.close();
    },
  };
}
