/**
 * `-e` mode: run the statements in order and stop at the first failure, so a script
 * never acts on the assumption that an earlier statement worked.
 */
import type { Connection } from '../connection/types.js';
import { formatError, isDebug } from './error-text.js';
import type { ScriptFormat } from './args.js';
import type { CliIo } from './io.js';
import { streamSink } from './output.js';
import { runStatement } from './run-statement.js';
import { splitStatements } from './sql-text.js';

/** Exit codes: 0 success, 1 a statement failed, 130 cancelled by Ctrl-C (128 + SIGINT). */
export async function runScript(conn: Connection, scripts: readonly string[], format: ScriptFormat, io: CliIo, revealSecrets = false): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  const interrupts = io.interrupts ?? process;
  interrupts.on('SIGINT', onInterrupt);
  const errors = streamSink(io.stderr);
  const target = { mode: format, output: streamSink(io.stdout), notices: errors, revealSecrets };
  try {
    for (const sql of scripts.flatMap(splitStatements)) {
      try {
        await runStatement(conn, sql, target, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) {
          await errors.write('Query cancelled\n');
          return 130;
        }
        await errors.write(`${formatError(error, isDebug(io.env))}\n`);
        return 1;
      }
    }
    return 0;
  } finally {
    interrupts.off('SIGINT', onInterrupt);
  }
}
