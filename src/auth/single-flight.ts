/**
 * One in-process refresh shared by every request in flight: while a call runs, later calls get
 * the same promise; once it settles (resolved or rejected), the next call starts a new one.
 */
export function singleFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    if (running) return running;
    const current = (async () => fn())(); // a synchronous throw becomes a rejection shared the same way
    running = current;
    const clear = () => {
      if (running === current) running = undefined;
    };
    current.then(clear, clear);
    return current;
  };
}
