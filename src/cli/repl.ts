/**
 * The interactive shell. Lines accumulate until one ends with `;` outside quotes and
 * comments; dot-commands run at once. On a terminal it prompts, keeps history, completes
 * in context, shows a live status line for slow queries, fits results to the screen and
 * maps Ctrl-C to "cancel the running query"; with piped stdin it runs the statements in
 * order, silently, and its exit code says whether any failed.
 */
import { readFileSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import type { Field, Row } from '../catalog/types.js';
import type { Connection } from '../connection/types.js';
import { createAsyncCompleter } from './completion.js';
import { DotCommandError, runDotCommand, type DotCommandContext } from './dot-commands.js';
import { formatError, formatErrorAt, isDebug, type StatementSource } from './error-text.js';
import type { OutputMode } from './modes.js';
import { History, historyPath } from './history.js';
import { InputQueue } from './input-queue.js';
import type { CliIo } from './io.js';
import { ResultOutput, streamSink, type TextSink } from './output.js';
import { pageText, wantsPager } from './pager.js';
import { enableReverseSearch } from './reverse-search.js';
import type { StatementTarget } from './run-statement.js';
import { defaultSettings, screenWidthOf, writerOptions, type ShellSettings } from './settings.js';
import { collapseToOneLine } from './sql-text.js';
import { StatementCollector, type Collected } from './statement-collector.js';
import { DeferredConnection } from './deferred-connection.js';

export const PROMPT = 'socialsql> ';
export const CONTINUATION_PROMPT = '      ...> ';
export const EXIT_HINT = 'Use .quit to exit (or press Ctrl-C again, or Ctrl-D)';
/** Table mode needs every row to size its columns; past this many it stops reading. */
export const TABLE_ROW_LIMIT = 1000;

export interface ReplOptions {
  readonly mode: OutputMode;
  /** Printed on a terminal only; already free of secrets. */
  readonly banner: string;
  /** Settings from the command line (`--no-header`, `--separator`). */
  readonly settings?: Partial<ShellSettings>;
  /** `-o FILE`: results start out going to FILE, as after `.output FILE`. */
  readonly outputFile?: string;
  /** A line about the connection, printed above the prompt once it is open (where properties came from). */
  readonly connectedNote?: (conn: Connection) => string | undefined;
}

type StatementStatus = 'ok' | 'failed' | 'cancelled';

/** Thrown to unwind a `.read` script after an error under `.bail on`. */
class Bail extends Error {}

export async function runRepl(conn: Connection, io: CliIo, options: ReplOptions): Promise<number> {
  const interactive = io.stdin.isTTY === true;
  const debug = isDebug(io.env);
  const terminal = streamSink(io.stdout);
  const errors = streamSink(io.stderr);
  const output = new ResultOutput(io.stdout);
  const settings: ShellSettings = { ...defaultSettings(options.mode), ...options.settings };
  const interrupts = io.interrupts ?? process;
  const statusStream = interactive && (io.stderr as { isTTY?: boolean }).isTTY === true ? io.stderr : undefined;
  let lastResult: { fields: readonly Field[]; rows: readonly Row[] } | undefined;
  // Piped scripts are not history: only what a person types is kept.
  const history = interactive
    ? History.load(historyPath(io.env), (error) => void errors.write(`Warning: history will not be saved: ${formatError(error)}\n`))
    : undefined;

  const collector = new StatementCollector(interactive);
  const rl: Interface = createInterface({
    input: io.stdin,
    output: interactive ? io.stdout : undefined,
    terminal: interactive,
    prompt: PROMPT,
    // History is managed here (multi-line statements become one entry); readline only recalls it.
    history: history?.newestFirst ?? [],
    historySize: 0,
    crlfDelay: Infinity,
    ...(interactive
      ? { completer: createAsyncCompleter(conn, () => (conn instanceof DeferredConnection ? conn.ready() : Promise.resolve()), () => collector.pendingText, () => rl.line) }
      : {}),
  });
  if (interactive) enableReverseSearch(rl, () => history?.newestFirst ?? []);
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
  const pagerCommand = interactive ? wantsPager(io.env) : undefined;
  const target = (sink: TextSink = output): StatementTarget => ({
    mode: settings.mode,
    output: sink,
    notices: errors,
    format: writerOptions(settings, output.path === undefined ? screenWidthOf(io.stdout) : undefined, TABLE_ROW_LIMIT),
    status: statusStream,
    remember: (fields, rows) => (lastResult = { fields, rows }),
  });

  const execute = async (sql: string, source?: StatementSource): Promise<StatementStatus> => {
    const controller = new AbortController();
    running = controller;
    const started = performance.now();
    let status: StatementStatus;
    // A long result on the terminal goes through $PAGER: collect it first, then decide.
    const paged = pagerCommand !== undefined && output.path === undefined ? new CollectedText() : undefined;
    try {
      const { runStatement } = await loadRunner();
      await runStatement(conn, sql, target(paged ?? output), controller.signal);
      status = 'ok';
    } catch (error) {
      status = controller.signal.aborted ? 'cancelled' : 'failed';
      if (paged !== undefined) await output.write(paged.text);
      await errors.write(status === 'cancelled' ? 'Query cancelled\n' : `${formatErrorAt(error, source, debug)}\n`);
    } finally {
      running = undefined;
      await output.resultDone();
    }
    if (status === 'ok' && paged !== undefined) {
      const rows = (io.stdout as { rows?: number }).rows ?? 24;
      if (!(await pageText(paged.text, rows, pagerCommand!, rl))) await output.write(paged.text);
    }
    if (status !== 'ok') failures++;
    if (settings.timer) await terminal.write(`Run Time: ${((performance.now() - started) / 1000).toFixed(3)} s\n`);
    return status;
  };

  // A connection opened behind the prompt: the first thing that needs it waits; if it fails, the shell ends.
  let connectFailed = false;
  const connected = async (): Promise<boolean> => {
    if (!(conn instanceof DeferredConnection)) return true;
    return conn.ready().then(
      () => true,
      () => false,
    );
  };
  if (conn instanceof DeferredConnection) {
    conn.ready().then((opened) => {
      const note = options.connectedNote?.(opened);
      if (note === undefined || !interactive) return;
      // Above the prompt, keeping whatever has been typed.
      io.stdout.write(`\r\x1b[2K${note}\n`);
      if (running === undefined) rl.prompt(true);
    }, () => undefined);
    conn.ready().catch(async (error: unknown) => {
      connectFailed = true;
      await errors.write(`\n${formatError(error, debug)}\n`);
      input.push({ kind: 'end' });
    });
  }

  /** Runs what a collector produced; answers false when the rest of the input should be skipped. */
  const run = async (collected: Collected, inScript: boolean): Promise<'go-on' | 'quit' | 'stop'> => {
    if ((collected.kind === 'dot' || collected.kind === 'sql') && !(await connected())) return 'quit';
    if (collected.kind === 'dot') {
      if (!inScript) history?.add(collected.text);
      try {
        if ((await runDotCommand(collected.text, context)) === 'quit') return 'quit';
      } catch (error) {
        if (error instanceof Bail) throw error;
        failures++;
        await errors.write(`${formatError(error, debug)}\n`);
        if (inScript && settings.bail) throw new Bail();
      }
      return 'go-on';
    }
    if (collected.kind !== 'sql') return 'go-on';
    if (!inScript) history?.add(collapseToOneLine(collected.text));
    for (const statement of collected.statements) {
      const status = await execute(statement.sql, statement.source);
      // After a cancel, the rest of the input line is dropped too: the user asked to stop.
      if (status === 'cancelled') return 'stop';
      if (status === 'failed' && settings.bail && (inScript || !interactive)) {
        if (inScript) throw new Bail();
        return 'quit';
      }
    }
    return 'go-on';
  };

  const readScript = async (path: string): Promise<void> => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new DotCommandError(`Cannot read ${path}: ${error instanceof Error && 'code' in error ? String(error.code) : 'unreadable'}`);
    }
    const collector = new StatementCollector(false);
    for (const line of text.split(/\r?\n/)) {
      const outcome = await run(collector.push(line), true);
      if (outcome !== 'go-on') return;
    }
    await run(collector.finish(), true);
  };

  const context: DotCommandContext = {
    conn,
    settings,
    showRows: async (fields, rows) => (await loadRunner()).writeRows(fields, rows, target()),
    runSql: async (sql) => void (await execute(sql)),
    redirectOutput: (path) => output.redirect(path),
    redirectOnce: (path) => output.redirectOnce(path),
    readScript: async (path) => {
      try {
        await readScript(path);
      } catch (error) {
        if (!(error instanceof Bail)) throw error;
      }
    },
    chart: async (path) => {
      const [{ drawChart }, { ChartError }] = await Promise.all([import('./chart-command.js'), import('./chart.js')]);
      try {
        await drawChart(lastResult, path, { write: (text) => output.write(text) }, output.path === undefined ? screenWidthOf(io.stdout) ?? 80 : 80, terminal);
      } catch (error) {
        if (error instanceof ChartError) throw new DotCommandError(error.message);
        throw error;
      }
    },
    say: (text) => terminal.write(text),
  };

  if (interactive) await terminal.write(options.banner);
  // Loaded behind the prompt: formatting and the status line are needed only once a statement runs.
  setImmediate(() => void loadRunner().catch(() => undefined));
  let interruptsInARow = 0;
  try {
    if (options.outputFile !== undefined) await output.redirect(options.outputFile);
    for (;;) {
      if (interactive) {
        rl.setPrompt(collector.pending ? CONTINUATION_PROMPT : PROMPT);
        // Keeps the cursor where type-ahead left it: prompt() alone moves it to 0, and the next key lands first.
        rl.prompt(true);
      }
      const event = await input.next();
      if (event.kind === 'end') {
        // A piped script may omit the final `;`.
        if (!interactive) await run(collector.finish(), false);
        if (interactive) await terminal.write('\n');
        break;
      }
      if (event.kind === 'interrupt') {
        const pending = collector.pending || (rl.line ?? '') !== '';
        collector.discard();
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
      if ((await run(collector.push(event.text), false)) === 'quit') break;
    }
  } finally {
    interrupts.off('SIGINT', onInterrupt);
    rl.close();
    await output.close();
  }
  if (connectFailed) return 1;
  return interactive || failures === 0 ? 0 : 1;
}

let runner: Promise<typeof import('./run-statement.js')> | undefined;
function loadRunner(): Promise<typeof import('./run-statement.js')> {
  runner ??= import('./run-statement.js');
  return runner;
}

/** A sink that keeps the text, so the REPL can decide afterwards whether it needs the pager. */
class CollectedText implements TextSink {
  text = '';
  async write(text: string): Promise<void> {
    this.text += text;
  }
}

/** Clears what the user has typed on the prompt line (as Ctrl-E then Ctrl-U would) and moves to a fresh line. */
function discardTypedLine(rl: Interface, stdout: NodeJS.WritableStream): void {
  rl.write(null, { ctrl: true, name: 'e' });
  rl.write(null, { ctrl: true, name: 'u' });
  stdout.write('\n');
}
