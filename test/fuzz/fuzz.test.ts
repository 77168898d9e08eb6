/**
 * The SQL fuzzer: seeded statements (grammar-based, then mutated) run in one process against the
 * in-process Twitter Ads emulator. Every statement must succeed or fail with a documented error
 * class (a SqlSyntaxError with its position), with no uncaught exception or unhandled rejection
 * and none running past 5 s (a hang detector, not a timing assertion).
 *
 *   FUZZ_COUNT=100000 FUZZ_SEED=7 node --import tsx --test test/fuzz/fuzz.test.ts   (a local run)
 *   FUZZ_CHUNKS=a-b runs chunks a..b-1 of 500 statements only (the same statements as in the whole run).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { connect } from '../../src/providers/twitterads/index.js';
import { CancelledError, SocialSqlError, SqlSyntaxError } from '../../src/errors.js';
import { mutated } from './mutate.js';
import { selectStatement, writeStatement, type FuzzTable } from './sql-grammar.js';

const COUNT = Number(process.env.FUZZ_COUNT ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const HANG_MS = 5000;
const CHUNK = 500;
// FUZZ_CHUNKS=a-b runs only chunks a..b-1 (statements a*500 .. b*500-1) of the run: segments of one run in parallel processes.
const [FIRST_CHUNK, END_CHUNK] = (process.env.FUZZ_CHUNKS ?? `0-${Math.ceil(COUNT / CHUNK)}`).split('-').map(Number) as [number, number];

test(`fuzz: ${COUNT} statements, seed ${SEED}`, { timeout: Math.max(600_000, COUNT * 100) }, async (t) => {
  const escaped: string[] = [];
  const onRejection = (reason: unknown) => escaped.push(`unhandled rejection: ${String(reason)}`);
  const onException = (error: unknown) => escaped.push(`uncaught exception: ${String(error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  // The emulator keeps the real rate budgets; a spent one is a RateLimitError at once, not a 60 s wait.
  const conn = await connect('Emulator=true;MaxRateLimitDelay=0');
  try {
    const tables: FuzzTable[] = conn.tables().map((info) => ({ name: info.name, columns: info.columns.map((c) => c.name) }));
    const select = selectStatement(tables);
    const statement = fc.oneof(
      { weight: 10, arbitrary: select },
      { weight: 8, arbitrary: mutated(select) },
      { weight: 1, arbitrary: writeStatement() },
      { weight: 1, arbitrary: mutated(writeStatement()) },
    );
    const counts = new Map<string, number>();
    const problems: string[] = [];
    // A long local run shows each problem as it is found, with its chunk (test/fuzz/recheck-slow.ts re-runs slow ones alone).
    const report = (chunk: number) => {
      if (process.env.FUZZ_PROGRESS) for (const p of problems.slice(reported)) process.stderr.write(`problem in chunk ${chunk}: ${p}\n`);
      reported = problems.length;
    };
    let reported = 0;
    const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    let slowest = 0;
    for (let done = FIRST_CHUNK * CHUNK, chunk = FIRST_CHUNK; done < COUNT && chunk < END_CHUNK; chunk++) {
      const batch = fc.sample(statement, { numRuns: Math.min(CHUNK, COUNT - done), seed: SEED + chunk });
      for (const sql of batch) {
        done++;
        const started = performance.now();
        try {
          await conn.query(sql, undefined, { signal: AbortSignal.timeout(HANG_MS) });
          count('ok');
        } catch (error) {
          if (!(error instanceof SocialSqlError)) {
            problems.push(`raw ${String((error as Error)?.name)}: ${String((error as Error)?.message).slice(0, 200)}\n  ${sql.slice(0, 300)}`);
            count('raw');
          } else {
            count(error.name);
            if (process.env.FUZZ_VERBOSE && error.name === process.env.FUZZ_VERBOSE) t.diagnostic(`${error.message.slice(0, 160)} <= ${sql.slice(0, 200)}`);
            if (error instanceof CancelledError) problems.push(`hang (cancelled after ${HANG_MS} ms): ${sql.slice(0, 300)}`);
            if (error instanceof SqlSyntaxError && !(Number.isInteger(error.line) && Number.isInteger(error.column) && error.line >= 1 && error.column >= 1)) {
              problems.push(`syntax error without a position: ${error.message}\n  ${sql.slice(0, 300)}`);
            }
            if (/\bundefined\b|\[object |\bNaN\b/.test(error.message)) problems.push(`unclear message: ${error.message.slice(0, 200)}\n  ${sql.slice(0, 300)}`);
          }
        }
        const elapsed = performance.now() - started;
        slowest = Math.max(slowest, elapsed);
        if (elapsed > HANG_MS) problems.push(`over ${HANG_MS} ms (${Math.round(elapsed)}): ${sql.slice(0, 300)}`);
        report(chunk);
      }
      if (process.env.FUZZ_PROGRESS) process.stderr.write(`fuzz ${done}/${COUNT}, seed ${SEED}: ${JSON.stringify(Object.fromEntries([...counts].sort()))}, problems ${problems.length}\n`);
    }
    await new Promise((resolve) => setImmediate(resolve));
    t.diagnostic(`statements ${COUNT}, seed ${SEED}, chunks ${FIRST_CHUNK}-${END_CHUNK}, slowest ${Math.round(slowest)} ms, by outcome ${JSON.stringify(Object.fromEntries([...counts].sort()))}`);
    assert.deepEqual(escaped, [], 'no uncaught exception or unhandled rejection');
    assert.deepEqual(problems.slice(0, 30), [], `${problems.length} problems`);
    const ran = [...counts.values()].reduce((a, b) => a + b, 0);
    assert.ok((counts.get('ok') ?? 0) > ran / 25, 'a fair share of statements runs to the end');
  } finally {
    await conn.close();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
});
