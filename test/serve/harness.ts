/** `socialsql serve` over both emulators: schema "agency-eu" (Twitter Ads) and "brand-ig" (Instagram). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { startServer, type RunningServer, type ServeOptions } from '../../src/serve/server.js';
import { startHarness as startTwitter, type Harness as TwitterHarness } from '../twitterads/harness.js';
import { startHarness as startInstagram, type Harness as InstagramHarness } from '../instagram/harness.js';

export interface ServeHarness {
  readonly server: RunningServer;
  readonly twitter: TwitterHarness;
  readonly instagram: InstagramHarness;
  /** A node-postgres client, connected. */
  client(user?: string, password?: string, extra?: Partial<pg.ClientConfig>): Promise<pg.Client>;
  /** Runs the real psql binary; resolves with stdout. */
  psql(args: readonly string[], user?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export const USERS = {
  analyst: { password: 'analyst-pw', write: false },
  editor: { password: 'editor-pw', write: true },
  twitterOnly: { password: 'tw-pw', write: false, connections: ['agency-eu'] },
} as const;

export async function startServe(options: Partial<ServeOptions> = {}): Promise<ServeHarness> {
  const twitter = await startTwitter();
  const instagram = await startInstagram();
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    served: [
      { schema: 'agency-eu', connection: twitter.conn },
      { schema: 'brand-ig', connection: instagram.conn },
    ],
    users: Object.entries(USERS).map(([name, u]) => ({ name, password: u.password, write: u.write, ...('connections' in u ? { connections: u.connections } : {}) })),
    ...options,
  });
  const clients: pg.Client[] = [];
  return {
    server,
    twitter,
    instagram,
    async client(user = 'analyst', password = USERS.analyst.password, extra = {}) {
      const c = new pg.Client({ host: '127.0.0.1', port: server.port, user, password, database: 'socialsql', ...extra });
      c.on('error', () => undefined);
      await c.connect();
      clients.push(c);
      return c;
    },
    async psql(args, user = 'analyst', password = USERS.analyst.password) {
      const { stdout } = await promisify(execFile)('psql', ['-X', '-h', '127.0.0.1', '-p', String(server.port), '-U', user, '-d', 'socialsql', ...args], {
        env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' },
        timeout: 30_000,
      });
      return stdout;
    },
    async close() {
      for (const c of clients) await c.end().catch(() => undefined);
      await server.close();
      await twitter.close();
      await instagram.close();
    },
  };
}
