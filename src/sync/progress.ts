/**
 * The sync's progress on stderr. On a terminal: one line redrawn in place (table, account,
 * window, rows, calls, rate-limit waits, jobs done); elsewhere: one line per finished table.
 */
import type { SyncProgress } from './run-sync.js';

export interface ProgressSink {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export function progressPrinter(sink: ProgressSink): { onProgress: (event: SyncProgress) => void; finish: () => void } {
  const totals = { rows: 0, calls: 0, waits: 0 };
  const perTable = new Map<string, { rows: number; calls: number; jobsLeft: number }>();
  let drawn = false;
  let finished = false;
  const line = (event: SyncProgress, rows: number) => {
    const { job } = event;
    const where = [job.table + (job.variant ? `/${job.variant}` : ''), job.account ? `account ${job.account}` : '', job.read ? `${job.read.start}…${job.read.end}` : '']
      .filter(Boolean)
      .join(' · ');
    return `[${event.index + 1}/${event.total}] ${where} · ${totals.rows + rows} rows · ${totals.calls} calls · ${totals.waits} rate-limit waits`;
  };
  return {
    onProgress(event) {
      if (event.phase === 'done') {
        totals.rows += event.rows;
        totals.calls += event.calls;
        totals.waits += event.rateLimitWaits;
      }
      if (sink.isTTY) {
        sink.write(`\r\x1b[K${line(event, event.phase === 'done' ? 0 : event.rows)}`);
        drawn = true;
        return;
      }
      if (event.phase !== 'done') return;
      const entry = perTable.get(event.job.table) ?? { rows: 0, calls: 0, jobsLeft: 0 };
      entry.rows += event.rows;
      entry.calls += event.calls;
      perTable.set(event.job.table, entry);
    },
    finish() {
      if (finished) return;
      finished = true;
      if (drawn) sink.write('\r\x1b[K');
      if (!sink.isTTY) for (const [table, t] of perTable) sink.write(`synced ${table}: ${t.rows} rows, ${t.calls} calls\n`);
    },
  };
}
