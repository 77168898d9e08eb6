/** ClientSession over a scripted Connection: notices during a rate-limit wait, portals that stop their query. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { parse, serialize } from 'pg-protocol';
import type { Field, Row } from '../../src/catalog/types.js';
import type { Connection, QueryOptions, RowStream } from '../../src/connection/types.js';
import type { CatalogDatabase } from '../../src/serve/catalog-database.js';
import { ClientSession } from '../../src/serve/session.js';
import { parseFrontendMessage } from '../../src/serve/wire/frontend-messages.js';

const FIELDS: Field[] = [{ name: 'Id', type: 'String' }];

/** Two rows; before the second, it reports a rate-limit wait and pauses until `release` is called. */
function scriptedConnection(): { conn: Connection; release: () => void; aborted: () => boolean } {
  let release = (): void => undefined;
  let signal: AbortSignal | undefined;
  const stream = (_sql: string, _params?: unknown, options: QueryOptions = {}): RowStream => {
    signal = options.signal;
    return {
      fields: Promise.resolve(FIELDS),
      async *[Symbol.asyncIterator](): AsyncGenerator<Row> {
        yield { Id: 'a1' };
        options.onProgress?.({ calls: 1, inFlight: 0, pages: 1, rows: 1, rateLimitWaits: 1, waitingUntil: Date.UTC(2026, 11, 2, 1, 30) });
        await new Promise<void>((resolve) => (release = resolve));
        yield { Id: 'a2' };
      },
    } as RowStream;
  };
  const conn = {
    query: async () => ({ rows: [], fields: [] }),
    stream,
    describe: async () => FIELDS,
    tables: () => [{ name: 'Campaigns', aliases: [], columns: [{ name: 'Id', type: 'String' as const }] }],
    procedures: () => [],
    close: async () => undefined,
  } as unknown as Connection;
  return { conn, release: () => release(), aborted: () => signal?.aborted === true };
}

async function decode(messages: Uint8Array[]): Promise<{ name: string; text?: string; message?: string; fields?: unknown[] }[]> {
  const stream = new PassThrough();
  const out: { name: string }[] = [];
  const done = parse(stream, (m) => out.push(m as unknown as { name: string }));
  for (const m of messages) stream.write(Buffer.from(m));
  stream.end();
  await done;
  return out;
}

const session = (conn: Connection): ClientSession =>
  new ClientSession({ name: 'analyst', schemas: ['agency-eu'], write: false }, [{ schema: 'agency-eu', connection: conn }], {} as CatalogDatabase);

test('a rate-limit wait is sent as a NOTICE while the rows wait, then the rows follow', async () => {
  const { conn, release } = scriptedConnection();
  const out: Uint8Array[] = [];
  const run = (async () => {
    for await (const m of session(conn).handle(parseFrontendMessage(serialize.query('SELECT "Id" FROM campaigns')))) {
      out.push(m);
      const [last] = (await decode([m])).slice(-1);
      if (last?.name === 'notice') release();
    }
  })();
  await run;
  const names = (await decode(out)).map((m) => (m.name === 'notice' ? `notice: ${m.message}` : m.name));
  assert.deepEqual(names, ['rowDescription', 'dataRow', "notice: waiting for the API's rate limit until 2026-12-02T01:30:00.000Z", 'dataRow', 'commandComplete', 'readyForQuery']);
});

test('closing a portal that still has rows stops its query', async () => {
  const { conn, aborted } = scriptedConnection();
  const s = session(conn);
  const send = async (bytes: Uint8Array): Promise<string[]> => {
    const out: Uint8Array[] = [];
    for await (const m of s.handle(parseFrontendMessage(bytes))) out.push(m);
    return (await decode(out)).map((m) => m.name);
  };
  assert.deepEqual(await send(serialize.parse({ name: 'q', text: 'SELECT "Id" FROM campaigns', types: [] })), ['parseComplete']);
  assert.deepEqual(await send(serialize.bind({ portal: 'p', statement: 'q', values: [] })), ['bindComplete']);
  assert.deepEqual(await send(serialize.execute({ portal: 'p', rows: 1 })), ['dataRow', 'portalSuspended']);
  assert.equal(aborted(), false);
  assert.deepEqual(await send(serialize.close({ type: 'P', name: 'p' })), ['closeComplete']);
  assert.equal(aborted(), true);
});
