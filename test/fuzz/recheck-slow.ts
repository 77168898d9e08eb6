/**
 * Re-runs, alone, the statements a long fuzz run reported as slow (over 5 s of wall time, or
 * cancelled at 5 s), to tell a statement that is slow from one starved of CPU on a busy machine:
 *
 *   node --import tsx test/fuzz/recheck-slow.ts SEED CHUNK 'sql prefix' [CHUNK 'sql prefix' ...]
 *
 * It rebuilds the chunk's statements from the seed (as fuzz.test.ts draws them), finds the one that
 * starts with the prefix and prints its wall and CPU time and outcome, as one JSON line.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { connect } from '../../src/providers/twitterads/index.js';
import { mutated } from './mutate.js';
import { selectStatement, writeStatement, type FuzzTable } from './sql-grammar.js';

const [seedText, ...pairs] = process.argv.slice(2);
const SEED = Number(seedText);
const conn = await connect('Emulator=true;MaxRateLimitDelay=0');
const tables: FuzzTable[] = conn.tables().map((info) => ({ name: info.name, columns: info.columns.map((c) => c.name) }));
const select = selectStatement(tables);
const statement = fc.oneof({ weight: 10, arbitrary: select }, { weight: 8, arbitrary: mutated(select) }, { weight: 1, arbitrary: writeStatement() }, { weight: 1, arbitrary: mutated(writeStatement()) });
for (let i = 0; i + 1 < pairs.length; i += 2) {
  const chunk = Number(pairs[i]);
  const prefix = pairs[i + 1]!;
  const sql = fc.sample(statement, { numRuns: 500, seed: SEED + chunk }).find((s) => s.startsWith(prefix));
  if (sql === undefined) {
    console.log(JSON.stringify({ chunk, prefix: prefix.slice(0, 80), found: false }));
    continue;
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const outcome = await conn.query(sql, undefined, { signal: AbortSignal.timeout(60_000) }).then(
    (r) => `ok, ${r.rows.length} rows`,
    (e: Error) => `${e.name}: ${e.message.slice(0, 100)}`,
  );
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ chunk, chars: sql.length, wallMs: Math.round(performance.now() - t0), cpuMs: Math.round((c.user + c.system) / 1000), outcome, sql: sql.slice(0, 160) }));
}
await conn.close();
