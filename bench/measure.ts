/** Runs query cases against an emulator and prints calls vs the minimum and wall time vs the latency bound. */
import type { Connection } from '../src/connection/types.js';

export interface Case {
  name: string;
  sql: string;
  params?: string[];
  /** Fewest requests that can answer the query, given the API's limits. */
  minimumCalls: number;
  /** Requests that must happen one after another (paging, dependent fetches). */
  sequentialCalls: number;
}

export async function measureCases(title: string, conn: Connection, emulatorUrl: string, latencyMs: number, cases: readonly Case[]): Promise<void> {
  const stats = async () => ((await (await fetch(`${emulatorUrl}/__emulator/stats`)).json()) as { requests: number }).requests;
  const reset = () => fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
  console.log(`\n## ${title} (emulator latency ${latencyMs} ms)\n`);
  console.log('| query | rows | calls | minimum | calls/min | wall ms | lower bound ms | wall/bound |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const testCase of cases) {
    await reset();
    const started = performance.now();
    const { rows } = await conn.query(testCase.sql, testCase.params);
    const wall = performance.now() - started;
    const calls = await stats();
    const bound = testCase.sequentialCalls * latencyMs;
    console.log(
      `| ${testCase.name} | ${rows.length} | ${calls} | ${testCase.minimumCalls} | ${(calls / testCase.minimumCalls).toFixed(2)} | ${wall.toFixed(0)} | ${bound} | ${(wall / bound).toFixed(2)} |`,
    );
  }
}

export const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(',');
