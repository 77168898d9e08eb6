/**
 * `socialsql serve`: named connections over the PostgreSQL wire protocol (DESIGN §2). pg-gateway
 * does startup, TLS negotiation and password authentication (SCRAM-SHA-256 or md5); every message
 * after that goes to a ClientSession. Each served connection is one shared Connection, so its rate
 * budget and MaxConcurrency hold across all clients.
 */
import { randomInt } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { TLSSocket, createSecureContext } from 'node:tls';
import { createPreHashedPassword, createScramSha256Data, PostgresConnection, type DuplexStream, type ScramSha256Data } from 'pg-gateway';
import { CatalogDatabase } from './catalog-database.js';
import { ClientSession, type ServedConnection } from './session.js';
import * as msg from './wire/backend-messages.js';
import { parseCancelRequest, parseFrontendMessage, ProtocolViolation } from './wire/frontend-messages.js';

export interface ServeUser {
  readonly name: string;
  readonly password: string;
  /** Schemas (connection names) this user may see; all when absent. */
  readonly connections?: readonly string[];
  readonly write: boolean;
}

export interface ServeOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly served: readonly ServedConnection[];
  readonly users: readonly ServeUser[];
  readonly auth?: 'scram-sha-256' | 'md5';
  /** PEM key and certificate; without them the server declines TLS, so clients that prefer it still connect. */
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer };
  /** An idle client is disconnected after this long (0: never). */
  readonly idleTimeoutMs?: number;
  /** Called with each statement and where it went; for logs and tests. */
  readonly onStatement?: (route: 'catalog' | 'data' | 'local', sql: string) => void;
}

export const DATABASE = 'socialsql';
const SERVER_VERSION = '16.0 (socialsql)';

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly schemas: readonly string[];
  close(): Promise<void>;
}

interface Client {
  readonly secretKey: number;
  session?: ClientSession;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const catalog = await CatalogDatabase.create(options.served.map((s) => ({ name: s.schema, tables: s.connection.tables() })));
  const scram = new Map<string, ScramSha256Data>();
  const md5 = new Map<string, string>();
  for (const user of options.users) {
    scram.set(user.name, await createScramSha256Data(user.password));
    md5.set(user.name, await createPreHashedPassword(user.name, user.password));
  }
  // Unknown users go through the same exchange against a password nobody has.
  const nobody = await createScramSha256Data(cryptoRandomText());
  const clients = new Map<number, Client>();
  const sockets = new Set<Socket>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const processId = nextProcessId(clients);
    const client: Client = { secretKey: randomInt(1, 2 ** 31 - 1) };
    clients.set(processId, client);
    socket.on('close', () => {
      client.session?.cancel();
      clients.delete(processId);
    });
    let databaseError: string | undefined;
    let idle: NodeJS.Timeout | undefined;
    const armIdle = (): void => {
      clearTimeout(idle);
      if ((options.idleTimeoutMs ?? 0) > 0) idle = setTimeout(() => socket.destroy(), options.idleTimeoutMs);
    };
    socket.on('close', () => clearTimeout(idle));
    const startup = (): Uint8Array[] => [
      msg.parameterStatus('server_encoding', 'UTF8'),
      msg.parameterStatus('client_encoding', 'UTF8'),
      msg.parameterStatus('DateStyle', 'ISO, MDY'),
      msg.parameterStatus('TimeZone', 'UTC'),
      msg.parameterStatus('integer_datetimes', 'on'),
      msg.parameterStatus('standard_conforming_strings', 'on'),
      msg.parameterStatus('is_superuser', 'off'),
      msg.backendKeyData(processId, client.secretKey),
    ];
    const wrap = (duplex: DuplexStream<Uint8Array>): DuplexStream<Uint8Array> => withStartupMessages(duplex, { startup, databaseError: () => databaseError, onReady: armIdle });

