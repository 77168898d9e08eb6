/**
 * Operators exchange tuples in batches (arrays), so the per-row work is a plain loop and the
 * async machinery (an await, a cancellation check) is paid once per batch.
 */
import { CancelledError } from '../errors.js';

/** Rows per batch that an operator builds itself (sort and aggregate output, in-memory tables). */
export const BATCH_SIZE = 1024;

/** Cuts a buffered result into batches. */
export function* chunks<T>(all: readonly T[], size: number = BATCH_SIZE): Generator<readonly T[]> {
  for (let start = 0; start < all.length; start += size) yield all.slice(start, start + size);
}

/**
 * Batches → one value at a time. A hand-written iterator, because an async generator costs
 * several microtask hops per value. Stopping early (return) closes the source, so no further page
 * is fetched; an aborted signal ends the stream with CancelledError even in the middle of a batch.
 */
export function flatten<T>(batches: AsyncIterable<readonly T[]>, signal: AbortSignal): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => new Flattened(batches[Symbol.asyncIterator](), signal) };
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

class Flattened<T> implements AsyncIterator<T, undefined> {
  private batch: readonly T[] = [];
  private index = 0;
  private finished = false;
  /** The last slow step still running: overlapping next() calls queue behind it instead of racing. */
  private tail: Promise<void> | undefined;

  constructor(
    private readonly source: AsyncIterator<readonly T[]>,
    private readonly signal: AbortSignal,
  ) {}

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.tail === undefined && this.index < this.batch.length && !this.signal.aborted) {
      return Promise.resolve({ done: false, value: this.batch[this.index++]! });
    }
    return this.queued(() => this.pull());
  }

  return(): Promise<IteratorResult<T, undefined>> {
    return this.queued(async () => {
      await this.close();
      return DONE;
    });
  }

  private async pull(): Promise<IteratorResult<T, undefined>> {
    try {
      for (;;) {
        if (this.finished) return DONE;
        if (this.signal.aborted) {
          await this.close().catch(() => undefined);
          throw new CancelledError();
        }
        if (this.index < this.batch.length) return { done: false, value: this.batch[this.index++]! };
        const step = await this.source.next();
        if (step.done) {
          this.finished = true;
          return DONE;
        }
        this.batch = step.value;
        this.index = 0;
      }
    } catch (error) {
      this.finished = true;
      throw error;
    }
  }

  private async close(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.batch = [];
    await this.source.return?.();
  }

  private async queued<R>(step: () => Promise<R>): Promise<R> {
    const previous = this.tail;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.tail = mine;
    try {
      await previous;
      return await step();
    } finally {
      release();
      if (this.tail === mine) this.tail = undefined;
    }
  }
}
