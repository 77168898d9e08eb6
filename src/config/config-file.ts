/**
 * The configuration file (DESIGN §4): one TOML file of named connections and of the users of
 * `socialsql serve`. It is read only when a name is asked for, and it must be private (mode 0600).
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { expandEnvReferences, type Environment } from './env-references.js';

/** A property value as TOML gives it; numbers and booleans are read like their text. */
export type ConfigValue = string | number | boolean;

export interface NamedConnection {
  readonly name: string;
  readonly provider: string;
  /** Property name as written in the file → value, `${NAME}` references still unexpanded. */
  readonly properties: ReadonlyMap<string, ConfigValue>;
}

/** A user of `socialsql serve`, from `[serve.users.NAME]`. */
export interface ServeUser {
  readonly name: string;
  /** The password, `${NAME}` references expanded at the call (so an unset variable fails only its user). */
  password(): string;
  /** Connections (schemas) this user may see; undefined means all. */
  readonly connections: readonly string[] | undefined;
  /** Whether INSERT/UPDATE/DELETE are allowed. */
  readonly write: boolean;
}

export interface ConfigFile {
  readonly path: string;
  readonly connections: ReadonlyMap<string, NamedConnection>;
  readonly serveUsers: ReadonlyMap<string, ServeUser>;
}

export interface ConfigContext {
  readonly env: Environment;
  /** Told when the file is readable by others; defaults to process.emitWarning. */
  readonly warn?: (message: string) => void;
}

/** `SOCIALSQL_CONFIG`, else `$XDG_CONFIG_HOME/socialsql/connections.toml`, else `~/.config/socialsql/connections.toml`. */
export function configFilePath(env: Environment): string {
  if (env.SOCIALSQL_CONFIG) return env.SOCIALSQL_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'socialsql', 'connections.toml');
}

const propertyValue = z.union([z.string(), z.number(), z.boolean()]);
const connectionTable = z.record(z.string(), propertyValue);
const serveUserTable = z.strictObject({
  password: z.string(),
  connections: z.array(z.string()).optional(),
  write: z.boolean().optional(),
});
const serveTable = z.strictObject({ users: z.record(z.string(), serveUserTable).optional() });

export function readConfigFile(context: ConfigContext): ConfigFile {
  const path = configFilePath(context.env);
  let text: string;
  let mode: number;
  try {
    mode = statSync(path).mode;
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
    throw new ConfigError(`The configuration file ${path} ${reason}; named connections live there (see README, Configuration)`);
  }
  if ((mode & 0o077) !== 0) {
    const warn = context.warn ?? ((message: string) => process.emitWarning(message, 'SocialSqlWarning'));
    warn(`${path} is readable by other users (mode ${(mode & 0o777).toString(8)}); it may hold secrets: chmod 600 ${path}`);
  }
  return parseConfigText(text, path, context.env);
}

/** Parses and validates the file's text; pure apart from the environment used for `${NAME}`. */
export function parseConfigText(text: string, path: string, env: Environment): ConfigFile {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    // smol-toml's message quotes the offending line, which may hold a secret: keep only the position.
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    throw new ConfigError(`${path} is not valid TOML${where}`);
  }
  const connections = new Map<string, NamedConnection>();
  const serveUsers = new Map<string, ServeUser>();
  for (const [name, table] of Object.entries(document)) {
    if (name === 'serve') {
      const serve = serveTable.safeParse(table);
      if (!serve.success) throw new ConfigError(`${path}: [serve] ${issueText(serve.error)}`);
      for (const [user, entry] of Object.entries(serve.data.users ?? {})) {
        serveUsers.set(user, {
          name: user,
          password: () => expandEnvReferences(entry.password, env, `password of serve user ${user} in ${path}`),
          connections: entry.connections,
          write: entry.write ?? false,
        });
      }
      continue;
    }
    const parsed = connectionTable.safeParse(table);
    if (!parsed.success) throw new ConfigError(`${path}: [${name}] must be a table of properties (strings, numbers or booleans): ${issueText(parsed.error)}`);
    const properties = new Map<string, ConfigValue>();
    let provider: string | undefined;
    for (const [key, value] of Object.entries(parsed.data)) {
      if (key.toLowerCase() === 'provider') provider = String(value);
      else properties.set(key, value);
    }
    if (provider === undefined) throw new ConfigError(`${path}: [${name}] has no provider (add provider = "twitterads" or "instagram")`);
    connections.set(name, { name, provider, properties });
  }
  for (const user of serveUsers.values()) {
    const unknown = user.connections?.find((c) => !connections.has(c));
    if (unknown !== undefined) throw new ConfigError(`${path}: serve user ${user.name} names connection "${unknown}", which the file does not define`);
  }
  return { path, connections, serveUsers };
}

/** The path of the first issue and its message; zod never quotes the value, so no secret leaks. */
function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
