/** The real clock: Date.now and an abortable setTimeout. */
import { CancelledError } from '../errors.js';
import type { Clock } from './types.js';

export const systemClock: Clock = { now: () => Date.now(), sleep };

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