    const connection = new PostgresConnection(
      wrap(Duplex.toWeb(socket) as DuplexStream<Uint8Array>),
      {
        serverVersion: SERVER_VERSION,
        ...(options.tls ? { tls: { key: toArrayBuffer(options.tls.key), cert: toArrayBuffer(options.tls.cert) } } : {}),
        auth:
          options.auth === 'md5'
            ? { method: 'md5', getPreHashedPassword: ({ username }) => md5.get(username) ?? 'md5-nobody' }
            : { method: 'scram-sha-256', getScramSha256Data: ({ username }) => scram.get(username) ?? nobody },
        onStartup(state) {
          const database = state.clientParams?.database ?? state.clientParams?.user;
          if (database !== DATABASE) databaseError = `database "${database}" does not exist; the database is "${DATABASE}"`;
        },
        onAuthenticated(state) {
          const user = options.users.find((u) => u.name === state.clientParams?.user);
          if (!user) return;
          const schemas = options.served.map((s) => s.schema).filter((s) => user.connections === undefined || user.connections.includes(s));
          client.session = new ClientSession({ name: user.name, schemas, write: user.write }, options.served, catalog, options.onStatement);
        },
        onMessage(data, state) {
          clearTimeout(idle);
          if (!state.hasStarted) {
            const cancel = parseCancelRequest(data);
            if (cancel) {
              const target = clients.get(cancel.processId);
              if (target && target.secretKey === cancel.secretKey) target.session?.cancel();
              // A cancel connection gets no answer; close it once pg-gateway is done with this message.
              setTimeout(() => socket.destroy(), 0);
              return new Uint8Array(0);
            }
            return undefined;
          }
          if (state.step !== 'ReadyForQuery' || client.session === undefined) return undefined;
          try {
            const message = parseFrontendMessage(data);
            if (message.kind === 'Terminate') return undefined;
            return handled(client.session.handle(message));
          } catch (error) {
            if (!(error instanceof ProtocolViolation)) throw error;
            socket.end();
            return msg.errorResponse({ severity: 'FATAL', code: '08P01', message: `protocol violation: ${error.message}` });
          }
        },
      },
      {
        async upgradeTls(duplex, tlsOptions) {
          const resolved = typeof tlsOptions === 'function' ? await tlsOptions() : tlsOptions;
          const secure = new TLSSocket(Duplex.fromWeb(duplex as Parameters<typeof Duplex.fromWeb>[0]), {
            isServer: true,
            secureContext: createSecureContext({ key: Buffer.from(resolved.key), cert: Buffer.from(resolved.cert) }),
          });
          await new Promise<void>((resolve, reject) => {
            secure.once('secure', resolve);
            secure.once('error', reject);
          });
          return { duplex: wrap(Duplex.toWeb(secure) as DuplexStream<Uint8Array>), tlsInfo: {} };
        },
      },
    );
    void connection;
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    host: options.host,
    port,
    schemas: options.served.map((s) => s.schema),
    async close() {
      for (const client of clients.values()) client.session?.cancel();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await catalog.close();
    },
  };
}

/**
 * The outgoing side of a client's connection, message by message (pg-gateway writes whole
 * messages): the ParameterStatus and BackendKeyData messages a real server sends before its first
 * ReadyForQuery, a FATAL instead of it when the database name is wrong, and PostgreSQL's SQLSTATE
 * for a failed password (pg-gateway's SCRAM reports 28000 where PostgreSQL says 28P01).
 */
function withStartupMessages(
  duplex: DuplexStream<Uint8Array>,
  hooks: { startup(): Uint8Array[]; databaseError(): string | undefined; onReady(): void },
): DuplexStream<Uint8Array> {
  let started = false;
  const transform = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const type = String.fromCharCode(chunk[0] ?? 0);
      if (type === 'Z' && !started) {
        started = true;
        const error = hooks.databaseError();
        if (error !== undefined) {
          controller.enqueue(msg.errorResponse({ severity: 'FATAL', code: '3D000', message: error }));
          controller.terminate();
          return;
        }
        for (const m of hooks.startup()) controller.enqueue(m);
      }
      if (type === 'E' && !started) {
        const text = new TextDecoder().decode(chunk);
        if (text.includes('C28000') && text.includes('password authentication failed')) {
          const user = /for user "([^"]*)"/.exec(text)?.[1] ?? '';
          controller.enqueue(msg.errorResponse({ severity: 'FATAL', code: '28P01', message: `password authentication failed for user "${user}"` }));
          return;
        }
      }
      controller.enqueue(chunk);
      if (type === 'Z') hooks.onReady();
    },
  });
  void transform.readable.pipeTo(duplex.writable).catch(() => undefined);
  return { readable: duplex.readable, writable: transform.writable };
}

/** pg-gateway treats a response with no messages (Flush, a skipped message) as unhandled unless it returns a value. */
async function* handled(messages: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, true> {
  yield* messages;
  return true;
}

function nextProcessId(clients: ReadonlyMap<number, Client>): number {
  for (;;) {
    const id = randomInt(1000, 2 ** 31 - 1);
    if (!clients.has(id)) return id;
  }
}

function cryptoRandomText(): string {
  return `${randomInt(2 ** 47)}-${randomInt(2 ** 47)}`;
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
