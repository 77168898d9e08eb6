/**
 * Yields the items of several async sources in source order, while up to `concurrency` of them
 * run ahead. Several API calls overlap, yet rows keep a deterministic order. Stopping early
 * closes every source that started.
 */
export async function* concatConcurrently<T>(sources: ReadonlyArray<() => AsyncIterable<T>>, concurrency: number): AsyncGenerator<T> {
  if (concurrency <= 1 || sources.length <= 1) {
    for (const source of sources) yield* source();
    return;
  }
  type Buffer = { items: T[]; done: boolean; error?: unknown; wake?: () => void; iterator: AsyncIterator<T> };
  const buffers: Buffer[] = [];
  let stopped = false;
  const start = (index: number): void => {
    const iterator = sources[index]!()[Symbol.asyncIterator]();
    const buffer: Buffer = { items: [], done: false, iterator };
    buffers[index] = buffer;
    void (async () => {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done || stopped) break;
          buffer.items.push(next.value);
          buffer.wake?.();
        }
      } catch (error) {
        buffer.error = error;
      } finally {
        buffer.done = true;
        buffer.wake?.();
      }
    })();
  };
  let started = 0;
  while (started < Math.min(concurrency, sources.length)) start(started++);
  try {
    for (let index = 0; index < sources.length; index++) {
      const buffer = buffers[index]!;
      for (;;) {
        if (buffer.items.length > 0) {
          yield buffer.items.shift()!;
          continue;
        }
        if (buffer.error !== undefined) throw buffer.error;
        if (buffer.done) break;
        await new Promise<void>((resolve) => (buffer.wake = resolve));
        buffer.wake = undefined;
      }
      if (started < sources.length) start(started++);
    }
  } finally {
    stopped = true;
    await Promise.allSettled(buffers.filter((b) => b && !b.done).map((b) => b.iterator.return?.()));
  }
}
