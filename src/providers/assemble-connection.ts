/**
 * The one generic connect(): properties resolved (string, named connection, SOCIALSQL_* variables,
 * defaults), the runtime (transport, and the emulator only when Emulator=true, loaded on demand),
 * the provider's own parts, then the sys_* tables over its tables and the SqlConnection.
 */
import { SourceCatalog } from '../catalog/source-catalog.js';
import { MemoryTable } from '../catalog/memory-table.js';
import { systemTables } from '../catalog/system-tables.js';
import type { TableInfo } from '../catalog/types.js';
import { maskedValue, type PropertyDefinition, type PropertyValues } from '../connection/properties.js';
import { originText, resolveProperties, type ConnectionInput, type PropertyOrigin, type ResolveContext } from '../config/resolve-properties.js';
import { SqlConnection, type Procedure } from '../connection/sql-connection.js';
import type { Connection, ConnectionProperty } from '../connection/types.js';
import type { WritableTable } from '../connection/writes.js';
import { ConnectionStringError } from '../errors.js';
import { createTransport, type Transport } from '../http/transport.js';
import { fileLogger, silentLogger, type Logger } from '../log/logger.js';
import type { TableSource } from '../source/contract.js';
import { keyColumnsOf } from './key-columns.js';
import { replicatedSources } from '../sync/replicated-sources.js';
import type { Provider, ProviderName } from './registry.js';

/** A running emulator, as the emulator modules return it. */
export interface EmulatorHandle {
  readonly url: string;
  close(): Promise<void>;
}

/** What a provider builds on a runtime: its tables, procedures, writers and logger. */
export interface ProviderBuild {
  readonly sources: readonly TableSource[];
  readonly procedures: readonly Procedure[];
  readonly writers?: readonly WritableTable[];
  readonly logger: Logger;
}

/** One provider's description (src/providers/<name>/provider.ts); `E` is its emulator's type. */
export interface ProviderSpec<E extends EmulatorHandle> {
  readonly name: ProviderName;
  readonly catalogName: string;
  readonly properties: readonly PropertyDefinition[];
  /** Loads and starts the in-process emulator (Emulator=true); a dynamic import, so the library alone never loads it. */
  startEmulator(): Promise<E>;
  /** `socialsql emulator <name> [flags]`; also loaded only when called. */
  serveEmulator(args: string[]): Promise<void>;
  build(settings: Settings, runtime: Runtime<E>): Promise<ProviderBuild>;
}

/** Hides the emulator's type, so the registry holds one kind of thing. */
export function defineProvider<E extends EmulatorHandle>(spec: ProviderSpec<E>): Provider {
  return {
    name: spec.name,
    catalogName: spec.catalogName,
    properties: spec.properties,
    serveEmulator: (args) => spec.serveEmulator(args),
    async open(input, context) {
      const resolved = resolveProperties(spec.name, spec.properties, input, context);
      const settings = settingsOf(resolved.values);
      const runtime = await startRuntime(settings, () => spec.startEmulator());
      return buildOn(runtime, async () => {
        const build = await spec.build(settings, runtime);
        return assembleConnection({
          ...build,
          catalogName: spec.catalogName,
          definitions: spec.properties,
          props: resolved.values,
          origins: resolved.origins,
          close: () => runtime.close(),
        });
      });
    },
  };
}

/** The environment of this process; the configuration file's warnings go to process warnings. */
export function processContext(): ResolveContext {
  return { env: process.env };
}

/** connect() of a provider entry: a connection string, `@name`, or an object of properties. */
export function connectTo(provider: Provider, input: ConnectionInput = '', context: ResolveContext = processContext()): Promise<Connection> {
  return provider.open(input, context);
}

/** What a connection runs on: the HTTP transport, and the in-process emulator when Emulator=true. */
export interface Runtime<E> {
  readonly transport: Transport;
  readonly emulator: E | undefined;
  /** BaseURL, or the emulator's URL; undefined means the real hosts. */
  readonly baseUrl: string | undefined;
  close(): Promise<void>;
}

