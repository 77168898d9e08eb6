/**
 * Where each connection property comes from (DESIGN §4), highest first: the connection string (or
 * the object given to connect()), the named connection, `SOCIALSQL_<PROPERTY>` variables, defaults.
 * Every value goes through the provider's zod schema; each keeps its origin for the banner and
 * sys_connection_props, which show origins, never secret values.
 */
import { parseConnectionString } from '../connection/connection-string.js';
import { parseValue, type PropertyDefinition, type PropertyValues } from '../connection/properties.js';
import { ConnectionStringError } from '../errors.js';
import { didYouMean } from '../text/closest-match.js';
import { readConfigFile, type ConfigContext, type ConfigFile, type ConfigValue } from './config-file.js';
import { expandEnvReferences, type Environment } from './env-references.js';

export type PropertyOrigin =
  | { readonly kind: 'string' }
  | { readonly kind: 'object' }
  | { readonly kind: 'connection'; readonly name: string }
  | { readonly kind: 'env'; readonly variable: string }
  | { readonly kind: 'default' };

/** What connect() was given: a connection string (`@name` or `@name;Key=value` selects a named connection) or an object. */
export type ConnectionInput = string | Readonly<Record<string, ConfigValue | undefined>>;

export interface ResolvedProperties {
  /** Parsed values by canonical property name. */
  readonly values: PropertyValues;
  readonly origins: ReadonlyMap<string, PropertyOrigin>;
  /** The named connection used, if any. */
  readonly connection: string | undefined;
}

export interface ResolveContext extends ConfigContext {
  /** Reads the configuration file; defaults to the real one. */
  readonly readConfig?: (context: ConfigContext) => ConfigFile;
}

interface RawValue {
  readonly key: string;
  readonly value: string;
}

export function originText(origin: PropertyOrigin): string {
  switch (origin.kind) {
    case 'string':
      return 'connection string';
    case 'object':
      return 'connect() options';
    case 'connection':
      return `connection ${origin.name}`;
    case 'env':
      return `env ${origin.variable}`;
    case 'default':
      return 'default';
  }
}

/** The environment variable that can supply a property: `SOCIALSQL_` and the name in capitals. */
export function envVariableFor(property: string): string {
  return `SOCIALSQL_${property.toUpperCase()}`;
}

/** The named connection an input selects, without reading the file (the root entry needs its provider). */
export function connectionNameOf(input: ConnectionInput): string | undefined {
  if (typeof input === 'string') {
    const trimmed = input.trim();
    if (!trimmed.startsWith('@')) return undefined;
    const end = trimmed.indexOf(';');
    const name = (end === -1 ? trimmed.slice(1) : trimmed.slice(1, end)).trim();
    if (name === '') throw new ConnectionStringError('Expected a connection name after @ (e.g. @agency-eu)');
    return name;
  }
  const name = input.connection;
  if (name === undefined) return undefined;
  if (typeof name !== 'string' || name === '') throw new ConnectionStringError('The connection option must be the name of a connection in the configuration file');
  return name;
}

export function resolveProperties(
  provider: string,
  definitions: readonly PropertyDefinition[],
  input: ConnectionInput,
  context: ResolveContext,
): ResolvedProperties {
  const byLowerName = new Map(definitions.map((d) => [d.name.toLowerCase(), d]));
  const values = new Map<string, unknown>();
  const origins = new Map<string, PropertyOrigin>();
  const known = (key: string, where: string): PropertyDefinition => {
    const definition = byLowerName.get(key.toLowerCase());
    if (definition === undefined) {
      throw new ConnectionStringError(`Unknown connection property "${key}"${where}.${didYouMean(key, definitions.map((d) => d.name))}`);
    }
    return definition;
  };
  /** One layer: every key of it is checked, repeated keys are an error, and higher layers win. */
  const layer = (entries: readonly RawValue[], origin: PropertyOrigin, where: string, expand: boolean) => {
    const seen = new Set<string>();
    for (const { key, value } of entries) {
      const definition = known(key, where);
      if (seen.has(definition.name)) throw new ConnectionStringError(`Connection property ${definition.name} is given twice${where}`);
      seen.add(definition.name);
      if (values.has(definition.name)) continue;
      const raw = expand ? expandEnvReferences(value, context.env, `${definition.name}${where}`) : value;
      values.set(definition.name, parseValue(definition, raw, where));
      origins.set(definition.name, origin);
    }
  };

  const name = connectionNameOf(input);
  const given = givenEntries(input);
  layer(given, typeof input === 'string' ? { kind: 'string' } : { kind: 'object' }, '', true);

  if (name !== undefined) {
    const file = (context.readConfig ?? readConfigFile)(context);
    const named = file.connections.get(name);
    if (named === undefined) {
      throw new ConnectionStringError(`No connection named "${name}" in ${file.path}.${didYouMean(name, [...file.connections.keys()])}`);
    }
    if (named.provider !== provider) {
      throw new ConnectionStringError(`Connection ${name} in ${file.path} is for provider ${named.provider}, not ${provider}`);
    }
    const entries = [...named.properties].map(([key, value]) => ({ key, value: String(value) }));
    layer(entries, { kind: 'connection', name }, ` (connection ${name} in ${file.path})`, true);
  }

  for (const definition of definitions) {
    if (values.has(definition.name)) continue;
    const variable = envVariableFor(definition.name);
    const value = context.env[variable];
    if (value === undefined) continue;
    values.set(definition.name, parseValue(definition, value, ` (from ${variable})`));
    origins.set(definition.name, { kind: 'env', variable });
  }

  for (const definition of definitions) {
    if (values.has(definition.name) || definition.default === undefined) continue;
    values.set(definition.name, parseValue(definition, definition.default));
    origins.set(definition.name, { kind: 'default' });
  }
  return { values, origins, connection: name };
}

/** The input's own properties: the connection string after any `@name`, or the object without `connection`. */
function givenEntries(input: ConnectionInput): RawValue[] {
  if (typeof input === 'string') {
    const trimmed = input.trim();
    const text = trimmed.startsWith('@') ? (trimmed.includes(';') ? trimmed.slice(trimmed.indexOf(';') + 1) : '') : input;
    return parseConnectionString(text);
  }
  const entries: RawValue[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key === 'connection' || value === undefined) continue;
    entries.push({ key, value: String(value) });
  }
  return entries;
}

export type { Environment };
