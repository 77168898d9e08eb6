/**
 * Yields the items of several async sources in source order, while up to `concurrency` of them
 * run ahead. Several API calls overlap, yet rows keep a deterministic order. A source that runs
 * ahead pauses once it has buffered `highWater` items, so memory stays bounded by pages, not
 * results. Stopping early closes every source that started.
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

export async function* concatConcurrently<T>(sources: ReadonlyArray<() => AsyncIterable<T>>, concurrency: number, highWater = 2000): AsyncGenerator<T> {
  if (concurrency <= 1 || sources.length <= 1) {
    for (const source of sources) yield* source();
    return;
  }
  const pumps: Pump<T>[] = [];
  let stopped = false;
  const start = (index: number): void => {
    const pump: Pump<T> = { iterator: sources[index]!()[Symbol.asyncIterator](), items: [], done: false };
    pumps[index] = pump;
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
        pump.itemArrived?.();
      }
    })();
  };
  let started = 0;
  while (started < Math.min(concurrency, sources.length)) start(started++);
  try {
    for (let index = 0; index < sources.length; index++) {
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
      if (started < sources.length) start(started++);
    }
  } finally {
    stopped = true;
    for (const pump of pumps) pump?.roomFreed?.();
    await Promise.allSettled(pumps.filter((p) => p && !p.done).map((p) => p.iterator.return?.()));
  }
}
