/**
 * `-e` and `-f` mode: run the statements in order and stop at the first failure, so a script
 * never acts on the assumption that an earlier statement worked. A syntax error points at the
 * line of the script, with a caret.
 */
import { readFile } from 'node:fs/promises';
import type { Connection } from '../connection/types.js';
import { formatErrorAt, isDebug } from './error-text.js';
import type { OutputMode } from './formats.js';
import type { CliIo } from './io.js';
import { ResultOutput, streamSink } from './output.js';
import { runStatement, type StatementTarget } from './run-statement.js';
import { defaultSettings, screenWidthOf, writerOptions, type ShellSettings } from './settings.js';
import { locateStatements } from './sql-text.js';

/** One `-e` text or `-f` file. */
export interface ScriptText {
  readonly text: string;
  /** `-e`, a file name, or `-` for stdin. */
  readonly name: string;
}

export interface ScriptOptions {
  readonly format: OutputMode;
  readonly revealSecrets?: boolean;
  /** `-o FILE`. */
  readonly outputFile?: string;
  readonly settings?: Partial<ShellSettings>;
}

/** A `-f` file that cannot be read: reported as `socialsql: ...` with exit code 1, before connecting. */
export class ScriptFileError extends Error {}

/** Reads a `-f` script; `-` is stdin. */
export async function readScriptFile(path: string, io: CliIo): Promise<ScriptText> {
  if (path === '-') {
    let text = '';
    for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    return { text, name: '-' };
  }
  try {
    return { text: await readFile(path, 'utf8'), name: path };
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ScriptFileError(`cannot read the script ${path} (${code})`);
  }
}

/** Exit codes: 0 success, 1 a statement failed, 130 cancelled by Ctrl-C (128 + SIGINT). */
export async function runScript(conn: Connection, scripts: readonly ScriptText[], io: CliIo, options: ScriptOptions): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  const interrupts = io.interrupts ?? process;
  interrupts.on('SIGINT', onInterrupt);
  const errors = streamSink(io.stderr);
  const output = new ResultOutput(io.stdout);
  const settings = { ...defaultSettings(options.format), ...options.settings };
  const stderrIsTerminal = (io.stderr as { isTTY?: boolean }).isTTY === true;
  try {
    if (options.outputFile !== undefined) await output.redirect(options.outputFile);
    const target: StatementTarget = {
      mode: options.format,
      output,
      notices: errors,
      revealSecrets: options.revealSecrets ?? false,
      format: writerOptions(settings, options.outputFile === undefined ? screenWidthOf(io.stdout) : undefined),
      ...(stderrIsTerminal ? { status: io.stderr } : {}),
    };
    for (const script of scripts) {
      for (const statement of locateStatements(script.text)) {
        try {
          await runStatement(conn, statement.sql, target, controller.signal);
        } catch (error) {
          if (controller.signal.aborted) {
            await errors.write('Query cancelled\n');
            return 130;
          }
          await errors.write(`${formatErrorAt(error, { text: script.text, offset: statement.offset }, isDebug(io.env))}\n`);
          return 1;
        }
      }
    }
    return 0;
  } catch (error) {
    await errors.write(`${formatErrorAt(error, undefined, isDebug(io.env))}\n`);
    return 1;
  } finally {
    interrupts.off('SIGINT', onInterrupt);
    await output.close();
  }
}
