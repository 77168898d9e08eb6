/**
 * Yields the items of several async sources in source order, while up to `concurrency` of them
 * run at once. Several API calls overlap, yet rows keep a deterministic order. A source that
 * finishes frees its slot at once, even while an earlier, slower source is still being read: the
 * slot is not held until the consumer reaches it (head-of-line blocking). Memory stays bounded by
 * pages, not results: a source that runs ahead pauses once it has buffered `highWater` items, and
 * at most `LOOKAHEAD` × `concurrency` sources are started ahead of the one being read. Stopping
 * early closes every source that started.
 */
interface Pump<T> {
  readonly iterator: AsyncIterator<T>;
  readonly items: T[];
  done: boolean;
  error?: unknown;
  /** Wakes the consumer waiting for an item. */
  itemArrived?: () => void;
  /** Wakes the pump waiting for room. */
  roomFreed?: () => void;
}

/** Sources started ahead of the one being read, in multiples of `concurrency`: finished ones wait, buffered, to be read. */
const LOOKAHEAD = 4;

export async function* concatConcurrently<T>(sources: ReadonlyArray<() => AsyncIterable<T>>, concurrency: number, highWater = 2000): AsyncGenerator<T> {
  if (concurrency <= 1 || sources.length <= 1) {
    for (const source of sources) yield* source();
    return;
  }
  const pumps: Pump<T>[] = [];
  let stopped = false;
  let started = 0;
  let running = 0;
  /** The source being read. */
  let reading = 0;
  const fill = (): void => {
    while (!stopped && running < concurrency && started < sources.length && started - reading < concurrency * LOOKAHEAD) start(started++);
  };
  const start = (index: number): void => {
    const pump: Pump<T> = { iterator: sources[index]!()[Symbol.asyncIterator](), items: [], done: false };
    pumps[index] = pump;
    running++;
    void (async () => {
      try {
        while (!stopped) {
          if (pump.items.length >= highWater) {
            await new Promise<void>((resolve) => (pump.roomFreed = resolve));
            continue;
          }
          const next = await pump.iterator.next();
          if (next.done) break;
          pump.items.push(next.value);
          pump.itemArrived?.();
        }
      } catch (error) {
        pump.error = error;
      } finally {
        pump.done = true;
        running--;
        fill();
        pump.itemArrived?.();
      }
    })();
  };
  try {
    for (let index = 0; index < sources.length; index++) {
      // Reading moves on: the lookahead window moves with it (and the source to read is surely started).
      reading = index;
      fill();
      const pump = pumps[index]!;
      for (;;) {
        if (pump.items.length > 0) {
          const item = pump.items.shift()!;
          pump.roomFreed?.();
          pump.roomFreed = undefined;
          yield item;
          continue;
        }
        if (pump.error !== undefined) throw pump.error;
        if (pump.done) break;
        await new Promise<void>((resolve) => (pump.itemArrived = resolve));
        pump.itemArrived = undefined;
      }
    }
  } finally {
    stopped = true;
    for (const pump of pumps) pump?.roomFreed?.();
    await Promise.allSettled(pumps.filter((p) => p && !p.done).map((p) => p.iterator.return?.()));
  }
}
