/**
 * Runs one statement and writes its result. SELECTs go through `conn.stream` so rows
 * are written as pages arrive; everything else (EXEC, EXPLAIN, INSERT, ...) through
 * `conn.query`. Cancelling the signal stops the work and rejects with CancelledError
 * even if the connection is slow to notice.
 */
import type { Field, Row } from '../catalog/types.js';
import type { Connection, QueryOptions, QueryResult } from '../connection/types.js';
import { CancelledError } from '../errors.js';
import { explainTree, isExplainResult, renderExplainTree } from './explain-tree.js';
import { createResultWriter, isMachineMode, type OutputMode, type WriterOptions } from './formats.js';
import type { TextSink } from './output.js';
import { firstKeyword } from './sql-text.js';
import { StatusLine } from './status-line.js';

export interface StatementTarget {
  readonly mode: OutputMode;
  /** Result rows. */
  readonly output: TextSink;
  /** Messages about a result (`N rows affected`) in machine modes, so stdout stays parseable. */
  readonly notices: TextSink;
  /** How the mode lays rows out (width, NULL text, headers, ...). */
  readonly format?: WriterOptions;
  /** Print secret columns as they are; otherwise they show as ****. */
  readonly revealSecrets?: boolean;
  /** A terminal (stderr) for the live status line; absent in pipes. */
  readonly status?: NodeJS.WritableStream & { columns?: number };
  /** Keeps the result's rows (up to this many) for `.chart`. */
  readonly remember?: (fields: readonly Field[], rows: readonly Row[]) => void;
}

/** `.chart` looks at no more than this many rows of the last result. */
export const REMEMBERED_ROWS = 10_000;

/** Columns that hold credentials: OAuthAccessToken, OAuthAccessTokenSecret, AuthToken, AuthKey, ... */
const SECRET_COLUMN = /token|secret|authkey|verifier|password/i;

/** Rows with secret columns masked, unless the target asked to see them. */
function masked(fields: readonly Field[], target: StatementTarget): (row: Row) => Row {
  const secret = fields.filter((f) => SECRET_COLUMN.test(f.name)).map((f) => f.name);
  if (target.revealSecrets || secret.length === 0) return (row) => row;
  return (row) => ({ ...row, ...Object.fromEntries(secret.filter((name) => row[name] !== null && row[name] !== undefined).map((name) => [name, '****'])) });
}

const STREAMED = new Set(['SELECT', 'WITH']);

export async function runStatement(conn: Connection, sql: string, given: StatementTarget, signal: AbortSignal): Promise<void> {
  const status = given.status === undefined ? undefined : new StatusLine(given.status);
  // The status line is erased before anything is printed, so it never mixes with results.
  const target: StatementTarget = status === undefined ? given : { ...given, output: beforeWrite(given.output, () => status.stop()), notices: beforeWrite(given.notices, () => status.stop()) };
  const options: QueryOptions = { signal, ...(status === undefined ? {} : { onProgress: (progress) => status.update(progress) }) };
  try {
    if (STREAMED.has(firstKeyword(sql))) {
      await streamRows(conn, sql, target, options);
      return;
    }
    const result = await untilAborted(conn.query(sql, undefined, options), signal);
    status?.stop();
    await writeQueryResult(result, target);
  } finally {
    status?.stop();
  }
}

function beforeWrite(sink: TextSink, first: () => void): TextSink {
  return {
    write: (text) => {
      if (text !== '') first();
      return sink.write(text);
    },
  };
}

/** Writes a complete result: its rows (if it has columns) and its affected-row count (if any). */
export async function writeQueryResult(result: QueryResult, target: StatementTarget): Promise<void> {
  if (isExplainResult(result.fields) && (await writeExplain(result.rows, target))) return;
  if (result.fields.length > 0 || result.affectedRows === undefined) await writeRows(result.fields, result.rows, target);
  if (result.affectedRows !== undefined) {
    const sink = isMachineMode(target.mode) ? target.notices : target.output;
    await sink.write(`${result.affectedRows} ${result.affectedRows === 1 ? 'row' : 'rows'} affected\n`);
  }
}

/** EXPLAIN as a tree in the table modes, nested JSON in json mode; other modes print its rows. */
async function writeExplain(rows: readonly Row[], target: StatementTarget): Promise<boolean> {
  const mode = target.mode;
  if (mode === 'json') {
    const pretty = target.format?.jsonPretty === true;
    await target.output.write(`${JSON.stringify(explainTree(rows), null, pretty ? 2 : undefined)}\n`);
    return true;
  }
  if (mode !== 'table' && mode !== 'box' && mode !== 'markdown') return false;
  const tree = renderExplainTree(rows, mode === 'markdown' ? undefined : target.format?.screenWidth);
  await target.output.write(mode === 'markdown' ? `\`\`\`\n${tree}\`\`\`\n` : tree);
  return true;
}

export async function writeRows(fields: readonly Field[], rows: Iterable<Row>, target: StatementTarget): Promise<void> {
  const writer = createResultWriter(target.mode, target.format);
  const shown = masked(fields, target);
  const kept: Row[] = [];
  await target.output.write(writer.begin(fields));
  for (const row of rows) {
    const visible = shown(row);
    if (target.remember !== undefined && kept.length < REMEMBERED_ROWS) kept.push(visible);
    await target.output.write(writer.row(visible));
    if (writer.full) break;
  }
  await target.output.write(writer.finish());
  target.remember?.(fields, kept);
}

async function streamRows(conn: Connection, sql: string, target: StatementTarget, options: QueryOptions): Promise<void> {
  const signal = options.signal!;
  const stream = conn.stream(sql, undefined, options);
  // If iteration fails first, nobody awaits `fields`; keep its rejection from going unhandled.
  stream.fields.catch(() => undefined);
  const rows = stream[Symbol.asyncIterator]();
  const writer = createResultWriter(target.mode, target.format);
  let finished = false;
  let begun = false;
  try {
    // `fields` is awaited after the first row is requested: an engine may plan lazily on first pull.
    let next = await untilAborted(rows.next(), signal);
    const fields = await untilAborted(stream.fields, signal);
    const shown = masked(fields, target);
    const kept: Row[] = [];
    await target.output.write(writer.begin(fields));
    begun = true;
    while (next.done !== true) {
      const visible = shown(next.value);
      if (target.remember !== undefined && kept.length < REMEMBERED_ROWS) kept.push(visible);
      await target.output.write(writer.row(visible));
      if (writer.full) break;
      next = await untilAborted(rows.next(), signal);
    }
    finished = next.done === true;
    await target.output.write(writer.finish());
    target.remember?.(fields, kept);
  } catch (error) {
    // Leave the terminal on a fresh line after a half-written JSON array.
    if (begun && target.mode === 'json') await target.output.write('\n');
    throw error;
  } finally {
    // Stopping early (table cap, error, cancel) tells the engine to stop fetching pages.
    if (!finished) void rows.return?.().catch(() => undefined);
  }
}

/** Resolves like `promise` unless `signal` aborts first, in which case it rejects with CancelledError. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined); // it may reject after we stop listening
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
