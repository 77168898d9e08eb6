/**
 * socialsql's command line: `socialsql <provider> [connection-string] [-e SQL [--format F]]`,
 * `socialsql emulator <provider> ...`, `--help`, `--version` (DESIGN §2).
 * `main` takes its I/O as a parameter and returns the exit code, so tests run it in-process.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Connection } from '../connection/types.js';
import { parseArgs, USAGE, type Provider, type ScriptFormat } from './args.js';
import { formatError, isDebug } from './error-text.js';
import type { CliIo, OpenConnection } from './io.js';
import { describeSources } from '../config/describe-sources.js';
import { maskConnectionString } from './mask.js';
import { writeText } from './output.js';
import { runRepl } from './repl.js';
import { runScript } from './run-script.js';
import { packageVersion } from './version.js';

export type { CliIo, OpenConnection } from './io.js';

/** The connection string used when none is given: the built-in emulator with demo data. */
export const EMULATOR_CONNECTION_STRING = 'Emulator=true';

export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'sync' || argv[0] === 'worker') return (await import('./sync-command.js')).runSyncCommand(argv, io);
  if (argv[0] === 'serve') return (await import('./serve-command.js')).runServeCommand(argv.slice(1), io);
  const command = parseArgs(argv);
  switch (command.kind) {
    case 'help':
      await writeText(io.stdout, USAGE);
      return 0;
    case 'version':
      await writeText(io.stdout, `${packageVersion()}\n`);
      return 0;
    case 'usage-error':
      await writeText(io.stderr, `socialsql: ${command.message}\n\n${USAGE}`);
      return 2;
    case 'emulator':
      return runEmulator(command.argv, io);
    case 'connect':
      return connectAndRun(command.provider, command.connectionString, command.scripts, command.format, command.showSecrets, io);
  }
}

async function connectAndRun(
  provider: Provider,
  givenConnectionString: string,
  scripts: readonly string[],
  format: ScriptFormat | undefined,
  showSecrets: boolean,
  io: CliIo,
): Promise<number> {
  const connectionString = givenConnectionString.trim() === '' ? EMULATOR_CONNECTION_STRING : givenConnectionString;
  const open = io.openConnection ?? openRealConnection;
  let conn: Connection;
  try {
    conn = await open(provider, connectionString);
  } catch (error) {
    await writeText(io.stderr, `${formatError(error, isDebug(io.env))}\n`);
    return 1;
  }
  let exitCode: number;
  try {
    exitCode =
      scripts.length > 0
        ? await runScript(conn, scripts, format ?? 'table', io, showSecrets)
        : await runRepl(conn, io, { mode: format ?? 'table', banner: banner(provider, givenConnectionString, describeSources(conn.properties())) });
  } finally {
    try {
      await conn.close();
    } catch (error) {
      await writeText(io.stderr, `${formatError(error, isDebug(io.env))}\n`);
    }
  }
  return exitCode;
}

/** The shell's greeting. The connection string is shown masked: it may hold secrets. */
export function banner(provider: Provider, connectionString: string, sources?: string): string {
  const target =
    connectionString.trim() === '' ? 'the built-in emulator with demo data (Emulator=true)' : connectionString.trim().startsWith('@') ? namedTarget(connectionString.trim().slice(1)) : maskConnectionString(connectionString);
  const origins = sources ? `\nProperties ${sources}` : '';
  return `socialsql ${packageVersion()} — ${provider} — ${target}${origins}\nEnter .help for usage hints. End statements with ;\n`;
}

/** `@name;Key=value`: the name is not a secret; the properties after it are masked as usual. */
function namedTarget(text: string): string {
  const end = text.indexOf(';');
  return end === -1 ? `connection ${text}` : `connection ${text.slice(0, end)};${maskConnectionString(text.slice(end + 1))}`;
}

async function runEmulator(argv: string[], io: CliIo): Promise<number> {
  try {
    const run = io.runEmulatorCommand ?? (await import('../providers/registry.js')).runEmulatorCommand;
    await run(argv);
    return 0;
  } catch (error) {
    // A usage error has already been explained on stderr by the emulator command.
    if (error instanceof Error && 'exitCode' in error && typeof error.exitCode === 'number') return error.exitCode;
    await writeText(io.stderr, `${formatError(error, isDebug(io.env))}\n`);
    return 1;
  }
}

/** Imported lazily so `--help`, the emulator and tests never load the providers. */
const openRealConnection: OpenConnection = async (provider, connectionString) => {
  const { openConnection } = await import('../providers/open.js');
  return openConnection(provider, connectionString);
};

function processIo(): CliIo {
  // `socialsql ... | head` closes stdout early: end quietly instead of crashing on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Runs the CLI on this process's arguments and streams; the bin shim calls this. */
export async function runCli(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIo());
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await runCli();
