/**
 * What every provider's connect() ends with: typed access to the properties, the logger, the
 * sys_* tables over the provider's tables, and the SqlConnection.
 */
import { SourceCatalog } from '../catalog/source-catalog.js';
import { MemoryTable } from '../catalog/memory-table.js';
import { systemTables } from '../catalog/system-tables.js';
import type { TableInfo } from '../catalog/types.js';
import { maskedValue, type PropertyDefinition, type PropertyValues } from '../connection/properties.js';
import { SqlConnection, type Procedure } from '../connection/sql-connection.js';
import type { Connection } from '../connection/types.js';
import type { WritableTable } from '../connection/writes.js';
import { ConnectionStringError } from '../errors.js';
import { ProgressMeter } from '../http/progress.js';
import { createTransport, type Transport } from '../http/transport.js';
import { fileLogger, silentLogger, type Logger } from '../log/logger.js';
import type { TableSource } from '../plan/scan.js';
import { keyColumnsOf } from './key-columns.js';

/** What a connection runs on: the HTTP transport, and the in-process emulator when Emulator=true. */
export interface Runtime<E> {
  readonly transport: Transport;
  readonly emulator: E | undefined;
  /** BaseURL, or the emulator's URL; undefined means the real hosts. */
  readonly baseUrl: string | undefined;
  /** Reports every request the transport sends, for QueryOptions.onProgress. */
  readonly progress: ProgressMeter;
  close(): Promise<void>;
}

export async function startRuntime<E extends { readonly url: string; close(): Promise<void> }>(settings: Settings, startEmulator: () => Promise<E>): Promise<Runtime<E>> {
  let emulator: E | undefined;
  if (settings.flag('Emulator')) {
    if (settings.text('BaseURL')) throw new ConnectionStringError('Emulator=true and BaseURL cannot both be set');
    emulator = await startEmulator();
  }
  const wire = createTransport({ timeoutSeconds: settings.number('Timeout') });
  const progress = new ProgressMeter();
  const transport: Transport = { send: progress.layer()(wire.send), close: () => wire.close() };
  return {
    transport,
    emulator,
    baseUrl: emulator?.url ?? settings.text('BaseURL'),
    progress,
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
  readonly sources: readonly TableSource[];
  readonly procedures: readonly Procedure[];
  readonly writers?: readonly WritableTable[];
  readonly logger: Logger;
  /** The runtime's meter, so queries can report progress. */
  readonly progress?: ProgressMeter;
  close(): Promise<void>;
}

export function assembleConnection(parts: ProviderParts): Connection {
  const system = systemTables({
    provider: parts.catalogName,
    tables: (): readonly TableInfo[] => catalog.tables(),
    keyColumns: keyColumnsOf(parts.sources),
    procedures: parts.procedures,
    writable: new Set((parts.writers ?? []).map((w) => w.table)),
    properties: parts.definitions.map((d) => ({ name: d.name, value: maskedValue(d, parts.props.get(d.name)), description: d.description })),
  }).map((table) => new MemoryTable(table.info, table.rows));
  const catalog: SourceCatalog = new SourceCatalog([...parts.sources, ...system]);
  return new SqlConnection({
    catalog,
    procedures: parts.procedures,
    writers: new Map((parts.writers ?? []).map((w) => [w.table, w])),
    maxRows: settingsOf(parts.props).number('MaxRows'),
    logger: parts.logger,
    progress: parts.progress,
    close: parts.close,
  });
}
