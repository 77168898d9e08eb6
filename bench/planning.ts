/**
 * Parse and plan times of the largest statements the SQL limits allow (README, "SQL limits"):
 * joins, select items, IN values, subqueries. CPU time of this process (user + system), so that a
 * busy machine inflates it less than wall time; no I/O happens (describe() plans only).
 *
 *   node --import tsx bench/planning.ts
 */
import { performance } from 'node:perf_hooks';
import { startHarness } from '../test/twitterads/harness.js';
import { parseStatements } from '../src/engine.js';

const cpuMs = (f: () => unknown): number => {
  const t0 = process.cpuUsage();
  f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const h = await startHarness();
const selfJoin = (n: number, alias = 'c') =>
  `SELECT ${alias}1.Id FROM Campaigns ${alias}1` + Array.from({ length: n - 1 }, (_, i) => ` JOIN Campaigns ${alias}${i + 2} ON ${alias}${i + 2}.Id = ${alias}${i + 1}.Id`).join('');
const cases: [string, string][] = [
  ...[16, 32, 64].map((n): [string, string] => [`${n} self-joined tables`, selfJoin(n)]),
  ...[1000, 2000, 4096].map((n): [string, string] => [`${n} select items`, `SELECT ${Array.from({ length: n }, (_, i) => `Name AS n${i}`).join(', ')} FROM Campaigns`]),
  ['10000 select items (over the limit)', `SELECT ${Array.from({ length: 10_000 }, (_, i) => `Name AS n${i}`).join(', ')} FROM Campaigns`],
  ...[2500, 5000, 10_000].map((n): [string, string] => [`${n} IN values`, `SELECT Id FROM Campaigns WHERE Id IN (${Array.from({ length: n }, (_, i) => `'x${i}'`).join(', ')})`]),
  ...[2, 4, 300].map((k): [string, string] => [
    `${k} scalar subqueries of 64 tables${k * 64 > 256 ? ' (over the 256 table references limit)' : ''}`,
    `SELECT ${Array.from({ length: k }, (_, j) => `(${selfJoin(64, `s${j}_`).replace(/^SELECT \S+/, 'SELECT COUNT(*)')}) AS q${j}`).join(', ')}`,
  ]),
];
await h.conn.describe('SELECT 1');
for (const [label, sql] of cases) {
  const parse: number[] = [];
  const total: number[] = [];
  let outcome = 'ok';
  for (let run = 0; run < 3; run++) {
    parse.push(cpuMs(() => {
      try {
        parseStatements(sql);
      } catch (e) {
        outcome = (e as Error).name;
      }
    }));
    const t0 = process.cpuUsage();
    try {
      // A text of its own each run: the connection's statement cache would otherwise skip the parse.
      await h.conn.describe(`${sql}\n-- run ${run}`);
    } catch (e) {
      outcome = (e as Error).name;
    }
    const d = process.cpuUsage(t0);
    total.push((d.user + d.system) / 1000);
  }
  const p = median(parse);
  const t = median(total);
  console.log(JSON.stringify({ case: label, chars: sql.length, parseMs: Math.round(p), planMs: Math.max(0, Math.round(t - p)), outcome }));
}
// The slowest statement under the limits, with timeoutMs 200: planning stops at the step past the deadline (parsing cannot).
const slowest = cases.find(([label]) => label === '4 scalar subqueries of 64 tables')![1];
const t0 = performance.now();
const parseOnly = cpuMs(() => parseStatements(slowest));
const c1 = process.cpuUsage();
const outcome = await h.conn.query(slowest, [], { timeoutMs: 200 }).then(() => 'ok', (e: Error) => e.name);
const dq = process.cpuUsage(c1);
console.log(JSON.stringify({ case: 'slowest, timeoutMs 200', parseMs: Math.round(parseOnly), queryCpuMs: Math.round((dq.user + dq.system) / 1000), wallMs: Math.round(performance.now() - t0), outcome }));
await h.close();
