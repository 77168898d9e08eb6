/**
 * Lines, Ctrl-C presses and end-of-input, merged into one queue the REPL awaits in order.
 * Readline emits lines as fast as piped input arrives; the queue holds them while a
 * statement runs, so they are handled one at a time.
 */
export type InputEvent = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'interrupt' } | { readonly kind: 'end' };

export class InputQueue {
  private readonly events: InputEvent[] = [];
  private waiting: ((event: InputEvent) => void) | undefined;
  private ended = false;

  push(event: InputEvent): void {
    if (this.ended) return;
    if (event.kind === 'end') this.ended = true;
    const waiting = this.waiting;
    if (waiting !== undefined) {
      this.waiting = undefined;
      waiting(event);
    } else {
      this.events.push(event);
    }
  }

  /** The next event; after `end`, always `end`. */
  next(): Promise<InputEvent> {
    const event = this.events.shift();
    if (event !== undefined) return Promise.resolve(event);
    if (this.ended) return Promise.resolve({ kind: 'end' });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}
