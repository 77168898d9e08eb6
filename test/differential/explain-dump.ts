/**
 * Dumps EXPLAIN of the differential queries (same generator, seed and chunks as differential.test.ts),
 * one JSON line per query, so a planner refactor can show its plans did not change:
 *
 *   DIFF_COUNT=3750 node --import tsx test/differential/explain-dump.ts > before.jsonl   (then after, and diff)
 */
import fc from 'fast-check';
import { startHarness } from '../twitterads/harness.js';
import { loadDataset } from './dataset.js';
import { statement } from './generators/query.js';
import type { ColumnType } from './query-ast.js';
import { renderQuery } from './render.js';

const COUNT = Number(process.env.DIFF_COUNT ?? 500);
const SEED = Number(process.env.DIFF_SEED ?? 20261201);
const CHUNK = 250;

const h = await startHarness({ seed: 7, rateLimit: 100_000_000 });
try {
  const catalogTypes = new Map(h.conn.tables().map((info) => [info.name, new Map(info.columns.map((c) => [c.name, c.type as ColumnType]))]));
  const byName = new Map((await loadDataset(h.emulator, catalogTypes)).map((x) => [x.name, x]));
  for (let done = 0, chunk = 0; done < COUNT; chunk++) {
    for (const q of fc.sample(statement({ tables: byName }), { numRuns: Math.min(CHUNK, COUNT - done), seed: SEED + chunk })) {
      done++;
      const sql = renderQuery(q, 'socialsql');
      let plan: unknown;
      try {
        plan = (await h.conn.query(`EXPLAIN ${sql}`)).rows;
      } catch (error) {
        plan = `error: ${String((error as Error)?.message)}`;
      }
      process.stdout.write(`${JSON.stringify({ sql, plan })}\n`);
    }
  }
} finally {
  await h.close();
}
