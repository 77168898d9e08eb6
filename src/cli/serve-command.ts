/**
 * `socialsql serve [--port N] [--host H] [--config FILE] [--tls-cert FILE --tls-key FILE]
 * [--auth scram-sha-256|md5] [--idle-timeout S] [connection…]` (DESIGN §2): the named connections of
 * the configuration file over the PostgreSQL wire protocol, until SIGINT or SIGTERM. The first stdout
 * line is `{"host","port","database","schemas"}`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfigFile } from '../config/config-file.js';
import type { Connection } from '../connection/types.js';
import { ConfigError, SocialSqlError } from '../errors.js';
import { isProviderName, loadProvider } from '../providers/registry.js';
import { DATABASE, startServer } from '../serve/server.js';
import { formatError, isDebug } from './error-text.js';
import type { CliIo } from './io.js';
import { writeText } from './output.js';

export const SERVE_USAGE = `Usage:
  socialsql serve [--port N] [--host H] [--config FILE] [--tls-cert FILE --tls-key FILE]
                  [--auth scram-sha-256|md5] [--idle-timeout SECONDS] [connection…]

Serves the named connections of the configuration file (default: all of them) as PostgreSQL schemas of
the database "${DATABASE}", on 127.0.0.1:5433 unless told otherwise (--port 0 picks a free port).
Users and passwords come from its [serve.users.NAME] tables.
`;

export async function runServeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        port: { type: 'string', default: '5433' },
        host: { type: 'string', default: '127.0.0.1' },
        config: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        auth: { type: 'string', default: 'scram-sha-256' },
        'idle-timeout': { type: 'string', default: '0' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    await writeText(io.stderr, `socialsql: ${(error as Error).message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    await writeText(io.stdout, SERVE_USAGE);
    return 0;
  }
  const port = Number(values.port);
  const idle = Number(values['idle-timeout']);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isFinite(idle) || idle < 0 || (values.auth !== 'scram-sha-256' && values.auth !== 'md5') || Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
    await writeText(io.stderr, `socialsql: bad --port, --idle-timeout, --auth or --tls-cert/--tls-key\n\n${SERVE_USAGE}`);
    return 2;
  }
  const env = values.config ? { ...io.env, SOCIALSQL_CONFIG: values.config } : io.env;
  const opened: Connection[] = [];
  try {
    const config = readConfigFile({ env, warn: (message) => void writeText(io.stderr, `warning: ${message}\n`) });
    const names = positionals.length > 0 ? positionals : [...config.connections.keys()];
    if (names.length === 0) throw new ConfigError(`${config.path} defines no connection to serve`);
    const users = [...config.serveUsers.values()].map((u) => ({ name: u.name, password: u.password(), write: u.write, ...(u.connections ? { connections: u.connections } : {}) }));
    if (users.length === 0) throw new ConfigError(`${config.path} has no [serve.users.NAME] table: nobody could log in`);
    const served = [];
    for (const name of names) {
      const entry = config.connections.get(name);
      if (!entry) throw new ConfigError(`${config.path} has no connection named ${name}`);
      if (!isProviderName(entry.provider)) throw new ConfigError(`Connection ${name}: unknown provider ${entry.provider}`);
      const connection = await (await loadProvider(entry.provider)).open(`@${name}`, { env });
      opened.push(connection);
      served.push({ schema: name, connection });
    }
    const server = await startServer({
      host: values.host,
      port,
      served,
      users,
      auth: values.auth,
      idleTimeoutMs: idle * 1000,
      ...(values['tls-cert'] && values['tls-key'] ? { tls: { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) } } : {}),
    });
    await writeText(io.stdout, `${JSON.stringify({ host: server.host, port: server.port, database: DATABASE, schemas: server.schemas })}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  } catch (error) {
    await writeText(io.stderr, `${formatError(error, isDebug(io.env))}\n`);
    return error instanceof SocialSqlError ? 1 : 70;
  } finally {
    for (const c of opened) await c.close().catch(() => undefined);
  }
}
