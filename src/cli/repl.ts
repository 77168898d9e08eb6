/**
 * The interactive shell. Lines accumulate until one ends with `;` outside quotes and
 * comments; dot-commands run at once. On a terminal it prompts, keeps history and maps
 * Ctrl-C to "cancel the running query"; with piped stdin it runs the statements in
 * order, silently, and its exit code says whether any failed.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Connection } from '../connection/types.js';
import { createCompleter } from './completion.js';
import { isDotCommand, runDotCommand, type DotCommandContext, type ShellSettings } from './dot-commands.js';
import { formatError, isDebug } from './error-text.js';
import type { OutputMode } from './formats.js';
import { History, historyPath } from './history.js';
import { InputQueue } from './input-queue.js';
import type { CliIo } from './io.js';
import { ResultOutput, streamSink } from './output.js';
import { runStatement, writeRows, type StatementTarget } from './run-statement.js';
import { collapseToOneLine, endsWithTerminator, hasOpenQuoteOrComment, splitStatements } from './sql-text.js';

export const PROMPT = 'socialsql> ';
export const CONTINUATION_PROMPT = '      ...> ';
export const EXIT_HINT = 'Use .quit to exit (or press Ctrl-C again, or Ctrl-D)';
/** Table mode needs every row to size its columns; past this many it stops reading. */
export const TABLE_ROW_LIMIT = 1000;

export interface ReplOptions {
  readonly mode: OutputMode;
  /** Printed on a terminal only; already free of secrets. */
  readonly banner: string;
}

type StatementStatus = 'ok' | 'failed' | 'cancelled';

export async function runRepl(conn: Connection, io: CliIo, options: ReplOptions): Promise<number> {
  const interactive = io.stdin.isTTY === true;
  const debug = isDebug(io.env);
  const terminal = streamSink(io.stdout);
  const errors = streamSink(io.stderr);
  const output = new ResultOutput(io.stdout);
  const settings: ShellSettings = { mode: options.mode, timer: false };
  const interrupts = io.interrupts ?? process;
  // Piped scripts are not history: only what a person types is kept.
  const history = interactive
    ? History.load(historyPath(io.env), (error) => void errors.write(`Warning: history will not be saved: ${formatError(error)}\n`))
    : undefined;

  const rl = createInterface({
    input: io.stdin,
    output: interactive ? io.stdout : undefined,
    terminal: interactive,
    prompt: PROMPT,
    // History is managed here (multi-line statements become one entry); readline only recalls it.
    history: history?.newestFirst ?? [],
    historySize: 0,
    crlfDelay: Infinity,
    ...(interactive ? { completer: createCompleter(conn) } : {}),
  });
  const input = new InputQueue();
  let running: AbortController | undefined;
  const onInterrupt = (): void => {
    if (running !== undefined) running.abort();
    else input.push({ kind: 'interrupt' });
  };
  rl.on('line', (text) => input.push({ kind: 'line', text }));
  rl.on('close', () => input.push({ kind: 'end' }));
  rl.on('SIGINT', onInterrupt);
  interrupts.on('SIGINT', onInterrupt);

  let failures = 0;
  const target = (): StatementTarget => ({ mode: settings.mode, output, notices: errors, tableRowLimit: TABLE_ROW_LIMIT });

  const execute = async (sql: string): Promise<StatementStatus> => {
    const controller = new AbortController();
    running = controller;
    const started = performance.now();
    let status: StatementStatus;
    try {
      await runStatement(conn, sql, target(), controller.signal);
      status = 'ok';
    } catch (error) {
      status = controller.signal.aborted ? 'cancelled' : 'failed';
      await errors.write(status === 'cancelled' ? 'Query cancelled\n' : `${formatError(error, debug)}\n`);
    } finally {
      running = undefined;
    }
    if (status !== 'ok') failures++;
    if (settings.timer) await terminal.write(`Run Time: ${((performance.now() - started) / 1000).toFixed(3)} s\n`);
    return status;
  };

  const executeAll = async (text: string): Promise<void> => {
    for (const sql of splitStatements(text)) {
      // After a cancel, the rest of the input line is dropped too: the user asked to stop.
      if ((await execute(sql)) === 'cancelled') return;
    }
  };

  const context: DotCommandContext = {
    conn,
    settings,
    showRows: (fields, rows) => writeRows(fields, rows, target()),
    runSql: async (sql) => void (await execute(sql)),
    redirectOutput: (path) => output.redirect(path),
    say: (text) => terminal.write(text),
  };

  if (interactive) await terminal.write(options.banner);
  let buffer: string[] = [];
  let interruptsInARow = 0;
  try {
    for (;;) {
      if (interactive) {
        rl.setPrompt(buffer.length === 0 ? PROMPT : CONTINUATION_PROMPT);
        rl.prompt();
      }
      const event = await input.next();
      if (event.kind === 'end') {
        // A piped script may omit the final `;`.
        if (!interactive) await executeAll(buffer.join('\n'));
        if (interactive) await terminal.write('\n');
        break;
      }
      if (event.kind === 'interrupt') {
        const pending = buffer.length > 0 || (rl.line ?? '') !== '';
        buffer = [];
        if (interactive) discardTypedLine(rl, io.stdout);
        // Ctrl-C with text pending just discards it, like a shell.
        if (pending) {
          interruptsInARow = 0;
          continue;
        }
        if (++interruptsInARow >= 2) break;
        await (interactive ? terminal : errors).write(`${EXIT_HINT}\n`);
        continue;
      }
      interruptsInARow = 0;

      if (buffer.length === 0 && isDotCommand(event.text)) {
        history?.add(event.text);
        try {
          if ((await runDotCommand(event.text, context)) === 'quit') break;
        } catch (error) {
          failures++;
          await errors.write(`${formatError(error, debug)}\n`);
        }
        continue;
      }

      buffer.push(event.text);
      const text = buffer.join('\n');
      if (endsWithTerminator(text)) {
        buffer = [];
        history?.add(collapseToOneLine(text));
        await executeAll(text);
      } else if (!hasOpenQuoteOrComment(text) && splitStatements(text).length === 0) {
        // Blank or comment-only lines: stay at the main prompt.
        buffer = [];
      }
    }
  } finally {
    interrupts.off('SIGINT', onInterrupt);
    rl.close();
    await output.close();
  }
  return interactive || failures === 0 ? 0 : 1;
}

/** Clears what the user has typed on the prompt line (as Ctrl-E then Ctrl-U would) and moves to a fresh line. */
function discardTypedLine(rl: Interface, stdout: NodeJS.WritableStream): void {
  rl.write(null, { ctrl: true, name: 'e' });
  rl.write(null, { ctrl: true, name: 'u' });
  stdout.write('\n');
}
