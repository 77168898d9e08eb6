/** A running emulator and connections to it over real HTTP, with the emulator's request counters. */
import type { Connection } from '../../src/connection/types.js';

export interface Calls {
  requests: number;
  byRoute: Record<string, number>;
  /** Requests inside Graph batches (Instagram only; 0 elsewhere). */
  batchedRequests: number;
}

export interface Harness<E> {
  emulator: E;
  conn: Connection;
  calls(): Promise<Calls>;
  reset(): Promise<void>;
  faults(settings: Record<string, number>): Promise<void>;
  /** Another connection with the same credentials plus `extra` properties; closed with the harness. */
  connectWith(extra: string): Promise<Connection>;
  close(): Promise<void>;
}

export async function openHarness<E extends { readonly url: string; close(): Promise<void> }>(
  emulator: E,
  connect: (connectionString: string) => Promise<Connection>,
  credentials: string,
  extra: string,
): Promise<Harness<E>> {
  const opened: Connection[] = [];
  const connectWith = async (more: string) => {
    const conn = await connect(`BaseURL=${emulator.url};${credentials};${more}`);
    opened.push(conn);
    return conn;
  };
  const admin = (path: string, init?: RequestInit) => fetch(`${emulator.url}/__emulator/${path}`, init);
  return {
    emulator,
    conn: await connectWith(extra),
    connectWith,
    async calls() {
      const stats = (await (await admin('stats')).json()) as Partial<Calls>;
      return { requests: stats.requests ?? 0, byRoute: stats.byRoute ?? {}, batchedRequests: stats.batchedRequests ?? 0 };
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
