/** A connection's replication target, opened on first use and closed with the connection. */
import { openTarget, type SyncTarget } from './target.js';
import type { TargetSpec } from './target-url.js';

export class TargetHandle {
  private opened: Promise<SyncTarget> | undefined;

  constructor(readonly spec: TargetSpec) {}

  get(): Promise<SyncTarget> {
    this.opened ??= openTarget(this.spec);
    return this.opened;
  }

  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (opened) await (await opened.catch(() => undefined))?.close();
  }
}
