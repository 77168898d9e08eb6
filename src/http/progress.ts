/**
 * What the HTTP stack is doing right now, for a live status line: requests on the wire and done,
 * and rate-limit waits. A meter sits at the bottom of a connection's stack (it sees every request
 * that really goes out, retries included, cache hits not); listeners subscribe while a query runs.
 */
import type { Layer } from './types.js';

export type HttpProgressEvent =
  | { readonly kind: 'sent' }
  | { readonly kind: 'done' }
  /** A rate-limit wait of `ms` starts now. */
  | { readonly kind: 'wait'; readonly ms: number };

export class ProgressMeter {
  private readonly listeners = new Set<(event: HttpProgressEvent) => void>();

  /** Calls `listener` for each event until the returned function is called. */
  subscribe(listener: (event: HttpProgressEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(event: HttpProgressEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A status line must never break a request.
      }
    }
  }

  /** The layer that reports each exchange; put it just above the transport. */
  layer(): Layer {
    return (next) => async (request) => {
      this.emit({ kind: 'sent' });
      try {
        return await next(request);
      } finally {
        this.emit({ kind: 'done' });
      }
    };
  }
}
