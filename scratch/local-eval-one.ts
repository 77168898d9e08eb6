/**
 * Prints the local-evaluation table alone, at a given row count: `npx tsx scratch/local-eval-one.ts 1000000`.
 * `--cpu [runs] [query-substring]`: socialsql vs the hand loop only, run in turn after one warm-up each:
 * median CPU ms (process.cpuUsage, all threads), the median of the per-pair CPU ratios, median wall ms.
 * On a loaded machine the in-process hand loop is the yardstick: the ratio moves less than either time.
 */
import { MemoryTable } from '../src/catalog/memory-table.js';
import { SourceCatalog } from '../src/catalog/source-catalog.js';
import type { Row } from '../src/catalog/types.js';
import { parseStatements, planQuery, type SelectStatement } from '../src/engine.js';
import { accountsInfo, benchLocalEvaluation, campaignsInfo, data, queries } from '../bench/local-eval.js';
import { printReport } from '../bench/report.js';

const rows = Number(process.argv[2] ?? 100000);
const cpu = process.argv.indexOf('--cpu');
if (cpu < 0) {
  const local = await benchLocalEvaluation(rows);
  printReport({ latencyMs: 50, maxConcurrency: 8, network: [], local, streaming: [] });
} else {
  const runs = Number(process.argv[cpu + 1] ?? 9);
  const only = process.argv[cpu + 2];
  const { campaigns, accounts } = data(rows);
  const catalog = new SourceCatalog([new MemoryTable(campaignsInfo, campaigns as unknown as Row[]), new MemoryTable(accountsInfo, accounts as unknown as Row[])]);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const run = async (f: () => unknown): Promise<{ cpu: number; wall: number; out: unknown }> => {
    const start = process.cpuUsage();
    const started = performance.now();
    const out = await f();
    const wall = performance.now() - started;
    const used = process.cpuUsage(start);
    return { cpu: (used.user + used.system) / 1000, wall, out };
  };
  const canonical = (r: unknown) => JSON.stringify((r as Record<string, unknown>[]).map((x) => Object.values(x)));
  for (const query of queries) {
    if (only !== undefined && !query.name.includes(only)) continue;
    const ours = async () => {
      const plan = planQuery(parseStatements(query.sql)[0] as SelectStatement, catalog);
      const out: Row[] = [];
      for await (const row of plan.run(new AbortController().signal)) out.push(row);
      return out;
    };
    const loop = () => query.loop(campaigns, accounts);
    // Interleaved, so both see the same load; the per-pair ratio is the steadiest number.
    const a = [await run(ours)];
    const b = [await run(loop)];
    const ratios: number[] = [];
    for (let i = 0; i < runs; i++) {
      a.push(await run(ours));
      b.push(await run(loop));
      ratios.push(a[a.length - 1]!.cpu / b[b.length - 1]!.cpu);
    }
    a.shift();
    b.shift();
    const same = canonical(a[0]!.out) === canonical(b[0]!.out);
    const m = (xs: { cpu: number; wall: number }[], k: 'cpu' | 'wall') => median(xs.map((x) => x[k])).toFixed(1).padStart(6);
    console.log(`${query.name.padEnd(48)} cpu ${m(a, 'cpu')} / ${m(b, 'cpu')}  ratio ${median(ratios).toFixed(2)}  | wall ${m(a, 'wall')} / ${m(b, 'wall')}  ${same ? 'same' : 'DIFFERENT'}`);
  }
}
