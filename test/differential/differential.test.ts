/**
 * The differential suite: generated queries run through socialsql against the Twitter Ads
 * emulator and through SQLite loaded with the same rows fetched raw from the emulator's API.
 * Results compare as multisets, or as sequences where ORDER BY orders fully.
 *
 *   DIFF_COUNT=20000 DIFF_SEED=42 node --import tsx --test test/differential/differential.test.ts
 *   DIFF_STRICT=1 also fails on the categories that belong to other areas (see categories.ts).
 *   DIFF_CHUNKS=a-b runs chunks a..b-1 of 250 queries only (the same queries as in the whole run).
 *
 * Deliberate differences, translated for SQLite in render.ts: `/` is always a Double; booleans
 * are 1/0 and datetimes ISO text there; LIKE folds case for ASCII only in SQLite, so generated
 * patterns flip the case of ASCII letters only. NULLs sort first ascending in both.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SocialSqlError } from '../../src/errors.js';
import { startHarness } from '../twitterads/harness.js';
import { categoriesOf, coveredTable } from './categories.js';
import { difference, normalize } from './compare.js';
import { ALL_ACCOUNTS, loadAllAccounts, loadDataset } from './dataset.js';
import { statement } from './generators/query.js';
import type { ColumnType } from './query-ast.js';
import { renderQuery } from './render.js';
import { openOracle } from './sqlite.js';

const COUNT = Number(process.env.DIFF_COUNT ?? 500);
const SEED = Number(process.env.DIFF_SEED ?? 20261201);
const STRICT = process.env.DIFF_STRICT === '1';
const CHUNK = 250;
// DIFF_CHUNKS=a-b runs only chunks a..b-1 (queries a*250 .. b*250-1) of the run: segments of one run in parallel processes.
const [FIRST_CHUNK, END_CHUNK] = (process.env.DIFF_CHUNKS ?? `0-${Math.ceil(COUNT / CHUNK)}`).split('-').map(Number) as [number, number];

test(`differential: ${COUNT} queries, seed ${SEED}`, { timeout: Math.max(600_000, COUNT * 200) }, async (t) => {
  // Real budgets (GET accounts: 2,000 a window) would throttle thousands of queries: lift them.
  const h = await startHarness({ seed: 7, rateLimit: 100_000_000 });
  try {
    const catalogTypes = new Map(h.conn.tables().map((info) => [info.name, new Map(info.columns.map((c) => [c.name, c.type as ColumnType]))]));
    const tables = await loadDataset(h.emulator, catalogTypes);
    const byName = new Map(tables.map((x) => [x.name, x]));
    const db = openOracle([...tables, ...(await loadAllAccounts(h.emulator, tables))]);
    const oracleTable = coveredTable(ALL_ACCOUNTS);
    const counts = { agree: 0, mismatch: 0, ourError: 0, rawError: 0, oracleError: 0, reportedOnly: 0 };
    const failures: string[] = [];
    const reported = new Map<string, string[]>();
    for (let done = FIRST_CHUNK * CHUNK, chunk = FIRST_CHUNK; done < COUNT && chunk < END_CHUNK; chunk++) {
      for (const q of fc.sample(statement({ tables: byName }), { numRuns: Math.min(CHUNK, COUNT - done), seed: SEED + chunk })) {
        done++;
        const ours = renderQuery(q, 'socialsql');
        const theirs = renderQuery(q, 'sqlite', oracleTable);
        let oracle: unknown[][];
        try {
          oracle = db.prepare(theirs).raw().all() as unknown[][];
        } catch (error) {
          counts.oracleError++;
          failures.push(`SQLite rejected: ${String(error)}\n  ${theirs}`);
          continue;
        }
        let problem: string | undefined;
        try {
          const result = await h.conn.query(ours);
          const rows = result.rows.map((r) => result.fields.map((f) => normalize(r[f.name])));
          problem = difference(rows, oracle.map((r) => r.map(normalize)), q.orderBy.length > 0);
          if (problem === undefined) counts.agree++;
        } catch (error) {
          problem = `${error instanceof SocialSqlError ? error.name : `raw ${String((error as Error)?.name)}`}: ${String((error as Error)?.message).slice(0, 200)}`;
          if (!(error instanceof SocialSqlError)) counts.rawError++;
        }
        if (problem === undefined) continue;
        const categories = [...categoriesOf(q, byName)];
        const line = `${problem}\n  ${ours}`;
        if (categories.length > 0 && !STRICT) {
          counts.reportedOnly++;
          for (const c of categories) reported.set(c, [...(reported.get(c) ?? []), line]);
        } else {
          if (problem.startsWith('raw') || problem.includes('Error:')) counts.ourError++;
          else counts.mismatch++;
          failures.push(line);
          if (process.env.DIFF_PROGRESS) process.stderr.write(`failure: ${line}\n`);
        }
      }
      // A long local run shows its counts as it goes (stderr, so a run cut short still reports).
      if (process.env.DIFF_PROGRESS) process.stderr.write(`differential ${done}/${COUNT}, seed ${SEED}: ${JSON.stringify(counts)}\n`);
    }
    t.diagnostic(`queries ${COUNT}, seed ${SEED}, chunks ${FIRST_CHUNK}-${END_CHUNK}: ${JSON.stringify(counts)}`);
    for (const [c, lines] of reported) t.diagnostic(`reported, not failed (${c}): ${lines.length}; first: ${lines[0]}`);
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures`);
    assert.ok(counts.agree > Object.values(counts).reduce((a, b) => a + b, 0) / 2, 'most queries run and agree');
  } finally {
    await h.close();
  }
});
