/** Runs `main` in-process with PassThrough streams and a fake connection. */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { FakeConnection } from './fake-connection.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly conn: FakeConnection;
  readonly opened: { provider: string; connectionString: string }[];
}

export interface RunOptions {
  /** Piped stdin text (ended after writing). */
  readonly input?: string;
  /** Or a stream the test drives itself (e.g. a fake TTY). */
  readonly stdin?: CliIo['stdin'];
  readonly env?: Record<string, string>;
  readonly conn?: FakeConnection;
  readonly interrupts?: EventEmitter;
  /** A collector for stdout, for tests that watch output while the REPL runs. */
  readonly stdout?: ReturnType<typeof collect>;
}

export async function runMain(argv: string[], options: RunOptions = {}): Promise<CliRun> {
  const stdout = options.stdout ?? collect();
  const stderr = collect();
  const conn = options.conn ?? new FakeConnection();
  const opened: CliRun['opened'] = [];
  const stdin = options.stdin ?? new PassThrough();
  if (options.stdin === undefined) (stdin as PassThrough).end(options.input ?? '');
  const code = await main(argv, {
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: options.env ?? { SOCIALSQL_HISTORY: '/nonexistent/never-written' },
    interrupts: options.interrupts ?? new EventEmitter(),
    openConnection: async (provider, connectionString) => {
      opened.push({ provider, connectionString });
      return conn;
    },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text(), conn, opened };
}

export function collect(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

/** A PassThrough that says it is a terminal, so the REPL takes its interactive path. */
export function fakeTty(): PassThrough & { isTTY: true } {
  return Object.assign(new PassThrough(), { isTTY: true as const });
}

/** Polls until `condition` holds (the REPL works asynchronously; fixed sleeps would be flaky). */
export async function waitFor(condition: () => boolean, what = 'condition'): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
