/** What the CLI needs from the outside world, injectable so tests run it in-process. */
import type { Connection } from '../connection/types.js';
import type { Provider } from './args.js';

export type OpenConnection = (provider: Provider, connectionString: string) => Promise<Connection>;

/** Something that emits 'SIGINT' (the process, or a test's EventEmitter). */
export interface InterruptSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
}

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Defaults to the real providers, loaded only when needed. */
  readonly openConnection?: OpenConnection;
  /** Defaults to the real emulator command, loaded only when needed. */
  readonly runEmulatorCommand?: (argv: string[]) => Promise<void>;
  /** Ctrl-C outside a terminal's raw mode arrives as SIGINT; defaults to `process`. */
  readonly interrupts?: InterruptSource;
}