export async function startRuntime<E extends { readonly url: string; close(): Promise<void> }>(settings: Settings, startEmulator: () => Promise<E>): Promise<Runtime<E>> {
  let emulator: E | undefined;
  if (settings.flag('Emulator')) {
    if (settings.text('BaseURL')) throw new ConnectionStringError('Emulator=true and BaseURL cannot both be set');
    emulator = await startEmulator();
  }
  const transport = createTransport({ timeoutSeconds: settings.number('Timeout'), maxResponseBytes: settings.number('MaxResponseSize') });
  return {
    transport,
    emulator,
    baseUrl: emulator?.url ?? settings.text('BaseURL'),
    async close() {
      await transport.close();
      await emulator?.close();
    },
  };
}

/** Runs `build`; if it fails, the runtime is closed before the error goes on. */
export async function buildOn<E, T>(runtime: Runtime<E>, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** Typed reads of validated properties (the zod schemas already made each value its type). */
export interface Settings {
  text(name: string): string | undefined;
  number(name: string): number;
  flag(name: string): boolean;
}

export function settingsOf(props: PropertyValues): Settings {
  return {
    text: (name) => {
      const value = props.get(name);
      return typeof value === 'string' && value !== '' ? value : undefined;
    },
    number: (name) => {
      const value = props.get(name);
      if (typeof value !== 'number') throw new Error(`Property ${name} has no numeric value`);
      return value;
    },
    flag: (name) => props.get(name) === true,
  };
}

/** A logger for Logfile/Verbosity; `secrets` is asked at every line, so later tokens are masked too. */
export function loggerFor(settings: Settings, secrets: () => readonly (string | undefined)[]): Logger {
  const logfile = settings.text('Logfile');
  return logfile ? fileLogger(logfile, settings.number('Verbosity'), () => secrets().filter((s): s is string => !!s)) : silentLogger;
}

export interface ProviderParts {
  /** CatalogName in the sys_* tables. */
  readonly catalogName: string;
  readonly definitions: readonly PropertyDefinition[];
  readonly props: PropertyValues;
  /** Where each property came from; absent means the connection string. */
  readonly origins?: ReadonlyMap<string, PropertyOrigin>;
  readonly sources: readonly TableSource[];
  readonly procedures: readonly Procedure[];
  readonly writers?: readonly WritableTable[];
  readonly logger: Logger;
  close(): Promise<void>;
}

export function assembleConnection(parts: ProviderParts): Connection {
  // CacheLocation/CacheConnection, Offline and AutoCache (src/sync/): which tables the engine sees.
  const replication = replicatedSources(parts.catalogName, parts.props, parts.sources);
  const properties = propertiesInForce(parts);
  const system = systemTables({
    provider: parts.catalogName,
    tables: (): readonly TableInfo[] => catalog.tables(),
    keyColumns: keyColumnsOf(parts.sources),
    procedures: parts.procedures,
    writable: new Set((parts.writers ?? []).map((w) => w.table)),
    properties: parts.definitions.map((d) => ({
      name: d.name,
      value: maskedValue(d, parts.props.get(d.name)),
      description: d.description,
      source: properties.find((p) => p.name === d.name)?.source ?? null,
    })),
  }).map((table) => new MemoryTable(table.info, table.rows));
  const catalog: SourceCatalog = new SourceCatalog([...replication.sources, ...system]);
  return new SqlConnection({
    catalog,
    procedures: parts.procedures,
    writers: new Map((parts.writers ?? []).map((w) => [w.table, w])),
    maxRows: settingsOf(parts.props).number('MaxRows'),
    logger: parts.logger,
    replication,
    properties,
    close: async () => {
      await replication.close();
      await parts.close();
    },
  });
}

/** The properties set, masked, with their origins: what the banner and sys_connection_props show. */
function propertiesInForce(parts: ProviderParts): ConnectionProperty[] {
  const result: ConnectionProperty[] = [];
  for (const definition of parts.definitions) {
    const value = maskedValue(definition, parts.props.get(definition.name));
    if (value === null) continue;
    const origin = parts.origins?.get(definition.name) ?? { kind: 'string' };
    result.push({ name: definition.name, value, source: originText(origin) });
  }
  return result;
}
