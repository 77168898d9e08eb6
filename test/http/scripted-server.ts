/** A local HTTP server whose answers a test scripts, one handler per request, recording what it received. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, received: Received, index: number) => void | Promise<void>;

export interface ScriptedServer {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function scriptedServer(handler: Handler, options: { maxHeaderSize?: number } = {}): Promise<ScriptedServer> {
  const received: Received[] = [];
  const server = createServer({ maxHeaderSize: options.maxHeaderSize ?? 16_384 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      Promise.resolve(handler(req, res, entry, received.length - 1)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** A clock that only moves when someone sleeps: waits cost no real time. */
export function fakeClock(start = Date.UTC(2026, 11, 1, 12, 0, 0)) {
  let now = start;
  const slept: number[] = [];
  return {
    now: () => now,
    /** Concurrent sleepers share the timeline: each wakes at its own target, the clock at the latest. */
    sleep: async (ms: number) => {
      slept.push(ms);
      const target = now + ms;
      await new Promise((resolve) => setImmediate(resolve));
      now = Math.max(now, target);
    },
    advance: (ms: number) => {
      now += ms;
    },
    slept,
  };
}
