/**
 * `socialsql sync <provider> [connection] --to <target> [--tables T1,T2] [--since DATE]
 * [--lookback-days N] [--workers N]` and `socialsql worker <postgres-target>` (DESIGN §2).
 * Progress goes to stderr; the last stdout line is the JSON summary.
 */
import { parseArgs } from 'node:util';
import { PlanError, SocialSqlError } from '../errors.js';
import { progressPrinter } from '../sync/progress.js';
import { runSync } from '../sync/run-sync.js';
import { openTarget } from '../sync/target.js';
import { parseTargetUrl } from '../sync/target-url.js';
import { isProvider, PROVIDERS } from './args.js';
import { formatError, isDebug } from './error-text.js';
import type { CliIo } from './io.js';
import { writeText } from './output.js';

export const SYNC_USAGE = `Usage:
  socialsql sync <provider> [connection-string] --to <target> [--tables T1,T2] [--since YYYY-MM-DD]
                 [--lookback-days N] [--workers N]
  socialsql worker <postgres-target>

Targets: sqlite:./ads.db (embedded) or postgres://user@host:port/db
`;

export async function runSyncCommand(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (argv[0] === 'worker') return await runWorkerCommand(argv.slice(1), io);
    return await sync(argv.slice(1), io);
  } catch (error) {
    if (error instanceof UsageError) {
      await writeText(io.stderr, `socialsql: ${error.message}\n\n${SYNC_USAGE}`);
      return 2;
    }
    await writeText(io.stderr, `${formatError(error, isDebug(io.env))}\n`);
    return error instanceof SocialSqlError && error.code === 'CANCELLED' ? 130 : 1;
  }
}

class UsageError extends Error {}

async function sync(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        to: { type: 'string' },
        tables: { type: 'string' },
        since: { type: 'string' },
        'lookback-days': { type: 'string' },
        workers: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const [provider, connectionString, ...extra] = parsed.positionals;
  if (provider === undefined || !isProvider(provider)) throw new UsageError(`sync needs a provider (${PROVIDERS.join(' or ')})`);
  if (extra.length > 0) throw new UsageError('too many arguments (quote the connection string: it contains ;)');
  const to = parsed.values.to;
  if (!to) throw new UsageError('sync needs --to <target>, e.g. --to sqlite:./ads.db');
  const since = parsed.values.since;
  if (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new UsageError('--since takes a date, YYYY-MM-DD');
  const lookbackDays = wholeNumber(parsed.values['lookback-days'], '--lookback-days');
  const workers = wholeNumber(parsed.values.workers, '--workers');
  const spec = parseTargetUrl(to);
  if (workers !== undefined && workers > 0 && spec.kind !== 'postgres') throw new PlanError('--workers needs a PostgreSQL target: the job queue lives there');

  const open = io.openConnection ?? (async (p, cs) => (await import('../providers/open.js')).openConnection(p, cs));
  const conn = await open(provider, connectionString?.trim() ? connectionString : 'Emulator=true');
  const controller = new AbortController();
  const interrupts = io.interrupts ?? process;
  const onInterrupt = () => controller.abort();
  interrupts.on('SIGINT', onInterrupt);
  const progress = progressPrinter(io.stderr as NodeJS.WritableStream & { isTTY?: boolean });
  try {
    const target = await openTarget(spec);
    try {
      const options = {
        provider,
        conn,
        target,
        signal: controller.signal,
        onProgress: progress.onProgress,
        ...(parsed.values.tables ? { tables: parsed.values.tables.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
        ...(since ? { since } : {}),
        ...(lookbackDays !== undefined ? { lookbackDays } : {}),
      };
      const summary =
        workers !== undefined && workers > 0
          ? await (await import('../sync/workers/run-with-workers.js')).runSyncWithWorkers({ ...options, workers, targetUrl: to, connectionString: connectionString ?? '' })
          : await runSync(options);
      progress.finish();
      await writeText(io.stdout, `${JSON.stringify(summary)}\n`);
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    progress.finish();
    interrupts.off('SIGINT', onInterrupt);
    await conn.close();
  }
}

async function runWorkerCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [to, ...extra] = argv;
  if (!to || extra.length > 0) throw new UsageError('worker takes one argument, the PostgreSQL target');
  const spec = parseTargetUrl(to);
  if (spec.kind !== 'postgres') throw new PlanError('A worker needs a PostgreSQL target: the job queue lives there');
  const { runWorker } = await import('../sync/workers/worker.js');
  const controller = new AbortController();
  const interrupts = io.interrupts ?? process;
  const onInterrupt = () => controller.abort();
  interrupts.on('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    await runWorker({ targetUrl: spec.url, signal: controller.signal, env: io.env, log: (line: string) => void writeText(io.stderr, `${line}\n`) });
    return 0;
  } finally {
    interrupts.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number`);
  return Number(value);
}
