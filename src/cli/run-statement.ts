/**
 * Runs one statement and writes its result. SELECTs go through `conn.stream` so rows
 * are written as pages arrive; everything else (EXEC, EXPLAIN, INSERT, ...) through
 * `conn.query`. Cancelling the signal stops the work and rejects with CancelledError
 * even if the connection is slow to notice.
 */
import type { Field, Row } from '../catalog/types.js';
import type { Connection, QueryResult } from '../connection/types.js';
import { CancelledError } from '../errors.js';
import { createResultWriter, isMachineMode, type OutputMode } from './formats.js';
import type { TextSink } from './output.js';
import { firstKeyword } from './sql-text.js';

export interface StatementTarget {
  readonly mode: OutputMode;
  /** Result rows. */
  readonly output: TextSink;
  /** Messages about a result (`N rows affected`) in machine modes, so stdout stays parseable. */
  readonly notices: TextSink;
  readonly tableRowLimit?: number;
  /** Print secret columns as they are; otherwise they show as ****. */
  readonly revealSecrets?: boolean;
}

/** Columns that hold credentials: OAuthAccessToken, OAuthAccessTokenSecret, AuthToken, AuthKey, ... */
const SECRET_COLUMN = /token|secret|authkey|verifier|password/i;

/** Rows with secret columns masked, unless the target asked to see them. */
function masked(fields: readonly Field[], target: StatementTarget): (row: Row) => Row {
  const secret = fields.filter((f) => SECRET_COLUMN.test(f.name)).map((f) => f.name);
  if (target.revealSecrets || secret.length === 0) return (row) => row;
  return (row) => ({ ...row, ...Object.fromEntries(secret.filter((name) => row[name] !== null && row[name] !== undefined).map((name) => [name, '****'])) });
}

const STREAMED = new Set(['SELECT', 'WITH']);

export async function runStatement(conn: Connection, sql: string, target: StatementTarget, signal: AbortSignal): Promise<void> {
  if (STREAMED.has(firstKeyword(sql))) {
    await streamRows(conn, sql, target, signal);
    return;
  }
  const result = await untilAborted(conn.query(sql, undefined, { signal }), signal);
  await writeQueryResult(result, target);
}

/** Writes a complete result: its rows (if it has columns) and its affected-row count (if any). */
export async function writeQueryResult(result: QueryResult, target: StatementTarget): Promise<void> {
  if (result.fields.length > 0 || result.affectedRows === undefined) await writeRows(result.fields, result.rows, target);
  if (result.affectedRows !== undefined) {
    const sink = isMachineMode(target.mode) ? target.notices : target.output;
    await sink.write(`${result.affectedRows} ${result.affectedRows === 1 ? 'row' : 'rows'} affected\n`);
  }
}

export async function writeRows(fields: readonly Field[], rows: Iterable<Row>, target: StatementTarget): Promise<void> {
  const writer = createResultWriter(target.mode, { tableRowLimit: target.tableRowLimit });
  const shown = masked(fields, target);
  await target.output.write(writer.begin(fields));
  for (const row of rows) {
    await target.output.write(writer.row(shown(row)));
    if (writer.full) break;
  }
  await target.output.write(writer.finish());
}

async function streamRows(conn: Connection, sql: string, target: StatementTarget, signal: AbortSignal): Promise<void> {
  const stream = conn.stream(sql, undefined, { signal });
  // If iteration fails first, nobody awaits `fields`; keep its rejection from going unhandled.
  stream.fields.catch(() => undefined);
  const rows = stream[Symbol.asyncIterator]();
  const writer = createResultWriter(target.mode, { tableRowLimit: target.tableRowLimit });
  let finished = false;
  let begun = false;
  try {
    // `fields` is awaited after the first row is requested: an engine may plan lazily on first pull.
    let next = await untilAborted(rows.next(), signal);
    const fields = await untilAborted(stream.fields, signal);
    const shown = masked(fields, target);
    await target.output.write(writer.begin(fields));
    begun = true;
    while (next.done !== true) {
      await target.output.write(writer.row(shown(next.value)));
      if (writer.full) break;
      next = await untilAborted(rows.next(), signal);
    }
    finished = next.done === true;
    await target.output.write(writer.finish());
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
